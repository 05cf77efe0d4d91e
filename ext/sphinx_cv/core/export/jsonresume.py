"""A :class:`~.record.CV` as a JSON Resume document (schema 1.x): plain text, ISO dates.

Each timeline becomes the section its kind says (:func:`~.sections.section_kind`);
what JSON Resume has no field for is kept in an extra field where the schema
allows one (every item takes more properties) and reported as a
:class:`~.record.Loss` where it cannot be kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..model import Entry, Highlight
from .publications import JSON_RESUME_LOSSES, json_resume_publication
from .record import CV, Loss, Profile, Section, has_markup, is_exact, iso_date, markdown_to_plain
from .sections import section_kind

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

#: kinds with no JSON Resume section of their own -> (section, project ``type``)
FOLDED: dict[str, tuple[str, str]] = {"talks": ("projects", "talk"), "teaching": ("projects", "teaching")}
#: kinds written into a section of another name with the same fields
RENAMED = {"grants": "awards"}
#: the networks a profile has a field for, as JSON Resume names them
NETWORK_NAMES = {"github": "GitHub", "linkedin": "LinkedIn", "orcid": "ORCID", "scholar": "Google Scholar"}

LOSSES = {
    "markup": "links and emphasis in text are plain text in JSON Resume "
    "(a link keeps its text, not its address)",
    "season": "JSON Resume dates are ISO dates: "
    "a season or a date written as text keeps only its year, or is left out",
    "nested": "JSON Resume highlights are one level: "
    "bullets under a bullet follow it as bullets of their own",
    "section": "JSON Resume has no section for this kind of timeline: it is written under a key of its own, "
    "which JSON Resume themes do not show",
    "unknown": "neither :kind: nor the heading says which JSON Resume section this timeline is: "
    "written as projects whose type is the heading (set :kind: on the cv-timeline)",
    **JSON_RESUME_LOSSES,
}


class _Writer:
    """Collects losses while converting; one per call of :func:`to_json_resume`."""

    def __init__(self) -> None:
        self.losses: list[Loss] = []
        self.where: tuple[str, int | None] = ("", None)

    def lose(self, kind: str, detail: str) -> None:
        self.losses.append(Loss(kind, LOSSES[kind], detail, *self.where))

    def text(self, markdown: str) -> str:
        if has_markup(markdown):
            self.lose("markup", markdown)
        return markdown_to_plain(markdown)

    def dates(self, entry: Entry, single: str = "") -> dict[str, str]:
        """``startDate``/``endDate`` (or the one date key ``single``); an open range has no end."""
        span = entry.dates
        if span is None:
            return {}
        for date in (span.start, span.end):
            if not is_exact(date):
                self.lose("season", date.text if date else "")
        start, end = iso_date(span.start), iso_date(span.end)
        if single:
            return {single: start} if start else {}
        found = {"startDate": start} if start else {}
        if span.end is None and start:
            found["endDate"] = start  # a single date: an entry without an end would be ongoing
        elif end:
            found["endDate"] = end
        return found

    def highlights(self, entry: Entry) -> list[str]:
        found: list[str] = []
        for item in entry.highlights:
            if isinstance(item, Highlight):
                self.lose("nested", item.text)
                found += [self.text(item.text), *map(self.text, item.children)]
            else:
                found.append(self.text(item))
        return found


def _part(entry: Entry, name: str) -> str:
    value = entry.parts.get(name, "")
    return value if isinstance(value, str) else ", ".join(value)


def _parts(entry: Entry, name: str) -> list[str]:
    value = entry.parts.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _summary(entry: Entry) -> str:
    """The entry's own summary: data files that joined more into it kept it apart."""
    return _part(entry, "summary") if entry.parts else entry.summary


