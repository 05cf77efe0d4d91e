"""ORCID's public API v3.0 ``/works`` (the record's work summaries) -> what ``sync`` matches on; no Sphinx.

ORCID groups the copies of one work that several sources added (a
publisher, Scopus, the person); a group's ``external-ids`` hold the ids of
all of them, and its first summary is the one the record shows. A summary
has no authors: ``sync`` fetches each missing work from its DOI or arXiv id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .doi import bare_doi
from .ids import arxiv_from_doi, arxiv_id

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
