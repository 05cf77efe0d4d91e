"""JSON Resume (https://jsonresume.org/schema): top-level lists ``work``, ``education``, ...

Each section has its own field names; all become :class:`~sphinx_cv.model.Entry`.
A ``startDate`` without ``endDate`` is ongoing, as the schema intends.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import Entry, Person, parse_tags
from .common import (
    Format,
    extras,
    joined,
    make_entry,
    network_field,
    place,
    span,
    tag_values,
    text,
    texts,
    web_url,
)

#: keys only a JSON Resume has at the top level
MARKERS = frozenset({"basics", "meta"})
#: keys of JSON Resume entries that no plain YAML entry uses
ENTRY_KEYS = frozenset(
    {"startDate", "endDate", "releaseDate", "institution", "studyType", "position", "organization", "awarder"}
)


def _sentence(*parts: str) -> str:
    """Parts joined as sentences (``description`` and ``summary`` of one item)."""
    kept = [p for p in parts if p]
    ends = (".", "!", "?", ":")
    return " ".join(p if i == len(kept) - 1 or p.endswith(ends) else f"{p}." for i, p in enumerate(kept))


def _url(item: Mapping[str, Any]) -> str:
    """``url``, or ``website`` as the schema before 1.0 called it."""
    return web_url(item.get("url") or item.get("website"))


#: talks, teaching and grants in sections of their own (JSON Resume has none): camelCase, as its keys
EXTRA_KEYS = {"event_url": "eventUrl"}


def _work(item: Mapping[str, Any], line: int | None, dated: bool = True) -> Entry:
    # "company" is the employer's name in the schema before 1.0
    employer = item.get("name") or item.get("organization") or item.get("company")
    position, name = text(item.get("position")), text(employer)
    return make_entry(
        title=position or name,
        subtitle=name if position else "",
        location=place(item.get("location")),
        url=_url(item),
        dates=span(item.get("startDate"), item.get("endDate"), ongoing=True),
        summary=_sentence(text(item.get("description")), text(item.get("summary"))),
        highlights=texts(item.get("highlights")),
        dated=dated,
        kind="work",
        line=line,
        more=extras(item, EXTRA_KEYS),
        parts={"description": text(item.get("description")), "summary": text(item.get("summary"))},
    )


def _education(item: Mapping[str, Any], line: int | None) -> Entry:
    study, area = text(item.get("studyType")), text(item.get("area"))
    score = text(item.get("score") or item.get("gpa"))  # "gpa" before 1.0
    return make_entry(
        title=joined(study, area, sep=" in ") or text(item.get("institution")),
        subtitle=text(item.get("institution")) if (study or area) else "",
        location=place(item.get("location")),
        url=_url(item),
        dates=span(item.get("startDate"), item.get("endDate"), ongoing=True),
        summary=_sentence(f"Score: {score}" if score else "", text(item.get("summary"))),
        highlights=texts(item.get("courses")),
        dated=True,
        kind="education",
        line=line,
        parts={"degree": study, "area": area, "score": score, "summary": text(item.get("summary"))},
    )


def _award(item: Mapping[str, Any], line: int | None) -> Entry:
    return make_entry(
        title=text(item.get("title")),
        subtitle=text(item.get("awarder")),
        url=_url(item),
        dates=span(single=item.get("date")),
        summary=text(item.get("summary")),
        dated=False,  # the schema makes its date optional
        kind="award",
        line=line,
    )


def _certificate(item: Mapping[str, Any], line: int | None) -> Entry:
    return make_entry(
        title=text(item.get("name")),
        subtitle=text(item.get("issuer")),
        url=_url(item),
        dates=span(single=item.get("date")),
        dated=False,  # the schema makes its date optional
        kind="certificate",
        line=line,
    )


def _publication(item: Mapping[str, Any], line: int | None) -> Entry:
    return make_entry(
        title=text(item.get("name")),
        subtitle=text(item.get("publisher")),
        url=_url(item),
        dates=span(single=item.get("releaseDate") or item.get("date")),
        summary=text(item.get("summary")),
        dated=False,  # the schema makes its date optional
        kind="publication",
        line=line,
    )


def _project(item: Mapping[str, Any], line: int | None) -> Entry:
    return make_entry(
        title=text(item.get("name")),
        subtitle=joined(*texts(item.get("roles")), text(item.get("entity"))),
        url=_url(item),
        dates=span(item.get("startDate"), item.get("endDate"), ongoing=True),
        summary=_sentence(text(item.get("description")), text(item.get("summary"))),
        highlights=texts(item.get("highlights")),
        dated=False,  # the schema makes its date optional
        kind="project",
        line=line,
        parts={
            "description": text(item.get("description")),
            "summary": text(item.get("summary")),
            "roles": texts(item.get("roles")),
            "entity": text(item.get("entity")),
            "keywords": texts(item.get("keywords")),
            "type": text(item.get("type")),
        },
    )


Converter = Callable[[Mapping[str, Any], int | None], Entry]


def _undated(title: str, subtitle: str = "", summary: str = "") -> Converter:
    """Sections that are lists without dates (skills, languages, ...)."""

    def convert(item: Mapping[str, Any], line: int | None) -> Entry:
        return make_entry(
            title=text(item.get(title)),
            subtitle=text(item.get(subtitle)) if subtitle else "",
            summary=text(item.get(summary)) if summary else "",
            url=_url(item),
            dates=None,
            dated=False,
            kind=title,
            line=line,
            parts={"keywords": texts(item.get("keywords"))} if summary == "keywords" else None,
        )

    return convert


SECTIONS: dict[str, Converter] = {
    "work": _work,
    "volunteer": _work,
    "education": _education,
    "awards": _award,
    "certificates": _certificate,
    "publications": _publication,
    "projects": _project,
    "skills": _undated("name", "level", "keywords"),
    "languages": _undated("language", "fluency"),
    "interests": _undated("name", summary="keywords"),
    "references": _undated("name", summary="reference"),
}


def is_json_resume(data: Mapping[str, Any]) -> bool:
    """A mapping with ``basics``/``meta``, a JSON Resume ``$schema``, or JSON Resume entry keys."""
    if MARKERS & data.keys() or "jsonresume" in text(data.get("$schema")):
        return True
    return any(
        isinstance(item, Mapping) and ENTRY_KEYS & item.keys()
        for items in data.values()
        if isinstance(items, list)
        for item in items
    )


def sections(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every top-level list (``basics`` and ``meta`` are not sections)."""
    return {str(k): v for k, v in data.items() if isinstance(v, list)}


