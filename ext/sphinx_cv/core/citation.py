"""Citation metadata of one bib entry, for machines: Highwire tags, COinS, RIS, CSL-JSON; no Sphinx.

Google Scholar indexes a paper from the Highwire Press ``citation_*`` meta
tags of its own page; Zotero's browser connector reads the same tags, or
COinS spans (``span.Z3988``) on pages that list several papers; reference
managers import RIS and CSL-JSON. All four are written from one
:class:`Citation`, read once from the pybtex entry that sphinxcontrib-bibtex
parsed, with LaTeX decoded to Unicode.

What each format gets follows its reader: Google Scholar's inclusion
guidelines (https://scholar.google.com/intl/en/scholar/inclusion.html#indexing),
Zotero's OpenURL parser (zotero/utilities ``openurl.js``: ``rft.genre=document``
takes ``rft.title``, not ``rft.btitle``; ``+`` reads as a space) and the CSL
1.0.2 input schema (``csl-data.json``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from pybtex.database import Entry, Person

from .bib import arxiv_id, doi_of, kind_of
from .dates import MONTHS
from .texmarkup import latex_to_text


@dataclass(frozen=True)
class Name:
    """One author, split as BibTeX splits names."""

    family: str  #: last name(s), without the "von" part
    given: str = ""
    particle: str = ""  #: "von", "van der", "de"
    suffix: str = ""  #: "Jr.", "III"

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """ "von Last, First": unambiguous for Highwire readers (Zotero splits at the comma)."""
        family = ", ".join(p for p in (self.full_family, self.suffix) if p)
        return f"{family}, {self.given}" if self.given else family

    @property
    def natural(self) -> str:
        """ "First von Last, Jr."."""
        name = " ".join(p for p in (self.given, self.full_family) if p)
        return f"{name}, {self.suffix}" if self.suffix else name


@dataclass
class Citation:
    """The bibliographic data of one entry, as plain Unicode strings ("" when absent)."""

    key: str
    entry_type: str  #: the BibTeX type, lower case (``article``, ``phdthesis``...)
    kind: str  #: sphinx-cv's group kind (see :func:`~sphinx_cv.core.bib.kind_of`)
    title: str = ""
    authors: list[Name] = field(default_factory=list)
    year: str = ""  #: four digits, or ""
    month: int = 0
    day: int = 0
    journal: str = ""
    booktitle: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    publisher: str = ""
    place: str = ""
    institution: str = ""  #: school of a thesis, institution of a report
    number: str = ""  #: report number
    thesis_type: str = ""
    isbn: str = ""
    issn: str = ""
    doi: str = ""
    arxiv: str = ""
    url: str = ""
    pdf: str = ""  #: the ``pdf`` field as written (a path on the site, or a URL)
    abstract: str = ""
    note: str = ""

    @property
    def pages(self) -> str:
        return "-".join(p for p in (self.first_page, self.last_page) if p)

    @property
    def scholar_missing(self) -> list[str]:
        """What Google Scholar needs and this entry lacks, as the tags it will miss."""
        missing = []
        if not self.title:
            missing.append("a title (citation_title)")
        if not self.authors:
            missing.append("authors (citation_author)")
        if not self.year:
            missing.append("a year (citation_publication_date)")
        return missing


def _text(entry: Entry, name: str) -> str:
    """A field as one line of Unicode text (LaTeX decoded, braces gone, whitespace collapsed)."""
    return " ".join(latex_to_text(entry.fields.get(name, "")).split()).rstrip(",").strip()


def _name(person: Person) -> Name:
    def join(parts: list[str]) -> str:
        return " ".join(latex_to_text(" ".join(parts)).split())

    family = join(person.last_names)
    given = join([*person.first_names, *person.middle_names])
    return Name(
        family=family, given=given, particle=join(person.prelast_names), suffix=join(person.lineage_names)
    )


_THESIS_TYPES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date(entry: Entry) -> tuple[str, int, int]:
    """(year, month, day) from ``year``/``month``/``day`` or biblatex's ``date`` (``2020-05-12``)."""
    iso = _ISO_DATE.match(entry.fields.get("date", "").strip())
    year_text = _text(entry, "year")
    year = year_text if re.fullmatch(r"\d{4}", year_text) else (iso[1] if iso else "")
    month_text = entry.fields.get("month", "").strip().lower()
    month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text[:3], 0)
    day_text = entry.fields.get("day", "").strip()
    day = int(day_text) if day_text.isdigit() else 0
    if iso and iso[1] == year and not month:
        month, day = int(iso[2] or 0), int(iso[3] or 0)
    month = month if 1 <= month <= 12 else 0
    day = day if month and 1 <= day <= 31 else 0
    return year, month, day


