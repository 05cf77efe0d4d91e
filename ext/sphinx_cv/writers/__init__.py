"""Builder-specific output: every sphinx-cv node registered once, with all its visitors.

Read this table to see what each builder does with a node; a node without a
visitor for a builder is written by the visitor of its standard base class.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .. import nodes as cv
from . import html, latex, text

#: (visit, depart) of one builder
Visitors = tuple[Any, Any]


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Node) -> None:
    """Nothing of the node itself; its children are written as usual."""


SKIP: Visitors = (_skip, None)
#: no markup of its own (LaTeX would wrap a classed inline in ``\DUrole``)
PASS: Visitors = (_pass, _pass)
#: for HTML-only nodes: skipped by the builders that would otherwise write their standard base
SKIP_PLAIN: dict[str, Visitors] = {"latex": SKIP, "text": SKIP, "man": SKIP, "texinfo": SKIP}

#: node class -> {builder: (visit, depart)}; the enumerable ones (``:ref:`` shows their caption) apart
ENUMERABLE: dict[type[nodes.Element], tuple[str, dict[str, Any]]] = {
    cv.cv_timeline: ("cv-timeline", {"latex": (latex.visit_cv_timeline, None)}),
    cv.cv_publications: (
        "cv-publications",
        {"latex": (latex.visit_cv_publications, None)},
    ),
}
NODES: dict[type[nodes.Element], dict[str, Any]] = {
    cv.cv_entries: {"latex": (latex.visit_cv_entries, latex.depart_cv_entries)},
    cv.cv_numbered_entries: {
        "html": (html.visit_numbered_list, html.depart_numbered_list),
        "latex": (latex.visit_cv_entries, latex.depart_cv_entries),
    },
    cv.cv_entry: {"latex": (latex.visit_cv_entry, None), "text": (text.visit_cv_entry, None)},
    cv.cv_heading: {"html": (html.visit_cv_heading, html.depart_cv_heading)},
    cv.cv_labelled: {"latex": (latex.visit_cv_labelled, None)},
    cv.cv_entry_links: {"html": (html.visit_cv_pub_links, html.depart_cv_pub_links)},
    cv.cv_entry_meta: {},
    cv.cv_title: {},
    cv.cv_subtitle: {},
    cv.cv_location: {},
    cv.cv_dates: {},
    cv.cv_profile: {"latex": (latex.visit_cv_profile, None), "text": (text.visit_cv_profile, None)},
    cv.cv_photo: {},
    cv.cv_name: {},
    cv.cv_tagline: {},
    cv.cv_contacts: {"html": (html.visit_cv_contacts, html.depart_cv_contacts)},
    cv.cv_contact: {},
    cv.cv_icon: {"html": (html.visit_cv_icon, None), **SKIP_PLAIN},
    cv.cv_contact_text: {"latex": PASS},
    cv.cv_contact_label: {},
    cv.cv_email: {"html": (html.visit_cv_email, None)},
    cv.cv_jsonld: {
        "html": (html.visit_cv_jsonld, None),
        "latex": SKIP,
        "text": SKIP,
        "man": SKIP,
        "texinfo": SKIP,
    },
    cv.cv_pub_filter: {"html": (html.visit_cv_pub_filter, None)},
    cv.cv_pub_group: {"latex": (latex.visit_cv_pub_group, None)},
    cv.cv_publist: {"html": (html.visit_numbered_list, html.depart_numbered_list)},
    cv.cv_pub: {
        "html": (html.visit_cv_pub, html.depart_cv_pub),
        "latex": (latex.visit_cv_pub, None),
        "text": (text.visit_cv_pub, None),
    },
    cv.cv_pub_title: {},
    cv.cv_pub_cite: {},
    # LaTeX and text write the label where a list's number goes (writers/common.py ``pub_label``)
    cv.cv_pub_label: {},
    cv.cv_cite_title: {"latex": PASS},
    cv.cv_pub_abbr: {"html": (html.visit_cv_pub_abbr, None), **SKIP_PLAIN},
    cv.cv_pub_authors: {"html": (html.visit_cv_pub_authors, html.depart_cv_pub_authors)},
    cv.cv_authors_short: {},
    cv.cv_authors_more: {"html": (html.visit_cv_authors_more, html.depart_cv_authors_more)},
    cv.cv_author_note: {"text": (text.visit_cv_author_note, None)},
    cv.cv_pub_legend: {},
    cv.cv_pub_preview: {"html": (html.visit_cv_pub_preview, None), **SKIP_PLAIN},
    cv.cv_pub_award: {},
    cv.cv_pub_venue: {},
    cv.cv_pub_links: {"html": (html.visit_cv_pub_links, html.depart_cv_pub_links)},
    # text: written by visit_cv_pub with its source and date; the PDF leaves per-paper counts out
    cv.cv_pub_cited: {"html": (html.visit_cv_pub_cited, html.depart_cv_pub_cited), "latex": SKIP},
    cv.cv_details: {"html": (html.visit_cv_details, html.depart_cv_details)},
    cv.cv_summary: {"html": (html.visit_cv_summary, html.depart_cv_summary)},
    cv.cv_coins: {
        "html": (html.visit_cv_coins, None),
        "latex": SKIP,
        "text": SKIP,
        "man": SKIP,
        "texinfo": SKIP,
    },
    cv.cv_pub_downloads: {},
    cv.cv_ltr: {"latex": (latex.visit_cv_ltr, latex.depart_cv_ltr)},
}


def caption_of(node: nodes.Node) -> str:
    """What ``:ref:`` shows for a named timeline or publication list: its caption."""
    return str(node.get("caption", "")) if isinstance(node, nodes.Element) else ""


def setup_writers(app: Sphinx) -> None:
    for node_class, (figtype, visitors) in ENUMERABLE.items():
        app.add_enumerable_node(node_class, figtype, caption_of, **visitors)
    for node_class, visitors in NODES.items():
        app.add_node(node_class, **visitors)
    app.connect("config-inited", latex.add_package)
    app.connect("build-finished", latex.copy_sty)
