"""HTML-only output: entry dates as ``<time>``, obfuscated email, JSON-LD, ``<ol reversed>``, ``<details>``.

Non-HTML builders skip :class:`~sphinx_cv.nodes.cv_jsonld` and render the
other nodes through their standard base classes.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..nodes import cv_details, cv_email, cv_heading, cv_jsonld, cv_publist, cv_summary
from ..render import DASH


def visit_cv_heading(self: HTML5Translator, node: cv_heading) -> None:
    """The paragraph, opening with ``<span class="cv-dates"><time datetime>…</time> – …</span>``."""
    self.visit_paragraph(node)
    pairs = node.get("dates")
    if pairs:
        times = []
        for text, iso in pairs:
            attrs = f' datetime="{self.attval(iso)}"' if iso else ""
            times.append(f"<time{attrs}>{self.encode(text)}</time>")
        self.body.append('<span class="cv-dates">' + DASH.join(times) + "</span>")


def depart_cv_heading(self: HTML5Translator, node: cv_heading) -> None:
    self.depart_paragraph(node)


def _char_refs(text: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in text)


def visit_cv_email(self: HTML5Translator, node: cv_email) -> None:
    """Every character as a numeric reference: browsers decode it, harvesters see no address."""
    classes = " ".join(["reference", "external", *node["classes"]])
    self.body.append(
        f'<a class="{classes}" href="{_char_refs(node["refuri"])}">{_char_refs(node["address"])}</a>'
    )
    raise nodes.SkipNode


def escape_json(data: Any, hidden: tuple[str, ...] = ()) -> str:
    """JSON safe inside ``<script>``; strings in ``hidden`` are written as ``\\uXXXX`` only."""
    text = json.dumps(data, ensure_ascii=True, indent=2, sort_keys=False)
    for value in hidden:
        literal = json.dumps(value, ensure_ascii=True)
        text = text.replace(literal, '"' + "".join(f"\\u{ord(ch):04x}" for ch in value) + '"')
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def visit_cv_jsonld(self: HTML5Translator, node: cv_jsonld) -> None:
    self.body.append(f'<script type="application/ld+json">\n{node["data"]}\n</script>\n')
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
    data = {f"data-{name}": value for name, value in node.get("data", {}).items()}
    self.body.append(self.starttag(node, "details", **data))


def depart_cv_details(self: HTML5Translator, node: cv_details) -> None:
    self.body.append("</details>\n")


def visit_cv_summary(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_cv_summary(self: HTML5Translator, node: cv_summary) -> None:
    self.body.append("</summary>\n")


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_html(app: Sphinx) -> None:
    app.add_node(cv_heading, html=(visit_cv_heading, depart_cv_heading))
    app.add_node(cv_email, html=(visit_cv_email, None))
    app.add_node(cv_publist, html=(visit_cv_publist, depart_cv_publist))
    app.add_node(cv_details, html=(visit_cv_details, depart_cv_details))
    app.add_node(cv_summary, html=(visit_cv_summary, depart_cv_summary))
    app.add_node(
        cv_jsonld,
        html=(visit_cv_jsonld, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
