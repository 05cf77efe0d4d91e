"""A :class:`~.record.CV` as a RenderCV input file (2.x): ``cv`` with ``sections``, text in Markdown.

Every entry of a section is of one RenderCV type: the type its data file
named (a round trip keeps it), else the one its kind fits (education,
experience, publication, one-line), else a normal entry. The design is
RenderCV's default theme unless ``design`` (``cv_rendercv_design``) says more.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..dates import CVDate
from ..doi import doi_url
from ..model import Entry
from .publications import RENDERCV_LOSSES, rendercv_doi, rendercv_publication
from .record import CV, Loss, Profile, Section, is_exact, iso_date, span_text
from .sections import section_kind

#: the networks RenderCV knows by name, as :class:`~sphinx_cv.core.model.Person` fields
NETWORKS = {"linkedin": "LinkedIn", "github": "GitHub", "orcid": "ORCID", "scholar": "Google Scholar"}
#: Sphinx ``language`` -> RenderCV ``locale.language`` (the languages the extension ships)
LOCALES = {"de": "german", "fr": "french", "es": "spanish", "it": "italian", "zh_CN": "mandarin_chinese"}
#: the RenderCV entry type a kind fits best, when its entries have what that type needs
KIND_FORMS = {
    "education": "education",
    "work": "experience",
    "volunteer": "experience",
    "publications": "publication",
    "skills": "one-line",
    "languages": "one-line",
    "interests": "one-line",
}
#: the key that tells each text-only type, with the entry's title as its value
TEXT_FORMS = {"bullet": "bullet", "number": "number", "reversed_number": "reversed_number"}

LOSSES = {
    "phone": "RenderCV takes a phone number only with its country code (+1 ...): left out",
    "photo": "RenderCV takes a photo as a file next to its input or a URL: a path of the site is left out",
    "caption": "RenderCV sections have one title: "
    "a timeline's caption under a heading of another name is left out",
    "oneline": "RenderCV one-line, bullet and numbered entries have no date, location or link: left out",
    "body": "RenderCV entries hold a summary and highlights: other content of a cv-entry is left out",
    **RENDERCV_LOSSES,
}


class _Writer:
    def __init__(self) -> None:
        self.losses: list[Loss] = []
        self.where: tuple[str, int | None] = ("", None)

    def lose(self, kind: str, detail: str) -> None:
        self.losses.append(Loss(kind, LOSSES.get(kind, kind), detail, *self.where))


def _date(date: CVDate) -> str | int:
    """RenderCV's date: ``YYYY-MM(-DD)`` text, a year as a number (text would read as January)."""
    if date.present:
        return "present"
    found = iso_date(date)
    return int(found) if found.isdigit() else found


def _dates(entry: Entry) -> dict[str, str | int]:
    """``start_date``/``end_date`` (``present`` for an open range), or one ``date`` (free text allowed)."""
    span = entry.dates
    if span is None:
        return {}
    if span.end is None:
        return {"date": _date(span.start) if is_exact(span.start) else span.start.text}
    if not (is_exact(span.start) and is_exact(span.end)):
        return {"date": span_text(span)}
    return {"start_date": _date(span.start), "end_date": _date(span.end)}


def _lines(markdown: str) -> str:
    """Paragraphs one per line: RenderCV reads each line of a summary as a paragraph of its own."""
    return re.sub(r"\n\s*\n", "\n", markdown.strip())


def _highlights(entry: Entry) -> list[str]:
    """Bullets; a bullet's own bullets follow it after " - ", as RenderCV reads a nested list."""
    return [
        item if isinstance(item, str) else " - ".join([item.text, *item.children])
        for item in entry.highlights
    ]


def _part(entry: Entry, name: str) -> str:
    value = entry.parts.get(name, "")
    return value if isinstance(value, str) else ", ".join(value)


def _summary(entry: Entry) -> str:
    return _lines(_part(entry, "summary") if entry.parts else entry.summary)


def _linked(text: str, url: str) -> str:
    """A title with the entry's link as a Markdown link, as RenderCV writes one (``[FlashInfer](url)``)."""
    return f"[{text}]({url})" if url and text and not text.startswith("[") else text


def _form(kind: str, entries: list[Entry]) -> str:
    """The one RenderCV type of a section's entries."""
    forms = {e.form for e in entries}
    if len(forms) == 1 and "" not in forms:
        return forms.pop()
    form = KIND_FORMS.get(kind, "normal")
    if form == "experience" and not all(e.subtitle for e in entries):
        return "normal"
    if form == "publication" and not all(e.parts.get("authors") for e in entries):
        return "normal"
    return form


