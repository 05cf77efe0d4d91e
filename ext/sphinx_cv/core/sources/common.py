"""Helpers every loader shares: turning parsed values into text, dates and checked links."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..chars import clean, removed
from ..dates import CVDate, DateSpan, Problem, parse_span, shorten
from ..model import Entry, Highlight, Person, parse_tags
from ..urls import safe_url, url_problem
from .parse import line_of


@dataclass(frozen=True)
class Format:
    """One data format: the same four functions for each, so no caller branches on the format."""

    name: str
    #: section name -> its list (empty for a file that is a single list)
    sections: Callable[[Any], dict[str, Any]]
    #: one item of a section's list and its line -> an entry (``name`` picks the section's field names)
    entry: Callable[[str, Any, int | None], Entry]
    #: the person the file describes, with summary paragraphs
    person: Callable[[Any], tuple[Person, list[str]]]
    #: the line where the file lists its sections, for "no such section"
    sections_line: Callable[[Any], int | None] = line_of


#: social network names (lower case, no spaces) -> the :class:`Person` field, for every format
NETWORKS = {"github": "github", "linkedin": "linkedin", "orcid": "orcid", "googlescholar": "scholar"}


def network_field(name: object) -> str | None:
    """The profile field of a social network named in a resume (``"Google Scholar"`` -> ``scholar``)."""
    return NETWORKS.get(text(name).lower().replace(" ", ""))


#: ``[text](url)``, the one piece of Markdown link syntax data files use (RenderCV, JSON Resume themes)
MD_LINK = re.compile(r"\[(?P<text>[^\[\]\n]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\)")
#: ``**strong**`` and ``*emphasis*``, the rest of the Markdown data files use
EMPHASIS = re.compile(
    r"\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
    r"|(?<![*\w])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![*\w])"
)
#: text that is clearly meant as a numeric date (``2019-13``, ``2019/02/30``), as opposed to free text
_NUMERIC_DATE = re.compile(r"\d{1,4}(?:\s*[-/.]\s*\d{1,4}){0,2}")
_NESTING_LIMIT = 20
#: where a written range may split, most specific first: dashes, " to ", then a bare hyphen (``2020-2021``)
_RANGE_SEPARATORS = (
    re.compile(r"\s*[\u2013\u2014]+\s*|\s+-{1,3}\s+|\s*--+\s*"),
    re.compile(r"\s+(?:to|until|till)\s+", re.I),
    re.compile(r"-"),
)


def text(value: object) -> str:
    """One line of text from a scalar (YAML reads ``2019-09-14`` as a date, ``2021`` as an int)."""
    if value is None or isinstance(value, Mapping):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(texts(value))
    return " ".join(str(value).split())


def texts(value: object, depth: int = 0) -> list[str]:
    """Bullet strings from a list; nested lists are flattened so no text is lost."""
    if value is None or depth > _NESTING_LIMIT:
        return []
    if not isinstance(value, list | tuple):
        single = text(value)
        return [single] if single else []
    found: list[str] = []
    for item in value:
        found.extend(texts(item, depth + 1))
    return found


def tag_values(value: object) -> str | list[str]:
    """Tags as a data file writes them: a list (each item one tag) or one text of comma-separated tags."""
    return texts(value) if isinstance(value, list | tuple) else text(value)


def type_problems(item: Mapping[str, Any], scalars: tuple[str, ...], lists: tuple[str, ...]) -> list[Problem]:
    """Values of the wrong kind: shown as text where possible, but never silently."""
    found: list[Problem] = []
    for key in scalars:
        value = item.get(key)
        if isinstance(value, Mapping | list | tuple):
            kind = "a mapping" if isinstance(value, Mapping) else "a list"
            shown = text(value)
            found.append(
                (
                    key,
                    f"{key!r} should be text, not {kind}; "
                    + (f"shown as {shorten(shown)}" if shown else "left out"),
                )
            )
    for key in lists:
        value = item.get(key)
        if isinstance(value, Mapping) or (value is not None and not isinstance(value, list | tuple | str)):
            found.append((key, f"{key!r} should be a list of text, not {type(value).__name__}"))
    return found


def place(value: object) -> str:
    """A location as text; a JSON Resume location object (``city``, ``region``, ``countryCode``...) joined."""
    if isinstance(value, Mapping):
        keys = ("address", "city", "region", "postalCode", "countryCode", "country")
        return joined(*(text(value.get(k)) for k in keys))
    return text(value)


def joined(*parts: str, sep: str = ", ") -> str:
    """Non-empty parts joined."""
    return sep.join(p for p in parts if p)


def web_url(value: object) -> str:
    """A URL as written in resumes: ``example.com/x`` means ``https://example.com/x``, not a relative link."""
    url = text(value)
    if url and "://" not in url and not url.startswith(("/", ".", "#", "mailto:")):
        first = url.split("/", 1)[0]
        if "." in first and " " not in first:
            url = f"https://{url}"
    return url


