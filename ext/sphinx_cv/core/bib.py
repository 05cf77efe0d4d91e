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

from .authors import CoauthorIndex, person_marks, read_annotations
from .dates import MONTHS, Problem, shorten
from .doi import bare_doi, doi_url
from .model import Author, Publication, PubLink
from .names import display_name
from .sources.common import MD_LINK
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

#: al-folio's file fields: a bare file name is a file in its ``assets/pdf/`` (here ``cv_pdf_folder``)
FILE_FIELDS = frozenset({"pdf", "supp", "poster", "slides"})
#: field values that switch a field off rather than give it a value
_OFF = frozenset({"", "false", "no", "0"})
_TRUE = frozenset({"true", "yes", "1"})
#: al-folio's display fields that are no link: looked up only when an entry has one
ALFOLIO_FIELDS = frozenset({"award", "award_name", "additional_info", "annotation", "preview", "bibtex_show"})
#: line breaks al-folio users write in ``annotation`` (it is shown as HTML in a popover there)
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)


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
    """The arXiv identifier from ``eprint`` (+ ``archiveprefix``/``eprinttype``) or al-folio's ``arxiv``."""
    eprint = entry.fields.get("eprint", "").strip() or entry.fields.get("arxiv", "").strip()
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


def is_true(entry: Entry, name: str) -> bool:
    """An al-folio switch such as ``bibtex_show = {true}``."""
    return entry.fields.get(name, "").strip().lower() in _TRUE


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
    coauthors: CoauthorIndex | None = None,
    pdf_folder: str = "",
    scholar_user: str = "",
) -> Publication:
    """Everything a list shows of one entry; unusable values become ``problems``, never exceptions.

    ``with_bibtex=False`` skips writing the BibTeX source when the list does not show it
    (an entry with al-folio's ``bibtex_show`` still gets it); ``hidden_fields`` are left out
    of that source.
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
    authors = authors_of(entry, owner, coauthors, problems)
    alfolio = ALFOLIO_FIELDS.intersection(name.lower() for name in entry.fields)  # most entries: none
    bibtex_show = "bibtex_show" in alfolio and is_true(entry, "bibtex_show")
    award = _field(entry, "award") if "award" in alfolio else ""
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
        bibtex=bibtex_source(entry, hidden_fields) if with_bibtex or bibtex_show else "",
        doi=doi_of(entry),
        arxiv=arxiv_id(entry),
        award="" if award.lower() in _TRUE else award,
        award_name=_field(entry, "award_name") if "award_name" in alfolio else "",
        has_award=award.lower() not in _OFF or "award_name" in alfolio,
        info=_field(entry, "additional_info") if "additional_info" in alfolio else "",
        annotation=_BREAK.sub("; ", _field(entry, "annotation")) if "annotation" in alfolio else "",
        preview=entry.fields.get("preview", "").strip() if "preview" in alfolio else "",
        bibtex_show=bibtex_show,
        problems=problems,
    )
    pub.links = links_of(
        entry, pub, link_fields or {}, problems, pdf_folder=pdf_folder, scholar_user=scholar_user
    )
    for name, text in (("award", pub.award), ("additional_info", pub.info)):
        for link in MD_LINK.finditer(text):  # shown as Markdown: an unsafe link keeps only its text
            if safe_url(link["url"]) is None:
                problems.append(
                    (name, f"entry {entry.key!r}: dropped the link {shorten(link['url'])} in {name}")
                )
    return pub


def authors_of(
    entry: Entry, owner: Matcher, coauthors: CoauthorIndex | None, problems: list[Problem]
) -> list[Author]:
    """The authors (else editors): names without note marks, the owner, co-author homepages, marks.

    Marks come from the names (``Zheng*``) and from biblatex's ``author+an``
    (``editor+an``); ``1=highlight`` there marks the owner too.
    """
    role = "author" if entry.persons.get("author") else "editor"
    persons = entry.persons.get(role) or []
    annotation = entry.fields.get(f"{role}+an", "").strip()
    notes = read_annotations(annotation, len(persons), entry.key) if annotation else None
    if notes is not None:
        problems += notes.problems
    authors: list[Author] = []
    for index, person in enumerate(persons):
        clean, marks = person_marks(person)
        is_owner = owner(clean) or (notes is not None and index in notes.owners)
        url = coauthors.url_of(clean) if coauthors and not is_owner else ""
        if notes is not None and index in notes.marks:
            marks = list(dict.fromkeys([*marks, *notes.marks[index]]))
        authors.append(Author(display_name(clean), is_owner, url, tuple(marks)))
    return authors


def links_of(
    entry: Entry,
    pub: Publication,
    link_fields: Mapping[str, str],
    problems: list[Problem],
    *,
    pdf_folder: str = "",
    scholar_user: str = "",
) -> list[PubLink]:
    """Link badges in the order of ``cv_link_fields``; only http(s) and relative URLs survive.

    Identifier fields (al-folio's ``google_scholar_id``, ``pmid``...) become
    links to the pages they identify; ``altmetric`` and ``dimensions`` too:
    plain links, never the providers' scripts. A bare file name in a file
    field is a file of ``pdf_folder``, a path from the site's root. The
    names in ``link_fields`` are lower case (bib field names are not).
    """
    links: list[PubLink] = []
    # one pass over the entry's few fields, not a case-insensitive lookup per link field
    fields = {name.lower(): value for name, value in entry.fields.items()}
    for name, label in link_fields.items():
        if name in fields:
            raw = fields[name].strip()
        elif name == "eprint" and "arxiv" in fields:
            raw = fields["arxiv"].strip()  # al-folio writes arxiv = {2101.00001}
        else:
            continue
        if not raw:
            continue
        if name in ID_LINKS:
            if raw.lower() in _OFF:
                continue
            url = ID_LINKS[name](raw, entry, pub, scholar_user)
            if url == "":
                continue  # nothing to link to (altmetric = {true} on an entry without identifiers)
            if url is None:
                problems.append((name, f"entry {entry.key!r}: no link for the {name} value {shorten(raw)}"))
                continue
            links.append(PubLink(name, str(label), url))
            continue
        if name in FILE_FIELDS and pdf_folder and "://" not in raw and not raw.startswith("/"):
            url = safe_url(f"{pdf_folder.strip('/')}/{raw}")
            if url is not None:
                links.append(PubLink(name, str(label), url, site_path=True))
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


def _scholar(raw: str, entry: Entry, pub: Publication, user: str) -> str | None:
    if not user:
        return None
    return (
        f"https://scholar.google.com/citations?view_op=view_citation&hl=en&user={user}"
        f"&citation_for_view={user}:{raw}"
        if re.fullmatch(r"[\w-]+", raw)
        else None
    )


def _numbered(base: str, pattern: str) -> Callable[[str, Entry, Publication, str], str | None]:
    """A link to ``base`` + the value, for values matching ``pattern``."""

    def url(raw: str, entry: Entry, pub: Publication, user: str) -> str | None:
        value = re.sub(r"[\s-]", "", raw) if pattern == _ISBN else raw
        return base.format(value) if re.fullmatch(pattern, value) else None

    return url


def _hal(raw: str, entry: Entry, pub: Publication, user: str) -> str | None:
    if "://" in raw:
        return safe_url(raw)
    return f"https://hal.science/{raw}" if re.fullmatch(r"[a-z]+-\d+(?:v\d+)?", raw) else None


def _altmetric(raw: str, entry: Entry, pub: Publication, user: str) -> str | None:
    """al-folio's ``altmetric``: an Altmetric id, or ``true`` for the entry's DOI, arXiv id or PMID."""
    if raw.isdigit():
        return f"https://www.altmetric.com/details/{raw}"
    if raw.lower() not in _TRUE:
        return None
    pmid = entry.fields.get("pmid", "").strip()
    if pub.doi:
        return f"https://www.altmetric.com/details/doi/{pub.doi}"
    if pub.arxiv:
        return f"https://www.altmetric.com/details/arxiv/{pub.arxiv}"
    return f"https://www.altmetric.com/details/pmid/{pmid}" if pmid.isdigit() else ""


def _dimensions(raw: str, entry: Entry, pub: Publication, user: str) -> str | None:
    """al-folio's ``dimensions``: a Dimensions id, or ``true`` for the entry's DOI or PMID."""
    pmid = entry.fields.get("pmid", "").strip()
    if raw.lower() not in _TRUE:
        return f"https://badge.dimensions.ai/details/id/{raw}" if re.fullmatch(r"[\w.]+", raw) else None
    if pub.doi:
        return f"https://badge.dimensions.ai/details/doi/{pub.doi}"
    return f"https://badge.dimensions.ai/details/pmid/{pmid}" if pmid.isdigit() else ""


_ISBN = r"(?:\d{9}|\d{12})[\dXx]"
#: identifier fields -> their URL (None: not a usable value; "": nothing to link to)
ID_LINKS: dict[str, Callable[[str, Entry, Publication, str], str | None]] = {
    "google_scholar_id": _scholar,
    "inspirehep_id": _numbered("https://inspirehep.net/literature/{}", r"\d+"),
    "pmid": _numbered("https://pubmed.ncbi.nlm.nih.gov/{}/", r"\d+"),
    "isbn": _numbered("https://search.worldcat.org/isbn/{}", _ISBN),
    "hal": _hal,
    "altmetric": _altmetric,
    "dimensions": _dimensions,
}
