"""RenderCV YAML (https://docs.rendercv.com): ``cv: sections: <name>: [entries]``.

RenderCV tells entry kinds apart by their keys; so do we. Education,
experience, normal and publication entries may carry dates, but RenderCV
makes every date optional, so an undated entry is no warning. ``date`` may
also be free text: a range written in it (``2020-2021``) is a range, other
text (``Fall 2023``) is shown as written. One-line, bullet, numbered and
text entries carry no date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..doi import bare_doi, doi_url
from ..model import Entry, Highlight, Person
from .common import Format, extras, joined, make_entry, network_field, span, tag_values, text, texts, web_url
from .parse import line_of


def is_rendercv(data: Mapping[str, Any]) -> bool:
    return isinstance(data.get("cv"), Mapping)


def sections(data: Mapping[str, Any]) -> dict[str, Any]:
    """``cv.sections``; a section that is not a list is offered and then reported when chosen."""
    found = data["cv"].get("sections")
    return {str(k): v for k, v in found.items()} if isinstance(found, Mapping) else {}


def _dates(item: Mapping[str, Any]) -> Any:
    # RenderCV: an entry with a start_date and no end_date is ongoing.
    return span(item.get("start_date"), item.get("end_date"), single=item.get("date"), ongoing=True)


def highlights(value: object) -> list[str | Highlight]:
    """Bullet strings; RenderCV's nested bullets stay nested.

    A nested list written under a highlight (``- parent`` then ``  - child``)
    is folded by YAML into one string, "parent - child - child", which
    RenderCV splits again at " - " into a bullet and the bullets under it.
    """
    found: list[str | Highlight] = []
    for bullet in texts(value):
        parts = [part.strip() for part in bullet.split(" - ") if part.strip()]
        if parts:
            found.append(Highlight(parts[0], tuple(parts[1:])) if len(parts) > 1 else parts[0])
    return found


def _entry(item: Mapping[str, Any], line: int | None) -> Entry:
    common: dict[str, Any] = {
        "location": text(item.get("location")),
        "summary": text(item.get("summary")),
        "highlights": highlights(item.get("highlights")),
        "url": web_url(item.get("url")),
        "line": line,
        "tags": tag_values(item.get("tags")),
        "more": extras(item, {}),  # event_url, slides, video, online, role, funder, amount
    }
    if "institution" in item:
        degree, area = text(item.get("degree")), text(item.get("area"))
        return make_entry(
            title=joined(degree, area, sep=" in ") or text(item.get("institution")),
            subtitle=text(item.get("institution")) if (degree or area) else "",
            dates=_dates(item),
            dated=False,
            kind="education",
            form="education",
            parts={"degree": degree, "area": area, "summary": common["summary"]},
            **common,
        )
    if "company" in item:
        position, company = text(item.get("position")), text(item.get("company"))
        return make_entry(
            title=position or company,
            subtitle=company if position else "",
            dates=_dates(item),
            dated=False,
            kind="experience",
            form="experience",
            **common,
        )
    if "title" in item and "authors" in item:
        doi = bare_doi(text(item.get("doi")))
        parts = {"authors": texts(item.get("authors")), "doi": doi, "summary": common["summary"]}
        if not common["url"] and doi:
            common["url"] = doi_url(doi)
        common["summary"] = joined(text(item.get("authors")), common["summary"], sep=". ")
        return make_entry(
            title=text(item.get("title")),
            subtitle=text(item.get("journal")),
            dates=_dates(item),
            dated=False,
            kind="publication",
            form="publication",
            parts=parts,
            **common,
        )
    if "name" in item:
        return make_entry(
            title=text(item.get("name")),
            dates=_dates(item),
            dated=False,
            kind="normal",
            form="normal",
            **common,
        )
    if "label" in item:
        parts = {"details": text(item.get("details")), "summary": common["summary"]}
        common["summary"] = joined(text(item.get("details")), common["summary"], sep=" ")
        return make_entry(
            title=text(item.get("label")),
            dates=None,
            dated=False,
            kind="one-line",
            form="one-line",
            parts=parts,
            **common,
        )
    for key, numbering in (("bullet", ""), ("number", "plain"), ("reversed_number", "reverse")):
        if key in item:
            return make_entry(
                title=text(item.get(key)),
                dates=None,
                dated=False,
                kind=key,
                numbering=numbering,
                form=key,
                **common,
            )
    known = joined(*(str(k) for k in item))
    return make_entry(
        title="",
        dates=None,
        dated=False,
        kind="unknown",
        problems=[("title", f"unknown kind of RenderCV entry (keys: {known or 'none'})")],
        **common,
    )


def entry(name: str, item: Any, line: int | None) -> Entry:
    """One entry of a section; a plain string is a RenderCV text entry."""
    if isinstance(item, Mapping):
        return _entry(item, line)
    return make_entry(title=text(item), dates=None, dated=False, kind="text", form="text", line=line)


#: sections whose text entries introduce the person rather than list items
SUMMARY_SECTIONS = ("summary", "about", "about_me", "profile")


def person(data: Mapping[str, Any]) -> tuple[Person, list[str]]:
    """The ``cv`` header as a profile; the paragraphs of a text-only summary section."""
    cv = data["cv"]
    found = Person(
        name=text(cv.get("name")),
        tagline=text(cv.get("headline") or cv.get("label")),
        photo=text(cv.get("photo")),
        email=text(cv.get("email")),
        phone=text(cv.get("phone")),
        homepage=web_url(cv.get("website")),
        location=text(cv.get("location")),
    )
    networks = cv.get("social_networks")
    for network in networks if isinstance(networks, list) else []:
        if isinstance(network, Mapping):
            kind = network_field(network.get("network"))
            if kind and text(network.get("username")):
                setattr(found, kind, text(network.get("username")))
    return found, summary_of(data)[1]


def summary_of(data: Mapping[str, Any]) -> tuple[str | None, list[str]]:
    """The name and paragraphs of a section of plain text introducing the person, if any."""
    for name, items in sections(data).items():
        texts_only = isinstance(items, list) and all(isinstance(i, str | int | float) for i in items)
        if name.lower() in SUMMARY_SECTIONS and items and texts_only:
            return name, [text(i) for i in items if text(i)]
    return None, []


def _sections_line(data: Mapping[str, Any]) -> int | None:
    return line_of(data["cv"].get("sections"), line_of(data))


FORMAT = Format("RenderCV", sections, entry, person, _sections_line)