def citation_of(entry: Entry) -> Citation:
    """Everything the metadata formats need from one entry; never raises on odd field values."""
    entry_type = entry.type.lower()
    pages = [p.strip() for p in re.split(r"-+|–|—", _text(entry, "pages"), maxsplit=1)]
    year, month, day = _date(entry)
    return Citation(
        key=entry.key,
        entry_type=entry_type,
        kind=kind_of(entry),
        title=_text(entry, "title"),
        authors=[_name(p) for p in entry.persons.get("author") or entry.persons.get("editor") or []],
        year=year,
        month=month,
        day=day,
        journal=_text(entry, "journal") or _text(entry, "journaltitle"),
        booktitle=_text(entry, "booktitle"),
        volume=_text(entry, "volume"),
        issue=_text(entry, "number") if entry_type == "article" else _text(entry, "issue"),
        first_page=pages[0] if pages else "",
        last_page=pages[1] if len(pages) > 1 else "",
        publisher=_text(entry, "publisher") or _text(entry, "organization"),
        place=_text(entry, "address") or _text(entry, "location"),
        institution=_text(entry, "school") or _text(entry, "institution"),
        number="" if entry_type == "article" else _text(entry, "number"),
        thesis_type=_text(entry, "type") or _THESIS_TYPES.get(entry_type, ""),
        isbn=_text(entry, "isbn"),
        issn=_text(entry, "issn"),
        doi=doi_of(entry),
        arxiv=arxiv_id(entry),
        url=entry.fields.get("url", "").strip(),
        pdf=entry.fields.get("pdf", "").strip(),
        abstract=_text(entry, "abstract"),
        note=_text(entry, "note"),
    )


# ---- file names -----------------------------------------------------------------------------------


def page_slug(key: str) -> str:
    """A file-name-safe, stable, unique name for a citation key.

    Keys made only of ASCII letters, digits, ``_`` and ``-`` keep their
    (lower-cased) text: BibTeX keys are case-insensitive, and so are some
    file systems. Any other key (``:``, ``/``, dots, non-ASCII) is folded to
    ASCII and gets a short hash of the key itself, so two keys that fold
    alike still get different names.
    """
    lowered = key.lower()
    if re.fullmatch(r"[a-z0-9_][a-z0-9_-]*", lowered):
        return lowered
    folded = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9_]+", "-", folded).strip("-")[:60]
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}" if readable else f"entry-{digest}"


# ---- Highwire Press tags (Google Scholar, Zotero) ---------------------------------------------------


def publication_date(cite: Citation) -> str:
    """``YYYY/MM/DD`` when the day is known, else ``YYYY`` (Scholar wants no guessed month or day)."""
    if cite.year and cite.month and cite.day:
        return f"{cite.year}/{cite.month:02d}/{cite.day:02d}"
    return cite.year


