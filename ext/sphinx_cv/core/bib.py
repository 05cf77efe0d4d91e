"""A pybtex entry (parsed by sphinxcontrib-bibtex) -> the one :class:`Publication` record; no Sphinx.

This is the one place that reads a bib entry: every decision about a paper
(its authors without note marks and without "others", its title, date,
venue, DOI, PDF, preview, thesis label, the BibTeX shown) is made here, once
per build, and every face is derived from the record. This module never
reads a .bib file: it receives entries sphinxcontrib-bibtex already parsed
(``@string`` macros and month names resolved by pybtex), with crossref and
xdata resolved by :mod:`.bibtex`.
"""

from __future__ import annotations

import calendar
import copy
import re
from collections.abc import Callable, Collection, Mapping

from pybtex.database import Entry, Person

from .authors import CoauthorIndex, person_marks, read_annotations
from .bibtex import entry_source, location, resolve
from .chars import clean, removed
from .dates import MONTHS, Problem, shorten
from .doi import bare_doi
from .links import OFF, TRUE, field_link, links_of
from .names import NameKey, display_name, unsplit_thin_space
from .record import Author, Publication
from .sources.common import MD_LINK
from .texmarkup import latex_to_text
from .texprotect import protected_spans
from .urls import is_external, safe_url

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
#: the label of a thesis or report when its ``type`` field says nothing (also RIS ``M3``, CSL ``genre``)
THESIS_TYPES = {"phdthesis": "Ph.D. thesis", "mastersthesis": "Master's thesis", "thesis": "Thesis"}
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
#: biblatex's names of the BibTeX fields this module reads
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
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
#: line breaks al-folio users write in ``annotation`` (it is shown as HTML in a popover there)
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.I)

Matcher = Callable[[object], bool]
#: a preview image's file name -> (path from the source root, (width, height)), or why it cannot be used
PreviewCheck = Callable[[str], "tuple[str, tuple[int, int]] | str"]


class Fields(dict[str, str]):
    """An entry's fields, lower-case names, crossref and xdata resolved; text read as Unicode."""

    def text(self, name: str) -> str:
        """A field as one line of Unicode text (LaTeX decoded), without an exporter's stray comma.

        A biblatex file names some fields differently (``journaltitle``): either name is read.
        """
        raw = self.get(name, "") or self.get(_BIBLATEX_FIELDS.get(name, ""), "")
        return latex_to_text(raw).strip().rstrip(",").strip() if raw else ""


def kind_of(entry_type: str, fields: Mapping[str, str]) -> str:
    """The group an entry belongs to; an arXiv-only article or misc entry is a preprint."""
    has_venue = any(fields.get(f, "").strip() for f in ("journal", "journaltitle", "booktitle"))
    if entry_type in ("article", "misc", "online", "unpublished") and not has_venue and arxiv_id(fields):
        return "preprint"
    return _KINDS.get(entry_type, "other")


def arxiv_id(fields: Mapping[str, str]) -> str:
    """The arXiv identifier from ``eprint`` (+ ``archiveprefix``/``eprinttype``) or al-folio's ``arxiv``."""
    eprint = fields.get("eprint", "").strip() or fields.get("arxiv", "").strip()
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip().lower()
    match = _ARXIV_ID.match(eprint)
    if eprint and (archive == "arxiv" or (not archive and match)) and match:
        return match[1]
    return ""


