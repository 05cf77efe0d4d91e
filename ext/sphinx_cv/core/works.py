"""A fetched work, from the services' documented JSON: Crossref and DataCite; no Sphinx.

:class:`Work` is what ``add`` and ``sync`` know of a paper before it becomes
a BibTeX entry (:mod:`.bibwrite`). Each converter reads one service's
record and keeps what a CV's BibTeX needs: type, title, people, venue,
date, volume, pages, publisher, DOI and arXiv id. The arXiv Atom feed is
read in :mod:`.arxiv`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .ids import arxiv_from_doi, arxiv_id

#: (family, given); an organisation has given == "" and ``literal`` in :class:`Work`
Name = tuple[str, str]
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

#: Crossref work types -> BibTeX entry types (anything else is ``misc``)
CROSSREF_TYPES = {
    "journal-article": "article",
    "proceedings-article": "inproceedings",
    "book-chapter": "incollection",
    "book-section": "incollection",
    "book-part": "incollection",
    "reference-entry": "incollection",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "dissertation": "phdthesis",
    "report": "techreport",
    "report-component": "techreport",
}
#: entry types whose container is a ``booktitle`` rather than a ``journal``
IN_BOOK = ("inproceedings", "incollection")


@dataclass
class Work:
    """One paper as a service describes it; text fields are plain text unless ``title_format`` says."""

    type: str  #: BibTeX entry type
    title: str
    title_format: str = "text"  #: "text", "html" (Crossref's inline markup) or "latex" (arXiv)
    authors: list[Name] = field(default_factory=list)
    editors: list[Name] = field(default_factory=list)
    literal: set[str] = field(default_factory=set)  #: family names that are organisations, kept whole
    year: str = ""
    month: str = ""  #: ``jan`` ... ``dec``
    journal: str = ""
    booktitle: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    school: str = ""
    institution: str = ""
    doi: str = ""
    eprint: str = ""  #: arXiv id without version
    primary_class: str = ""
    url: str = ""
    note: str = ""
    source: str = ""  #: the service it came from, for messages


def _first(value: Any) -> str:
    """The first string of a Crossref list field (or the string itself)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _date(record: Mapping[str, Any], *keys: str) -> tuple[str, str]:
    """(year, month) from the first Crossref date field that has one."""
    for key in keys:
        parts = (record.get(key) or {}).get("date-parts") or [[]]
        first = parts[0] if parts and isinstance(parts[0], list) else []
        if first and isinstance(first[0], int):
            month = first[1] if len(first) > 1 and isinstance(first[1], int) and 1 <= first[1] <= 12 else 0
            return str(first[0]), MONTHS[month - 1] if month else ""
    return "", ""


def _pages(text: str) -> str:
    """``1386-1399`` -> ``1386--1399`` (an en dash in BibTeX)."""
    return re.sub(r"\s*[-\u2010-\u2013]+\s*", "--", text.strip()) if text else ""


def _people(items: Any, literal: set[str]) -> list[Name]:
    """Crossref ``author`` / ``editor`` lists: ``given``/``family``, or an organisation's ``name``."""
    people: list[Name] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        family = " ".join(str(item.get("family") or "").split())
        given = " ".join(str(item.get("given") or "").split())
        if not family and item.get("name"):
            family = " ".join(str(item["name"]).split())
            literal.add(family)
        if family:
            people.append((family, given))
    return people