def _entry(w: _Writer, form: str, e: Entry) -> dict[str, Any] | str:
    if form == "text":
        return e.title
    if form in TEXT_FORMS or form == "one-line":
        if e.dates is not None or e.location or e.url:
            w.lose("oneline", e.title)
        if form == "one-line":
            details = _part(e, "details") if "details" in e.parts else (e.summary or e.subtitle)
            return {"label": e.title, "details": details}
        return {TEXT_FORMS[form]: e.title}
    common: dict[str, Any] = {
        **_dates(e),
        "location": e.location,
        "summary": _summary(e),
        "highlights": _highlights(e),
    }
    if form == "education":
        degree, area = (_part(e, "degree"), _part(e, "area")) if e.parts else _split(e.title)
        found = {"institution": _linked(e.subtitle or e.title, e.url), "area": area or degree}
        return {**found, "degree": degree if area else "", **common}
    if form == "experience":
        return {"company": e.subtitle, "position": _linked(e.title, e.url), **common}
    if form == "publication":
        doi, doi_link = rendercv_doi(_part(e, "doi")) if _part(e, "doi") else ("", "")
        url = doi_link or ("" if doi and e.url == doi_url(doi) else e.url)
        authors = e.parts.get("authors", [])
        date = common.pop("date", "") or common.get("start_date", "")
        return {
            "title": e.title,
            "authors": [authors] if isinstance(authors, str) else authors,
            "doi": doi,
            "url": url,
            "journal": e.subtitle,
            "date": date,
            "summary": common["summary"],
        }
    summary = common.pop("summary")
    if e.subtitle:  # a normal entry has no subtitle: it opens the summary
        summary = f"*{e.subtitle}*" + (f"\n{summary}" if summary else "")
    return {"name": _linked(e.title, e.url), **common, "summary": summary}


def _split(title: str) -> tuple[str, str]:
    degree, sep, area = title.partition(" in ")
    return (degree, area) if sep else (title, "")


def _clean(item: dict[str, Any] | str) -> dict[str, Any] | str:
    if isinstance(item, str):
        return item
    return {k: v for k, v in item.items() if v not in ("", [], None)}


def _title(section: Section) -> str:
    """The section's key: the data file's own (a round trip), else the heading, else the caption."""
    if section.source_format == "RenderCV" and section.source_section:
        return section.source_section
    return section.heading or section.caption or section.source_section or "Entries"


def _section(w: _Writer, section: Section) -> list[tuple[str, list[Any]]]:
    """The section's title and entries; a list of papers is publication entries of its own."""
    w.where = (section.docname, section.line)
    title = _title(section)
    if section.caption and section.heading and section.caption != section.heading:
        w.lose("caption", section.caption)
    found: list[tuple[str, list[Any]]] = []
    if section.entries:
        form = _form(section_kind(section), section.entries)
        found.append((title, [_clean(_entry(w, form, e)) for e in section.entries]))
    if section.publications:
        papers = [rendercv_publication(p, w.lose, abstract=section.abstracts) for p in section.publications]
        found.append((title, papers))
    return found


def _username(kind: str, value: str) -> str:
    value = value.strip()
    if kind == "scholar" and "user=" in value:
        return value.split("user=", 1)[1].split("&", 1)[0]
    return value.rstrip("/").rsplit("/", 1)[-1] if "://" in value else value


def _cv(w: _Writer, profile: Profile) -> dict[str, Any]:
    person = profile.person
    w.where = (profile.docname, profile.line)
    contacts = {c.kind: c for c in person.contacts()}
    phone = person.phone.strip()
    if phone and not phone.startswith("+"):
        w.lose("phone", phone)
        phone = ""
    photo = person.photo.strip()
    if photo and "://" not in photo:
        w.lose("photo", photo)
        photo = ""
    networks = [
        {"network": name, "username": _username(kind, getattr(person, kind))}
        for kind, name in NETWORKS.items()
        if kind in contacts
    ]
    others = [
        {"fontawesome_icon": "link", "placeholder": f"{o.network}: {o.name}", "url": o.url}
        for o in profile.others
        if o.url
    ]
    return {
        "name": person.name,
        "headline": person.tagline,
        "location": person.location,
        "email": person.email.strip() if "email" in contacts else "",
        "photo": photo,
        "phone": phone,
        "website": contacts["homepage"].url if "homepage" in contacts else "",
        "social_networks": networks,
        "custom_connections": others,
    }


def to_rendercv(
    cv: CV, *, design: Mapping[str, Any] | None = None, language: str = "en"
) -> tuple[dict[str, Any], list[Loss]]:
    """The RenderCV input of ``cv`` (``design`` merged over RenderCV's default theme) and what it lost."""
    w = _Writer()
    header = _cv(w, cv.profile) if cv.profile is not None else {}
    sections: dict[str, list[Any]] = {}
    if cv.profile is not None and cv.profile.summary:
        sections["summary"] = [_lines(p) for p in cv.profile.summary]
    for section in cv.sections:
        w.losses += section.losses
        for title, items in _section(w, section):
            key, n = title, 2
            while key in sections:  # RenderCV sections hold one type: a second list is a section of its own
                key, n = f"{title} ({n})", n + 1
            sections[key] = items
    data: dict[str, Any] = {"cv": {k: v for k, v in {**header, "sections": sections}.items() if v}}
    data["design"] = {"theme": "classic", **(design or {})}
    if language in LOCALES:
        data["locale"] = {"language": LOCALES[language]}
    return data, [*cv.losses, *w.losses]