def keywords_of(fields: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[,;]", fields.get("keywords", "")) if k.strip())


def is_selected(fields: Mapping[str, str]) -> bool:
    """``keywords`` containing "selected", or al-folio's ``selected = {true}``."""
    keywords = {k.lower() for k in keywords_of(fields)}
    return "selected" in keywords or fields.get("selected", "").strip().lower() in TRUE


def date_of(fields: Fields, key: str, problems: list[Problem]) -> tuple[str, int, int]:
    """(year as written, month, day) from ``year``/``month``/``day`` or biblatex's ``date``.

    A month is a number or a name however abbreviated ("Sept.", "September"); a day
    counts only when that month of that year has it (February 30 is a warning, not a date).
    """
    iso = _ISO_DATE.match(fields.get("date", "").strip())
    year = fields.text("year") or (iso[1] if iso else "")
    month_text = fields.get("month", "").strip().lower()
    letters = re.sub(r"[^a-z]", "", month_text)
    month = int(month_text) if month_text.isdigit() else MONTHS.get(letters, 0) or MONTHS.get(letters[:3], 0)
    day_text = fields.get("day", "").strip()
    day = int(day_text) if day_text.isdigit() else 0
    if iso and iso[1] == year[:4] and not month:
        month, day = int(iso[2] or 0), int(iso[3] or 0)
    if month_text and not 1 <= month <= 12:
        problems.append(("month", f"entry {shorten(key)}: month {shorten(month_text)} is no month; left out"))
    month = month if 1 <= month <= 12 else 0
    if day and (not month or not year[:4].isdigit() or day > calendar.monthrange(int(year[:4]), month)[1]):
        shown = f"{calendar.month_name[month]} {year}" if month else "an unknown month"
        problems.append(("day", f"entry {shorten(key)}: day {day} is no day of {shown}; left out"))
        day = 0
    return year, month, day


def venue_of(fields: Fields, entry_type: str, kind: str, thesis_type: str, arxiv: str) -> str:
    """Where it appeared: journal (volume, number, pages), booktitle, school and thesis type, arXiv id..."""
    if kind == "thesis":
        return ", ".join(p for p in (thesis_type, fields.text("school")) if p)
    if kind == "preprint":
        return f"arXiv:{arxiv}" if arxiv else fields.text("howpublished")
    if entry_type == "article":
        venue = fields.text("journal")
        volume, number, pages = fields.text("volume"), fields.text("number"), fields.text("pages")
        if volume:
            venue += f" {volume}" + (f"({number})" if number else "")
        if pages:
            venue += f", {pages}"
        return venue.strip(", ")
    if kind == "report":
        return ", ".join(p for p in (fields.text("institution"), fields.text("number")) if p)
    for name in ("booktitle", "journal", "howpublished", "publisher", "organization", "institution"):
        if fields.text(name):
            return fields.text(name)
    return ""


def _is_others(person: Person) -> bool:
    """BibTeX's "and others": the list goes on (et al.), no author named "others"."""
    return str(person).strip().lower() == "others"


def authors_of(
    key: str,
    persons: Mapping[str, list[Person]],
    fields: Mapping[str, str],
    owner: Matcher,
    coauthors: CoauthorIndex | None,
    problems: list[Problem],
) -> tuple[list[Author], bool]:
    """The authors (else editors) as every face names them, and whether "and others" ended the list.

    Marks come from the names (``Zheng*``) and from biblatex's ``author+an``
    (``editor+an``); ``1=highlight`` there marks the owner too.
    """
    role = "author" if persons.get("author") else "editor"
    people = [_clean_person(key, role, person, problems) for person in persons.get(role) or []]
    et_al = bool(people) and _is_others(people[-1])
    people = [p for p in people if not _is_others(p)]
    annotation = fields.get(f"{role}+an", "").strip()
    notes = read_annotations(annotation, len(people), key) if annotation else None
    if notes is not None:
        problems += notes.problems
    authors: list[Author] = []
    for index, person in enumerate(people):
        clean, marks = person_marks(person)
        clean = unsplit_thin_space(clean)
        name_key = NameKey.of(clean)
        is_owner = owner(name_key) or (notes is not None and index in notes.owners)
        url = coauthors.url_of(clean) if coauthors and not is_owner else ""
        if notes is not None and index in notes.marks:
            marks = list(dict.fromkeys([*marks, *notes.marks[index]]))
        authors.append(
            Author(
                name=display_name(clean),
                family=_join(clean.last_names),
                given=_join([*clean.first_names, *clean.middle_names]),
                particle=_join(clean.prelast_names),
                suffix=_join(clean.lineage_names),
                is_owner=is_owner,
                url=url,
                marks=tuple(marks),
                key=name_key,
            )
        )
    return authors, et_al


def _clean_person(key: str, role: str, person: Person, problems: list[Problem]) -> Person:
    """The person, read again without control and bidi characters if the name has any."""
    written = str(person)
    if clean(written) == written:
        return person
    problems.append((role, f"entry {shorten(key)}: {removed(f'{role} {shorten(written)}', written)}"))
    cleaned = copy.copy(person)
    for part in ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names"):
        setattr(cleaned, part, [clean(name) for name in getattr(person, part)])
    return cleaned


def _join(parts: list[str]) -> str:
    return " ".join(latex_to_text(" ".join(parts)).split())


def read_publication(
    entry: Entry,
    *,
    entries: Mapping[str, Entry] | None = None,
    owner: Matcher = lambda _person: False,
    link_fields: Mapping[str, str] | None = None,
    hidden_fields: Collection[str] = HIDDEN_FIELDS,
    coauthors: CoauthorIndex | None = None,
    pdf_folder: str = "",
    scholar_user: str = "",
    preview: PreviewCheck | None = None,
) -> Publication:
    """The one record of ``entry``; unusable values become ``problems``, never exceptions.

    ``entries`` (all entries of the .bib files) resolves crossref and xdata.
    """
    problems: list[Problem] = []
    raw_key = entry.key or ""  # pybtex gives every parsed entry a key; one built in code may have none
    key, entry_type = clean(raw_key), entry.type.lower()
    if key != raw_key:
        problems.append(("key", f"entry {shorten(key)}: {removed('key', raw_key)}"))
    resolved = resolve(entry, entries)
    fields = Fields(resolved.fields)
    for name, value in fields.items():  # every face is made from these: none carries a control character
        if clean(value) != value:
            problems.append((name, f"entry {shorten(key)}: {removed(name, value)}"))
            fields[name] = clean(value)
    for missing in resolved.missing:
        message = f"entry {shorten(key)} inherits from {shorten(missing)}, which no .bib file holds"
        problems.append(("crossref", message))
    kind = kind_of(entry_type, fields)
    title, protected = protected_spans(fields.get("title", "").strip())
    if not title and entry_type == "set":
        # a biblatex entry set has no title of its own: its members are listed on their own too
        title = [("", ", ".join(k.strip() for k in fields.get("entryset", key).split(",")))]
    if not title:
        problems.append(("title", f"entry {shorten(key)} has no title"))
    authors, et_al = authors_of(key, resolved.persons, fields, owner, coauthors, problems)
    year, month, day = date_of(fields, key, problems)
    thesis_type = fields.text("type")
    thesis_type = _TYPE_KEYS.get(thesis_type.lower(), thesis_type) or THESIS_TYPES.get(entry_type, "")
    arxiv = arxiv_id(fields)
    doi = bare_doi(fields.get("doi", ""))
    pages = [p.strip() for p in re.split(r"-+|\u2013|\u2014", fields.text("pages"), maxsplit=1)]
    award = fields.text("award")
    pdf_label = (link_fields or {}).get("pdf", "PDF")
    pub = Publication(
        key=key,
        entry_type=entry_type,
        kind=kind,
        title=title,
        title_protected=protected,
        authors=authors,
        et_al=et_al,
        year=year,
        month=month,
        day=day,
        journal=fields.text("journal"),
        booktitle=fields.text("booktitle"),
        volume=fields.text("volume"),
        issue=fields.text("number") if entry_type == "article" else fields.text("issue"),
        first_page=pages[0],
        last_page=pages[1] if len(pages) > 1 else "",
        publisher=fields.text("publisher") or fields.text("organization"),
        place=fields.text("address"),
        institution=fields.text("school"),
        number="" if entry_type == "article" else fields.text("number"),
        thesis_type=thesis_type,
        isbn=fields.text("isbn"),
        issn=fields.text("issn"),
        doi=doi,
        arxiv=arxiv,
        url=_external(fields.get("url", "")),
        pdf=field_link("pdf", fields["pdf"].strip(), str(pdf_label), pdf_folder) if "pdf" in fields else None,
        venue=venue_of(fields, entry_type, kind, thesis_type, arxiv),
        note=fields.text("note"),
        abstract=fields.text("abstract"),
        keywords=keywords_of(fields),
        selected=is_selected(fields),
        abbr=fields.text("abbr"),
        award="" if award.lower() in TRUE else award,
        award_name=fields.text("award_name"),
        has_award=award.lower() not in OFF or "award_name" in fields,
        info=fields.text("additional_info"),
        annotation=_BREAK.sub("; ", fields.text("annotation")),
        bibtex_show=fields.get("bibtex_show", "").strip().lower() in TRUE,
        bibtex=clean(entry_source(entry, hidden_fields)),
        parents=tuple((k, clean(entry_source(entries[k], hidden_fields))) for k in resolved.parents)
        if entries
        else (),
        source=location(entry),
        problems=problems,
    )
    pub.links = links_of(
        key,
        fields,
        link_fields or {},
        problems,
        doi=doi,
        arxiv=arxiv,
        pdf_folder=pdf_folder,
        scholar_user=scholar_user,
    )
    if "preview" in fields and preview is not None:
        checked = preview(fields["preview"].strip())
        if isinstance(checked, str):
            problems.append(("preview", f"entry {shorten(key)}: {checked}"))
        else:
            pub.preview, pub.preview_size = checked
    for name, text in (("award", pub.award), ("additional_info", pub.info)):
        for link in MD_LINK.finditer(text):  # shown as Markdown: an unsafe link keeps only its text
            if safe_url(link["url"]) is None:
                dropped = f"dropped the link {shorten(link['url'])} in {name}"
                problems.append((name, f"entry {shorten(key)}: {dropped}"))
    return pub


def _external(raw: str) -> str:
    """The ``url`` field when it is a usable web address (RIS ``UR``, CSL ``URL``), else ""."""
    url = safe_url(raw.strip())
    return url if url and is_external(url) else ""


#: the name the tests and earlier versions know
publication_from_entry = read_publication
