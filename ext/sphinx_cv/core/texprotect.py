"""What a title's braces protect from a citation style's re-casing; no Sphinx import.

BibTeX re-cases a title for a style (sentence case, say) but leaves alone what
a top-level brace group holds (``{G}aussian``, ``{GPU}s``). CSL engines do
the same for text marked ``nocase``: :func:`protected_spans` gives a title's
styled runs (:func:`~sphinx_cv.core.texmarkup.latex_spans`) and the offsets
in their text of what its braces protect, widened to whole words, so every
face that re-cases a title keeps what the .bib protects.
"""

from __future__ import annotations

import re

from .texmarkup import SHOWN_ARGUMENT_COMMANDS, Span, latex_spans

#: around what braces protect, while the field is decoded (private-use: stripped from the input first)
_PROTECT, _PROTECT_END = "\ue010", "\ue011"
_TOKENS = re.compile(r"\\([A-Za-z]+)\s*|\\.|[{}$]|[^\\{}$]+", re.S)


def _mark_protected(text: str) -> str:
    """The value with marks around each brace group BibTeX protects from a style's re-casing.

    BibTeX's rule: a group opened at the top level is protected, unless it starts
    with a command (``{\\"o}`` is a special character, re-cased as a letter); a
    style command's argument (``\\emph{Drosophila melanogaster}``) is protected
    too. Other commands' arguments (accents) and math are left alone.
    """
    out: list[str] = []
    depth, math, protected = 0, False, False
    before: str | None = None  # the command right before this token ("" for a symbol: ``\\'``)
    for match in _TOKENS.finditer(text):
        token = match[0]
        if token == "$" and depth == 0:
            math = not math
        elif token == "{" and not math:
            if depth == 0:
                special = text.startswith("\\", match.end())  # ``{\\"o}``: a letter, re-cased as one
                protected = (before is None or before in SHOWN_ARGUMENT_COMMANDS) and not special
                token += _PROTECT if protected else ""
            depth += 1
        elif token == "}" and not math and depth > 0:
            depth -= 1
            if depth == 0 and protected:
                token = _PROTECT_END + token
        out.append(token)
        before = match[1] if match[1] is not None else ("" if token[0] == "\\" else None)
    return "".join(out)


def protected_spans(text: str) -> tuple[list[Span], tuple[tuple[int, int], ...]]:
    """Styled runs of a title (as :func:`latex_spans`), and the (start, end) offsets in their text
    of what braces protect from a citation style's re-casing."""
    text = re.sub(f"[{_PROTECT}{_PROTECT_END}]", "", text)
    spans = latex_spans(text)
    if "{" not in text:
        return spans, ()
    marked = "".join(run for _style, run in latex_spans(_mark_protected(text)))
    ranges: list[tuple[int, int]] = []
    kept: list[str] = []
    start = -1
    for char in marked:
        if char == _PROTECT:
            start = len(kept)
        elif char == _PROTECT_END:
            if 0 <= start < len(kept):
                ranges.append((start, len(kept)))
            start = -1
        else:
            kept.append(char)
    shown = "".join(run for _style, run in spans)
    if "".join(kept) != shown:  # a group whose edges were spaces may decode a space apart
        return spans, ()
    return spans, _whole_words(shown, ranges)


def _whole_words(text: str, ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Each range widened to the words it touches (``{G}aussian`` protects "Gaussian": CSL engines
    would title-case the rest of a word after a protected letter, "GAussian"), overlaps merged."""
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)
