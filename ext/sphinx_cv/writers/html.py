"""HTML: entry dates as ``<time>``, obfuscated email, JSON-LD, ``<ol reversed>``, ``<details>``.

Every other sphinx-cv node is written by the visitor of its standard base class.
"""

from __future__ import annotations

import json
import posixpath
import urllib.parse
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..core.dates import RANGE_DASH
from ..icons import ICONS
from ..nodes import (
    DATES_CLASS,
    PUB_LINK_CLASS,
    cv_authors_more,
    cv_coins,
    cv_contacts,
    cv_details,
    cv_email,
    cv_entry_links,
    cv_heading,
    cv_icon,
    cv_jsonld,
    cv_pub,
    cv_pub_abbr,
    cv_pub_authors,
    cv_pub_cited,
    cv_pub_filter,
    cv_pub_links,
    cv_pub_preview,
    cv_summary,
)
from .common import heading_dates


def visit_cv_heading(self: HTML5Translator, node: cv_heading) -> None:
    """The paragraph, opening with ``<span class="cv-dates"><time datetime>…</time> – …</span>``."""
    self.visit_paragraph(node)
    pairs = heading_dates(node)
    if pairs:
        times = []
        for text, iso in pairs:
            attrs = f' datetime="{self.attval(iso)}"' if iso else ""
            times.append(f"<time{attrs}>{self.encode(text)}</time>")
        self.body.append(f'<span class="{DATES_CLASS}">' + RANGE_DASH.join(times) + "</span>")


def depart_cv_heading(self: HTML5Translator, node: cv_heading) -> None:
    self.depart_paragraph(node)


def visit_cv_contacts(self: HTML5Translator, node: cv_contacts) -> None:
    """``<ul class="simple">``: one short line per item, compact as docutils makes such lists.

    docutils' compactness check visits every node type it knows and stops at any
    other, so it would call a list of our own node types not simple.
    """
    self.context.append((self.compact_simple, self.compact_p))
    self.compact_p = False
    self.compact_simple = True
    self.body.append(self.starttag(node, "ul", CLASS="simple"))


def depart_cv_contacts(self: HTML5Translator, node: cv_contacts) -> None:
    self.depart_bullet_list(node)


def _char_refs(text: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in text)


def visit_cv_email(self: HTML5Translator, node: cv_email) -> None:
    """Every character as a numeric reference: browsers decode it, harvesters see no address."""
    classes = " ".join(["reference", "external", *node["classes"]])
    self.body.append(
        f'<a class="{classes}" href="{_char_refs(node["refuri"])}">{_char_refs(node["address"])}</a>'
    )
    raise nodes.SkipNode


def escape_json(data: Any, hidden: list[str] | tuple[str, ...] = ()) -> str:
    """JSON safe inside ``<script>``; strings in ``hidden`` are written as ``\\uXXXX`` only."""
    text = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=False)
    for value in hidden:
        literal = json.dumps(value, ensure_ascii=True)
        text = text.replace(literal, '"' + "".join(f"\\u{ord(ch):04x}" for ch in value) + '"')
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def visit_cv_jsonld(self: HTML5Translator, node: cv_jsonld) -> None:
    data = escape_json(node["data"], node.get("hidden", ()))
    self.body.append(f'<script type="application/ld+json">\n{data}\n</script>\n')
    raise nodes.SkipNode


def visit_numbered_list(self: HTML5Translator, node: nodes.enumerated_list) -> None:
    """``<ol start>``, plus ``reversed`` so numbers count down (docutils has no reversed lists)."""
    atts: dict[str, Any] = {"classes": [node.get("enumtype", "arabic")]}
    if node.get("reversed"):
        atts["reversed"] = "reversed"
        atts["start"] = node.get("start", 1)
    elif node.get("start", 1) != 1:
        atts["start"] = node["start"]
    self.body.append(self.starttag(node, "ol", **atts))


def depart_numbered_list(self: HTML5Translator, node: nodes.enumerated_list) -> None:
    self.body.append("</ol>\n")


def visit_cv_icon(self: HTML5Translator, node: cv_icon) -> None:
    """An inline SVG (:mod:`sphinx_cv.icons`), hidden from screen readers: the label says it."""
    icon = ICONS.get(node.get("kind", ""))
    if icon is not None:
        view_box, path = icon
        self.body.append(
            f'<svg class="cv-icon" aria-hidden="true" focusable="false" width="16" height="16" '
            f'viewBox="{view_box}" fill="currentColor"><path d="{path}"/></svg>'
        )
    raise nodes.SkipNode


def visit_cv_pub_filter(self: HTML5Translator, node: cv_pub_filter) -> None:
    """A list's controls in a ``<template>``: not shown, not read out, until sphinx-cv.js uses them.

    Buttons name their value (``data-v``) and fieldsets their facet (``data-f``);
    the empty spans get the counts, the status line the "shown" sentence. E-books get none: few
    readers run scripts, and the list is whole without them.
    """
    if self.builder.name.startswith("epub"):
        raise nodes.SkipNode
    html = ['<template class="cv-filter"><div class="cv-filter">']
    if node.get("search"):
        html.append(f'<label>{self.encode(node["search"])} <input type="search"></label>')
    facets: list[tuple[str, str, list[tuple[str, str]]]] = node.get("facets", [])
    for facet, legend, values in facets:
        html.append(f'<fieldset data-f="{self.attval(facet)}">')
        if legend:
            html.append(f"<legend>{self.encode(legend)}</legend>")
        html.extend(
            f'<button type="button" data-v="{self.attval(value)}">{self.encode(text)}<span></span></button>'
            for value, text in values
        )
        html.append("</fieldset>")
    html.append(f'<p role="status" data-count="{self.attval(node.get("count", ""))}"></p></div></template>\n')
    self.body.append("".join(html))
    raise nodes.SkipNode


