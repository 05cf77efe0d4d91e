"""The one renderer: model objects (:class:`Entry`, :class:`Person`, :class:`Publication`) to nodes.

It knows nothing of where an entry came from, nor of any builder. How source
text becomes inline nodes is the caller's choice (:attr:`RenderContext.inline`,
one of :mod:`sphinx_cv.inline`'s rules): parsed markup for directive
options, literal text for data files. Each part gets a node type of its own
(:mod:`sphinx_cv.nodes`), which the writers recognise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from .core.dates import DateSpan, Strftime, english_strftime, format_date
from .core.model import Entry, Person, Publication
from .core.urls import is_external, safe_url
from .inline import InlineParser, link_node, literal_text, span_nodes
from .nodes import (
    CITE_CLASS,
    PUB_LINK_CLASS,
    cv_coins,
    cv_contact,
    cv_contact_label,
    cv_contacts,
    cv_details,
    cv_email,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_jsonld,
    cv_location,
    cv_name,
    cv_photo,
    cv_profile,
    cv_pub,
    cv_pub_authors,
    cv_pub_downloads,
    cv_pub_group,
    cv_pub_links,
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
    inline: InlineParser = literal_text
    labels: dict[str, str] = field(default_factory=dict)  #: translated UI labels
    #: False for text shown exactly as written (data files): no curly quotes, no dashes from ``--``
    smartquotes: bool = True

    def label(self, text: str) -> str:
        return self.labels.get(text, text)


# ---- timelines ------------------------------------------------------------------------------------


def date_pairs(span: DateSpan, ctx: RenderContext) -> list[tuple[str, str]]:
    """``(shown, iso)`` for each end of the span (``iso`` empty for Present or unparsed text)."""
    return [
        (format_date(d, ctx.date_format, present_label=ctx.present_label, strftime=ctx.strftime), d.iso or "")
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


def _contact(ctx: RenderContext, kind: str, label: str, value: list[nodes.Node]) -> nodes.list_item:
    """``Label: value`` as a list item; a value that is its own label (Google Scholar) stands alone."""
    para = cv_contact(classes=[f"cv-contact-{kind}"])
    if label:
        para += cv_contact_label("", f"{ctx.label(label)}:", classes=["cv-contact-label"])
        para += nodes.Text(" ")
    para.extend(value)
    return nodes.list_item("", para)


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
        elif contact.kind == "scholar":
            # Scholar profiles have no readable handle: the link text is the label itself
            value = link_node([nodes.Text(ctx.label(contact.label))], contact.url)
        else:
            value = link_node([nodes.Text(contact.text)], contact.url)
        contacts += _contact(ctx, contact.kind, "" if contact.kind == "scholar" else contact.label, [value])
    if person.location:
        where = cv_location("", "", *ctx.inline(person.location), classes=["cv-location"])
        contacts += _contact(ctx, "location", "Location", [where])
    if len(contacts):
        node += contacts
    node.extend(body)
    if jsonld is not None:
        node += cv_jsonld(data=jsonld[0], hidden=jsonld[1])
    return node


# ---- publications ---------------------------------------------------------------------------------

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


def _authors(pub: Publication) -> cv_pub_authors:
    """The authors; co-authors and separators run together as one text node.

    A ten-author paper is then two or three nodes, not twenty, in every
    transform, pickle and writer pass.
    """
    authors = cv_pub_authors(classes=["cv-pub-authors"])
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
    return authors


def _venue(pub: Publication) -> cv_pub_venue:
    venue = cv_pub_venue(classes=["cv-pub-venue"])
    if pub.venue:
        venue += nodes.emphasis(pub.venue, pub.venue, classes=["cv-pub-where"])
    if pub.year and pub.year not in pub.venue:
        if pub.venue:
            venue += nodes.Text(", ")
        venue += nodes.inline(pub.year, pub.year, classes=["cv-pub-year"])
    if pub.note:
        venue += nodes.Text(" ")
        venue += nodes.inline("", f"({pub.note})", classes=["cv-pub-note"])
    return venue


def render_publication(
    pub: Publication, ctx: RenderContext, *, node_id: str, show: Sequence[str] = ("links",)
) -> cv_pub:
    """Title, authors (owner highlighted), venue, year and note, then the extras in ``show``."""
    node = cv_pub(classes=["cv-pub"], ids=[node_id])
    node += cv_pub_title("", "", *span_nodes(pub.title), classes=["cv-pub-title"])
    if pub.authors:
        node += _authors(pub)
    venue = _venue(pub)
    if len(venue):
        node += venue
    if "links" in show and pub.links:
        links = cv_pub_links(classes=["cv-pub-links"])
        for index, link in enumerate(pub.links):
            if index:
                links += nodes.Text(" ")
            ref = link_node([nodes.Text(link.label)], link.url)
            ref["classes"].append(PUB_LINK_CLASS)
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
    jsonld: dict[str, Any] | None = None,
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
    for title in pub.findall(cv_pub_title):
        ref = nodes.reference("", "", *title.children, internal=True, refuri=refuri)
        title.children = []
        title += ref
        return


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