def _split_degree(entry: Entry) -> tuple[str, str]:
    """(degree, area): kept apart by a data file, else split at " in " ("Ph.D. in Computer Science")."""
    if entry.parts:
        return _part(entry, "degree"), _part(entry, "area")
    degree, sep, area = entry.title.partition(" in ")
    return (degree, area) if sep else (entry.title, "")


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if v not in ("", [], None, {})}


def _work(w: _Writer, e: Entry, employer: str = "name") -> dict[str, Any]:
    return {
        employer: w.text(e.subtitle),
        "position": w.text(e.title),
        "location": w.text(e.location),
        "url": e.url,
        "description": w.text(_part(e, "description")),
        **w.dates(e),
        "summary": w.text(_summary(e)),
        "highlights": w.highlights(e),
    }


def _education(w: _Writer, e: Entry) -> dict[str, Any]:
    degree, area = _split_degree(e)
    return {
        "institution": w.text(e.subtitle),
        "url": e.url,
        "area": w.text(area),
        "studyType": w.text(degree),
        **w.dates(e),
        "score": w.text(_part(e, "score")),
        "location": w.text(e.location),
        "summary": w.text(_summary(e)),
        "courses": w.highlights(e),
    }


def _dated(title: str, by: str, date: str) -> Callable[[_Writer, Entry], dict[str, Any]]:
    """Awards, certificates, publications: a title, who gave or published it, one date."""

    def convert(w: _Writer, e: Entry) -> dict[str, Any]:
        return {
            title: w.text(e.title),
            by: w.text(e.subtitle),
            **w.dates(e, single=date),
            "url": e.url,
            "authors": [w.text(a) for a in _parts(e, "authors")],
            "doi": _part(e, "doi"),
            "location": w.text(e.location),
            "summary": w.text(_summary(e)),
            "highlights": w.highlights(e),
        }

    return convert


def _project(w: _Writer, e: Entry, kind_type: str = "", role: str = "") -> dict[str, Any]:
    roles = _parts(e, "roles") or ([role] if role else [])
    entity = _part(e, "entity") if e.parts else e.subtitle
    return {
        "name": w.text(e.title),
        "description": w.text(_part(e, "description")),
        "highlights": w.highlights(e),
        "keywords": [w.text(k) for k in _parts(e, "keywords")],
        **w.dates(e),
        "url": e.url,
        "roles": [w.text(r) for r in roles],
        "entity": w.text(entity),
        "type": _part(e, "type") or kind_type,
        "location": w.text(e.location),
        "summary": w.text(_summary(e)),
    }


def _keywords(w: _Writer, e: Entry) -> list[str]:
    """A skill's keywords: kept apart by a data file, else its summary split at commas."""
    if "keywords" in e.parts:
        return [w.text(k) for k in _parts(e, "keywords")]
    return [k.strip() for k in w.text(e.summary).split(",") if k.strip()]


def _skill(w: _Writer, e: Entry) -> dict[str, Any]:
    return {"name": w.text(e.title), "level": w.text(e.subtitle), "keywords": _keywords(w, e)}


def _named(title: str, other: str, field: str) -> Callable[[_Writer, Entry], dict[str, Any]]:
    """Sections of one name and one more value: languages (fluency), references (the reference)."""

    def convert(w: _Writer, e: Entry) -> dict[str, Any]:
        value = e.subtitle if field == "subtitle" else e.summary
        return {title: w.text(e.title), other: w.text(value)}

    return convert


def _interest(w: _Writer, e: Entry) -> dict[str, Any]:
    return {"name": w.text(e.title), "keywords": _keywords(w, e)}


CONVERTERS: dict[str, Callable[[_Writer, Entry], dict[str, Any]]] = {
    "work": _work,
    "volunteer": lambda w, e: _work(w, e, "organization"),
    "education": _education,
    "awards": _dated("title", "awarder", "date"),
    "certificates": _dated("name", "issuer", "date"),
    "publications": _dated("name", "publisher", "releaseDate"),
    "projects": _project,
    "skills": _skill,
    "languages": _named("language", "fluency", "subtitle"),
    "interests": _interest,
    "references": _named("name", "reference", "summary"),
}


