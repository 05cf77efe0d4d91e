"""Each malformed input of the contract: a located ``cv.*`` warning, no traceback, page intact."""

from __future__ import annotations

import pytest
from conftest import assert_located_warnings, soup_of, warnings_of

EXPECTED = [
    # (line, subtype, fragment)
    (7, "option", ":order: must be one of"),
    (8, "option", ":limit: 'many' is not a non-negative whole number"),
    (11, "date", "unknown date form 'Smarch 2019'"),
    (14, "date", "February 2019 has no day 30"),
    (18, "date", "the end date '2019' is before the start date '2020'"),
    (21, "date", "'present' cannot be a start date"),
    (23, "option", "has no :start: date"),
    (27, "option", "dropped the URL 'javascript:alert(1)'"),
    (29, "option", "cv-timeline content should be cv-entry directives"),
    (32, "option", "dropped the github value 'not a handle!'"),
    (33, "option", "dropped the email value 'not-an-address'"),
    (38, "date", "there is no month 13"),
]


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_each_malformed_input_warns_located(app) -> None:
    app.build()
    assert_located_warnings(app, [("index.rst", line, sub, frag) for line, sub, frag in EXPECTED])


@pytest.mark.sphinx("html", testroot="warnings")
def test_page_survives_bad_input(app) -> None:
    app.build()
    soup = soup_of(app)
    article = soup.select_one('[role="main"]').get_text()
    for text in [
        "Before everything.",
        "Middle paragraph survives.",
        "After everything.",
        "A stray paragraph.",
        "Someone",
    ]:
        assert text in article
    titles = [t.get_text() for t in soup.select(".cv-title")]
    assert titles == [
        "Unknown form",
        "Impossible day",
        "Backwards",
        "Present as start",
        "No start at all",
        "Hostile link",
        "Month thirteen",
    ]
    shown = {t.get_text(): t.get("datetime") for t in soup.select("time")}
    assert shown["Smarch 2019"] is None and shown["2019-02-30"] is None and shown["present"] is None
    assert not soup.select('a[href^="javascript"]')
    assert "javascript:" not in (app.outdir / "index.html").read_text()


@pytest.mark.sphinx(
    "html", testroot="warnings", confoverrides={"suppress_warnings": ["cv.date"]}, freshenv=True
)
def test_suppress_warnings_by_subtype(app) -> None:
    app.build()
    text = warnings_of(app)
    assert "[cv.date]" not in text and "[cv.option]" in text