def highwire_tags(cite: Citation, *, pdf_url: str = "", abstract_html_url: str = "") -> list[tuple[str, str]]:
    """``(name, content)`` of each ``citation_*`` meta tag, in the order of Scholar's guidelines.

    ``pdf_url`` is given by the caller only for a PDF on the site's own host;
    the venue tag follows the entry type, so Scholar and Zotero know what the
    item is.
    """
    tags: list[tuple[str, str]] = []

    def add(name: str, value: str) -> None:
        if value:
            tags.append((f"citation_{name}", value))

    add("title", cite.title)
    for author in cite.authors:
        add("author", author.inverted)
    add("publication_date", publication_date(cite))
    kind = cite.entry_type
    if kind == "article" or (cite.journal and kind not in ("inproceedings", "conference")):
        add("journal_title", cite.journal)
        add("volume", cite.volume)
        add("issue", cite.issue)
        add("issn", cite.issn)
    elif kind in ("inproceedings", "conference"):
        add("conference_title", cite.booktitle)
    elif kind in ("incollection", "inbook"):
        add("book_title", cite.booktitle)
    elif cite.kind == "thesis":
        add("dissertation_institution", cite.institution)
    elif cite.kind == "report":
        add("technical_report_institution", cite.institution)
        add("technical_report_number", cite.number)
    if cite.kind in ("article", "inproceedings", "book"):
        add("firstpage", cite.first_page)
        add("lastpage", cite.last_page)
    if cite.kind == "book" or cite.isbn:
        add("publisher", cite.publisher)
        add("isbn", cite.isbn)
    add("doi", cite.doi)
    add("arxiv_id", cite.arxiv)
    add("pdf_url", pdf_url)
    add("abstract_html_url", abstract_html_url)
    return tags


# ---- COinS (OpenURL ContextObject in SPAN) -----------------------------------------------------------

_FMT = "info:ofi/fmt:kev:mtx:"


def coins(cite: Citation) -> str:
    """The ContextObject 1.0 KEV string of a ``span.Z3988`` ``title``, with the fields of its genre."""
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    kind = cite.entry_type
    if kind == "article" and cite.journal:
        pairs += [("rft_val_fmt", _FMT + "journal"), ("rft.genre", "article"), ("rft.atitle", cite.title)]
        pairs += [("rft.jtitle", cite.journal), ("rft.volume", cite.volume), ("rft.issue", cite.issue)]
        pairs += [("rft.issn", cite.issn)]
    elif cite.kind == "thesis":
        pairs += [("rft_val_fmt", _FMT + "dissertation"), ("rft.title", cite.title)]
        pairs += [("rft.inst", cite.institution), ("rft.degree", cite.thesis_type)]
    else:
        pairs.append(("rft_val_fmt", _FMT + "book"))
        if kind in ("inproceedings", "conference"):
            pairs += [("rft.genre", "proceeding"), ("rft.atitle", cite.title), ("rft.btitle", cite.booktitle)]
        elif kind in ("incollection", "inbook"):
            pairs += [("rft.genre", "bookitem"), ("rft.atitle", cite.title), ("rft.btitle", cite.booktitle)]
        elif cite.kind == "book":
            pairs += [("rft.genre", "book"), ("rft.btitle", cite.title)]
        elif cite.kind == "report":
            pairs += [("rft.genre", "report"), ("rft.btitle", cite.title)]
        else:  # Zotero reads only rft.title for a document: rft.btitle there drops the item
            pairs += [("rft.genre", "document"), ("rft.title", cite.title)]
        pairs += [("rft.pub", cite.publisher or (cite.institution if cite.kind == "report" else ""))]
        pairs += [("rft.place", cite.place), ("rft.isbn", cite.isbn)]
    pairs += [("rft.spage", cite.first_page), ("rft.epage", cite.last_page)]
    date = "-".join(p for p in (cite.year, f"{cite.month:02d}" if cite.month else "") if p)
    pairs.append(("rft.date", date if cite.year else ""))
    pairs += [("rft.au", a.natural) for a in cite.authors]
    if cite.doi:
        pairs.append(("rft_id", f"info:doi/{cite.doi}"))
    if cite.arxiv:
        pairs.append(("rft_id", f"https://arxiv.org/abs/{cite.arxiv}"))
    pairs.append(("rfr_id", "info:sid/sphinx-cv"))
    return urlencode([(k, v) for k, v in pairs if v], quote_via=quote, safe="")


