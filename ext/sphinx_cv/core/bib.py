"""A pybtex entry (as parsed and cached by sphinxcontrib-bibtex) to a :class:`Publication`; no Sphinx.

This module never reads a .bib file: it receives entries that
sphinxcontrib-bibtex already parsed (``@string`` macros and month names
resolved by pybtex).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

from pybtex.database import BibliographyData, Entry
from pybtex.exceptions import PybtexError

from .dates import MONTHS, Problem, shorten
from .doi import bare_doi, doi_url
from .model import Author, Publication, PubLink
from .names import display_name
from .texmarkup import latex_spans, latex_to_text
from .urls import safe_url

#: group kinds in the order ``:group-by: type`` shows them, with their headings
KIND_LABELS: dict[str, str] = {
    "article": "Journal articles",
    "inproceedings": "Conference papers",
    "preprint": "Preprints",
    "book": "Books and chapters",
    "thesis": "Theses",
    "report": "Technical reports",
    "other": "Other publications",
}
_KINDS = {
    "article": "article",
    "inproceedings": "inproceedings",
    "conference": "inproceedings",
    "proceedings": "book",
    "book": "book",
    "inbook": "book",
    "incollection": "book",
    "booklet": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "preprint",
    "preprint": "preprint",
}
_THESIS_TYPES = {"phdthesis": "Ph.D. thesis", "mastersthesis": "Master's thesis", "thesis": "Thesis"}
#: biblatex's localisation keys in a ``type`` field, as shown
_TYPE_KEYS = {
    "phdthesis": "Ph.D. thesis",
    "mathesis": "Master's thesis",
    "mastersthesis": "Master's thesis",
    "candthesis": "Candidate thesis",
    "techreport": "Technical report",
    "resreport": "Research report",
    "software": "Software",
    "datacd": "CD-ROM",
    "audiocd": "Audio CD",
}
#: biblatex's names of the BibTeX fields this module reads: (BibTeX field, biblatex field)
_BIBLATEX_FIELDS = {"journal": "journaltitle", "address": "location", "school": "institution"}
#: the site's own business, not bibliographic data: left out of the BibTeX shown and copied
#: (al-folio's display switches and link fields, the ``keywords`` that mark selected entries)
HIDDEN_FIELDS: tuple[str, ...] = (
    "keywords",
    "abbr",
    "selected",
    "bibtex_show",
    "preview",
    "pdf",
    "supp",
    "code",
    "slides",
    "poster",
    "video",
    "website",
    "html",
    "blog",
    "award",
    "award_name",
    "annotation",
    "additional_info",
    "altmetric",
    "dimensions",
    "google_scholar_id",
    "inspirehep_id",
)
_ARXIV_ID = re.compile(r"^(?:arxiv:)?((?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?)$", re.I)

Matcher = Callable[[object], bool]


def _field(entry: Entry, name: str) -> str:
    """A field's text, LaTeX decoded, without the stray trailing commas some exporters leave.

    A biblatex file names some fields differently (``journaltitle``): either name is read.
    """
    raw = entry.fields.get(name, "") or entry.fields.get(_BIBLATEX_FIELDS.get(name, ""), "")
    return latex_to_text(raw).strip().rstrip(",").strip()


def year_month(entry: Entry) -> tuple[str, str]:
    """``year`` and ``month``, or both from biblatex's ``date`` (``1998-03``, ``1984/1986``)."""
    year, month = entry.fields.get("year", "").strip(), entry.fields.get("month", "").strip()
    date = re.match(r"\s*(\d{4})(?:-(\d{2}))?", entry.fields.get("date", ""))
    if date and not year:
        return date[1], month or (date[2] or "")
    return latex_to_text(year), month


def kind_of(entry: Entry) -> str:
    """The group an entry belongs to; an arXiv-only article or misc entry is a preprint."""
    entry_type = entry.type.lower()
    has_venue = any(entry.fields.get(f, "").strip() for f in ("journal", "journaltitle", "booktitle"))
    if entry_type in ("article", "misc", "online", "unpublished") and not has_venue and arxiv_id(entry):
        return "preprint"
    return _KINDS.get(entry_type, "other")


def arxiv_id(entry: Entry) -> str:
    """The arXiv identifier from ``eprint`` (+ ``archiveprefix``/``eprinttype``), or ""."""
    eprint = entry.fields.get("eprint", "").strip()
    archive = (entry.fields.get("archiveprefix") or entry.fields.get("eprinttype") or "").strip().lower()
    match = _ARXIV_ID.match(eprint)
    if eprint and (archive == "arxiv" or (not archive and match)) and match:
        return match[1]
    return ""


def doi_of(entry: Entry) -> str:
    """The bare DOI (``10.x/y``) of an entry, however written (see :mod:`.doi`)."""
    return bare_doi(entry.fields.get("doi", ""))


