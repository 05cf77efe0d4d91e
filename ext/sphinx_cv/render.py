"""The one renderer: model objects (:class:`Entry`, :class:`Person`) to docutils nodes.

It knows nothing of where an entry came from. How source text becomes
inline nodes is the caller's choice (:attr:`RenderContext.inline`): parsed
markup for directive options, literal text for data files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from docutils import nodes

from .core.dates import DateSpan, Strftime, english_strftime, format_date
from .core.model import Entry, Person, Publication
from .nodes import (
    cv_dates,
    cv_details,
    cv_email,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_jsonld,
    cv_profile,
    cv_pub,
    cv_pub_group,
    cv_publications,
    cv_publist,
    cv_summary,
    cv_timeline,
)
from .core.urls import is_external, safe_url

InlineParser = Callable[[str], list[nodes.Node]]


def literal_text(text: str) -> list[nodes.Node]:
    """Data-file text: shown exactly as written, never interpreted as markup."""
    return [nodes.Text(text)]


@dataclass
class RenderContext:
    """Settings the renderer needs, taken from the Sphinx config by the caller."""

    date_format: str = "%b %Y"
    present_label: str = "Present"
    strftime: Strftime = english_strftime
    inline: InlineParser = literal_text
    labels: dict[str, str] = field(default_factory=dict)  #: translated UI labels

    def label(self, text: str) -> str:
        return self.labels.get(text, text)


DASH = " \u2013 "


def date_pairs(span: DateSpan, ctx: RenderContext) -> list[tuple[str, str]]:
    """``(shown, iso)`` for each end of the span (``iso`` empty for Present or unparsed text)."""
    return [
        (format_date(d, ctx.date_format, present_label=ctx.present_label, strftime=ctx.strftime), d.iso or "")
        for d in (span.start, span.end)
        if d is not None
    ]


def dates_node(pairs: Sequence[tuple[str, str]]) -> cv_dates:
    """The dates as an inline node with their text, for builders that read text.

    See :func:`sphinx_cv.timeline.finish_headings`.
    """
    text = DASH.join(shown for shown, _iso in pairs)
    return cv_dates(text, text, classes=["cv-dates"], dates=list(pairs))


def link_node(children: Sequence[nodes.Node], url: str) -> nodes.reference:
    """A reference to an already checked URL; external ones get the ``external`` class."""
    ref = nodes.reference("", "", *children, refuri=url)
    if is_external(url):
        ref["classes"].append("external")
    return ref


def render_heading(entry: Entry, ctx: RenderContext, title: Sequence[nodes.Node] | None = None) -> cv_heading:
    """Title (linked when the entry has a URL), subtitle and location in one paragraph.

    The dates are the heading's ``dates`` attribute, not a child: HTML writes
    them as ``<time datetime>`` elements, and other builders get them as a
    :func:`dates_node` at write time. Sphinx indexes no numbers for search, so
    the text tree loses nothing, and every entry is two nodes fewer for each
    transform, pickle and writer pass. No punctuation between the parts
    either: HTML lays them out with CSS, and :func:`punctuate_heading` adds it
    for formats without a stylesheet.
    """
    heading = cv_heading(classes=["cv-heading"])
    if entry.dates is not None:
        heading["dates"] = date_pairs(entry.dates, ctx)
    title_nodes = list(title) if title is not None else ctx.inline(entry.title)
    if entry.url:
        title_nodes = [link_node(title_nodes, entry.url)]
    heading += nodes.strong("", "", *title_nodes, classes=["cv-title"])
    if entry.subtitle:
        heading += nodes.emphasis("", "", *ctx.inline(entry.subtitle), classes=["cv-subtitle"])
    if entry.location:
        heading += nodes.inline("", "", *ctx.inline(entry.location), classes=["cv-location"])
    return heading


def punctuate_heading(heading: cv_heading) -> None:
    """``Sep 2019 – Present Title, Subtitle, Location``: the separators plain-text formats need.

    Added at write time only (after :func:`dates_node`), so the doctree
    every build reads and pickles stays small (a thousand-entry CV has three
    thousand fewer nodes).
    """
    parts = list(heading.children)
    for before, part in pairwise(parts):
        sep = " " if isinstance(before, cv_dates) else ", "
        heading.insert(heading.index(part), nodes.Text(sep))


def render_entry(
    entry: Entry,
    ctx: RenderContext,
    *,
    title: Sequence[nodes.Node] | None = None,
    body: Iterable[nodes.Node] = (),
    classes: Sequence[str] = (),
) -> cv_entry:
    """One entry: heading, summary, highlights, then any body content of a directive."""
    node = cv_entry(classes=["cv-entry", *classes])
    if entry.dates is not None:
        node["sort_key"] = entry.dates.sort_key
    node += render_heading(entry, ctx, title)
    if entry.summary:
        node += nodes.paragraph("", "", *ctx.inline(entry.summary), classes=["cv-summary"])
    if entry.highlights:
        bullets = nodes.bullet_list(bullet="-", classes=["cv-highlights"])
        for text in entry.highlights:
            bullets += nodes.list_item("", nodes.paragraph("", "", *ctx.inline(text)))
        node += bullets
    node.extend(body)
    return node


ORDERS = ("source", "newest", "oldest")


def order_entries(items: list[cv_entry], order: str = "source", limit: int | None = None) -> list[cv_entry]:
    """Sort rendered entries by their dates (stable; undated keep their place at the end)."""
    if order != "source":
        dated = [i for i in items if "sort_key" in i]
        undated = [i for i in items if "sort_key" not in i]
        dated.sort(key=lambda i: tuple(map(tuple, i["sort_key"])), reverse=order == "newest")
        items = dated + undated
    return items[:limit] if limit is not None else items


def render_timeline(
    items: list[cv_entry],
    *,
    caption: Sequence[nodes.Node] = (),
    classes: Sequence[str] = (),
) -> cv_timeline:
    """The timeline container: caption (a rubric) above the list of entries."""
    node = cv_timeline(classes=["cv-timeline", *classes])
    if caption:
        node["caption"] = "".join(n.astext() for n in caption)
        node += nodes.rubric("", "", *caption, classes=["cv-caption"])
    entries = cv_entries(bullet="-", classes=["cv-entries"])
    for item in items:
        item.attributes.pop("sort_key", None)  # ordered now: not worth pickling
    entries.extend(items)
    node += entries
    return node


def person_jsonld(person: Person, *, url: str = "") -> tuple[dict[str, Any], tuple[str, ...]]:
    """schema.org ``Person`` data and the values to hide from plain-text harvesting."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": person.name}
    if person.tagline:
        data["jobTitle"] = person.tagline
    contacts = {c.kind: c for c in person.contacts()}
    hidden: tuple[str, ...] = ()
    if "email" in contacts:
        data["email"] = person.email.strip()
        hidden = (data["email"],)
    if "phone" in contacts:
        data["telephone"] = person.phone.strip()
    homepage = contacts["homepage"].url if "homepage" in contacts else url
    if homepage:
        data["url"] = homepage
    photo = safe_url(person.photo)
    if photo and is_external(photo):
        data["image"] = photo
    if person.location:
        data["address"] = {"@type": "PostalAddress", "addressLocality": person.location}
    same_as = person.same_as()
    if same_as:
        data["sameAs"] = same_as
    return data, hidden