def entry(name: str, item: Any, line: int | None) -> Entry:
    """One entry of section ``name``; unknown sections are read like ``work``.

    ``keywords`` (the schema's on projects, skills and interests) are the entry's tags.
    """
    if not isinstance(item, Mapping):
        return make_entry(title=text(item), dates=None, dated=False, kind=name, line=line)
    convert = SECTIONS.get(name)
    found = _work(item, line, dated=False) if convert is None else convert(item, line)
    found.tags = parse_tags(tag_values(item.get("keywords")))
    return found


def person(data: Mapping[str, Any]) -> tuple[Person, list[str]]:
    """The ``basics`` block as a profile, and its summary paragraphs."""
    basics = data.get("basics")
    basics = basics if isinstance(basics, Mapping) else {}
    place = basics.get("location")
    location = (
        joined(*(text(place.get(k)) for k in ("city", "region", "countryCode")))
        if isinstance(place, Mapping)
        else text(place)
    )
    found = Person(
        name=text(basics.get("name")),
        tagline=text(basics.get("label")),
        photo=text(basics.get("image") or basics.get("picture")),  # "picture" before 1.0
        email=text(basics.get("email")),
        phone=text(basics.get("phone")),
        homepage=web_url(basics.get("url") or basics.get("website")),
        location=location,
    )
    profiles = basics.get("profiles")
    for profile in profiles if isinstance(profiles, list) else []:
        if not isinstance(profile, Mapping):
            continue
        kind = network_field(profile.get("network"))
        value = text(profile.get("username")) or web_url(profile.get("url"))
        if kind and value:
            setattr(found, kind, value)
    summary = text(basics.get("summary"))
    return found, [summary] if summary else []


FORMAT = Format("JSON Resume", sections, entry, person)
