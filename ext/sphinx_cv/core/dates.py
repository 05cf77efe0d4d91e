"""The CV date grammar: parse, validate, order and format dates and ranges.

Pure Python on purpose (no Sphinx, no docutils) so every data source shares it
and it can be tested exhaustively. Grammar (case-insensitive):

* ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
* ``Mon YYYY`` / ``Month YYYY`` in English (``Sep 2019``, ``Sept. 2019``, ``June 2016``)
* seasons: ``Fall 2007``, ``Spring 2020`` (shown as written in English, translated otherwise)
* ``present`` / ``now`` / ``current`` (only as the end of a range)
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .chars import clean, removed

#: English month names, fixed here because :mod:`calendar` follows the process locale.
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(EN_MONTHS, 1)}
MONTHS.update({name[:3].lower(): i for i, name in enumerate(EN_MONTHS, 1)})
MONTHS["sept"] = 9

#: Seasons keep their wording in English; the month only orders them among dated entries.
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
#: season -> the message catalog's id of "<season> <year>" (``{}`` is the year): other languages say it
#: their own way ("Herbst 2007", "2007年秋季"); CLDR has no season names
SEASON_LABELS: dict[str, str] = {
    "spring": "Spring {}",
    "summer": "Summer {}",
    "fall": "Fall {}",
    "autumn": "Fall {}",
    "winter": "Winter {}",
}
PRESENT_WORDS = frozenset({"present", "now", "current"})

_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?")
_WORD_YEAR = re.compile(r"(?P<word>[A-Za-z]+)\.?\s+(?P<y>\d{4})")


#: invisible characters that copy-paste brings along (BOM, zero-width, direction marks)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u200e\u200f\u2060"), None)


class DateError(ValueError):
    """A date that is not in the grammar or does not exist."""


def shorten(text: str, limit: int = 60) -> str:
    """``repr`` of a value for a message, cut short: a huge value must not make a huge warning."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "\u2026")


def _clean(raw: object) -> str:
    return " ".join(str(raw).translate(_INVISIBLE).split())


