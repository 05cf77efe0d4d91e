"""The one renderer's publication half: a :class:`~sphinx_cv.core.record.Publication` to nodes.

Every builder's face of a listed paper (HTML, LaTeX, text) comes from these
nodes, and the paper's own page (:mod:`.paper`) is the same entry under its title. Nothing
here reads a bib field: the record decided everything. Text is shown as the
record holds it (``support_smartquotes`` off), so the list, the page and the
metadata show the same characters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docutils import nodes

from ..core.csl import Formatted
from ..core.faces import coins
from ..core.metrics import Count
from ..core.record import Author, Publication
from ..inline import data_text, link_node, span_nodes
from ..nodes import (
    PUB_LINK_CLASS,
    cv_author_note,
    cv_authors_more,
    cv_authors_short,
    cv_coins,
    cv_details,
    cv_jsonld,
    cv_parked,
    cv_pub,
    cv_pub_abbr,
    cv_pub_authors,
    cv_pub_award,
    cv_pub_cited,
    cv_pub_group,
    cv_pub_label,
    cv_pub_legend,
    cv_pub_links,
    cv_pub_preview,
    cv_pub_title,
    cv_pub_venue,
    cv_publications,
    cv_publist,
    cv_summary,
)
from ..render import RenderContext
from .cited import author_marks, render_cite

#: the bib fields whose link is the arXiv preprint (al-folio writes ``arxiv``, BibTeX ``eprint``)
ARXIV_FIELDS = ("eprint", "arxiv")
#: extras a publication list can show (``:show:``)
PUB_EXTRAS = ("links", "abstract", "bibtex")
#: the disclosure blocks of a publication, by kind, with their CSS classes (read by sphinx-cv.js)
DETAILS_CLASSES = {"abstract": "cv-pub-abstract", "bibtex": "cv-pub-bibtex"}


def _details(kind: str, label: str, *body: nodes.Node, data: dict[str, str] | None = None) -> cv_details:
    """``<details>`` in HTML (usable without JavaScript); elsewhere the label and the body.

    ``data`` becomes ``data-*`` attributes in HTML, for the script's translated labels.
    """
    node = cv_details(classes=[DETAILS_CLASSES[kind]], kind=kind)
    if data:
        node["data"] = data
    node += cv_summary(label, label)
    node.extend(body)
    return node


def _author_run(target: nodes.Element, authors: Sequence[Author | None]) -> None:
    """Authors separated by commas (``None``: an ellipsis for authors left out).

    Plain co-authors and separators run together as one text node: a
    ten-author paper is then a few nodes, not twenty, in every transform,
    pickle and writer pass. The owner, linked co-authors and marks are nodes.
    """
    plain: list[str] = []

    def flush() -> None:
        if plain:
            target.append(nodes.Text("".join(plain)))
            plain.clear()

    for index, author in enumerate(authors):
        if index:
            plain.append(", ")
        if author is None:
            plain.append("\u2026")
        elif author.is_owner:
            flush()
            target += nodes.strong(author.name, author.name, classes=["cv-author-self"])
        elif author.url:
            flush()
            ref = link_node([nodes.Text(author.name)], author.url)
            ref["classes"].append("cv-author-link")
            target += ref
        else:
            plain.append(author.name)
        if author is not None and author.marks:
            flush()
            target += author_marks(author.marks)
    flush()


def _authors(pub: Publication, ctx: RenderContext) -> cv_pub_authors:
    """The authors; beyond ``ctx.max_authors`` the rest behind "and N more" (N >= 2), the owner always shown.

    A cut list is the shown part ("A, B, …, Q. Zheng, …,") and the whole list
    in a :class:`cv_authors_more` (HTML ``<details>``, no JavaScript needed).
    """
    authors = cv_pub_authors(classes=["cv-pub-authors"])
    limit = ctx.max_authors
    if not limit or len(pub.authors) <= limit + 1:  # "and 1 more" would hide less than it shows
        _author_run(authors, pub.authors)
        if pub.et_al:  # "and others" in the .bib: the list goes on, nobody is named "others"
            authors += nodes.Text(f" {ctx.et_al}")
        return authors
    shown: list[Author | None] = list(pub.authors[:limit])
    rest = pub.authors[limit:]
    owner = next((index for index, author in enumerate(rest) if author.is_owner), None)
    if owner is not None:
        shown += [*([None] if owner else []), rest[owner], *([None] if owner < len(rest) - 1 else [])]
    hidden = len(pub.authors) - sum(author is not None for author in shown)
    short = cv_authors_short(classes=["cv-authors-short"])
    _author_run(short, shown)
    short += nodes.Text(", ")
    label = ctx.counted("and {} more", hidden)  # braces replaced, never formatted: a translation cannot raise
    more = cv_authors_more(classes=["cv-authors-more"], label=label)
    _author_run(more, pub.authors)
    authors += [short, more]
    return authors


def render_legend(marks: Sequence[str], notes: Mapping[str, str], ctx: RenderContext) -> cv_pub_legend | None:
    """The note marks a list uses that have a text: "* Equal contribution; † Corresponding author"."""
    explained = [mark for mark in marks if notes.get(mark)]
    if not explained:
        return None
    legend = cv_pub_legend(classes=["cv-pub-legend"])
    for index, mark in enumerate(explained):
        if index:
            legend += nodes.Text("; ")
        legend += cv_author_note(mark, mark, classes=["cv-author-note"])
        text = ctx.label(notes[mark])
        legend += nodes.Text(f"\u2009{text}")
    return legend


def preview_node(pub: Publication) -> cv_pub_preview:
    """al-folio's thumbnail (a path from the source root, checked by the reader), loaded lazily."""
    return cv_pub_preview(uri=pub.preview, alt="", size=pub.preview_size, classes=["cv-pub-preview"])