def span(
    start: object = None, end: object = None, *, single: object = None, ongoing: bool = False
) -> DateSpan | None:
    """The dates of an entry: a range from ``start``/``end`` or a ``single`` date; ``None`` if none given.

    ``ongoing``: a start without an end means "present" (JSON Resume, RenderCV).
    A ``single`` date that is free text (``"Fall 2023 – now"``) is shown as
    written, without a problem; only text meant as a date can be wrong.
    """
    first, last, one = text(start), text(end), text(single)
    if first:
        return parse_span(first, last or ("present" if ongoing else None))
    if last:
        return parse_span(last)
    if one:
        parsed = parse_span(one)
        if not parsed.problems:
            return parsed
        # free text is shown as written, less what no page may carry
        written = clean(one)
        lost: tuple[Problem, ...] = (("start", removed("start date", one)),) if written != one else ()
        written_range = range_of(written)
        if written_range is not None:
            return replace(written_range, problems=lost)
        if not _NUMERIC_DATE.fullmatch(written):
            return DateSpan(CVDate(text=written), None, lost)
        return parsed
    return None


def range_of(written: str) -> DateSpan | None:
    """A range written in one value (``2020-2021``, ``Sep 2019 – present``), if both ends are dates."""
    for separator in _RANGE_SEPARATORS:
        for match in separator.finditer(written):
            start, end = written[: match.start()].strip(), written[match.end() :].strip()
            if start and end:
                found = parse_span(start, end)
                if not found.problems:
                    return found
    return None


#: the :class:`Entry` fields of talks, teaching and grants (core/kinds.py), as every format reads them
EXTRA_FIELDS = ("event_url", "slides", "video", "online", "role", "funder", "amount")


def extras(item: Mapping[str, Any], keys: Mapping[str, str]) -> dict[str, Any]:
    """The extra fields an item has, under its format's names (``keys``: field -> key); links as
    resumes write them (``example.com/x`` is https), ``online`` a yes/no value."""
    found: dict[str, Any] = {}
    for name in EXTRA_FIELDS:
        value = item.get(keys.get(name, name))
        if value is None:
            continue
        if name == "online":
            found[name] = value is True or text(value).lower() in ("yes", "true", "1")
        else:
            found[name] = web_url(value) if name in ("event_url", "slides", "video") else text(value)
    return found


def link_problems(*fields: str) -> list[Problem]:
    """``[text](url)`` links in text fields whose URL would be dropped."""
    return [
        ("url", f"dropped the link URL {shorten(m['url'])}: {url_problem(m['url'])}")
        for field in fields
        for m in MD_LINK.finditer(field)
        if safe_url(m["url"]) is None
    ]


def make_entry(
    *,
    title: str,
    dates: DateSpan | None,
    dated: bool,
    kind: str,
    line: int | None,
    subtitle: str = "",
    location: str = "",
    url: str = "",
    summary: str = "",
    highlights: Iterable[str | Highlight] = (),
    problems: Iterable[Problem] = (),
    numbering: str = "",
    tags: object = None,
    more: Mapping[str, Any] | None = None,
    form: str = "",
    parts: Mapping[str, str | list[str]] | None = None,
) -> Entry:
    """An :class:`Entry`, with the checks every format shares.

    A title that is a Markdown link becomes the entry's link. The renderer
    links the title of an entry with a URL, and a link inside a link is
    invalid HTML, so links in such a title keep only their text.
    """
    found: list[Problem] = list(problems)
    whole = MD_LINK.fullmatch(title.strip())
    if whole and not url:
        title, url = whole["text"], whole["url"]
    found += link_problems(title)
    if url:
        title = MD_LINK.sub(lambda m: m["text"], title)
    bullets = list(highlights)
    bullet_texts = [
        text
        for bullet in bullets
        for text in ((bullet,) if isinstance(bullet, str) else (bullet.text, *bullet.children))
    ]
    found += link_problems(subtitle, location, summary, *bullet_texts)
    if dated and dates is None:
        found.append(("start", f"this {kind} entry has no date"))
    return Entry(
        title=title,
        dates=dates,
        subtitle=subtitle,
        location=location,
        url=url,
        summary=summary,
        highlights=bullets,
        line=line,
        problems=found,
        numbering=numbering,
        tags=parse_tags(tags),
        **(more or {}),
        form=form,
        parts={k: v for k, v in (parts or {}).items() if v},
    )
