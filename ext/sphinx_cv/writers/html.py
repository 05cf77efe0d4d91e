"""HTML: entry dates as ``<time>``, obfuscated email, JSON-LD, ``<ol reversed>``, ``<details>``.

Every other sphinx-cv node is written by the visitor of its standard base class.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from ..core.dates import RANGE_DASH
from ..nodes import (
    DATES_CLASS,
    cv_coins,
    cv_contacts,
    cv_details,
    cv_email,
    cv_heading,
    cv_jsonld,
    cv_publist,
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


def visit_cv_publist(self: HTML5Translator, node: cv_publist) -> None:
    """``<ol start>``, plus ``reversed`` so numbers count down (docutils has no reversed lists)."""
    atts: dict[str, Any] = {"classes": [node.get("enumtype", "arabic")]}
    if node.get("reversed"):
        atts["reversed"] = "reversed"
        atts["start"] = node.get("start", 1)
    elif node.get("start", 1) != 1:
        atts["start"] = node["start"]
    self.body.append(self.starttag(node, "ol", **atts))


def depart_cv_publist(self: HTML5Translator, node: cv_publist) -> None:
    self.body.append("</ol>\n")


def visit_cv_details(self: HTML5Translator, node: cv_details) -> None:
    given: dict[str, str] = node.get("data", {})
    data: dict[str, Any] = {f"data-{name}": value for name, value in given.items()}
    self.body.append(self.starttag(node, "details", **data))


def depart_cv_details(self: HTML5Translator, node: cv_details) -> None:
    self.body.append("</details>\n")


def visit_cv_summary(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_cv_summary(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append("</summary>\n")


def visit_cv_coins(self: HTML5Translator, node: cv_coins) -> None:
    """``<span class="Z3988" title="...">``: the ContextObject in an attribute, escaped."""
    self.body.append(f'<span class="Z3988" title="{self.attval(node["kev"])}"></span>')
    raise nodes.SkipNode