def _info(pub: Publication) -> nodes.inline:
    """al-folio's ``additional_info`` after the venue, as it writes it (", *Oral*"): a space before words."""
    lead = " " if pub.info[:1].isalnum() else ""
    return nodes.inline("", lead, *data_text(pub.info), classes=["cv-pub-info"])


def _award(pub: Publication, ctx: RenderContext) -> cv_pub_award:
    """The award's name as a badge (else "Award"), then what it was for."""
    node = cv_pub_award(classes=["cv-pub-award"])
    name = pub.award_name or ctx.label("Award")
    node += nodes.strong(name, name, classes=["cv-pub-award-name"])
    if pub.award and pub.award != name:
        node += nodes.Text(" ")
        node += nodes.inline("", "", *data_text(pub.award), classes=["cv-pub-award-text"])
    return node


def _venue(pub: Publication, where: str) -> cv_pub_venue:
    venue = cv_pub_venue(classes=["cv-pub-venue"])
    if where:
        venue += nodes.emphasis(where, where, classes=["cv-pub-where"])
    if pub.year and pub.year not in where:
        if where:
            venue += nodes.Text(", ")
        venue += nodes.inline(pub.year, pub.year, classes=["cv-pub-year"])
    if pub.note:
        venue += nodes.Text(" ")
        venue += nodes.inline("", f"({pub.note})", classes=["cv-pub-note"])
    return venue


def _cited(count: Count, ctx: RenderContext) -> cv_pub_cited:
    """ "Cited by 12": a link to the work's page at its source, the source and date its title."""
    # a translation's braces never raise
    text = ctx.label("Cited by {}").replace("{}", ctx.number(count.cited_by))
    title = ", ".join(part for part in (count.source, count.date) if part)
    return cv_pub_cited(text, text, refuri=count.url, title=title, classes=["cv-pub-cited"])


def render_publication(
    pub: Publication,
    ctx: RenderContext,
    *,
    node_id: str,
    show: Sequence[str] = ("links",),
    with_coins: bool = True,
    count: Count | None = None,
    cited: Formatted | None = None,
    label: str = "",
    preview: cv_pub_preview | None = None,
) -> cv_pub:
    """Title (after a venue badge from ``abbr``), authors (owner highlighted), venue, year and
    note, then the extras in ``show``, and (on lists) the COinS span Zotero reads.

    With ``cited`` (the entry as a citation style wrote it) that text replaces title, authors
    and venue; ``label`` is a numeric style's label, shown first ("[3]", or "3." for an entry
    the style could not format). A preprint's arXiv id is said once: as its arXiv link's label
    when links are shown ("arXiv:2006.05022"), else on the venue line. ``count`` (the paper's
    citations, from ``cv_metrics_file``) is the last of the links, "Cited by 12"; none for 0,
    as Google Scholar says nothing of an uncited paper. ``preview``: the thumbnail made when the
    page was read (:mod:`.deferred`), else one is made here.
    """
    node = cv_pub(classes=["cv-pub"], ids=[node_id], cv_key=pub.key)
    if pub.preview:
        node += preview if preview is not None else preview_node(pub)
    if cited is not None:
        _cited_head(node, pub, cited, label, ctx)
    else:
        _head(node, pub, label, show, ctx)
    _actions(node, pub, show, ctx, count if count is not None and count.cited_by > 0 else None)
    if with_coins:  # never on a paper's own page: Zotero would prefer it to the Highwire tags there
        node += cv_coins(kev=coins(pub))
    return node


def _cited_head(node: cv_pub, pub: Publication, cited: Formatted, label: str, ctx: RenderContext) -> None:
    """The style's text (the venue badge after its label, al-folio's extra info after it), then
    the annotation and the award as in the built-in look."""
    cite = render_cite(pub, cited, label=bool(label))
    if pub.abbr:
        cite.insert(2 if label else 0, cv_pub_abbr(abbr=pub.abbr, classes=["cv-pub-abbr"]))
    if pub.note and pub.note not in cite.astext():  # "submitted", "in press": news a CV keeps
        cite += nodes.inline("", f" ({pub.note})", classes=["cv-pub-note"])
    if pub.info:
        cite += _info(pub)
    node += cite
    if pub.annotation:
        node += cv_pub_legend(pub.annotation, pub.annotation, classes=["cv-pub-legend", "cv-pub-annotation"])
    if pub.has_award:
        node += _award(pub, ctx)