def visit_cv_pub(self: HTML5Translator, node: cv_pub) -> None:
    """``<li>`` with the entry's filter values (``data-year``...) and number when its list has controls."""
    given: dict[str, str] = node.get("data", {})
    data: dict[str, Any] = {f"data-{name}": value for name, value in given.items()}
    if "value" in node:
        data["value"] = node["value"]
    self.body.append(self.starttag(node, "li", "", **data))


def depart_cv_pub(self: HTML5Translator, node: cv_pub) -> None:
    self.depart_list_item(node)


def visit_cv_pub_abbr(self: HTML5Translator, node: cv_pub_abbr) -> None:
    self.body.append(f'<span class="cv-pub-abbr">{self.encode(node.get("abbr", ""))}</span> ')
    raise nodes.SkipNode


#: the parts of a publication shown in its one row of actions: links, then the toggles
ACTIONS = (cv_pub_links, cv_entry_links, cv_details)


def _open_actions(self: HTML5Translator, node: nodes.Element) -> None:
    """``<div class="cv-pub-actions">`` before the first action of a publication."""
    index = node.parent.index(node) if node.parent is not None else 0
    if index == 0 or not isinstance(node.parent[index - 1], ACTIONS):
        self.body.append('<div class="cv-pub-actions">')


def _close_actions(self: HTML5Translator, node: nodes.Element) -> None:
    """``</div>`` after the last action."""
    parent = node.parent
    index = parent.index(node) if parent is not None else 0
    if parent is None or index + 1 == len(parent) or not isinstance(parent[index + 1], ACTIONS):
        self.body.append("</div>\n")


def visit_cv_pub_links(self: HTML5Translator, node: cv_pub_links | cv_entry_links) -> None:
    """The links of a publication (or of a talk's entry) open its row of actions."""
    _open_actions(self, node)
    self.visit_paragraph(node)


def depart_cv_pub_links(self: HTML5Translator, node: cv_pub_links | cv_entry_links) -> None:
    self.depart_paragraph(node)
    _close_actions(self, node)


def visit_cv_pub_cited(self: HTML5Translator, node: cv_pub_cited) -> None:
    """A link badge to the work's page at its source, source and date in its ``title``; else a ``<span>``."""
    atts = {"title": node["title"]} if node.get("title") else {}
    if node.get("refuri"):
        classes = f"reference external {PUB_LINK_CLASS}"  # as the other link badges, for themes
        self.body.append(self.starttag(node, "a", "", href=node["refuri"], CLASS=classes, **atts))
    else:
        self.body.append(self.starttag(node, "span", "", **atts))


def depart_cv_pub_cited(self: HTML5Translator, node: cv_pub_cited) -> None:
    self.body.append("</a>" if node.get("refuri") else "</span>")


def visit_cv_details(self: HTML5Translator, node: cv_details) -> None:
    """``<details>`` in the publication's row of actions; its body opens below the row (CSS)."""
    _open_actions(self, node)
    given: dict[str, str] = node.get("data", {})
    data: dict[str, Any] = {f"data-{name}": value for name, value in given.items()}
    self.body.append(self.starttag(node, "details", **data))


def depart_cv_details(self: HTML5Translator, node: cv_details) -> None:
    self.body.append("</details>\n")
    _close_actions(self, node)


def visit_cv_summary(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_cv_summary(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append("</summary>\n")


def _has_more(node: cv_pub_authors) -> bool:
    return any(isinstance(child, cv_authors_more) for child in node.children)


def visit_cv_pub_authors(self: HTML5Translator, node: cv_pub_authors) -> None:
    """A ``<div>`` when the list holds a ``<details>`` (which may not sit in a ``<p>``), else a paragraph."""
    if _has_more(node):
        self.body.append(self.starttag(node, "div", ""))
    else:
        self.visit_paragraph(node)


def depart_cv_pub_authors(self: HTML5Translator, node: cv_pub_authors) -> None:
    if _has_more(node):
        self.body.append("</div>\n")
    else:
        self.depart_paragraph(node)


def visit_cv_authors_more(self: HTML5Translator, node: cv_authors_more) -> None:
    """``<details><summary>and 7 more</summary>`` the whole list ``</details>``: no JavaScript needed.

    The stylesheet hides the cut list while the whole one is open.
    """
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(node.get('label', ''))}</summary>")
    self.body.append('<span class="cv-authors-all">')


def depart_cv_authors_more(self: HTML5Translator, node: cv_authors_more) -> None:
    self.body.append("</span></details>")


def visit_cv_pub_preview(self: HTML5Translator, node: cv_pub_preview) -> None:
    """``<img>`` with its ``width`` and ``height`` (space kept while loading) and ``loading="lazy"``.

    Attributes rather than the inline styles the standard visitor writes, so a
    strict Content Security Policy holds.
    """
    uri = node["uri"]
    if uri in self.builder.images:
        uri = posixpath.join(self.builder.imgpath, urllib.parse.quote(self.builder.images[uri]))
    width, height = node.get("size") or (0, 0)
    sizes = f' width="{int(width)}" height="{int(height)}"' if width and height else ""
    classes = " ".join(node["classes"])
    self.body.append(
        f'<img class="{self.attval(classes)}" src="{self.attval(uri)}" alt=""{sizes}'
        ' loading="lazy" decoding="async" />'
    )
    raise nodes.SkipNode


def visit_cv_coins(self: HTML5Translator, node: cv_coins) -> None:
    """``<span class="Z3988" title="...">``: the ContextObject in an attribute, escaped."""
    self.body.append(f'<span class="Z3988" title="{self.attval(node["kev"])}"></span>')
    raise nodes.SkipNode
