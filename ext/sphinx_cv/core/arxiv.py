"""The arXiv API's Atom feed (``/api/query?id_list=...``) -> :class:`~.works.Work`; no Sphinx.

arXiv answers an unknown or malformed id with a feed holding one error
entry (its ``<id>`` under ``/api/errors``), not with an HTTP error: that
becomes an :class:`ArxivError` carrying arXiv's own message.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .ids import arxiv_id
from .works import MONTHS, Name, Work

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
#: an author "name" that is a group, not a person: kept whole
_GROUP = re.compile(r"\b(collaboration|consortium|group|team|project|network)\b", re.I)


class ArxivError(ValueError):
    """arXiv's feed says there is no such paper (the message is arXiv's)."""


def _text(element: ET.Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _person(name: str, literal: set[str]) -> Name:
    """arXiv writes "Given Family"; a collaboration stays one literal name."""
    if _GROUP.search(name) or " " not in name:
        literal.add(name)
        return (name, "")
    given, _, family = name.rpartition(" ")
    return (family, given)


def works_from_atom(text: str | bytes) -> list[Work]:
    """Every paper in an arXiv API feed; :class:`ArxivError` for arXiv's error entry or a broken feed."""
    try:
        feed = ET.fromstring(text)
    except ET.ParseError as err:
        raise ArxivError(f"arXiv's answer is not an Atom feed ({err})") from None
    works: list[Work] = []
    for entry in feed.iter(f"{ATOM}entry"):
        ident = _text(entry.find(f"{ATOM}id"))
        if "/api/errors" in ident:
            raise ArxivError(_text(entry.find(f"{ATOM}summary")) or "arXiv reported an error")
        found = arxiv_id(ident)
        title = _text(entry.find(f"{ATOM}title"))
        if not found or not title:
            continue
        work = Work(type="misc", title=title, title_format="latex", source="arXiv")
        work.authors = [
            _person(_text(author.find(f"{ATOM}name")), work.literal) for author in entry.iter(f"{ATOM}author")
        ]
        published = re.match(r"(\d{4})-(\d{2})", _text(entry.find(f"{ATOM}published")))
        if published:
            work.year = published[1]
            month = int(published[2])
            work.month = MONTHS[month - 1] if 1 <= month <= 12 else ""
        work.eprint = found
        category = entry.find(f"{ARXIV}primary_category")
        work.primary_class = category.get("term", "") if category is not None else ""
        work.doi = _text(entry.find(f"{ARXIV}doi"))
        work.note = _text(entry.find(f"{ARXIV}journal_ref"))
        works.append(work)
    return works
