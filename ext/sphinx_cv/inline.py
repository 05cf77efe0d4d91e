"""The one place where text becomes inline nodes.

Three kinds of text reach a page, each with its own rule:

* directive options, written by the site's author: parsed as inline markup
  of the document's language (reST or MyST), see :func:`option_text`;
* data-file text (JSON Resume, RenderCV, plain YAML): literal, except the
  Markdown links and emphasis resume formats use, see :func:`data_text`;
* BibTeX fields, already decoded to styled runs by the core: never parsed,
  see :func:`span_nodes`.

Option text without any markup character skips the parser (:func:`plain_inline`):
a thousand-entry CV has three thousand such strings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docutils import nodes
from docutils.parsers.rst import states
from sphinx.util.docutils import SphinxDirective

from .core.sources.common import EMPHASIS, MD_LINK
from .core.texmarkup import Span
from .core.urls import is_external, safe_url
from .nodes import EXTERNAL_CLASS

InlineParser = Callable[[str], list[nodes.Node]]

#: characters that can start inline markup, a role, an escape, a reference, a footnote or
#: an autolinked URI or email address: text without any of them is text to the inliner too
_MARKUP = re.compile(r"[*`|_\\:@\[<>]")

#: MyST text that is text under every MyST syntax extension: words of letters and digits
#: separated by single spaces or ", " (linkify needs a dot, "replacements" and "smartquotes"
#: need other punctuation)
_MYST_PLAIN = re.compile(r"[^\W_]+(?:,? [^\W_]+)*")


_STYLE_NODES: dict[str, type[nodes.TextElement]] = {
    "em": nodes.emphasis,
    "strong": nodes.strong,
    "code": nodes.literal,
    "sub": nodes.subscript,
    "sup": nodes.superscript,
}


def link_node(children: Sequence[nodes.Node], url: str) -> nodes.reference:
    """A reference to an already checked URL; external ones get the ``external`` class."""
    ref = nodes.reference("", "", *children, refuri=url)
    if is_external(url):
        ref["classes"].append(EXTERNAL_CLASS)
    return ref


def literal_text(text: str) -> list[nodes.Node]:
    """Text shown exactly as written, never interpreted as markup."""
    return [nodes.Text(text)]


def option_text(directive: SphinxDirective, text: str) -> list[nodes.Node]:
    """Author-written option text as inline markup; parse errors are kept, as docutils shows them."""
    plain = plain_inline(directive.state, text)
    if plain is not None:
        return plain
    parsed, messages = directive.parse_inline(text, lineno=directive.lineno)
    return [*parsed, *messages]


def plain_inline(state: Any, text: str) -> list[nodes.Node] | None:
    """``text`` as the one text node the inline parser would make of it, or None to run the parser.

    Under reST, text without any character that can start markup, while PEP
    and RFC references (which the inliner finds in plain words) are off.
    Under MyST, plain words only (see ``_MYST_PLAIN``). Other parsers: None.
    """
    if isinstance(state, states.RSTState):
        if _MARKUP.search(text):
            return None
        settings = state.document.settings
        if getattr(settings, "pep_references", None) or getattr(settings, "rfc_references", None):
            return None
        return [nodes.Text(text)] if text else []
    if _is_myst(state) and _MYST_PLAIN.fullmatch(text):
        return [nodes.Text(text)]
    return None


def _is_myst(state: Any) -> bool:
    """MyST-Parser's stand-in for docutils' state (not imported: a pure check)."""
    cls = type(state)
    return cls.__name__ == "MockState" and cls.__module__.startswith("myst_parser.")


def data_text(text: str) -> list[nodes.Node]:
    """Data-file text as nodes: literal, except ``[text](url)``, ``**strong**`` and ``*emphasis*``.

    Never parsed as reST or HTML. Link URLs go through :func:`safe_url`; an
    unsafe one keeps only its text (the loader has already warned).
    """
    found: list[nodes.Node] = []
    last = 0
    for match in MD_LINK.finditer(text):
        found += _emphasis(text[last : match.start()])
        url = safe_url(match["url"])
        inner = _emphasis(match["text"])
        if url:
            found.append(link_node(inner, url))
        else:
            found += inner
        last = match.end()
    found += _emphasis(text[last:])
    return found


def _emphasis(text: str) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    last = 0
    for match in EMPHASIS.finditer(text):
        if match.start() > last:
            found.append(nodes.Text(text[last : match.start()]))
        if match["strong"] is not None:
            found.append(nodes.strong(match["strong"], match["strong"]))
        else:
            found.append(nodes.emphasis(match["em"], match["em"]))
        last = match.end()
    if last < len(text):
        found.append(nodes.Text(text[last:]))
    return found


def span_nodes(spans: Iterable[Span]) -> list[nodes.Node]:
    """Styled runs of a bib field as nodes: data, never parsed as markup (so ``<script>`` stays text)."""
    out: list[nodes.Node] = []
    for style, text in spans:
        node_class = _STYLE_NODES.get(style)
        out.append(node_class(text, text) if node_class else nodes.Text(text))
    return out