@dataclass(frozen=True)
class CVDate:
    """One date as written, with the precision it was written in.

    ``year`` is ``None`` for "present" and for text that could not be parsed;
    such dates are shown as written.
    """

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    present: bool = False

    @property
    def known(self) -> bool:
        return self.year is not None

    @property
    def iso(self) -> str | None:
        """The machine-readable value for ``<time datetime>``, at the precision written."""
        if self.year is None:
            return None
        if self.season or self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates; present is after everything, unparsed text before."""
        if self.present:
            return (10**6, 0, 0)
        if self.year is None:
            return (-1, 0, 0)
        month = SEASONS[self.season] if self.season else (self.month or 0)
        return (self.year, month, self.day or 0)


#: between the two ends of a range, in every output format
RANGE_DASH = " \u2013 "

#: what was wrong, and with which field (``"start"`` or ``"end"``), so callers can point at it
Problem = tuple[str, str]


@dataclass(frozen=True)
class DateSpan:
    """A single date (``end is None``) or a range, plus what was wrong with it."""

    start: CVDate
    end: CVDate | None = None
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        """Start first, ties broken by the end date (an open range ends last)."""
        end = self.end if self.end is not None else self.start
        return (self.start.sort_key, end.sort_key)


def parse_date(text: str) -> CVDate:
    """Parse one date of the grammar; raise :class:`DateError` otherwise."""
    value = _clean(text)
    lowered = value.lower()
    if lowered in PRESENT_WORDS:
        return CVDate(text=value, present=True)
    match = _ISO.fullmatch(value)
    if match:
        year = int(match["y"])
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
        _check_exists(value, year, month, day)
        return CVDate(text=value, year=year, month=month, day=day)
    match = _WORD_YEAR.fullmatch(value)
    if match:
        word = match["word"].lower()
        year = int(match["y"])
        if word in MONTHS:
            return CVDate(text=value, year=year, month=MONTHS[word])
        if word in SEASONS:
            return CVDate(text=value, year=year, season=word)
    raise DateError(
        f"unknown date form {shorten(value)} "
        "(use YYYY, YYYY-MM, YYYY-MM-DD, 'Mon YYYY', a season such as 'Fall 2007', or 'present')"
    )


def _check_exists(text: str, year: int, month: int | None, day: int | None) -> None:
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"impossible date {shorten(text)}: there is no month {month}")
    if day is not None:
        assert month is not None
        try:
            _dt.date(year, month, day)
        except ValueError:
            raise DateError(
                f"impossible date {shorten(text)}: {EN_MONTHS[month - 1]} {year} has no day {day}"
            ) from None
    if year < 1:
        raise DateError(f"impossible date {shorten(text)}: year must be positive")


def parse_span(start: object, end: object = None) -> DateSpan:
    """Parse a start and optional end, never raising.

    Anything wrong is recorded in ``problems`` and the offending text is kept
    as written, so the entry is still shown. Spans written as text are
    remembered: a CV repeats its dates, and a span is immutable.
    """
    if isinstance(start, str | None) and isinstance(end, str | None):
        return _text_span(start, end)
    return _parse_span(start, end)


@lru_cache(maxsize=4096)
def _text_span(start: str | None, end: str | None) -> DateSpan:
    return _parse_span(start, end)


def _parse_span(start: object, end: object) -> DateSpan:
    problems: list[Problem] = []

    def one(raw: object, role: str) -> CVDate:
        written = "" if raw is None else str(raw)
        if clean(written) != written:
            problems.append((role, removed(f"{role} date", written)))
        text = _clean(clean(written))
        if not text:
            problems.append((role, f"the {role} date is empty"))
            return CVDate(text="")
        try:
            return parse_date(text)
        except DateError as err:
            problems.append((role, f"{role} date: {err}"))
            return CVDate(text=text)

    first = one(start, "start")
    if first.present:
        problems.append(
            ("start", f"{shorten(first.text)} cannot be a start date; it is only valid as an end")
        )
        first = CVDate(text=first.text)
    if end is None or (isinstance(end, str) and not end.strip()):
        return DateSpan(first, None, tuple(problems))
    last = one(end, "end")
    if first.known and last.known and _before(last, first):
        problems.append(
            ("end", f"the end date {shorten(last.text)} is before the start date {shorten(first.text)}")
        )
    return DateSpan(first, last, tuple(problems))


def _before(a: CVDate, b: CVDate) -> bool:
    """Whether ``a`` ends before ``b`` starts, comparing at the coarser precision."""
    if a.year != b.year:
        return (a.year or 0) < (b.year or 0)
    if a.season or b.season or a.month is None or b.month is None:
        return False
    if a.month != b.month:
        return a.month < b.month
    if a.day is None or b.day is None:
        return False
    return a.day < b.day


Strftime = Callable[[str, _dt.date], str]


#: the codes :func:`english_strftime` writes; any other passes through as written
ENGLISH_CODES = frozenset({"%B", "%b", "%d", "%-d", "%m", "%-m", "%Y", "%y", "%%"})
_STRFTIME_CODE = re.compile(r"%-?[A-Za-z%]")


def english_handles(fmt: str) -> bool:
    """Whether :func:`english_strftime` writes every code of ``fmt``."""
    return all(code in ENGLISH_CODES for code in _STRFTIME_CODE.findall(fmt))


def english_strftime(fmt: str, date: _dt.date) -> str:
    """``strftime`` with English month names whatever the process locale is."""
    replacements = {
        "%B": EN_MONTHS[date.month - 1],
        "%b": EN_MONTHS[date.month - 1][:3],
        "%d": f"{date.day:02d}",
        "%-d": str(date.day),
        "%m": f"{date.month:02d}",
        "%-m": str(date.month),
        "%Y": f"{date.year:04d}",
        "%y": f"{date.year % 100:02d}",
    }
    return _STRFTIME_CODE.sub(lambda m: replacements.get(m[0], m[0].replace("%%", "%")), fmt)


def format_date(
    date: CVDate,
    fmt: str = "%b %Y",
    present_label: str = "Present",
    strftime: Strftime = english_strftime,
    seasons: Mapping[str, str] | None = None,
) -> str:
    """Display text of a date: year-only stays a year, unparsed text stays as written.

    ``fmt`` is used for month dates; a day date gets its day in front
    (``%-d``) unless ``fmt`` already has one. A season is said as ``seasons``
    says it ("Herbst {}"), else as written.
    """
    if date.present:
        return present_label
    if date.year is None:
        return date.text
    if date.season:
        pattern = (seasons or {}).get(date.season)
        return pattern.replace("{}", str(date.year)) if pattern else date.text
    if date.month is None:
        return str(date.year)
    if date.day is not None and not re.search(r"%-?[de]", fmt):
        fmt = f"%-d {fmt}"
    return strftime(fmt, _dt.date(date.year, date.month, date.day or 1))
