"""Plain YAML: a list of entries whose keys are the ``cv-entry`` options, or sections of such lists.

.. code-block:: yaml

   - title: Postdoc Researcher
     start: 2019-09
     end: present
     subtitle: University of Pennsylvania
     location: Philadelphia, PA
     url: https://www.upenn.edu
     summary: One paragraph.
     highlights: [differential privacy, optimisation]

Like ``cv-entry``, ``start`` is required and an absent ``end`` means a single date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..dates import shorten
from ..model import Entry, Person
from .common import Format, extras, make_entry, span, tag_values, text, texts, type_problems

KEYS = ("title", "start", "end", "subtitle", "location", "url", "summary", "highlights", "tags")
#: talks, teaching and grants: the ``cv-entry`` options of core/kinds.py
EXTRA_KEYS = {"event_url": "event-url", "slides": "slides", "video": "video", "online": "online"}
EXTRA_KEYS |= {"role": "role", "funder": "funder", "amount": "amount"}
ALL_KEYS = (*KEYS, *EXTRA_KEYS.values())


def _entry(item: Mapping[str, Any], line: int | None) -> Entry:
    problems = [
        ("title", f"unknown key {shorten(str(k))} (use {', '.join(ALL_KEYS)})")
        for k in item
        if str(k) not in ALL_KEYS
    ]
    problems += type_problems(
        item, ("title", "start", "end", "subtitle", "location", "url", "summary"), ("highlights", "tags")
    )
    title = text(item.get("title"))
    if not title:
        problems.append(("title", "this entry has no title"))
    has_start = bool(text(item.get("start")))
    return make_entry(
        title=title,
        dates=span(item.get("start"), item.get("end")) if has_start else None,
        dated=True,
        kind="plain YAML",
        line=line,
        subtitle=text(item.get("subtitle")),
        location=text(item.get("location")),
        url=text(item.get("url")),
        summary=text(item.get("summary")),
        highlights=texts(item.get("highlights")),
        tags=tag_values(item.get("tags")),
        problems=problems,
        more=extras(item, EXTRA_KEYS),
    )


def entry(section: str, item: Any, line: int | None) -> Entry:
    """One entry of a list; every section of a plain file has the same keys."""
    if isinstance(item, Mapping):
        return _entry(item, line)
    return make_entry(
        title=text(item),
        dates=None,
        dated=False,
        kind="plain YAML",
        line=line,
        problems=[("title", "expected an entry with keys such as title and start, not a value")],
    )


def sections(data: Any) -> dict[str, Any]:
    """Every top-level list of a mapping; a file that is one list has no sections."""
    if isinstance(data, Mapping):
        return {str(k): v for k, v in data.items() if isinstance(v, list)}
    return {}


def person(data: Any) -> tuple[Person, list[str]]:
    """A plain file describes no person."""
    return Person(name=""), []


FORMAT = Format("plain YAML", sections, entry, person)
