"""Property-based tests of the pure core: the date grammar, the URL filter, author names."""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_cv.core.dates import RANGE_DASH, DateError, DateSpan, format_date, parse_date, parse_span
from sphinx_cv.core.names import OwnerMatcher, fold
from sphinx_cv.core.texmarkup import latex_to_text
from sphinx_cv.core.urls import safe_url


def format_span(span: DateSpan) -> str:
    """A span as the pages show it: both ends formatted, joined by the range dash."""
    return RANGE_DASH.join(format_date(d) for d in (span.start, span.end) if d is not None)


days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
anything = st.one_of(st.none(), st.text(), st.integers(), st.floats(), st.booleans())


@given(anything, anything)
@example("present", "2019")
@example("2019-02-29", "")
@example("\ufeff2019", "now\r\n")
def test_parse_span_never_raises_and_always_shows_something(start: object, end: object) -> None:
    span = parse_span(start, end)
    shown = format_span(span)
    assert isinstance(shown, str)
    for field, message in span.problems:
        assert field in ("start", "end") and message


@given(days)
def test_iso_day_round_trips(day: dt.date) -> None:
    text = day.isoformat()
    parsed = parse_date(text)
    assert parsed.iso == text
    assert (parsed.year, parsed.month, parsed.day) == (day.year, day.month, day.day)


@given(days, st.sampled_from(["%b %Y", "%B %Y"]))
def test_formatted_month_parses_back(day: dt.date, fmt: str) -> None:
    month = parse_date(f"{day.year:04d}-{day.month:02d}")
    again = parse_date(format_date(month, fmt))
    assert (again.year, again.month, again.iso) == (day.year, day.month, month.iso)


@given(days, days)
def test_order_and_range_check_agree_with_the_calendar(a: dt.date, b: dt.date) -> None:
    first, second = parse_date(a.isoformat()), parse_date(b.isoformat())
    assert (first.sort_key < second.sort_key) == (a < b)
    backwards = any("before the start" in m for _f, m in parse_span(a.isoformat(), b.isoformat()).problems)
    assert backwards == (b < a)


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_impossible_days_are_rejected_not_shifted(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        dt.date(year, month, day)
        exists = True
    except ValueError:
        exists = False
    if exists:
        assert parse_date(text).iso == text
    else:
        with pytest.raises(DateError):
            parse_date(text)


def _disguise(draw: st.DrawFn, scheme: str) -> str:
    """A scheme as attackers write it: mixed case, entities, control characters, spaces."""
    out = []
    for ch in scheme:
        ch = ch.upper() if draw(st.booleans()) else ch
        kind = draw(st.sampled_from(["plain", "plain", "dec", "hex", "tab"]))
        if kind == "dec":
            ch = f"&#{ord(ch)};"
        elif kind == "hex":
            ch = f"&#x{ord(ch):x};"
        elif kind == "tab":
            ch = ch + draw(st.sampled_from(["\t", "\n", "\r", "&#9;", "\x00"]))
        out.append(ch)
    return draw(st.sampled_from(["", " ", "\t", "\x01"])) + "".join(out)


@st.composite
def dangerous_urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["javascript", "vbscript", "data", "file", "jar"]))
    colon = draw(st.sampled_from([":", "&#58;", "&colon;"]))
    return _disguise(draw, scheme) + colon + draw(st.text(max_size=20))


@given(dangerous_urls())
@settings(max_examples=300)
def test_dangerous_schemes_never_pass(url: str) -> None:
    assert safe_url(url) is None, url


@given(st.text())
@example("//evil.example/x")
@example("https:evil")
@example("http://ok.example/a?b=c")
def test_whatever_passes_is_http_or_relative(url: str) -> None:
    result = safe_url(url)
    if result is None:
        return
    probe = html.unescape(result).strip()
    scheme = urlsplit(probe).scheme.lower() if ":" in probe.split("/", 1)[0] else ""
    assert scheme in ("", "http", "https")
    assert not probe.startswith("//")
    if scheme:
        assert urlsplit(probe).netloc


#: URL-ish text: ASCII (the fast path's alphabet and what it must refuse) plus a few that are not
URLISH = st.text(alphabet=st.sampled_from([*map(chr, range(0x20, 0x7F)), "\t", "\u00e9", "\u200b", "\x00"]))


@given(
    st.one_of(
        URLISH,
        st.builds(
            "".join,
            st.lists(
                st.sampled_from(["https://", "http:", "//", "a.example", "/x", "?q=1", "&amp;", ":80", "@"])
            ),
        ),
    )
)
@example("https://a.example/x?y=1#z")
@example("https://a.example:99999/")
@example("javascript:alert(1)")
@example("//a.example/")
def test_the_plain_ascii_fast_path_says_what_the_full_check_says(url: str) -> None:
    """``url_problem`` skips decoding for plain printable ASCII; it must answer as the full check."""
    from sphinx_cv.core.urls import _full_problem, url_problem

    text = url.strip()
    if text:
        assert url_problem(url) == _full_problem(text), url


# ---- author names ---------------------------------------------------------------------------------

LETTERS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüéèçñø", min_size=2, max_size=10)
ACCENTS = {
    "ä": '{\\"a}',
    "ö": '{\\"o}',
    "ü": '{\\"u}',
    "é": "{\\'e}",
    "è": "{\\`e}",
    "ç": "{\\c c}",
    "ñ": "{\\~n}",
    "ø": "{\\o}",
}


def _latex(text: str) -> str:
    return "".join(ACCENTS.get(ch, ch) for ch in text)


@given(LETTERS, LETTERS, st.sampled_from(["full", "inverted", "initial", "inverted-initial", "latex"]))
def test_an_author_matches_every_way_of_writing_their_name(first: str, last: str, form: str) -> None:
    first, last = first.capitalize(), last.capitalize()
    written = {
        "full": f"{first} {last}",
        "inverted": f"{last}, {first}",
        "initial": f"{first[0]}. {last}",
        "inverted-initial": f"{last}, {first[0]}.",
        "latex": f"{_latex(first)} {_latex(last)}",
    }[form]
    assert OwnerMatcher([f"{first} {last}"])(written), written


@given(LETTERS, LETTERS, LETTERS)
def test_a_different_last_name_never_matches(first: str, last: str, other: str) -> None:
    if fold(last) == fold(other):
        return
    assert not OwnerMatcher([f"{first} {last}"])(f"{first} {other}")


@given(st.text(max_size=60), st.text(max_size=60))
@example('{\\"', "Zheng, Q.")
@example("}{", "{{{")
def test_matching_and_latex_decoding_never_raise(alias: str, author: str) -> None:
    OwnerMatcher([alias])(author)
    assert isinstance(latex_to_text(author), str)