def _head(node: cv_pub, pub: Publication, label: str, show: Sequence[str], ctx: RenderContext) -> None:
    """Title, authors, venue, award: the built-in look."""
    # an entry without a title is shown by its key (the record keeps no title: no face claims one)
    title = cv_pub_title("", "", *span_nodes(pub.title or [("", pub.key)]), classes=["cv-pub-title"])
    if pub.abbr:
        title.insert(0, cv_pub_abbr(abbr=pub.abbr, classes=["cv-pub-abbr"]))
    if label:  # in a list whose style draws its own numbers, an entry it could not format
        title[0:0] = [cv_pub_label(label, label, classes=["cv-pub-label"]), nodes.Text(" ")]
    node += title
    if pub.authors:
        node += _authors(pub, ctx)
    if pub.annotation:
        node += cv_pub_legend(pub.annotation, pub.annotation, classes=["cv-pub-legend", "cv-pub-annotation"])
    venue = _venue(pub, "" if _arxiv_label(pub, show) else pub.venue)
    if pub.info:
        venue += _info(pub)
    if len(venue):
        node += venue
    if pub.has_award:
        node += _award(pub, ctx)


def _arxiv_label(pub: Publication, show: Sequence[str]) -> str:
    """A preprint's "arXiv:2006.05022" when it labels its arXiv link instead of standing on the venue line."""
    if not (pub.arxiv and pub.venue == f"arXiv:{pub.arxiv}" and "links" in show):
        return ""
    return pub.venue if any(link.field in ARXIV_FIELDS for link in pub.links) else ""


def _actions(
    node: cv_pub, pub: Publication, show: Sequence[str], ctx: RenderContext, count: Count | None
) -> None:
    """The row of actions: link badges ("Cited by N" last), Abstract, BibTeX (the same with or
    without a style)."""
    arxiv = _arxiv_label(pub, show)
    if any(link.site_path for link in pub.links):
        node["site_paths"] = [link.url for link in pub.links if link.site_path]
    if "links" in show and (pub.links or count is not None):
        links = cv_pub_links(classes=["cv-pub-links"])
        for index, link in enumerate(pub.links):
            if index:
                links += nodes.Text(" ")
            label = arxiv if arxiv and link.field in ARXIV_FIELDS else ctx.label(link.label)
            ref = link_node([nodes.Text(label)], link.url)
            ref["classes"].append(PUB_LINK_CLASS)
            links += ref
        if count is not None:
            if len(links):
                links += nodes.Text(" ")
            links += _cited(count, ctx)
        node += links
    if "abstract" in show and pub.abstract:
        node += _details("abstract", ctx.label("Abstract"), nodes.paragraph(pub.abstract, pub.abstract))
    if ("bibtex" in show or pub.bibtex_show) and pub.bibtex:
        code = nodes.literal_block(pub.bibtex_whole, pub.bibtex_whole, language="bibtex")
        copy = {"copy": ctx.label("Copy"), "copied": ctx.label("Copied")}
        node += _details("bibtex", ctx.label("BibTeX"), code, data=copy)


def render_publications(
    groups: Sequence[tuple[str, Sequence[cv_pub] | cv_parked]],
    *,
    caption: Sequence[nodes.Node] = (),
    numbered: str = "",
    classes: Sequence[str] = (),
    jsonld: dict[str, Any] | None = None,
    legend: cv_pub_legend | None = None,
    labelled: bool = False,
) -> cv_publications:
    """Caption, one ``cv-pub-group`` per (heading, entries), the marks' legend and JSON-LD.

    Numbers run on across groups and are real list numbers: ``start`` (and,
    for ``numbered="reverse"``, HTML ``reversed``) on each ``<ol>``; ``labelled``: each entry
    shows its number as a numeric citation style writes it, and the list's markers are hidden.
    A group's entries may be a placeholder to render when the page is written (:mod:`.deferred`):
    it takes the group's empty list.
    """
    node = cv_publications(classes=["cv-publications", *classes], support_smartquotes=False)
    if caption:
        node["caption"] = "".join(n.astext() for n in caption)
        node += nodes.rubric("", "", *caption, classes=["cv-caption"])
    total = sum(len(items.plan) if isinstance(items, cv_parked) else len(items) for _heading, items in groups)
    done = 0
    for heading, items in groups:
        group = cv_pub_group(classes=["cv-pub-group"])
        if heading:
            group += nodes.rubric(heading, heading, classes=["cv-pub-group-title"])
        if numbered:
            entries: nodes.Element = cv_publist(
                enumtype="arabic",
                prefix="",
                suffix=".",
                classes=["cv-publist", *(["cv-publist-labelled"] if labelled else [])],
            )
            entries["start"] = total - done if numbered == "reverse" else done + 1
            entries["reversed"] = numbered == "reverse"
        else:
            entries = nodes.bullet_list(bullet="-", classes=["cv-publist"])
        if isinstance(items, cv_parked):
            items.held = entries
            done += len(items.plan)
            group += items
        else:
            entries.extend(items)
            done += len(items)
            group += entries
        node += group
    if legend is not None:
        node += legend
    if jsonld is not None:
        node += cv_jsonld(data=jsonld, hidden=[])
    return node
