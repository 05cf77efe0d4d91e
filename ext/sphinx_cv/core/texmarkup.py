"""BibTeX field text (LaTeX) to Unicode text with light styling; no Sphinx import.

pybtex keeps field values as written, and its ``Text.from_latex`` leaves
``\\emph{...}`` as literal text, so the few text-style commands that matter
in titles are handled here; accents and special characters go through
latexcodec (a pybtex dependency). Braces only protect case in BibTeX and
are dropped: titles are shown as written, never re-cased.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re

#: (style, text) runs; style is "" (plain), "em", "strong" or "code"
Span = tuple[str, str]

_STYLE_COMMANDS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "textbf": "strong",
    "texttt": "code",
    "textsc": "",
    "textrm": "",
    "textup": "",
    "textnormal": "",
    "textsf": "",
    "text": "",
    "mbox": "",
}
_STYLE_SWITCHES = {"em": "em", "it": "em", "itshape": "em", "sl": "em", "bf": "strong", "tt": "code"}
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_NEEDS_CODEC = re.compile(r"[\\~`\"]|--|''")
_SWITCH = re.compile(r"\{\\(" + "|".join(_STYLE_SWITCHES) + r")\b\s*")


def _group_end(text: str, start: int) -> int:
    """Index just after the brace group opening at ``start`` (or the end of text if unbalanced)."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(text)


@functools.cache
def _register_codec() -> None:
    """Register latexcodec's "ulatex" codec when first needed.

    Importing it builds a large table (~10 ms) that a site without accented
    BibTeX fields never pays.
    """
    import latexcodec  # noqa: F401


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """Accents and special characters to Unicode, braces and math dollars dropped."""
    text = text.replace(r"\$", "\x00").replace("$", "").replace("\x00", "$")
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :] if text.strip() else ""
    if _NEEDS_CODEC.search(text):  # most titles are plain: skip latexcodec, it costs ~0.2 ms a call
        _register_codec()
        with contextlib.suppress(UnicodeDecodeError, ValueError):
            # typeshed knows only the standard codecs; latexcodec's decodes str to str
            text = lead + codecs.decode(text.strip(), "ulatex") + trail  # type: ignore[call-overload]
    text = re.sub(r"(?<!\\)[{}]", "", text)
    return text.replace(r"\{", "{").replace(r"\}", "}")


def latex_spans(text: str, style: str = "") -> list[Span]:
    """Styled runs of a LaTeX field value; adjacent runs of the same style are merged."""
    spans: list[Span] = []
    index = 0
    plain_start = 0

    def flush(until: int) -> None:
        if until > plain_start:
            spans.append((style, _plain(text[plain_start:until])))

    while index < len(text):
        switch = _SWITCH.match(text, index)
        command = _COMMAND.match(text, index)
        if switch:
            end = _group_end(text, index)
            flush(index)
            inner = text[switch.end() : end - 1 if text[end - 1 : end] == "}" else end]
            spans += latex_spans(inner, _STYLE_SWITCHES[switch[1]] or style)
            index = plain_start = end
        elif command and command[1] in _STYLE_COMMANDS and text[command.end() : command.end() + 1] == "{":
            end = _group_end(text, command.end())
            flush(index)
            inner = text[command.end() + 1 : end - 1 if text[end - 1 : end] == "}" else end]
            spans += latex_spans(inner, _STYLE_COMMANDS[command[1]] or style)
            index = plain_start = end
        elif text[index] == "\\":
            index += 2
        else:
            index += 1
    flush(len(text))
    merged: list[Span] = []
    for span_style, shown in spans:
        if merged and merged[-1][0] == span_style:
            merged[-1] = (span_style, merged[-1][1] + shown)
        else:
            merged.append((span_style, shown))
    return _tidy(merged)


def _tidy(spans: list[Span]) -> list[Span]:
    """Collapse whitespace across runs and trim the ends."""
    out: list[Span] = []
    for style, text in spans:
        text = re.sub(r"\s+", " ", text)
        if out and (out[-1][1].endswith(" ") or not out[-1][1]) and text.startswith(" "):
            text = text[1:]
        if text:
            out.append((style, text))
    if out:
        out[0] = (out[0][0], out[0][1].lstrip())
        out[-1] = (out[-1][0], out[-1][1].rstrip())
    return [span for span in out if span[1]]


@functools.lru_cache(maxsize=4096)
def latex_to_text(text: str) -> str:
    """A LaTeX field value as plain Unicode text (styles dropped)."""
    return "".join(span_text for _style, span_text in latex_spans(text))
