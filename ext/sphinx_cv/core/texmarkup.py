"""BibTeX field text (LaTeX) to Unicode text with light styling; no Sphinx import.

pybtex keeps field values as written. Real libraries hold far more LaTeX
than accents: math (``Cu$_2$O``, ``$\\Sigma\\Delta$``), spacing and text
macros (``\\,``, ``\\slash``, ``\\textsubscript``), quotes (``\\enquote``),
logos (``\\LaTeX``) and commands nobody has heard of. They are parsed with
pylatexenc's tolerant LaTeX walker, and each node becomes styled runs here:
text styles (``\\emph``, ``{\\bf ...}``), sub- and superscripts (``_``/``^``
in math, ``\\textsubscript``) and quotes are ours; every other macro
(accents, Greek letters, symbols) is turned into Unicode by pylatexenc's
``LatexNodes2Text`` table. An unknown command with arguments keeps them and
loses its name; one without arguments (TUGboat's ``{\\VAX}``) is shown by its
name, so no word of a title disappears and no backslash ever reaches a page.
Quotes are set as LaTeX sets them (``'`` is a closing quote or apostrophe,
```` ``x'' ```` double quotes, a straight ``"`` stays straight), and Sphinx's
smart quotes leave publications alone: every face of a paper shows the same
text.

Most fields hold no command and no math, only case-protecting braces, page
ranges (``123--145``) or quotes: they never reach the parser (braces are
dropped and ligatures replaced directly), and pylatexenc is imported only
when a field holds a command or math. Braces only protect case in BibTeX and are
dropped: titles are shown as written, never re-cased.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pylatexenc.latex2text import LatexNodes2Text

#: (style, text) runs; style is "" (plain), "em", "strong", "code", "sub" or "sup"
Span = tuple[str, str]

_STYLE_COMMANDS = {
    "emph": "em",
    "textit": "em",
    "textsl": "em",
    "mathit": "em",
    "textbf": "strong",
    "mathbf": "strong",
    "bm": "strong",
    "boldsymbol": "strong",
    "texttt": "code",
    "mathtt": "code",
    "textsubscript": "sub",
    "textsuperscript": "sup",
    "textsc": "",
    "textrm": "",
    "textup": "",
    "textmd": "",
    "textnormal": "",
    "textsf": "",
    "text": "",
    "mbox": "",
    "hbox": "",
    "mathrm": "",
    "mathsf": "",
    "mathcal": "",
    "mathbb": "",
    "operatorname": "",
    "ensuremath": "",
    "NoCaseChange": "",
}
_STYLE_SWITCHES = {
    "em": "em",
    "it": "em",
    "itshape": "em",
    "sl": "em",
    "slshape": "em",
    "bf": "strong",
    "bfseries": "strong",
    "tt": "code",
    "ttfamily": "code",
    "rm": "",
    "sc": "",
    "scshape": "",
    "sf": "",
    "upshape": "",
    "normalfont": "",
}
#: quoting commands (csquotes, biblatex) -> opening and closing quote
_QUOTES = dict.fromkeys(("enquote", "mkbibquote", "textquote"), ("\u201c", "\u201d"))
#: commands whose argument is shown, with a style or in quotes (and which BibTeX protects from re-casing)
SHOWN_ARGUMENT_COMMANDS = frozenset({*_STYLE_COMMANDS, *_QUOTES})
#: commands whose argument is not text to show (``\noopsort`` only steers BibTeX's sorting)
_DROPPED = frozenset({"noopsort", "nosort", "sortkey", "label", "index", "pagebreak", "linebreak"})
#: commands whose argument is a URL or path: kept verbatim (no comment, no special characters)
_VERBATIM = frozenset({"url", "path", "nolinkurl", "doi"})
#: commands the walker must know the arguments of (it gives unknown commands none)
_ARGUMENTS = {
    "textsubscript": "{",
    "textsuperscript": "{",
    "enquote": "*{",
    "mkbibquote": "{",
    "textquote": "[[{",
    "noopsort": "{",
    "nosort": "{",
    "sortkey": "{",
    "href": "{{",
    "nolinkurl": "{",
    "doi": "{",
    "bm": "{",
    "boldsymbol": "{",
    "operatorname": "{",
    "NoCaseChange": "{",
    "mathsf": "{",
    "mathtt": "{",
    "hyphen": "",
    "slash": "",
    "BibTeX": "",
    "TeX": "",
    "LaTeX": "",
    "LaTeXe": "",
}
#: what pylatexenc's table lacks or gets differently from what a reader expects
_TEXT = {
    ",": "\u2009",  # thin space: "P.\,G. van Gompel"
    "thinspace": "\u2009",
    "/": "",  # italic correction
    "slash": "/",
    "hyphen": "-",
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX",
    "textendash": "\u2013",
    "textemdash": "\u2014",
    "Dash": "\u2009\u2014\u2009",  # TUGboat's spaced em dash
}
#: a field without commands or math takes no parse: braces, dashes and quotes are replaced directly
_NEEDS_PARSER = re.compile(r"[\\$]")
#: TeX's ligatures and ties, longest first, as in pylatexenc
_LIGATURES = (
    ("---", "\u2014"),
    ("--", "\u2013"),
    ("``", "\u201c"),
    ("''", "\u201d"),
    ("`", "\u2018"),
    ("~", " "),
)
#: characters BibTeX fields hold literally that LaTeX reads as specials (comment, alignment)
_BARE_SPECIAL = re.compile(r"(?<!\\)([%&#])")
#: every whitespace but the thin space, collapsed to one space
_SPACES = re.compile(r"[^\S\u2009]+")


@functools.cache
def _tools() -> tuple[Any, LatexNodes2Text, frozenset[str]]:
    """pylatexenc's walker context and text converter, built once on first need (~25 ms to import)."""
    from pylatexenc import latex2text, latexwalker, macrospec

    walker_db = latexwalker.get_default_latex_context_db()
    walker_db.add_context_category(
        "sphinx-cv",
        macros=[macrospec.MacroSpec(name, args) for name, args in _ARGUMENTS.items()],
        prepend=True,
    )
    text_db = latex2text.get_default_latex_context_db()
    text_db.add_context_category(
        "sphinx-cv",
        macros=[latex2text.MacroTextSpec(name, simplify_repl=shown) for name, shown in _TEXT.items()],
        prepend=True,
    )
    known = frozenset(spec.macroname for spec in text_db.iter_macro_specs())
    return walker_db, latex2text.LatexNodes2Text(latex_context=text_db, math_mode="text"), known


