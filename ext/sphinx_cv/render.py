"""The one renderer: model objects (:class:`Entry`, :class:`Person`, :class:`Publication`) to nodes.

It knows nothing of where an entry came from, nor of any builder. How source
text becomes inline nodes is the caller's choice (:attr:`RenderContext.inline`,
one of :mod:`sphinx_cv.inline`'s rules): parsed markup for directive
options, literal text for data files. Each part gets a node type of its own
(:mod:`sphinx_cv.nodes`), which the writers recognise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from .core.dates import DateSpan, Strftime, english_strftime, format_date
from .core.model import Author, Entry, Person, Publication
from .core.urls import is_external, safe_url
from .inline import InlineParser, data_text, link_node, literal_text, span_nodes
from .nodes import (
    CITE_CLASS,
    PUB_LINK_CLASS,
    UNDATED_CLASS,
    cv_author_note,
    cv_authors_more,
    cv_authors_short,
    cv_coins,
    cv_contact,
    cv_contact_label,
    cv_contact_text,
    cv_contacts,
    cv_details,
    cv_email,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_icon,
    cv_jsonld,
    cv_location,
    cv_name,
    cv_numbered_entries,
    cv_photo,
    cv_profile,
    cv_pub,
    cv_pub_abbr,
    cv_pub_authors,
    cv_pub_award,
    cv_pub_downloads,
    cv_pub_group,
    cv_pub_legend,
    cv_pub_links,
    cv_pub_preview,
    cv_pub_title,
    cv_pub_venue,
    cv_publications,
    cv_publist,
    cv_subtitle,
    cv_summary,
    cv_tagline,
    cv_timeline,
    cv_title,
)


@dataclass
class RenderContext:
    """Settings the renderer needs, taken from the Sphinx config by the caller."""

    date_format: str = "%b %Y"
    present_label: str = "Present"
    strftime: Strftime = english_strftime
    #: season -> "Herbst {}" in the page's language (none: as written)
    seasons: dict[str, str] = field(default_factory=dict)
    inline: InlineParser = literal_text
    labels: dict[str, str] = field(default_factory=dict)  #: translated UI labels
    #: a label with a number ("and {} more"), in the plural form of the page's language
    counted: Callable[[str, int], str] = lambda msgid, count: msgid.replace("{}", str(count))
    #: False for text shown exactly as written (data files): no curly quotes, no dashes from ``--``
    smartquotes: bool = True
    #: authors shown before a long list is cut ("and 7 more"); 0 shows them all
    max_authors: int = 0

    def label(self, text: str) -> str:
        return self.labels.get(text, text)


# ---- timelines ------------------------------------------------------------------------------------


def date_pairs(span: DateSpan, ctx: RenderContext) -> list[tuple[str, str]]:
    """``(shown, iso)`` for each end of the span (``iso`` empty for Present or unparsed text)."""
    return [
        (format_date(d, ctx.date_format, ctx.present_label, ctx.strftime, ctx.seasons), d.iso or "")
        for d in (span.start, span.end)
        if d is not None
    ]


def render_heading(entry: Entry, ctx: RenderContext, title: Sequence[nodes.Node] | None = None) -> cv_heading:
    """Title (linked when the entry has a URL), subtitle and location in one paragraph.

    The dates are the heading's ``dates`` attribute, not a child (see
    :class:`~sphinx_cv.nodes.cv_heading`): every entry is two nodes fewer for
    each transform, pickle and writer pass. No punctuation between the parts
    either: HTML lays them out with CSS, the LaTeX and text writers write
    their own, and a post-transform adds it for other plain formats.
    """
    heading = cv_heading(classes=["cv-heading"])
    if entry.dates is not None:
        heading["dates"] = date_pairs(entry.dates, ctx)
    title_nodes = list(title) if title is not None else ctx.inline(entry.title)
    if entry.url:
        title_nodes = [link_node(title_nodes, entry.url)]
    heading += cv_title("", "", *title_nodes, classes=["cv-title"])
    if entry.subtitle:
        heading += cv_subtitle("", "", *ctx.inline(entry.subtitle), classes=["cv-subtitle"])
    if entry.location:
        heading += cv_location("", "", *ctx.inline(entry.location), classes=["cv-location"])
    return heading


def render_entry(
    entry: Entry,
    ctx: RenderContext,
    *,
    title: Sequence[nodes.Node] | None = None,
    body: Iterable[nodes.Node] = (),
    classes: Sequence[str] = (),
) -> cv_entry:
    """One entry: heading, summary, highlights, then any body content of a directive.

    ``sort_key`` holds its date order until :func:`render_timeline` has used it.
    """
    node = cv_entry(classes=["cv-entry", *classes])
    if not ctx.smartquotes:
        node["support_smartquotes"] = False  # Sphinx's SmartQuotes skips what is inside
    if entry.dates is not None:
        node["sort_key"] = entry.dates.sort_key
    node += render_heading(entry, ctx, title)
    if entry.summary:
        node += nodes.paragraph("", "", *ctx.inline(entry.summary), classes=["cv-summary"])
    if entry.highlights:
        bullets = nodes.bullet_list(bullet="-", classes=["cv-highlights"])
        for item in entry.highlights:
            text, children = (item, ()) if isinstance(item, str) else (item.text, item.children)
            bullet = nodes.list_item("", nodes.paragraph("", "", *ctx.inline(text)))
            if children:
                bullet += nodes.bullet_list(
                    "",
                    *(nodes.list_item("", nodes.paragraph("", "", *ctx.inline(c))) for c in children),
                    bullet="-",
                )
            bullets += bullet
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


def _dated(entry: cv_entry) -> bool:
    return any(heading.get("dates") for heading in entry.children[:1] if isinstance(heading, cv_heading))


def render_timeline(
    items: list[cv_entry],
    *,
    caption: Sequence[nodes.Node] = (),
    classes: Sequence[str] = (),
    numbered: str = "",
) -> cv_timeline:
    """The timeline container: caption (a rubric) above the list of entries.

    ``numbered`` ("plain" or "reverse") makes the list a numbered one, whose
    numbers are real list numbers (as in publication lists).
    """
    node = cv_timeline(classes=["cv-timeline", *classes])
    if caption:
        node["caption"] = "".join(n.astext() for n in caption)
        node += nodes.rubric("", "", *caption, classes=["cv-caption"])
    entries: nodes.Element = cv_entries(bullet="-", classes=["cv-entries"])
    if numbered:
        entries = cv_numbered_entries(enumtype="arabic", prefix="", suffix=".", classes=["cv-entries"])
        entries["start"] = len(items) if numbered == "reverse" else 1
        entries["reversed"] = numbered == "reverse"
    if items and not any(_dated(item) for item in items):
        node["classes"].append(UNDATED_CLASS)  # no empty date column (RenderCV's one-line sections)
    for item in items:
        item.attributes.pop("sort_key", None)  # ordered now: not worth pickling
    entries.extend(items)
    node += entries
    return node


# ---- the profile ----------------------------------------------------------------------------------


def person_jsonld(person: Person, *, url: str = "") -> tuple[dict[str, Any], list[str]]:
    """schema.org ``Person`` data and the values to hide from plain-text harvesting."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": person.name}
    if person.tagline:
        data["jobTitle"] = person.tagline
    contacts = {c.kind: c for c in person.contacts()}
    hidden: list[str] = []
    if "email" in contacts:
        data["email"] = person.email.strip()
        hidden.append(data["email"])
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


