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

from ..model import Entry, Person
from .common import Format, extras, make_entry, span, text, texts, type_problems
from .parse import item_lines

KEYS = ("title", "start", "end", "subtitle", "location", "url", "summary", "highlights")
#: talks, teaching and grants: the ``cv-entry`` options of core/kinds.py
EXTRA_KEYS = {"event_url": "event-url", "slides": "slides", "video": "video", "online": "online"}
EXTRA_KEYS |= {"role": "role", "funder": "funder", "amount": "amount"}
ALL_KEYS = (*KEYS, *EXTRA_KEYS.values())


def _entry(item: Mapping[str, Any], line: int | None) -> Entry:
    problems = [
        ("title", f"unknown key {str(k)!r} (use {', '.join(ALL_KEYS)})")
        for k in item
        if str(k) not in ALL_KEYS
    ]
    problems += type_problems(
        item, ("title", "start", "end", "subtitle", "location", "url", "summary"), ("highlights",)
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
        problems=problems,
        more=extras(item, EXTRA_KEYS),
    )


def entries(section: str, items: list[Any]) -> list[Entry]:
    """The entries of a list; every section of a plain file has the same keys."""
    found = []
    for item, where in zip(items, item_lines(items), strict=True):
        if isinstance(item, Mapping):
            found.append(_entry(item, where))
        else:
            found.append(
                make_entry(
                    title=text(item),
                    dates=None,
                    dated=False,
                    kind="plain YAML",
                    line=where,
                    problems=[("title", "expected an entry with keys such as title and start, not a value")],
                )
            )
    return found


def sections(data: Any) -> dict[str, Any]:
    """Every top-level list of a mapping; a file that is one list has no sections."""
    if isinstance(data, Mapping):
        return {str(k): v for k, v in data.items() if isinstance(v, list)}
    return {}


def person(data: Any) -> tuple[Person, list[str]]:
    """A plain file describes no person."""
    return Person(name=""), []


FORMAT = Format("plain YAML", sections, entries, person)
