"""A paper's own page, as the renderer makes it: the list entry under the paper's title.

The page shows the entry a list shows (:func:`.render.render_publication`, the
same action row), then what a list keeps folded: the abstract in full (Google
Scholar wants it visible) and a Cite block, BibTeX as the .bib holds it and the
downloads (:mod:`.exports`). :func:`link_title` links a listed entry's title to
this page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes

from ..core.metrics import Count
from ..core.record import Publication
from ..inline import span_nodes
from ..nodes import (
    CITE_CLASS,
    PUB_LINK_CLASS,
    cv_cite_title,
    cv_jsonld,
    cv_pub,
    cv_pub_abbr,
    cv_pub_downloads,
    cv_pub_label,
    cv_pub_title,
)
from ..render import RenderContext
from .render import render_publication, render_publications


def link_title(pub: cv_pub, refuri: str) -> None:
    """Make a listed publication's title (or its title inside a style's text) a link to its own page.

    A numeric label in front of the title stays out of the link.
    """
    title: nodes.Element | None = next(pub.findall(cv_pub_title), None)
    title = title or next(pub.findall(cv_cite_title), None)
    if title is not None:
        kept = title.children[:2] if title.children and isinstance(title[0], cv_pub_label) else []
        ref = nodes.reference("", "", *title.children[len(kept) :], internal=True, refuri=refuri)
        title.children = []
        title.extend([*kept, ref])


def render_publication_page(
    pub: Publication,
    ctx: RenderContext,
    *,
    node_id: str,
    downloads: Sequence[tuple[str, str]],
    jsonld: dict[str, Any] | None,
    count: Count | None = None,
) -> nodes.section:
    """A publication's own page: its title as the heading, the list entry (same action row), the
    abstract in full (Google Scholar wants it visible), and a Cite block (BibTeX and downloads).

    ``downloads`` are (label, URL) pairs, already relative to the page.
    """
    section = nodes.section(ids=[node_id], classes=["cv-pub-page"], support_smartquotes=False)
    section += nodes.title("", "", *span_nodes(pub.title or [("", pub.key)]))
    entry = render_publication(
        pub, ctx, node_id=f"{node_id}-entry", show=("links",), with_coins=False, count=count
    )
    for title in list(entry.findall(cv_pub_title)):
        badge = [child for child in title.children if isinstance(child, cv_pub_abbr)]
        if badge:  # the heading is the title; the venue badge stays with the entry
            title.children = []
            title.extend(badge)
        else:
            entry.remove(title)
    section += render_publications([("", [entry])])
    if pub.abstract:
        section += nodes.rubric(ctx.label("Abstract"), ctx.label("Abstract"), classes=["cv-pub-page-heading"])
        section += nodes.paragraph(pub.abstract, pub.abstract, classes=["cv-pub-abstract-text"])
    cite = nodes.container(classes=[CITE_CLASS])
    cite += nodes.rubric(ctx.label("Cite"), ctx.label("Cite"), classes=["cv-pub-page-heading"])
    if pub.bibtex:
        # no rawsource: written as a plain <pre> without Pygments (Sphinx's rule for parsed literals),
        # which would cost more than the rest of the page body
        cite += nodes.literal_block("", pub.bibtex_whole, classes=["cv-pub-bibtex-source"])
    cite += render_downloads(downloads, ctx)
    section += cite
    if jsonld is not None:
        section += cv_jsonld(data=jsonld, hidden=[])
    return section


def render_downloads(downloads: Sequence[tuple[str, str]], ctx: RenderContext) -> cv_pub_downloads:
    """``Download: BibTeX · RIS · CSL-JSON`` as links; (label, URL) pairs already relative to the page."""
    node = cv_pub_downloads(classes=["cv-pub-downloads"])
    node += nodes.Text(f"{ctx.label('Download')}: ")
    for index, (label, url) in enumerate(downloads):
        if index:
            node += nodes.Text(" · ")
        node += nodes.reference(label, label, refuri=url, classes=[PUB_LINK_CLASS])
    return node
