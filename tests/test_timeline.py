"""cv-timeline / cv-entry in real builds, reST and MyST."""

from __future__ import annotations

import re

import pytest
from conftest import main_of, soup_of, warnings_of


@pytest.mark.sphinx("html", testroot="rst", freshenv=True)
def test_rst_timeline_html(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = soup_of(app)
    employment = soup.select("div.cv-timeline.jobs")[0]
    assert employment.select_one("p.cv-caption").get_text() == "Employment"
    titles = [t.get_text() for t in employment.select("li.cv-entry > p.cv-heading .cv-title")]
    assert titles == ["Postdoc Researcher", "Research Scientist"], "order: newest"
    postdoc = employment.select("li.cv-entry")[0]
    times = postdoc.select(".cv-dates time")
    assert [(t.get("datetime"), t.get_text()) for t in times] == [("2019-09", "Sep 2019"), (None, "Present")]
    assert (
        postdoc.select_one(".cv-subtitle").get_text()
        == "University of Pennsylvania, Department of Statistics"
    )
    assert postdoc.select_one(".cv-location").get_text() == "Philadelphia, PA"
    assert postdoc.select_one(".cv-title a")["href"] == "https://www.upenn.edu"
    heading = postdoc.select_one("p.cv-heading")
    assert [c.name for c in heading.children] == ["span", "strong", "em", "span"], "no bare separators"
    assert postdoc.select_one("ul li").get_text(strip=True) == "differential private models and algorithms"
    facebook = employment.select("li.cv-entry")[1]
    assert "distributed training" in facebook.select_one("p:not(.cv-heading) em").get_text()


@pytest.mark.sphinx("html", testroot="rst")
def test_order_limit_nested_and_loose(app) -> None:
    app.build()
    soup = soup_of(app)
    education = soup.select("section#education div.cv-timeline")[0]
    assert [t.get_text() for t in education.select(".cv-title")] == [
        "B.Eng. in Digital Media",
        "Visiting Student",
    ]
    fall = education.select("time")[-1]
    assert (fall["datetime"], fall.get_text()) == ("2007", "Fall 2007")
    nested = soup.select("section#mentorship li.cv-entry div.cv-timeline li.cv-entry")
    assert len(nested) == 1 and "T. Yu" in nested[0].select_one(".cv-title").get_text()
    loose = [t for t in soup.select("div.cv-timeline") if "A loose entry" in t.get_text()]
    assert len(loose) == 1 and loose[0].select_one("ul.cv-entries > li.cv-entry")


@pytest.mark.sphinx("html", testroot="rst")
def test_ref_shows_caption(app) -> None:
    app.build()
    soup = soup_of(app)
    link = next(a for a in soup.select("a.reference.internal") if "See" in a.parent.get_text())
    target = soup.find(id=link["href"].lstrip("#"))
    assert link.get_text() == "Employment"
    assert "cv-timeline" in target["class"]


def _article(app) -> str:
    """Main content without headings (MyST and docutils name section ids alike, titles differ)."""
    return re.sub(r"<h[12].*?</h[12]>", "", str(main_of(app)), flags=re.S)


@pytest.mark.sphinx("html", testroot="myst", freshenv=True)
def test_myst_gives_the_same_html_as_rst(app, tmp_path) -> None:
    """The two roots are the same CV written in each syntax: same output, no warnings."""
    import shutil

    from conftest import ROOTS
    from sphinx.testing.util import SphinxTestApp

    app.build()
    assert warnings_of(app) == ""
    shutil.copytree(ROOTS / "test-rst", tmp_path / "rst")
    twin = SphinxTestApp("html", srcdir=tmp_path / "rst")
    try:
        twin.build()
        assert _article(app).count('class="cv-entry"') == 7
        assert _article(twin) == _article(app)
    finally:
        twin.cleanup()


@pytest.mark.sphinx("html", testroot="rst", confoverrides={"language": "de", "cv_date_format": "%B %Y"})
def test_translated_present_and_months(app) -> None:
    app.build()
    soup = soup_of(app)
    times = [t.get_text() for t in soup.select("div.jobs li.cv-entry")[0].select("time")]
    assert times == ["September 2019", "heute"]


@pytest.mark.sphinx("html", testroot="rst", confoverrides={"cv_present_label": "now"})
def test_custom_present_label(app) -> None:
    app.build()
    assert soup_of(app).select("div.jobs time")[1].get_text() == "now"


def test_every_entry_ends_up_in_a_list(tmp_path) -> None:
    """Entries outside timelines, or moved out of one inside other content, are still list items."""
    from sphinx.testing.util import SphinxTestApp

    (tmp_path / "conf.py").write_text('extensions = ["sphinx_cv"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "CV\n==\n\n.. toctree::\n\n   loose\n\n"
        ".. cv-timeline:: Jobs\n\n"
        "   .. cv-entry:: Inside\n      :start: 2020\n\n"
        "   .. container:: extra\n\n"
        "      .. cv-entry:: In a container\n         :start: 2019\n",
        encoding="utf-8",
    )
    loose = "Loose\n=====\n\n.. cv-entry:: Loose\n   :start: 2018\n"
    (tmp_path / "loose.rst").write_text(loose, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        app.build()
        pages = [soup_of(app), soup_of(app, "loose")]
        assert "showing the container after the timeline" in warnings_of(app)
    finally:
        app.cleanup()
    titles = [[e.select_one(".cv-title").get_text() for e in page.select("li.cv-entry")] for page in pages]
    assert titles == [["Inside", "In a container"], ["Loose"]]
    for entry in pages[0].select("li.cv-entry") + pages[1].select("li.cv-entry"):
        assert entry.parent.name == "ul" and "cv-entries" in entry.parent["class"]


@pytest.mark.parametrize("fmt", ["%b %Y", "%B %Y", "%d %b %Y", "%-d %B %Y", "%m/%Y", "%Y-%m-%d", "100%% %Y"])
def test_english_dates_skip_babel_and_match_it(fmt: str) -> None:
    """English month names come from the pure core, exactly as babel writes them."""
    import datetime as dt

    from sphinx.util.i18n import format_date

    from sphinx_cv.i18n import localized_strftime

    for month in range(1, 13):
        for day in (1, 9, 28):
            moment = dt.datetime(2021, month, day, tzinfo=dt.timezone.utc)
            expected = format_date(fmt, date=moment, language="en")
            assert localized_strftime(fmt, moment.date(), "en") == expected


def test_two_digit_year_is_the_calendar_year() -> None:
    """Sphinx maps ``%y`` to babel's week-based year (1 Jan 2021 would be "20"); strftime's is meant."""
    import datetime as dt

    from sphinx_cv.i18n import localized_strftime

    assert localized_strftime("%b %y", dt.date(2021, 1, 1), "en") == "Jan 21"
