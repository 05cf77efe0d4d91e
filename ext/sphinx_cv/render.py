"""The one renderer: model objects (:class:`Entry`, :class:`Person`) to nodes.

Publications have their half in :mod:`sphinx_cv.publications.render`.

It knows nothing of where an entry came from, nor of any builder. How source
text becomes inline nodes is the caller's choice (:attr:`RenderContext.inline`,
one of :mod:`sphinx_cv.inline`'s rules): parsed markup for directive
options, literal text for data files. Each part gets a node type of its own
(:mod:`sphinx_cv.nodes`), which the writers recognise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from .core.dates import DateSpan, Strftime, english_strftime, format_date
from .core.metrics import Totals
from .core.model import Entry, Person
from .core.urls import is_external, safe_url
from .inline import InlineParser, link_node, literal_text
from .nodes import (
    PUB_LINK_CLASS,
    UNDATED_CLASS,
    cv_contact,
    cv_contact_label,
    cv_contact_text,
    cv_contacts,
    cv_email,
    cv_entries,
    cv_entry,
    cv_entry_links,
    cv_entry_meta,
    cv_heading,
    cv_icon,
    cv_jsonld,
    cv_location,
    cv_name,
    cv_numbered_entries,
    cv_photo,
    cv_profile,
    cv_subtitle,
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
    #: what ends an author list the .bib ends with "and others"
    et_al: str = "et al."
    #: a whole number as the project's language writes it (citation counts: "1,215", "1.215")
    number: Callable[[int], str] = "{:,}".format

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
    if entry.location or entry.online:
        where = cv_location("", "", *ctx.inline(entry.location), classes=["cv-location"])
        if entry.online:
            online = ctx.label("online")
            where += nodes.Text(f" \u00b7 {online}" if entry.location else online)
        heading += where
    return heading


#: an entry's links besides its title's, in the order of its row: (field, label)
ENTRY_LINKS = (("slides", "Slides"), ("video", "Video"), ("event_url", "Event"))


def _entry_extras(entry: Entry, ctx: RenderContext) -> list[nodes.Node]:
    """Role, funder and amount in one line; the slides, video and event links in a row."""
    found: list[nodes.Node] = []
    facts = [text for text in (entry.role, entry.funder, entry.amount) if text]
    if facts:
        meta = cv_entry_meta(classes=["cv-entry-meta"])
        for index, text in enumerate(facts):
            if index:
                meta += nodes.Text(" \u00b7 ")
            meta.extend(ctx.inline(text))
        found.append(meta)
    links = [(getattr(entry, name), label) for name, label in ENTRY_LINKS if getattr(entry, name)]
    if links:
        row = cv_entry_links(classes=["cv-pub-links"])
        for index, (url, label) in enumerate(links):
            if index:
                row += nodes.Text(" ")
            ref = link_node([nodes.Text(ctx.label(label))], url)
            ref["classes"].append(PUB_LINK_CLASS)
            row += ref
        found.append(row)
    return found


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
    if entry.tags:
        node["tags"] = list(entry.tags)  # read by CV variants at write time; no writer shows them
    node += render_heading(entry, ctx, title)
    extras = _entry_extras(entry, ctx)
    if extras and isinstance(extras[0], cv_entry_meta):
        node += extras.pop(0)
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
    node.extend(extras)  # the row of links, as a publication's, after what the entry says
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


#: a link to a file at the site's root, which a post-transform makes relative to the page
SITE_PATH = "cv_site_path"


def _pdf_links(ctx: RenderContext, main: str, variants: Sequence[tuple[str, str]]) -> nodes.list_item:
    """``CV (PDF): full · short``: the main PDF, then each variant's by its name (paths from the site root).

    The label is shown here, not only read out: the links' own texts name the variants.
    """
    para = cv_contact(classes=["cv-contact-pdf"], kind="pdf")
    para += cv_icon(kind="pdf", classes=["cv-icon"])
    para += cv_contact_label("", f"{ctx.label('CV (PDF)')}:", classes=["cv-contact-label"])
    links = [link_node([nodes.Text(ctx.label("full"))], main)] if main else []
    for text, path in variants:
        link = link_node([nodes.Text(text)], path)
        link[SITE_PATH] = True
        links.append(link)
    for index, link in enumerate(links):
        para += nodes.Text(" \u00b7 " if index else " ")
        para += link
    return nodes.list_item("", para)


def render_profile(
    person: Person,
    ctx: RenderContext,
    *,
    body: Iterable[nodes.Node] = (),
    jsonld: tuple[dict[str, Any], list[str]] | None = None,
    classes: Sequence[str] = (),
    metrics: nodes.Node | None = None,
    pdf_variants: Sequence[tuple[str, str]] = (),
) -> cv_profile:
    """Photo, name, tagline, contact links, citation totals, body and (HTML only) JSON-LD.

    ``pdf_variants`` ((name, path from the site's root) pairs) turn the PDF link into a list.
    """
    node = cv_profile(classes=["cv-profile", *classes])
    photo = safe_url(person.photo)
    if photo:
        node += cv_photo(uri=photo, alt=person.name, classes=["cv-photo"])
    node += cv_name("", "", nodes.strong(person.name, person.name), classes=["cv-name"])
    if person.tagline:
        node += cv_tagline("", "", *ctx.inline(person.tagline), classes=["cv-tagline"])
    contacts = cv_contacts(bullet="-", classes=["cv-contact"])
    for contact in person.contacts():
        if contact.kind == "pdf" and pdf_variants:
            contacts += _pdf_links(ctx, contact.url, pdf_variants)
            continue
        if contact.kind == "email":
            value: nodes.Node = cv_email(refuri=contact.url, classes=["cv-email"], address=contact.text)
        elif contact.kind in SELF_LABELLED:
            # no readable handle (Scholar) or nothing but a file (the PDF): the label is the link text
            value = _contact_link(contact.kind, ctx.label(contact.label), contact.url)
        else:
            value = _contact_link(contact.kind, contact.text, contact.url)
        label = "" if contact.kind in SELF_LABELLED else contact.label
        contacts += _contact(ctx, contact.kind, label, value)
    if pdf_variants and not any(c.kind == "pdf" for c in person.contacts()):
        contacts += _pdf_links(ctx, "", pdf_variants)  # no main PDF: the variants alone
    if person.location:
        where = cv_location("", "", *ctx.inline(person.location), classes=["cv-location"])
        contacts += _contact(ctx, "location", "Location", where)
    if len(contacts):
        node += contacts
    if metrics is not None:
        node += metrics
    node.extend(body)
    if jsonld is not None:
        node += cv_jsonld(data=jsonld[0], hidden=jsonld[1])
    return node


def render_metrics(found: Totals, wanted: Sequence[str], ctx: RenderContext) -> nodes.paragraph:
    """``Citations 1,234 · h-index 12 (OpenAlex, 2025-01-06)``: the figures asked for, with where and when."""
    figures = {
        "citations": ("Citations", ctx.number(found.citations)),
        "h-index": ("h-index", str(found.h_index)),
    }
    node = nodes.paragraph(classes=["cv-metrics"])
    for i, name in enumerate(wanted):
        label, figure = ctx.label(figures[name][0]), figures[name][1]
        if i:
            node += nodes.Text(" \u00b7 ")
        node += nodes.inline(label, label, classes=["cv-metrics-label"])
        node += nodes.Text(f"\u00a0{figure}")  # a label and its figure stay on one line
    where = f" ({', '.join(found.sources)}, {found.date})"
    node += nodes.inline(where, where, classes=["cv-metrics-date"])
    return node


def profile_page_jsonld(person: dict[str, Any], date_modified: str) -> dict[str, Any]:
    """schema.org ``ProfilePage`` whose ``mainEntity`` is the person (Google's profile-page data)."""
    main = {k: v for k, v in person.items() if k != "@context"}
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "dateModified": date_modified,
        "mainEntity": main,
    }
