"""An Atom feed of the site's news and publications (``cv_feed``): ``feed.xml``, linked from every
page's ``<head>``.

News items are the entries of ``cv-timeline :kind: news`` (written inline or read
from a data file). Each page's items are noted when the page is read, in a
domain (so Sphinx purges and merges them with the page). Publications are the
records every ``cv-publications`` list noted in the publications domain
(``domain_of(env).records()``): nothing is read from the .bib again. The feed
is written once the HTML is: newest first, each entry's id its address on the
site (a news item's anchor; a paper's own page, else its entry in the list
that lists it with the most others), its ``updated`` the date written in the
source or the record. The feed's own ``updated`` is its newest entry's, so
two builds of the same sources write the same bytes; a feed without entries
takes ``SOURCE_DATE_EPOCH`` (else the build's time).

The XML is made by the standard library's ElementTree, which escapes every
text and attribute.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .core.bib import KIND_LABELS
from .core.doi import doi_url
from .core.faces import arxiv_url
from .core.record import Publication
from .directive import warn
from .labels import translated_labels
from .nodes import cv_entry, cv_entry_links, cv_heading, cv_timeline, cv_title
from .publications.domain import domain_of, list_anchor
from .walk import blocks

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder

FEED_FILE = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
#: the HTML builders whose pages the feed links to
BUILDERS = ("html", "dirhtml")

#: one news item: (anchor id, title, ISO date as written, summary text, the title's own link)
Item = tuple[str, str, str, str, str]


class FeedDomain(Domain):
    """The news items of each page, kept and purged with the page."""

    name = "cv-feed"
    label = "sphinx-cv feed"
    initial_data: ClassVar[dict[str, Any]] = {"news": {}}

    @property
    def news(self) -> dict[str, list[Item]]:
        return self.data["news"]  # type: ignore[no-any-return]

    def clear_doc(self, docname: str) -> None:
        self.news.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["news"]:
                self.news[docname] = otherdata["news"][docname]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """News items are no targets of ``:any:``."""
        return []


def _news_entries(doctree: nodes.document) -> Iterator[cv_entry]:
    for timeline in blocks(doctree, cv_timeline):
        if timeline.get("kind") == "news":
            yield from (e for e in timeline.findall(cv_entry) if e.parent.parent is timeline)


def note_news(app: Sphinx, doctree: nodes.document) -> None:
    """Give each news item an anchor and note it for the feed."""
    items: list[Item] = []
    for entry in _news_entries(doctree):
        heading = entry[0] if len(entry) and isinstance(entry[0], cv_heading) else None
        dates: list[tuple[str, str]] = heading.get("dates", []) if heading is not None else []
        iso = dates[0][1] if dates else ""
        title = next(iter(entry.findall(cv_title)), None)
        if not iso or title is None:
            continue  # an item without a date or title has no place in a feed
        if not entry["ids"]:
            anchor = base = nodes.make_id(f"news-{iso}-{title.astext()}")[:60].rstrip("-")
            while anchor in doctree.ids:
                anchor = f"{base}-{len(doctree.ids)}"
            entry["ids"].append(anchor)
            doctree.ids[anchor] = entry
        link = next((r.get("refuri", "") for r in title.findall(nodes.reference)), "")
        summary = " ".join(
            n.astext() for n in entry.children[1:] if not isinstance(n, cv_entry_links | cv_timeline)
        )
        items.append((entry["ids"][0], title.astext(), iso, " ".join(summary.split()), link))
    domain = app.env.get_domain(FeedDomain.name)
    assert isinstance(domain, FeedDomain)
    if items:
        domain.news[app.env.docname] = items
    else:
        domain.news.pop(app.env.docname, None)


def atom_date(iso: str) -> str:
    """An RFC 3339 time from a date written at any precision ("2020", "2020-06", "2020-06-01")."""
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _build_time() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (
        datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _owner(app: Sphinx) -> str:
    names = app.config.cv_author
    first = names if isinstance(names, str) else next(iter(names or ()), "")
    return str(first or app.config.author or app.config.project).strip()


def site_url(app: Sphinx) -> str:
    """``html_baseurl`` as a folder: "https://x.org/~jane" holds its pages under "~jane/"."""
    base = str(app.config.html_baseurl)
    return base if base.endswith("/") else base + "/"


def feed_url(app: Sphinx) -> str:
    return urljoin(site_url(app), FEED_FILE)


def feed_enabled(app: Sphinx) -> bool:
    return bool(app.config.cv_feed and app.config.html_baseurl and app.builder.name in BUILDERS)


@dataclass
class FeedEntry:
    """One ``<entry>`` of the feed, from a news item or a publication's record."""

    updated: str  #: RFC 3339
    order: tuple[str, ...]  #: breaks ties of date: news before papers, then by page and place
    url: str  #: its address on the site: the id and the alternate link
    title: str
    summary: str = ""
    related: str = ""  #: the item's own link, a paper's DOI or arXiv page
    authors: list[str] = field(default_factory=list)
    category: tuple[str, str] = ("", "")  #: (term, label)


