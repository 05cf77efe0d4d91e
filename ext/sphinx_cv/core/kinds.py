"""The kinds of an academic homepage: talks, teaching, grants, news.

Which data-file sections hold them (:func:`kind_of_section`) and their
schema.org data: a talk is an ``Event`` (the owner as performer), a course a
``Course`` with a ``CourseInstance``, a grant a ``MonetaryGrant``. Each
builder gives the fields Google documents as required for the type (the
vocabulary's for ``MonetaryGrant``, which Google does not document) or no
data at all, with the reason: nothing is invented for a missing field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .dates import CVDate
from .model import Entry
from .urls import is_external

#: the kinds with schema.org data of their own
TYPED_KINDS = ("talks", "teaching", "grants")
#: one item of each kind, for messages
KIND_NAMES = {"talks": "talk", "teaching": "course", "grants": "grant", "news": "news item"}

#: data-file section names (lower case, ``_`` for spaces and hyphens) -> the kind they hold
SECTION_KINDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "talks",
            "invited_talks",
            "presentations",
            "conference_talks",
            "seminars",
            "talks_and_presentations",
        ),
        "talks",
    ),
    **dict.fromkeys(("teaching", "courses", "teaching_experience", "courses_taught"), "teaching"),
    **dict.fromkeys(("grants", "funding", "grants_and_funding", "research_funding"), "grants"),
    **dict.fromkeys(("news", "updates", "announcements"), "news"),
}

_SCHEMA = "https://schema.org"


def kind_of_section(name: str) -> str:
    """The homepage kind a section of a data file holds by its name ("Invited talks" -> talks), or ""."""
    return SECTION_KINDS.get(re.sub(r"[\s\-]+", "_", name.strip().lower()), "")


@dataclass(frozen=True)
class Typed:
    """An entry's schema.org data, or why it has none (``data`` is ``None``)."""

    data: dict[str, Any] | None
    missing: str = ""


def _day(date: CVDate | None) -> str:
    """An ISO date with its day, or "" (an event's date is a day: a month or a season is not one)."""
    if date is None or date.present or date.day is None or date.season:
        return ""
    return date.iso or ""


def _written(date: CVDate | None) -> str:
    """An ISO 8601 date at the precision written ("2020", "2020-09"), or ""."""
    return "" if date is None or date.present else date.iso or ""


def _person(name: str, role: str = "", link: str = "") -> dict[str, Any]:
    """The owner; with a role, schema.org's ``Role`` around them (``link`` is the property it stands for)."""
    person = {"@type": "Person", "name": name}
    return {"@type": "Role", "roleName": role, link: person} if role else person


def _place(text: str) -> dict[str, Any]:
    return {
        "@type": "Place",
        "name": text,
        "address": {"@type": "PostalAddress", "addressLocality": text},
    }


def _common(entry: Entry, data: dict[str, Any]) -> dict[str, Any]:
    if entry.summary:
        data["description"] = entry.summary
    if entry.url and is_external(entry.url):
        data["url"] = entry.url
    return data


def talk(entry: Entry, owner: str) -> Typed:
    """``Event``: Google requires name, startDate (a day) and location (a ``Place`` with an
    address, or a ``VirtualLocation`` with its URL for an online talk)."""
    start = _day(entry.dates.start if entry.dates else None)
    if not start:
        return Typed(None, "its date has no day (write 2020-09-14)")
    where: list[dict[str, Any]] = []
    if entry.location:
        where.append(_place(entry.location))
    if entry.online and entry.event_url and is_external(entry.event_url):
        where.append({"@type": "VirtualLocation", "url": entry.event_url})
    if not where:
        return Typed(
            None,
            "it has no :location:, nor :online: with an :event-url:"
            if not entry.online
            else "an online talk needs its :event-url: (a full URL)",
        )
    mode = "Mixed" if len(where) == 2 else ("Online" if where[0]["@type"] == "VirtualLocation" else "Offline")
    data: dict[str, Any] = {
        "@context": _SCHEMA,
        "@type": "Event",
        "name": entry.title,
        "startDate": start,
        "location": where if len(where) > 1 else where[0],
        "eventAttendanceMode": f"{_SCHEMA}/{mode}EventAttendanceMode",
    }
    end = _day(entry.dates.end if entry.dates else None)
    if end:
        data["endDate"] = end
    if owner:
        data["performer"] = _person(owner)
    return Typed(_common(entry, data))


def course(entry: Entry, owner: str) -> Typed:
    """``Course``: Google requires name and description (its provider is recommended); the term,
    place, mode and the owner as instructor (in their role) form a ``CourseInstance``."""
    if not entry.summary:
        return Typed(None, "it has no description (a summary), which Google requires of a Course")
    data: dict[str, Any] = {"@context": _SCHEMA, "@type": "Course", "name": entry.title}
    if entry.subtitle:
        data["provider"] = {"@type": "Organization", "name": entry.subtitle}
    instance: dict[str, Any] = {"@type": "CourseInstance"}
    start, end = (_written(entry.dates.start), _written(entry.dates.end)) if entry.dates else ("", "")
    if start:
        instance["startDate"] = start
    if end:
        instance["endDate"] = end
    if entry.online:
        instance["courseMode"] = "online"
    if entry.location:
        instance["location"] = _place(entry.location)
    if owner:
        instance["instructor"] = _person(owner, entry.role, "instructor")
    if len(instance) > 1:
        data["hasCourseInstance"] = instance
    return Typed(_common(entry, data))


def grant(entry: Entry, owner: str) -> Typed:
    """``MonetaryGrant``: its name and funder (the vocabulary's point of a grant), the amount when
    written with a currency code, the owner (in their role) as what it funds."""
    if not entry.funder:
        return Typed(None, "it has no :funder:")
    data: dict[str, Any] = {
        "@context": _SCHEMA,
        "@type": "MonetaryGrant",
        "name": entry.title,
        "funder": {"@type": "Organization", "name": entry.funder},
    }
    money = parse_amount(entry.amount)
    if money is not None:
        data["amount"] = {"@type": "MonetaryAmount", "currency": money[0], "value": money[1]}
    if owner:
        data["fundedItem"] = _person(owner, entry.role, "fundedItem")
    return Typed(_common(entry, data))


BUILDERS = {"talks": talk, "teaching": course, "grants": grant}


def typed(entry: Entry, kind: str, owner: str) -> Typed | None:
    """The schema.org data of an entry of ``kind``; ``None`` for kinds without a type of their own."""
    build = BUILDERS.get(kind)
    if build is None or not entry.title:
        return None if build is None else Typed(None, "it has no title")
    return build(entry, owner)


_AMOUNT = re.compile(r"(?:(?P<pre>[A-Z]{3})\s*(?P<a>[\d.,\s]+)|(?P<b>[\d.,\s]+?)\s*(?P<post>[A-Z]{3}))")


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # Sphinx's dependency; only grants need it

    return frozenset(list_currencies())


def parse_amount(text: str) -> tuple[str, int | float] | None:
    """("USD", 500000) from "USD 500,000" or "500,000 EUR": an ISO 4217 code and an English number.

    "$500,000" gives ``None``: which dollar is not said, so no currency is guessed.
    """
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        return None
    code = match["pre"] or match["post"]
    number = (match["a"] or match["b"] or "").replace(" ", "")
    if code not in _currencies() or not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", number):
        return None
    value = float(number.replace(",", ""))
    return code, int(value) if value.is_integer() and "." not in number else value