# ---- RIS --------------------------------------------------------------------------------------------

_RIS_TYPES = {
    "article": "JOUR",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "book": "BOOK",
    "proceedings": "CONF",
    "inbook": "CHAP",
    "incollection": "CHAP",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "unpublished": "UNPB",
}


def ris(cite: Citation) -> str:
    """One RIS record (``TY`` ... ``ER``); values on one line each, as RIS requires."""
    ris_type = _RIS_TYPES.get(cite.entry_type) or ("UNPB" if cite.kind == "preprint" else "GEN")
    lines: list[tuple[str, str]] = [("TY", ris_type), ("ID", cite.key), ("TI", cite.title)]
    lines += [("AU", a.inverted) for a in cite.authors]
    lines += [("T2", cite.journal or cite.booktitle), ("PY", cite.year)]
    if cite.year and cite.month:
        lines.append(("DA", f"{cite.year}/{cite.month:02d}/{f'{cite.day:02d}' if cite.day else ''}/"))
    lines += [("VL", cite.volume), ("IS", cite.issue), ("SP", cite.first_page), ("EP", cite.last_page)]
    lines += [("PB", cite.publisher or cite.institution), ("CY", cite.place), ("M3", cite.thesis_type)]
    lines += [("SN", cite.isbn or cite.issn), ("DO", cite.doi), ("AB", cite.abstract), ("N1", cite.note)]
    if cite.arxiv:
        lines.append(("UR", f"https://arxiv.org/abs/{cite.arxiv}"))
    elif cite.url.startswith(("http://", "https://")):
        lines.append(("UR", cite.url))
    body = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines if value.strip())
    return body + "ER  - \r\n"


# ---- CSL-JSON ---------------------------------------------------------------------------------------

_CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "book": "book",
    "proceedings": "book",
    "booklet": "pamphlet",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
}


def _csl_name(name: Name) -> dict[str, str]:
    data = {"family": name.family, "given": name.given, "non-dropping-particle": name.particle}
    data["suffix"] = name.suffix
    return {k: v for k, v in data.items() if v}


def csl_json(cite: Citation) -> dict[str, Any]:
    """One CSL-JSON item (CSL 1.0.2 input schema): an arXiv-only entry is an ``article`` (preprint)."""
    csl_type = _CSL_TYPES.get(cite.entry_type) or ("article" if cite.kind == "preprint" else "document")
    data: dict[str, Any] = {"id": cite.key, "type": csl_type, "title": cite.title}
    if cite.authors:
        data["author"] = [_csl_name(a) for a in cite.authors]
    if cite.year:
        parts = [int(cite.year), *([cite.month] if cite.month else []), *([cite.day] if cite.day else [])]
        data["issued"] = {"date-parts": [parts]}
    data["container-title"] = cite.journal or cite.booktitle
    data["volume"], data["issue"], data["page"] = cite.volume, cite.issue, cite.pages
    data["page-first"] = cite.first_page
    data["publisher"] = cite.publisher or cite.institution
    data["publisher-place"] = cite.place
    data["genre"] = cite.thesis_type if csl_type == "thesis" else ""
    data["number"] = cite.number or (f"arXiv:{cite.arxiv}" if cite.arxiv else "")
    data["ISBN"], data["ISSN"], data["DOI"] = cite.isbn, cite.issn, cite.doi
    if cite.arxiv:
        data["URL"] = f"https://arxiv.org/abs/{cite.arxiv}"
        data["archive"] = "arXiv"
    elif cite.url.startswith(("http://", "https://")):
        data["URL"] = cite.url
    data["abstract"], data["note"] = cite.abstract, cite.note
    return {k: v for k, v in data.items() if v not in ("", None)}