#: contacts whose link text is their own label ("Google Scholar", "CV (PDF)")
SELF_LABELLED = ("scholar", "pdf")


def _contact(ctx: RenderContext, kind: str, label: str, value: nodes.Node) -> nodes.list_item:
    """Icon, ``Label: value`` as a list item; a value that is its own label (Google Scholar) stands alone.

    In HTML the icon stands for the label, which screen readers still read (visually hidden).
    A link holds its icon, so the icon is part of what is clicked; the email link is written
    by its own visitor, so its icon stands before it.
    """
    para = cv_contact(classes=[f"cv-contact-{kind}"], kind=kind)
    if not isinstance(value, nodes.reference) or isinstance(value, cv_email):
        para += cv_icon(kind=kind, classes=["cv-icon"])
    if label:
        label_classes = ["cv-contact-label", "cv-visually-hidden"]
        para += cv_contact_label("", f"{ctx.label(label)}:", classes=label_classes)
        para += nodes.Text(" ")
    para += value
    return nodes.list_item("", para)


def _contact_link(kind: str, text: str, url: str) -> nodes.reference:
    """The link with its icon; the text in a ``cv-contact-text`` span, which a stylesheet may hide."""
    icon = cv_icon(kind=kind, classes=["cv-icon"])
    return link_node([icon, cv_contact_text(text, text, classes=["cv-contact-text"])], url)