def _news_feed(app: Sphinx, env: BuildEnvironment) -> list[FeedEntry]:
    domain = env.get_domain(FeedDomain.name)
    assert isinstance(domain, FeedDomain)
    found = []
    for docname in sorted(domain.news):
        if docname not in env.found_docs:
            continue
        page = urljoin(site_url(app), app.builder.get_target_uri(docname))
        for index, (anchor, title, iso, summary, link) in enumerate(domain.news[docname]):
            related = urljoin(page, link) if link else ""
            order = ("0", docname, f"{index:06d}")
            found.append(FeedEntry(atom_date(iso), order, f"{page}#{anchor}", title, summary, related))
    return found


def _publication_date(pub: Publication) -> str:
    """The record's date as precise as written ("2020", "2020-07", "2020-07-14")."""
    parts = [pub.year4]
    if pub.month:
        parts.append(f"{pub.month:02d}")
        if pub.day:
            parts.append(f"{pub.day:02d}")
    return "-".join(parts)


def _publications_feed(app: Sphinx, env: BuildEnvironment) -> list[FeedEntry]:
    """Every listed paper with a year: at its own page when it has one, else at its list entry."""
    domain = domain_of(env)
    pages = domain.pages if app.config.cv_publication_pages else {}
    labels = translated_labels(tuple(KIND_LABELS.values()))
    found = []
    for key, pub in sorted(domain.records().items()):
        if not pub.year4:
            continue  # no date, no place in a feed
        if key in pages:
            url = urljoin(site_url(app), app.builder.get_target_uri(pages[key]))
        else:
            home = domain.home_of(key)
            url = urljoin(site_url(app), app.builder.get_target_uri(home)) + "#" + list_anchor(key)
        venue = pub.venue if pub.year4 in pub.venue else ", ".join(p for p in (pub.venue, pub.year4) if p)
        related = doi_url(pub.doi) if pub.doi else arxiv_url(pub.arxiv) if pub.arxiv else pub.url
        found.append(
            FeedEntry(
                atom_date(_publication_date(pub)),
                ("1", key),
                url,
                pub.title_text or pub.key,
                pub.abstract or venue,
                related,
                [author.name for author in pub.authors],
                (pub.kind, labels[KIND_LABELS[pub.kind]]),
            )
        )
    return found


def build_feed(app: Sphinx, env: BuildEnvironment) -> bytes:
    """The Atom document of every news item and dated publication of the site, newest first."""
    entries = sorted(_news_feed(app, env) + _publications_feed(app, env), key=lambda e: e.order)
    entries.sort(key=lambda e: e.updated, reverse=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url(app)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = app.config.cv_feed_title or app.config.project
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = entries[0].updated if entries else _build_time()
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = _owner(app)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url(app))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site_url(app))
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = item.url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item.title
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = item.updated
        for name in item.authors:
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = name
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=item.url)
        if item.related:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=item.related)
        if item.category[0]:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=item.category[0], label=item.category[1])
        if item.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = item.summary
    ET.indent(feed)
    xml: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def write_feed(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None and feed_enabled(app):
        Path(app.outdir, FEED_FILE).write_bytes(build_feed(app, app.env))


def link_feed(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """``<link rel="alternate" type="application/atom+xml">`` in every page's ``<head>``."""
    if feed_enabled(app):
        title = app.config.cv_feed_title or app.config.project
        tag = ET.Element(
            "link", rel="alternate", type="application/atom+xml", title=title, href=feed_url(app)
        )
        context["metatags"] = context.get("metatags", "") + ET.tostring(tag, encoding="unicode") + "\n"


def check_config(app: Sphinx) -> None:
    if app.config.cv_feed and not app.config.html_baseurl:
        warn("cv_feed needs html_baseurl (the site's address): no feed.xml is written", None, "config")


def setup_feed(app: Sphinx) -> None:
    app.add_config_value("cv_feed", False, "html", types=frozenset({bool}))
    app.add_config_value("cv_feed_title", None, "html", types=frozenset({str, type(None)}))
    app.add_domain(FeedDomain)
    app.connect("doctree-read", note_news)
    app.connect("builder-inited", check_config)
    app.connect("html-page-context", link_feed)
    app.connect("build-finished", write_feed)