def _key(name: str) -> str:
    """A heading as a JSON key of its own (``Invited talks`` -> ``invited_talks``)."""
    return re.sub(r"\W+", "_", name.strip().lower()).strip("_") or "entries"


def _section(w: _Writer, section: Section) -> tuple[str, list[dict[str, Any]]]:
    """The key and items of one timeline."""
    kind = section_kind(section)
    w.where = (section.docname, section.line)
    if section.source_format == "JSON Resume" and section.source_section:
        key = section.source_section  # a round trip keeps the file's own key
        kind = key if key in CONVERTERS else kind
    elif kind in CONVERTERS:
        key = kind
    elif kind in RENAMED:
        key = kind = RENAMED[kind]
    elif kind in FOLDED:
        key, project_type = FOLDED[kind]
        return key, [_clean(_project(w, e, project_type)) for e in section.entries]
    elif kind:
        w.lose("section", section.label)
        key = _key(kind)
    else:
        w.lose("unknown", section.label)
        role = section.caption if section.caption != section.label else ""
        return "projects", [_clean(_project(w, e, section.label, role)) for e in section.entries]
    convert = CONVERTERS.get(kind, _work)
    return key, [_clean(convert(w, e)) for e in section.entries]


def _location(text: str) -> dict[str, str]:
    """A location written as text, as JSON Resume's object: "City, Region, CC" apart, else the city."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) == 3 and re.fullmatch(r"[A-Z]{2}", parts[2]):
        return {"city": parts[0], "region": parts[1], "countryCode": parts[2]}
    if len(parts) == 2:
        return {"city": parts[0], "region": parts[1]}
    return {"city": text.strip()} if text.strip() else {}


def _basics(w: _Writer, profile: Profile) -> dict[str, Any]:
    person = profile.person
    w.where = (profile.docname, profile.line)
    contacts = {c.kind: c for c in person.contacts()}
    profiles = [
        {
            "network": NETWORK_NAMES[kind],
            "username": _handle(getattr(person, kind)),
            "url": contacts[kind].url,
        }
        for kind in NETWORK_NAMES
        if kind in contacts
    ]
    profiles += [{"network": o.network, "username": o.name, "url": o.url} for o in profile.others]
    photo = person.photo if "://" in person.photo else ""
    return _clean(
        {
            "name": person.name,
            "label": w.text(person.tagline),
            "image": photo,
            "email": person.email.strip() if "email" in contacts else "",
            "phone": person.phone.strip(),
            "url": contacts["homepage"].url if "homepage" in contacts else "",
            "summary": "\n\n".join(w.text(p) for p in profile.summary),
            "location": _location(markdown_to_plain(person.location)),
            "profiles": [_clean(p) for p in profiles],
        }
    )


def _handle(value: str) -> str:
    """The user name of a profile URL (``https://github.com/x`` -> ``x``; Scholar's ``user=`` id)."""
    value = value.strip()
    if "user=" in value:
        return value.split("user=", 1)[1].split("&", 1)[0]
    return value.rstrip("/").rsplit("/", 1)[-1] if "://" in value else value


def to_json_resume(cv: CV) -> tuple[dict[str, Any], list[Loss]]:
    """The JSON Resume document of ``cv`` and what it could not hold."""
    w = _Writer()
    data: dict[str, Any] = {"$schema": SCHEMA_URL}
    if cv.profile is not None:
        data["basics"] = _basics(w, cv.profile)
    for section in cv.sections:
        key, items = _section(w, section)
        w.losses += section.losses
        if items:
            data.setdefault(key, []).extend(items)
        if section.publications:  # papers are always JSON Resume's publications, whatever the heading
            w.where = (section.docname, section.line)
            data.setdefault("publications", []).extend(
                json_resume_publication(p, w.lose) for p in section.publications
            )
    return data, [*cv.losses, *w.losses]