def render_profile(
    person: Person,
    ctx: RenderContext,
    *,
    body: Iterable[nodes.Node] = (),
    jsonld: tuple[dict[str, Any], list[str]] | None = None,
    classes: Sequence[str] = (),
) -> cv_profile:
    """Photo, name, tagline, contact links, body and (HTML only) JSON-LD."""
    node = cv_profile(classes=["cv-profile", *classes])
    photo = safe_url(person.photo)
    if photo:
        node += cv_photo(uri=photo, alt=person.name, classes=["cv-photo"])
    node += cv_name("", "", nodes.strong(person.name, person.name), classes=["cv-name"])
    if person.tagline:
        node += cv_tagline("", "", *ctx.inline(person.tagline), classes=["cv-tagline"])
    contacts = cv_contacts(bullet="-", classes=["cv-contact"])
    for contact in person.contacts():
        if contact.kind == "email":
            value: nodes.Node = cv_email(refuri=contact.url, classes=["cv-email"], address=contact.text)
        elif contact.kind in SELF_LABELLED:
            # no readable handle (Scholar) or nothing but a file (the PDF): the label is the link text
            value = _contact_link(contact.kind, ctx.label(contact.label), contact.url)
        else:
            value = _contact_link(contact.kind, contact.text, contact.url)
        label = "" if contact.kind in SELF_LABELLED else contact.label
        contacts += _contact(ctx, contact.kind, label, value)
    if person.location:
        where = cv_location("", "", *ctx.inline(person.location), classes=["cv-location"])
        contacts += _contact(ctx, "location", "Location", where)
    if len(contacts):
        node += contacts
    node.extend(body)
    if jsonld is not None:
        node += cv_jsonld(data=jsonld[0], hidden=jsonld[1])
    return node


# ---- publications ---------------------------------------------------------------------------------

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
            target += _marks(author.marks)
    flush()


def _marks(marks: Sequence[str]) -> cv_author_note:
    """``*†`` as one superscript; numbers (affiliations) separated by commas."""
    text = ("," if any(m.isalnum() for m in marks) else "").join(marks)
    return cv_author_note(text, text, classes=["cv-author-note"])


def _authors(pub: Publication, ctx: RenderContext) -> cv_pub_authors:
    """The authors; beyond ``ctx.max_authors`` the rest behind "and N more" (N >= 2), the owner always shown.

    A cut list is the shown part ("A, B, …, Q. Zheng, …,") and the whole list
    in a :class:`cv_authors_more` (HTML ``<details>``, no JavaScript needed).
    """
    authors = cv_pub_authors(classes=["cv-pub-authors"])
    limit = ctx.max_authors
    if not limit or len(pub.authors) <= limit + 1:  # "and 1 more" would hide less than it shows
        _author_run(authors, pub.authors)
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


def _preview(pub: Publication) -> cv_pub_preview:
    """al-folio's thumbnail (a path from the source root, checked by the caller), loaded lazily."""
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


