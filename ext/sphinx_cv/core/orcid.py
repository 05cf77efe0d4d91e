"""ORCID's public API v3.0 ``/works`` (the record's work summaries) -> what ``sync`` matches on; no Sphinx.

ORCID groups the copies of one work that several sources added (a
publisher, Scopus, the person); a group's ``external-ids`` hold the ids of
all of them, and its first summary is the one the record shows. A summary
has no authors: ``sync`` fetches each missing work from its DOI or arXiv id,
and one without either from ORCID's full record of it (:func:`work_from_orcid`),
whose authors are its contributors or those of the BibTeX citation people
paste into ORCID.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pybtex.errors
from pybtex.database.input.bibtex import Parser

from .doi import bare_doi
from .ids import arxiv_from_doi, arxiv_id
from .texmarkup import latex_to_text
from .urls import safe_url
from .works import MONTHS, Name, Work

#: an ORCID iD, with the check character that may be X
ORCID_ID = re.compile(
    r"^(?:https?://(?:www\.|sandbox\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$", re.I
)


@dataclass(frozen=True)
class OrcidWork:
    """One work of an ORCID record, as its summary describes it."""

    put_code: str
    title: str
    year: str
    type: str
    doi: str = ""
    arxiv: str = ""


def orcid_id(raw: str) -> str:
    """The bare iD in ``0000-0002-1825-0097`` or its orcid.org URL, with a valid check digit; else ""."""
    match = ORCID_ID.match(raw.strip())
    if not match:
        return ""
    digits = match[1].replace("-", "").upper()
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    return match[1].upper() if digits[-1] == ("X" if check == 10 else str(check)) else ""


def _value(node: Any, *path: str) -> str:
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return " ".join(str(node).split()) if isinstance(node, (str, int)) else ""


def works_from_orcid(record: Mapping[str, Any]) -> list[OrcidWork]:
    """The works of a ``/v3.0/{id}/works`` response, one per group, in the record's order."""
    works: list[OrcidWork] = []
    for group in record.get("group") or []:
        summaries = [s for s in group.get("work-summary") or [] if isinstance(s, Mapping)]
        if not summaries:
            continue
        summary = summaries[0]
        ids = list((group.get("external-ids") or {}).get("external-id") or [])
        for other in summaries:
            ids += (other.get("external-ids") or {}).get("external-id") or []
        doi = arxiv = ""
        for ident in ids:
            kind = _value(ident, "external-id-type").lower()
            value = _value(ident, "external-id-value")
            if kind == "doi" and not doi:
                doi = bare_doi(value)
            elif kind == "arxiv" and not arxiv:
                arxiv = arxiv_id(value)
        title = _value(summary, "title", "title", "value")
        subtitle = _value(summary, "title", "subtitle", "value")
        works.append(
            OrcidWork(
                put_code=_value(summary, "put-code"),
                title=f"{title}: {subtitle}" if subtitle else title,
                year=_value(summary, "publication-date", "year", "value"),
                type=_value(summary, "type"),
                doi=doi,
                arxiv=arxiv or arxiv_from_doi(doi),
            )
        )
    return works


#: ORCID work types -> BibTeX entry types (anything else is ``misc``)
ORCID_TYPES = {
    "journal-article": "article",
    "conference-paper": "inproceedings",
    "book": "book",
    "book-chapter": "incollection",
    "dissertation": "phdthesis",
    "dissertation-thesis": "phdthesis",
    "report": "techreport",
}


def _credit_name(name: str, literal: set[str]) -> Name:
    """ORCID's ``credit-name``: "Family, Given" or "Given Family"."""
    if "," in name:
        family, _, given = (part.strip() for part in name.partition(","))
        return (family, given)
    given, _, family = name.rpartition(" ")
    if not given:
        literal.add(family)
    return (family, given)


def _from_bibtex_citation(text: str, work: Work) -> None:
    """Authors and the fields the record lacks, from a BibTeX ``citation`` the person pasted into ORCID."""
    saved = pybtex.errors.captured_errors
    pybtex.errors.captured_errors = []
    try:
        entries = list(Parser().parse_string(text).entries.values())
    except Exception:  # a broken citation is no citation
        entries = []
    finally:
        pybtex.errors.captured_errors = saved
    if not entries:
        return
    entry = entries[0]
    for person in entry.persons.get("author", []):
        family = latex_to_text(" ".join(person.prelast_names + person.last_names))
        given = latex_to_text(" ".join(person.first_names + person.middle_names))
        if family:
            work.authors.append((family, given))
    for name in ("volume", "number", "pages", "publisher"):
        if not getattr(work, name) and entry.fields.get(name):
            setattr(work, name, latex_to_text(entry.fields[name]))
    if work.pages:
        work.pages = re.sub(r"\s*[-\u2013]+\s*", "--", work.pages)
    work.doi = work.doi or bare_doi(entry.fields.get("doi", ""))


def work_from_orcid(record: Mapping[str, Any]) -> Work | None:
    """A ``/v3.0/{id}/work/{put-code}`` record; ``None`` when it names no author (neither as contributor
    nor in a BibTeX citation), since an entry with the authors guessed would be wrong."""
    kind = ORCID_TYPES.get(_value(record, "type"), "misc")
    title = _value(record, "title", "title", "value")
    subtitle = _value(record, "title", "subtitle", "value")
    work = Work(type=kind, title=f"{title}: {subtitle}" if subtitle else title, source="ORCID")
    for contributor in (record.get("contributors") or {}).get("contributor") or []:
        role = _value(contributor, "contributor-attributes", "contributor-role")
        name = _value(contributor, "credit-name", "value")
        if name and role in ("", "author", "AUTHOR"):
            work.authors.append(_credit_name(name, work.literal))
    container = _value(record, "journal-title", "value")
    if kind in ("inproceedings", "incollection"):
        work.booktitle = container
    elif container:
        work.journal = container
    work.year = _value(record, "publication-date", "year", "value")
    month = _value(record, "publication-date", "month", "value")
    work.month = MONTHS[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else ""
    for ident in (record.get("external-ids") or {}).get("external-id") or []:
        kind_of = _value(ident, "external-id-type").lower()
        if kind_of == "doi" and not work.doi:
            work.doi = bare_doi(_value(ident, "external-id-value"))
        elif kind_of == "arxiv" and not work.eprint:
            work.eprint = arxiv_id(_value(ident, "external-id-value"))
    work.url = safe_url(_value(record, "url", "value")) or ""
    citation = record.get("citation") or {}
    if _value(citation, "citation-type").lower() == "bibtex":
        _from_bibtex_citation(str(citation.get("citation-value") or ""), work)
    if not work.title or not work.authors:
        return None
    return work
