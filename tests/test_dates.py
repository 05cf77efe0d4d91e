"""The date grammar, parsing to formatting, without Sphinx."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinx_cv.core.dates import RANGE_DASH, CVDate, DateError, DateSpan, format_date, parse_date, parse_span


def format_span(span: DateSpan) -> str:
    """A span as the pages show it: both ends formatted, joined by the range dash."""
    return RANGE_DASH.join(format_date(d) for d in (span.start, span.end) if d is not None)


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("2019", "2019", "2019"),
        ("2019-09", "2019-09", "Sep 2019"),
        ("2019-9", "2019-09", "Sep 2019"),
        ("2019-09-14", "2019-09-14", "14 Sep 2019"),
        ("Sep 2019", "2019-09", "Sep 2019"),
        ("sept. 2019", "2019-09", "Sep 2019"),
        ("September 2019", "2019-09", "Sep 2019"),
        ("June  2016", "2016-06", "Jun 2016"),
        ("Fall 2007", "2007", "Fall 2007"),
        ("spring 2020", "2020", "spring 2020"),
        ("Autumn 1999", "1999", "Autumn 1999"),
    ],
)
def test_parse_and_format(text: str, iso: str, shown: str) -> None:
    date = parse_date(text)
    assert date.iso == iso
    assert format_date(date) == shown


@pytest.mark.parametrize("word", ["present", "Present", "NOW", "current"])
def test_present_words(word: str) -> None:
    date = parse_date(word)
    assert date.present and date.iso is None
    assert format_date(date, present_label="heute") == "heute"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2019-02-30", "February 2019 has no day 30"),
        ("2019-13", "no month 13"),
        ("2019-00", "no month 0"),
        ("0000", "year must be positive"),
        ("Smarch 2019", "unknown date form"),
        ("19", "unknown date form"),
        ("2019/09", "unknown date form"),
        ("", "unknown date form"),
    ],
)
def test_bad_dates(text: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


def test_leap_day() -> None:
    assert parse_date("2020-02-29").iso == "2020-02-29"
    with pytest.raises(DateError):
        parse_date("2019-02-29")


def test_format_uses_given_format_and_strftime() -> None:
    date = parse_date("2019-09")
    assert format_date(date, "%B %Y") == "September 2019"
    assert format_date(date, "%m/%Y") == "09/2019"
    assert format_date(date, "%b %Y", strftime=lambda fmt, d: f"{d:%Y}|{fmt}") == "2019|%b %Y"
    assert format_date(parse_date("2019-09-04"), "%d.%m.%Y") == "04.09.2019"


def test_span_problems_keep_text() -> None:
    span = parse_span("present", "2019")
    assert span.start == CVDate(text="present")
    assert [f for f, m in span.problems if "cannot be a start" in m] == ["start"]
    backwards = parse_span("2020", "2019-05")
    assert [f for f, m in backwards.problems if "before the start" in m] == ["end"]
    odd = parse_span("whenever", "2019")
    assert odd.start.text == "whenever" and not odd.start.known
    assert parse_span("", None).problems == (("start", "the start date is empty"),)


@pytest.mark.parametrize(
    ("start", "end"),
    [("2019", "2019-05"), ("2019-05", "2019"), ("2019-05-04", "2019-05"), ("Fall 2019", "2019-01")],
)
def test_same_period_at_coarser_precision_is_not_backwards(start: str, end: str) -> None:
    assert parse_span(start, end).problems == ()


def test_ordering_keys() -> None:
    spans = [
        parse_span(s, e)
        for s, e in [
            ("2019", None),
            ("2018", "present"),
            ("2018", "2019"),
            ("Fall 2018", None),
            ("2018-10", None),
        ]
    ]
    ordered = sorted(spans, key=lambda s: s.sort_key)
    assert [format_span(s) for s in ordered] == [
        "2018 \u2013 2019",
        "2018 \u2013 Present",
        "Fall 2018",
        "Oct 2018",
        "2019",
    ]


def test_english_months_regardless_of_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    try:
        locale.setlocale(locale.LC_TIME, "C.UTF-8")
    except locale.Error:
        pytest.skip("no C.UTF-8 locale")
    assert format_date(parse_date("2019-12")) == "Dec 2019"
    assert dt.date(2019, 12, 1).strftime("%Y") == "2019"


def test_a_repeated_span_keeps_its_problems() -> None:
    """Spans written as text are remembered: the second entry with a bad date must still be told."""
    first, second = parse_span("2020-13", "2019"), parse_span("2020-13", "2019")
    assert first == second
    assert first.problems
    assert second.problems == first.problems
    assert parse_span(2020, 2021) == parse_span("2020", "2021")  # not text: parsed, not remembered