def render_publication(
    pub: Publication, ctx: RenderContext, *, node_id: str, show: Sequence[str] = ("links",)
) -> cv_pub:
    """Title (after a venue badge from ``abbr``), authors (owner highlighted), venue, year and
    note, then the extras in ``show``.

    A preprint's arXiv id is said once: as its arXiv link's label when links are shown
    ("arXiv:2006.05022"), else on the venue line.
    """
    node = cv_pub(classes=["cv-pub"], ids=[node_id])
    if pub.preview:
        node += _preview(pub)
    title = cv_pub_title("", "", *span_nodes(pub.title), classes=["cv-pub-title"])
    if pub.abbr:
        title.insert(0, cv_pub_abbr(abbr=pub.abbr, classes=["cv-pub-abbr"]))
    node += title
    if pub.authors:
        node += _authors(pub, ctx)
    if pub.annotation:
        node += cv_pub_legend(pub.annotation, pub.annotation, classes=["cv-pub-legend", "cv-pub-annotation"])
    arxiv_venue = f"arXiv:{pub.arxiv}" if pub.arxiv and pub.venue == f"arXiv:{pub.arxiv}" else ""
    links_shown = "links" in show and bool(pub.links)
    in_link = links_shown and bool(arxiv_venue) and any(link.field in ARXIV_FIELDS for link in pub.links)
    venue = _venue(pub, "" if in_link else pub.venue)
    if pub.info:
        venue += _info(pub)
    if len(venue):
        node += venue
    if pub.has_award:
        node += _award(pub, ctx)
    if any(link.site_path for link in pub.links):
        node["site_paths"] = [link.url for link in pub.links if link.site_path]
    if links_shown:
        links = cv_pub_links(classes=["cv-pub-links"])
        for index, link in enumerate(pub.links):
            if index:
                links += nodes.Text(" ")
            label = arxiv_venue if in_link and link.field in ARXIV_FIELDS else link.label
            ref = link_node([nodes.Text(label)], link.url)
            ref["classes"].append(PUB_LINK_CLASS)
            links += ref
        node += links
    if "abstract" in show and pub.abstract:
        node += _details("abstract", ctx.label("Abstract"), nodes.paragraph(pub.abstract, pub.abstract))
    if ("bibtex" in show or pub.bibtex_show) and pub.bibtex:
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
    jsonld: dict[str, Any] | None = None,
    legend: cv_pub_legend | None = None,
) -> cv_publications:
    """Caption, one ``cv-pub-group`` per (heading, entries), the marks' legend and JSON-LD.

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
    if legend is not None:
        node += legend
    if jsonld is not None:
        node += cv_jsonld(data=jsonld, hidden=[])
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


# ---- citation metadata: COinS, title links, a publication's own page ----------------------------------


def coins_node(kev: str) -> cv_coins:
    """A COinS span for list pages (never on a publication's own page: Zotero would prefer it there)."""
    return cv_coins(kev=kev)


def link_title(pub: cv_pub, refuri: str) -> None:
    """Make a listed publication's title a link to its own page."""
    title = next(pub.findall(cv_pub_title), None)
    if title is not None:
        ref = nodes.reference("", "", *title.children, internal=True, refuri=refuri)
        title.children = []
        title += ref


def profile_page_jsonld(person: dict[str, Any], date_modified: str) -> dict[str, Any]:
    """schema.org ``ProfilePage`` whose ``mainEntity`` is the person (Google's profile-page data)."""
    main = {k: v for k, v in person.items() if k != "@context"}
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "dateModified": date_modified,
        "mainEntity": main,
    }


def render_publication_page(
    pub: Publication,
    ctx: RenderContext,
    *,
    node_id: str,
    downloads: Sequence[tuple[str, str]],
    jsonld: dict[str, Any] | None,
) -> nodes.section:
    """A publication's own page: its title as the heading, the list entry (same action row), the
    abstract in full (Google Scholar wants it visible), and a Cite block (BibTeX and downloads).

    ``downloads`` are (label, URL) pairs, already relative to the page.
    """
    section = nodes.section(ids=[node_id], classes=["cv-pub-page"])
    section += nodes.title("", "", *span_nodes(pub.title))
    entry = render_publication(pub, ctx, node_id=f"{node_id}-entry", show=("links",))
    for title in list(entry.findall(cv_pub_title)):
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
        cite += nodes.literal_block("", pub.bibtex, classes=["cv-pub-bibtex-source"])
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