def _group_text(source: str) -> str:
    """A verbatim argument (a URL) without its braces and TeX escapes."""
    return re.sub(r"\\([%&#_$~{}])", r"\1", source).replace("{", "").replace("}", "")


class _Converter:
    """Walks pylatexenc nodes and yields styled runs."""

    def __init__(self) -> None:
        from pylatexenc import latexwalker as lw

        self.lw = lw
        _walker_db, self.l2t, self.known = _tools()

    def nodes(self, nodes: Iterable[Any], style: str, math: bool = False) -> Iterator[Span]:
        script = ""  # "sub"/"sup" when a math ``_``/``^`` waits for its argument
        nodes = [n for n in nodes if n is not None]
        for index, node in enumerate(nodes):
            if script and not isinstance(node, self.lw.LatexCharsNode):
                yield from self.node(node, script, math)
                script = ""
                continue
            if isinstance(node, self.lw.LatexCharsNode):
                if math:
                    script = yield from self.math_chars(node.chars, style, script)
                else:
                    yield style, node.chars
            elif self.lends_name(node, nodes[index + 1 : index + 2]):
                continue  # ``\\unknown{kept}``: the group that follows is its argument, the name goes
            elif isinstance(node, self.lw.LatexMacroNode) and node.macroname in _STYLE_SWITCHES:
                # ``\em`` outside braces (``{\em a}`` is handled by ``node``): the rest of this list
                yield from self.nodes(nodes[index + 1 :], _STYLE_SWITCHES[node.macroname] or style, math)
                return
            else:
                yield from self.node(node, style, math)

    def lends_name(self, node: Any, following: list[Any]) -> bool:
        """An unknown command without arguments right before a group (pylatexenc gives it none)."""
        return (
            isinstance(node, self.lw.LatexMacroNode)
            and node.macroname not in self.known
            and node.macroname not in _STYLE_SWITCHES
            and not (node.nodeargd and node.nodeargd.argnlist)
            and not node.macro_post_space
            and bool(following)
            and isinstance(following[0], self.lw.LatexGroupNode)
        )

    def math_chars(self, chars: str, style: str, script: str) -> Generator[Span, None, str]:
        """Math text: ``_x``/``^x`` make a sub/superscript of the next character or group; the
        return value is the script still waiting for its argument at the end of ``chars``."""
        for char in chars:
            if script and not char.isspace():
                yield script, char
                script = ""
            elif char in "_^":
                script = "sub" if char == "_" else "sup"
            else:  # spaces kept as typed: "$n = 5$" reads better as "n = 5" than as TeX's "n=5"
                yield style, char
        return script

    def node(self, node: Any, style: str, math: bool) -> Iterator[Span]:
        lw = self.lw
        if isinstance(node, lw.LatexCharsNode):
            yield from self.nodes([node], style, math)
        elif isinstance(node, lw.LatexGroupNode):
            yield from self.nodes(node.nodelist, style, math)
        elif isinstance(node, lw.LatexMathNode):
            yield from self.nodes(node.nodelist, style, True)
        elif isinstance(node, lw.LatexEnvironmentNode):
            yield from self.nodes(node.nodelist, style, math)
        elif isinstance(node, lw.LatexMacroNode):
            yield from self.macro(node, style, math)
        elif isinstance(node, lw.LatexSpecialsNode):
            yield style, self.l2t.nodelist_to_text([node])
        # comments cannot occur (bare % is escaped first); anything else shows nothing

    def macro(self, node: Any, style: str, math: bool) -> Iterator[Span]:
        name = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        if name in _STYLE_COMMANDS:
            yield from self.nodes(args[-1:], _STYLE_COMMANDS[name] or style, math)
        elif name in _QUOTES:
            opening, closing = _QUOTES[name]
            yield style, opening
            yield from self.nodes(args[-1:], style, math)
            yield style, closing
        elif name in _VERBATIM:
            yield style, _group_text(args[-1].latex_verbatim()) if args else ""
        elif name == "href":
            yield from self.nodes(args[-1:], style, math)
        elif name in _DROPPED:
            return
        elif name in self.known:
            yield style, self.l2t.nodelist_to_text([node])
        elif args:  # unknown, with arguments: the name goes, the arguments stay
            yield from self.nodes(args, style, math)
        else:  # unknown and alone ({\VAX}): the name is the word
            yield style, name + (" " if node.macro_post_space else "")


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """Text without commands or math (page ranges, quotes, braces): no parser, so no import."""
    text = re.sub(r"(?<!\\)[{}]", "", text)
    for ligature, shown in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, shown)
    return text