def render_profile(
    person: Person,
    ctx: RenderContext,
    *,
    body: Iterable[nodes.Node] = (),
    jsonld: str | None = None,
    classes: Sequence[str] = (),
) -> cv_profile:
    """Photo, name, tagline, contact links, body and (HTML only) JSON-LD."""
    node = cv_profile(classes=["cv-profile", *classes])
    photo = safe_url(person.photo)
    if photo:
        node += nodes.image(uri=photo, alt=person.name, classes=["cv-photo"])
    node += nodes.paragraph("", "", nodes.strong(person.name, person.name), classes=["cv-name"])
    if person.tagline:
        node += nodes.paragraph("", "", *ctx.inline(person.tagline), classes=["cv-tagline"])
    contacts = nodes.bullet_list(bullet="-", classes=["cv-contact"])
    for contact in person.contacts():
        label = ctx.label(contact.label)
        para = nodes.paragraph(classes=[f"cv-contact-{contact.kind}"])
        # Scholar profiles have no readable handle: the link text is the label itself.
        shown = label if contact.kind == "scholar" else contact.text
        if contact.kind != "scholar":
            para += nodes.inline("", f"{label}:", classes=["cv-contact-label"])
            para += nodes.Text(" ")
        if contact.kind == "email":
            para += cv_email(refuri=contact.url, classes=["cv-email"], address=shown)
        else:
            para += link_node([nodes.Text(shown)], contact.url)
        contacts += nodes.list_item("", para)
    if person.location:
        label = ctx.label("Location")
        para = nodes.paragraph(classes=["cv-contact-location"])
        para += nodes.inline("", f"{label}:", classes=["cv-contact-label"])
        para += nodes.Text(" ")
        para += nodes.inline("", "", *ctx.inline(person.location), classes=["cv-location"])
        contacts += nodes.list_item("", para)
    if len(contacts):
        node += contacts
    node.extend(body)
    if jsonld is not None:
        node += cv_jsonld(data=jsonld)
    return node