def work_from_crossref(message: Mapping[str, Any]) -> Work:
    """A Crossref ``/works/{doi}`` ``message``."""
    kind = CROSSREF_TYPES.get(str(message.get("type", "")), "misc")
    title = _first(message.get("title"))
    subtitle = _first(message.get("subtitle"))
    if subtitle and subtitle.lower() not in title.lower():
        title = f"{title}: {subtitle}"
    work = Work(type=kind, title=title, title_format="html", source="Crossref")
    work.authors = _people(message.get("author"), work.literal)
    work.editors = _people(message.get("editor"), work.literal)
    work.year, work.month = _date(
        message, "published-print", "published-online", "issued", "published", "approved", "created"
    )
    container = _first(message.get("container-title"))
    if kind in IN_BOOK:
        work.booktitle = container
    elif kind == "article" or (kind == "misc" and container):
        work.journal = container
    work.volume = _first(message.get("volume"))
    work.number = _first(message.get("issue"))
    work.pages = _pages(_first(message.get("page")))
    institution = message.get("institution")
    place = _first([i.get("name") for i in institution if isinstance(i, Mapping)]) if institution else ""
    if kind == "phdthesis":
        work.school = place or _first(message.get("publisher"))
    elif kind == "techreport":
        work.institution = place or _first(message.get("publisher"))
    elif kind != "article":
        work.publisher = _first(message.get("publisher"))
    work.doi = _first(message.get("DOI"))
    work.eprint = arxiv_from_doi(work.doi)
    return work


def _datacite_names(items: Any, literal: set[str]) -> list[Name]:
    """DataCite ``creators``: ``familyName``/``givenName``, or ``name`` ("Family, Given", or a body)."""
    people: list[Name] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        family = " ".join(str(item.get("familyName") or "").split())
        given = " ".join(str(item.get("givenName") or "").split())
        name = " ".join(str(item.get("name") or "").split())
        if not family and name:
            if item.get("nameType") == "Personal" and "," in name:
                family, _, given = (part.strip() for part in name.partition(","))
            else:
                family = name
                literal.add(name)
        if family:
            people.append((family, given))
    return people


def _datacite_title(titles: Sequence[Any]) -> str:
    main = next((t.get("title", "") for t in titles if isinstance(t, Mapping) and not t.get("titleType")), "")
    sub = next(
        (t.get("title", "") for t in titles if isinstance(t, Mapping) and t.get("titleType") == "Subtitle"),
        "",
    )
    title = " ".join(str(main).split())
    return f"{title}: {' '.join(str(sub).split())}" if sub else title


def work_from_datacite(data: Mapping[str, Any]) -> Work:
    """A DataCite ``/dois/{doi}`` response's ``data``."""
    attributes: Mapping[str, Any] = data.get("attributes") or {}
    types = attributes.get("types") or {}
    kind = str(types.get("bibtex") or "misc").lower()
    if kind not in ("article", "inproceedings", "incollection", "book", "phdthesis", "techreport"):
        kind = "misc"
    work = Work(type=kind, title=_datacite_title(attributes.get("titles") or []), source="DataCite")
    work.authors = _datacite_names(attributes.get("creators"), work.literal)
    work.year = str(attributes.get("publicationYear") or "")
    for date in attributes.get("dates") or []:
        match = re.match(r"(\d{4})-(\d{2})", str(date.get("date", ""))) if isinstance(date, Mapping) else None
        if match and date.get("dateType") == "Issued" and match[1] == work.year and 1 <= int(match[2]) <= 12:
            work.month = MONTHS[int(match[2]) - 1]
    container = attributes.get("container") or {}
    if kind == "article":
        work.journal = " ".join(str(container.get("title") or "").split())
        work.volume = str(container.get("volume") or "")
        work.number = str(container.get("issue") or "")
        first, last = container.get("firstPage"), container.get("lastPage")
        work.pages = _pages(f"{first}-{last}" if first and last else str(first or ""))
    publisher = attributes.get("publisher")
    if isinstance(publisher, Mapping):
        publisher = publisher.get("name")
    publisher = " ".join(str(publisher or "").split())
    if kind != "article" and publisher.lower() != "arxiv":
        work.publisher = publisher
    work.doi = str(attributes.get("doi") or data.get("id") or "")
    work.eprint = arxiv_from_doi(work.doi)
    for ident in attributes.get("identifiers") or []:
        if isinstance(ident, Mapping) and str(ident.get("identifierType", "")).lower() == "arxiv":
            work.eprint = work.eprint or arxiv_id(str(ident.get("identifier", "")))
    return work