def venue_of(entry: Entry, kind: str) -> str:
    """Where it appeared: journal (volume, number, pages), booktitle, school and thesis type, arXiv id..."""
    entry_type = entry.type.lower()
    if kind == "thesis":
        label = _field(entry, "type") or _THESIS_TYPES.get(entry_type, "Thesis")
        label = _TYPE_KEYS.get(label.lower(), label)
        return ", ".join(p for p in (label, _field(entry, "school") or _field(entry, "institution")) if p)
    if kind == "preprint":
        arxiv = arxiv_id(entry)
        return f"arXiv:{arxiv}" if arxiv else _field(entry, "howpublished")
    if entry_type == "article":
        venue = _field(entry, "journal")
        volume, number, pages = _field(entry, "volume"), _field(entry, "number"), _field(entry, "pages")
        if volume:
            venue += f" {volume}" + (f"({number})" if number else "")
        if pages:
            venue += f", {pages}"
        return venue.strip(", ")
    if kind == "report":
        return ", ".join(p for p in (_field(entry, "institution"), _field(entry, "number")) if p)
    for name in ("booktitle", "journal", "howpublished", "publisher", "organization", "institution"):
        if _field(entry, name):
            return _field(entry, name)
    return ""


def bibtex_source(entry: Entry, hidden: Collection[str] = HIDDEN_FIELDS) -> str:
    """The entry as BibTeX text without the ``hidden`` fields (any case).

    pybtex's writer, not its plugin lookup: that costs ms per entry. Imported
    here: the writer loads latexcodec, which only lists with ``:show: bibtex`` need.
    """
    from pybtex.database.output.bibtex import Writer

    left_out = {name.lower() for name in hidden}
    fields = {name: value for name, value in entry.fields.items() if name.lower() not in left_out}
    clean = Entry(entry.type, fields=fields, persons=entry.persons)
    try:
        return str(Writer().to_string(BibliographyData({entry.key: clean}))).strip()
    except (PybtexError, ValueError, TypeError):
        return ""


def is_selected(entry: Entry) -> bool:
    """``keywords`` containing "selected", or al-folio's ``selected = {true}``."""
    keywords = {k.strip().lower() for k in re.split(r"[,;]", entry.fields.get("keywords", ""))}
    return "selected" in keywords or entry.fields.get("selected", "").strip().lower() in ("true", "yes", "1")


def publication_from_entry(
    entry: Entry,
    *,
    owner: Matcher = lambda _person: False,
    link_fields: Mapping[str, str] | None = None,
    with_bibtex: bool = True,
    hidden_fields: Collection[str] = HIDDEN_FIELDS,
) -> Publication:
    """Everything a list shows of one entry; unusable values become ``problems``, never exceptions.

    ``with_bibtex=False`` skips writing the BibTeX source when the list does not show it;
    ``hidden_fields`` are left out of that source.
    """
    problems: list[Problem] = []
    kind = kind_of(entry)
    raw_title = entry.fields.get("title", "").strip()
    title = latex_spans(raw_title)
    if not title and entry.type.lower() == "set":
        # a biblatex entry set has no title of its own: its members are listed on their own too
        title = [("", ", ".join(k.strip() for k in entry.fields.get("entryset", entry.key).split(",")))]
    if not title:
        problems.append(("title", f"entry {entry.key!r} has no title"))
        title = [("", entry.key)]
    authors = [
        Author(display_name(person), owner(person))
        for person in entry.persons.get("author") or entry.persons.get("editor") or []
    ]
    year, month_text = year_month(entry)
    month_text = month_text.lower()
    month = (
        int(month_text) if month_text.isdigit() and 1 <= int(month_text) <= 12 else MONTHS.get(month_text, 0)
    )
    pub = Publication(
        key=entry.key,
        kind=kind,
        title=title,
        authors=authors,
        venue=venue_of(entry, kind),
        year=year,
        month=month,
        note=_field(entry, "note"),
        abstract=_field(entry, "abstract"),
        abbr=_field(entry, "abbr"),
        bibtex=bibtex_source(entry, hidden_fields) if with_bibtex else "",
        doi=doi_of(entry),
        arxiv=arxiv_id(entry),
        problems=problems,
    )
    pub.links = links_of(entry, pub, link_fields or {}, problems)
    return pub


def links_of(
    entry: Entry, pub: Publication, link_fields: Mapping[str, str], problems: list[Problem]
) -> list[PubLink]:
    """Link badges in the order of ``cv_link_fields``; only http(s) and relative URLs survive."""
    links: list[PubLink] = []
    for name, label in link_fields.items():
        raw = entry.fields.get(name, "").strip()
        if not raw:
            continue
        if name == "doi":
            url = doi_url(pub.doi) if pub.doi else None
        elif name == "eprint":
            url = f"https://arxiv.org/abs/{pub.arxiv}" if pub.arxiv else None
            if url is None:
                continue  # an eprint of another archive: no known URL, nothing to warn about
        else:
            url = safe_url(raw)
        if url is None or safe_url(url) is None:
            problems.append(
                (name, f"entry {entry.key!r}: dropped the {name} value {shorten(raw)}: not a usable link")
            )
            continue
        links.append(PubLink(name, str(label), url))
    return links