# ---- publications ---------------------------------------------------------------------------------

#: extras a publication list can show (``:show:``)
PUB_EXTRAS = ("links", "abstract", "bibtex")
_STYLE_NODES: dict[str, type[nodes.TextElement]] = {
    "em": nodes.emphasis,
    "strong": nodes.strong,
    "code": nodes.literal,
    "sub": nodes.subscript,
    "sup": nodes.superscript,
}


def render_spans(spans: Iterable[tuple[str, str]]) -> list[nodes.Node]:
    """Styled runs as text nodes: bib text is data, never parsed as markup (so ``<script>`` stays text)."""
    out: list[nodes.Node] = []
    for style, text in spans:
        node_class = _STYLE_NODES.get(style)
        out.append(node_class(text, text) if node_class else nodes.Text(text))
    return out


def _details(kind: str, label: str, *body: nodes.Node, data: dict[str, str] | None = None) -> cv_details:
    """``<details>`` in HTML (usable without JavaScript); elsewhere the label and the body.

    ``data`` becomes ``data-*`` attributes in HTML, for the script's translated labels.
    """
    node = cv_details(classes=[f"cv-pub-{kind}"])
    if data:
        node["data"] = data
    node += cv_summary(label, label)
    node.extend(body)
    return node


def render_publication(
    pub: Publication, ctx: RenderContext, *, node_id: str, show: Sequence[str] = ("links",)
) -> cv_pub:
    """Title, authors (owner highlighted), venue, year and note, then the extras in ``show``."""
    node = cv_pub(classes=["cv-pub"], ids=[node_id])
    node += nodes.paragraph("", "", *render_spans(pub.title), classes=["cv-pub-title"])
    if pub.authors:
        # co-authors and separators run together as one text node: a ten-author paper is
        # then two or three nodes, not twenty, in every transform, pickle and writer pass
        authors = nodes.paragraph(classes=["cv-pub-authors"])
        plain: list[str] = []
        for index, author in enumerate(pub.authors):
            if index:
                plain.append(", ")
            if author.is_owner:
                if plain:
                    authors += nodes.Text("".join(plain))
                    plain = []
                authors += nodes.strong(author.name, author.name, classes=["cv-author-self"])
            else:
                plain.append(author.name)
        if plain:
            authors += nodes.Text("".join(plain))
        node += authors
    venue = nodes.paragraph(classes=["cv-pub-venue"])
    if pub.venue:
        venue += nodes.emphasis(pub.venue, pub.venue, classes=["cv-pub-where"])
    if pub.year and pub.year not in pub.venue:
        if pub.venue:
            venue += nodes.Text(", ")
        venue += nodes.inline(pub.year, pub.year, classes=["cv-pub-year"])
    if pub.note:
        venue += nodes.Text(" ")
        venue += nodes.inline("", f"({pub.note})", classes=["cv-pub-note"])
    if len(venue):
        node += venue
    if "links" in show and pub.links:
        links = nodes.paragraph(classes=["cv-pub-links"])
        for index, link in enumerate(pub.links):
            if index:
                links += nodes.Text(" ")
            ref = link_node([nodes.Text(link.label)], link.url)
            ref["classes"].append("cv-pub-link")
            links += ref
        node += links
    if "abstract" in show and pub.abstract:
        node += _details("abstract", ctx.label("Abstract"), nodes.paragraph(pub.abstract, pub.abstract))
    if "bibtex" in show and pub.bibtex:
        code = nodes.literal_block(pub.bibtex, pub.bibtex, language="bibtex")
        copy = {"copy": ctx.label("Copy"), "copied": ctx.label("Copied")}
        node += _details("bibtex", ctx.label("BibTeX"), code, data=copy)
    return node