def latex_spans(text: str, style: str = "") -> list[Span]:
    """Styled runs of a LaTeX field value; adjacent runs of the same style are merged."""
    if not _NEEDS_PARSER.search(text):
        return _tidy([(style, _plain(text))])
    return list(_parsed_spans(text, style))


@functools.lru_cache(maxsize=4096)
def _parsed_spans(text: str, style: str) -> tuple[Span, ...]:
    from pylatexenc import latexwalker

    walker_db = _tools()[0]
    source = _BARE_SPECIAL.sub(r"\\\1", text)
    try:
        nodes = latexwalker.LatexWalker(source, latex_context=walker_db, tolerant_parsing=True)
        spans = list(_Converter().nodes(nodes.get_latex_nodes()[0], style))
    except (latexwalker.LatexWalkerError, RecursionError, ValueError, IndexError, TypeError):
        # tolerant parsing should not raise; if it does, show the text without commands, never a traceback
        spans = [(style, re.sub(r"\\[A-Za-z]+\*?|\\(.)", r"\1", _plain(text)))]
    merged: list[Span] = []
    for span_style, shown in spans:
        shown = shown.replace("\\", "")  # never a backslash on a page, whatever the walker left
        if merged and merged[-1][0] == span_style:
            merged[-1] = (span_style, merged[-1][1] + shown)
        else:
            merged.append((span_style, shown))
    return tuple(_tidy(merged))


def _quotes(text: str) -> str:
    """``'`` as LaTeX sets it: a closing quote or apostrophe (’)."""
    return text.replace("'", "\u2019") if "'" in text else text


def _tidy(spans: list[Span]) -> list[Span]:
    """Collapse whitespace across runs (thin spaces stay), set apostrophes, trim the ends."""
    out: list[Span] = []
    for style, text in spans:
        text = _SPACES.sub(" ", text)
        if style != "code":
            text = _quotes(text)
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
    """A LaTeX field value as plain Unicode text (styles dropped; sub/superscripts inline)."""
    return "".join(span_text for _style, span_text in latex_spans(text))
