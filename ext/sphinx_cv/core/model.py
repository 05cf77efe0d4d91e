"""The entry model every source turns into: plain data, no Sphinx, no docutils.

Publications have a record of their own (:mod:`.record`).

A ``cv-entry`` directive, a JSON Resume ``work`` item, a RenderCV entry and a
plain YAML item all become an :class:`Entry`; the renderer only knows this.
Text fields hold source text; the Sphinx glue decides whether it is parsed
as inline markup (directive options, written by the site's author) or shown
literally (data files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields

from .chars import clean, removed
from .dates import DateSpan, Problem, shorten
from .urls import safe_url, url_problem

_EMAIL = re.compile(r"[^@\s<>\"'`()\[\]\\,;:]+@[^@\s<>\"'`()\[\]\\,;:]+\.[^@\s<>\"'`()\[\]\\,;:]+")
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"'`]*)?")


def parse_tags(value: object) -> tuple[str, ...]:
    """Tags as written (``"research, Teaching"`` or a list), in one form: case-folded, spaces collapsed.

    Compared without regard to case, so ``Teaching`` in a file and ``teaching`` in ``conf.py``
    are one tag; repeated tags are kept once.
    """
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    found = (" ".join(str(item).split()).casefold() for item in items if item is not None)
    return tuple(dict.fromkeys(tag for tag in found if tag))


@dataclass(frozen=True)
class Highlight:
    """A bullet point with the bullets written under it (RenderCV's nested highlights)."""

    text: str
    children: tuple[str, ...] = ()


#: the link fields of an :class:`Entry`, each checked by :func:`~sphinx_cv.urls.safe_url`
LINK_FIELDS = ("url", "event_url", "slides", "video")


@dataclass
class Entry:
    """One dated item of a CV: a position, a degree, an award, a mentee."""

    title: str
    dates: DateSpan | None = None  #: ``None`` for kinds of entry that carry no date
    subtitle: str = ""  #: institution, employer, department
    location: str = ""
    url: str = ""  #: already checked by :func:`~sphinx_cv.urls.safe_url`; "" if none
    # what talks, teaching and grants say besides (core/kinds.py): links checked like ``url``
    event_url: str = ""  #: a talk's event page
    slides: str = ""
    video: str = ""
    online: bool = False  #: a talk given, or a course taught, online
    role: str = ""  #: "Instructor", "Teaching assistant"; "Principal investigator"
    funder: str = ""  #: who funds a grant
    amount: str = ""  #: a grant's amount as written ("USD 500,000")
    summary: str = ""  #: one paragraph shown under the heading
    highlights: list[str | Highlight] = field(default_factory=list)  #: bullet points
    #: what the entry is about (``:tags:``, a data file's ``tags`` or ``keywords``), for CV variants
    tags: tuple[str, ...] = ()
    line: int | None = None  #: line in the data file it came from, for warnings
    #: "plain" or "reverse" for entries a list numbers (RenderCV's number / reversed_number)
    numbering: str = ""
    problems: list[Problem] = field(default_factory=list)  #: (field, message) besides dates
    #: a data-file item that could not be read: not shown, only its problem reported
    omitted: bool = False
    #: the kind of entry its data file named (RenderCV's ``education``, ``one-line``, ``bullet``...);
    #: "" for ``cv-entry`` and JSON Resume entries, whose section says it
    form: str = ""
    #: the data file's own fields that the title, subtitle or summary were joined from (``degree``
    #: and ``area``, ``authors``, ``keywords``...), by the names in :data:`ENTRY_PARTS`, so that the
    #: exports can write them apart again; empty for ``cv-entry``
    parts: dict[str, str | list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("title", "subtitle", "location", "summary", "role", "funder", "amount"):
            value = getattr(self, name)
            if clean(value) != value:
                self.problems.append((name, removed(name, value)))
                setattr(self, name, clean(value))
        bullets = [_clean_bullet(b) for b in self.highlights]
        if bullets != self.highlights:
            written = " ".join(
                b if isinstance(b, str) else " ".join((b.text, *b.children)) for b in self.highlights
            )
            self.problems.append(("highlights", removed("highlights", written)))
            self.highlights = bullets
        for name in LINK_FIELDS:
            value = getattr(self, name)
            if not value:
                continue
            checked = safe_url(value)
            if checked is None:
                self.problems.append(
                    (
                        name.replace("_", "-"),
                        f"dropped the URL {shorten(value)}: {url_problem(value)}",
                    )
                )
            setattr(self, name, checked or "")

    @property
    def all_problems(self) -> list[Problem]:
        """Date problems and other problems, in that order."""
        return [*(self.dates.problems if self.dates else ()), *self.problems]


def _clean_bullet(bullet: str | Highlight) -> str | Highlight:
    if isinstance(bullet, str):
        return clean(bullet)
    return Highlight(clean(bullet.text), tuple(clean(child) for child in bullet.children))


#: the names of :attr:`Entry.parts`: what a data file keeps apart and an entry shows joined
ENTRY_PARTS: tuple[str, ...] = (
    "degree",  # RenderCV degree, JSON Resume studyType ("PhD")
    "area",  # field of study ("Computer Science")
    "score",  # JSON Resume score (gpa before 1.0)
    "description",  # JSON Resume work/project description, shown before the summary
    "summary",  # the entry's own summary when the shown one joins more
    "details",  # RenderCV one-line details
    "keywords",  # JSON Resume skills/interests/projects keywords (a list)
    "roles",  # JSON Resume project roles (a list)
    "entity",  # JSON Resume project entity
    "type",  # JSON Resume project type
    "authors",  # RenderCV publication authors (a list, as written)
    "doi",  # RenderCV publication DOI (bare)
)

#: what a timeline holds (``cv-timeline :kind:``): JSON Resume's sections, then the kinds of an
#: academic homepage; "" when the timeline does not say (exports then go by its heading)
TIMELINE_KINDS: tuple[str, ...] = (
    "work",
    "education",
    "volunteer",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "talks",
    "teaching",
    "grants",
    "news",
)

#: contact kinds in display order: (field, label); labels are translated by the glue
CONTACT_FIELDS: tuple[tuple[str, str], ...] = (
    ("email", "Email"),
    ("phone", "Mobile"),
    ("homepage", "Homepage"),
    ("scholar", "Google Scholar"),
    ("github", "GitHub"),
    ("orcid", "ORCID"),
    ("linkedin", "LinkedIn"),
    ("pdf", "CV (PDF)"),
)


@dataclass
class Contact:
    """One contact link of a profile."""

    kind: str  #: a key of :data:`CONTACT_FIELDS`
    label: str
    text: str  #: what is shown
    url: str  #: where it leads (``mailto:``/``tel:`` built here, else http(s))


@dataclass
class Person:
    """The site's owner, as ``cv-profile`` describes them."""

    name: str
    tagline: str = ""
    photo: str = ""
    email: str = ""
    phone: str = ""
    homepage: str = ""
    scholar: str = ""
    github: str = ""
    orcid: str = ""
    linkedin: str = ""
    location: str = ""
    pdf: str = ""  #: the CV as a PDF: a URL or a path relative to the page
    #: text fields that lost control or bidi characters (see :mod:`~sphinx_cv.core.chars`)
    cleaned: list[Problem] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        for name in (f.name for f in fields(self) if f.init):
            value = getattr(self, name)
            if clean(value) != value:
                self.cleaned.append((name, removed(name, value)))
                setattr(self, name, clean(value))

    def contacts(self) -> list[Contact]:
        """Contact links in display order; handles become full profile URLs, unusable values are left out."""
        found: list[Contact] = []
        for kind, label in CONTACT_FIELDS:
            value = getattr(self, kind).strip()
            link = self._link(kind, value) if value else None
            if link is not None:
                found.append(Contact(kind, label, self._shown(kind, value, link), link))
        return found

    @property
    def problems(self) -> list[Problem]:
        """Values that :meth:`contacts` leaves out, and a photo that is no usable URL."""
        found: list[Problem] = [
            (kind, f"dropped the {kind} value {shorten(getattr(self, kind).strip())}: not a usable link")
            for kind, _label in CONTACT_FIELDS
            if getattr(self, kind).strip() and self._link(kind, getattr(self, kind).strip()) is None
        ]
        if self.photo.strip() and safe_url(self.photo) is None:
            found.append(
                ("photo", f"dropped the photo {shorten(self.photo.strip())}: not a usable path or URL")
            )
        return [*self.cleaned, *found]

    def same_as(self) -> list[str]:
        """Profile URLs for schema.org ``sameAs`` (not email, phone or the homepage)."""
        return [c.url for c in self.contacts() if c.kind in ("scholar", "github", "orcid", "linkedin")]

    @staticmethod
    def _link(kind: str, value: str) -> str | None:
        if kind == "email":
            return f"mailto:{value}" if _EMAIL.fullmatch(value) else None
        if kind == "pdf":
            return safe_url(value)
        if kind == "phone":
            digits = "".join(ch for ch in value if ch.isdigit() or ch == "+")
            return f"tel:{digits}" if digits.strip("+") else None
        if "://" in value:
            return safe_url(value)
        prefixes = {
            "github": "https://github.com/",
            "orcid": "https://orcid.org/",
            "linkedin": "https://www.linkedin.com/in/",
            "scholar": "https://scholar.google.com/citations?user=",
        }
        if kind in prefixes and value.replace("-", "").replace("_", "").isalnum():
            return prefixes[kind] + value
        return safe_url(f"https://{value}") if kind == "homepage" and _DOMAIN.fullmatch(value) else None

    @staticmethod
    def _shown(kind: str, value: str, link: str) -> str:
        if kind in ("email", "phone"):
            return value
        if kind in ("scholar", "pdf"):
            return dict(CONTACT_FIELDS)[kind]
        if "://" in value:
            return link.split("://", 1)[1].rstrip("/")
        if kind == "homepage":
            return value.rstrip("/")
        return value


#: the options of ``cv-profile`` besides the name: the fields of :class:`Person`
PROFILE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Person) if f.name != "name" and f.init)