def render_publications(
    groups: Sequence[tuple[str, list[cv_pub]]],
    *,
    caption: Sequence[nodes.Node] = (),
    numbered: str = "",
    classes: Sequence[str] = (),
    jsonld: str | None = None,
) -> cv_publications:
    """Caption, one ``cv-pub-group`` per (heading, entries) and JSON-LD.

    Numbers run on across groups and are real list numbers: ``start`` (and,
    for ``numbered="reverse"``, HTML ``reversed``) on each ``<ol>``.
    """
    node = cv_publications(classes=["cv-publications", *classes])
    if caption:
        node["caption"] = "".join(n.astext() for n in caption)
        node += nodes.rubric("", "", *caption, classes=["cv-caption"])
    total = sum(len(items) for _heading, items in groups)
    done = 0
    for heading, items in groups:
        group = cv_pub_group(classes=["cv-pub-group"])
        if heading:
            group += nodes.rubric(heading, heading, classes=["cv-pub-group-title"])
        if numbered:
            entries: nodes.Element = cv_publist(
                enumtype="arabic", prefix="", suffix=".", classes=["cv-publist"]
            )
            entries["start"] = total - done if numbered == "reverse" else done + 1
            entries["reversed"] = numbered == "reverse"
        else:
            entries = nodes.bullet_list(bullet="-", classes=["cv-publist"])
        entries.extend(items)
        done += len(items)
        group += entries
        node += group
    if jsonld is not None:
        node += cv_jsonld(data=jsonld)
    return node


def publication_jsonld(pub: Publication) -> dict[str, Any]:
    """schema.org data of one publication: a ``ScholarlyArticle`` (a ``Thesis`` for theses)."""
    data: dict[str, Any] = {
        "@type": "Thesis" if pub.kind == "thesis" else "ScholarlyArticle",
        "name": pub.title_text,
        "author": [{"@type": "Person", "name": a.name} for a in pub.authors],
    }
    if pub.year:
        data["datePublished"] = f"{pub.year}-{pub.month:02d}" if pub.month else pub.year
    if pub.venue and pub.kind in ("article", "inproceedings", "book"):
        data["isPartOf"] = {
            "@type": "Periodical" if pub.kind == "article" else "CreativeWork",
            "name": pub.venue,
        }
    identifiers = [*([f"doi:{pub.doi}"] if pub.doi else []), *([f"arXiv:{pub.arxiv}"] if pub.arxiv else [])]
    if identifiers:
        data["identifier"] = identifiers
    same_as = [link.url for link in pub.links if link.field in ("doi", "eprint")]
    if same_as:
        data["sameAs"] = same_as
    urls = [link.url for link in pub.links if is_external(link.url)]
    if urls:
        data["url"] = urls[0]
    return data
