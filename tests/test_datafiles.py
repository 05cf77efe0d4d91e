"""``cv-timeline :source:`` in real builds: every format, bad files, rebuilds and the parse cache."""

from __future__ import annotations

import re
import shutil
import sys
import time
from pathlib import Path

import myst_parser
import pytest
from conftest import ROOTS, assert_located_warnings, main_of, warnings_of
from sphinx.testing.util import SphinxTestApp

import sphinx_cv.core.sources


def _timeline(main, caption: str):
    """The timeline whose caption is ``caption``."""
    found = [t for t in main.select("div.cv-timeline") if t.select_one(".cv-caption").get_text() == caption]
    assert len(found) == 1, caption
    return found[0]


def _times(node) -> list[tuple[str | None, str]]:
    return [(t.get("datetime"), t.get_text()) for t in node.select(".cv-dates time")]


def _texts(node, selector: str) -> list[str]:
    return [" ".join(n.get_text().split()) for n in node.select(selector)]


@pytest.mark.sphinx("html", testroot="source")
def test_every_format_builds_without_warnings(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    # -- JSON Resume: every section, every mapped field
    main = main_of(app, "index")
    text = main.get_text()
    assert "Text before the timelines." in text and "Text after the timelines." in text
    work = _timeline(main, "Work")
    acme = work.select("li.cv-entry")[0]
    assert acme.select_one(".cv-title a")["href"] == "https://acme.example.com"
    assert _texts(acme, ".cv-title, .cv-subtitle, .cv-location") == [
        "Research Scientist",
        "Acme Labs",
        "Menlo Park, CA",
    ]
    assert _times(acme) == [("2019-09", "Sep 2019"), (None, "Present")]
    assert _texts(acme, ".cv-summary") == ["Built the distributed training platform."]
    assert _texts(acme, ".cv-highlights li") == ["Scaled training to 1000 GPUs", "Mentored three interns"]
    assert acme.select_one(".cv-highlights strong").get_text() == "three"
    assert _times(work.select("li.cv-entry")[1]) == [("2015", "2015"), ("2019-08-31", "31 Aug 2019")]
    volunteer = _timeline(main, "Volunteer")
    assert _texts(volunteer, ".cv-title, .cv-subtitle, .cv-summary") == [
        "Teacher",
        "CoderDojo",
        "Free coding clubs.",
    ]
    assert volunteer.select_one(".cv-title a")["href"] == "http://coderdojo.example.com/"
    education = _timeline(main, "Education")
    assert _texts(education, ".cv-title, .cv-subtitle, .cv-summary, .cv-highlights li") == [
        "Bachelor in Computer Science",
        "University of Oklahoma",
        "Score: 4.0",
        "DB1101 - Basic SQL",
        "CS2011 - Java Introduction",
    ]
    assert _times(education) == [("2011-06", "Jun 2011"), ("2014-01", "Jan 2014")]
    awards = _timeline(main, "Awards")
    assert _texts(awards, ".cv-title, .cv-subtitle, .cv-summary") == [
        "Pioneer Award",
        "Techcrunch",
        "There is no spoon.",
    ]
    assert _times(awards) == [("2014-11-01", "1 Nov 2014")]
    certificates = _timeline(main, "Certificates")
    assert _texts(certificates, ".cv-title, .cv-subtitle") == ["Certified Kubernetes Administrator", "CNCF"]
    assert _times(certificates) == [("2021-11", "Nov 2021")]
    publications = _timeline(main, "Publications")
    assert _texts(publications, ".cv-title, .cv-subtitle, .cv-summary") == [
        "Video compression for 3d media",
        "Hooli",
        "Middle-out compression.",
    ]
    assert publications.select_one(".cv-title a")["href"] == "https://papers.example.com/3d"
    assert _texts(_timeline(main, "Skills"), ".cv-title, .cv-subtitle, .cv-summary") == [
        "Compression",
        "Master",
        "Mpeg, MP4",
    ]
    assert _texts(_timeline(main, "Languages"), ".cv-title, .cv-subtitle") == ["English", "Native speaker"]
    assert _texts(_timeline(main, "Interests"), ".cv-summary") == ["Ferrets, Unicorns"]
    assert _texts(_timeline(main, "References"), ".cv-title, .cv-summary") == [
        "Erlich Bachman",
        "A valuable addition.",
    ]
    for undated in ("Skills", "Languages", "Interests", "References"):
        assert not _timeline(main, undated).select(".cv-dates"), undated
    projects = _timeline(main, "Projects")
    assert _texts(projects, ".cv-title, .cv-subtitle, .cv-summary, .cv-highlights li") == [
        "Miss Direction",
        "Team lead, Smoogle",
        "A mapping engine that misguides you",
        "Won award at AIHacks 2016",
    ]
    assert projects.select_one(".cv-title a")["href"] == "https://missdirection.example.com"

    # -- RenderCV: every kind of entry
    main = main_of(app, "rendercv")
    summary = _timeline(main, "Summary")
    assert summary.select_one("a")["href"] == "https://group.example.org"
    assert "[my group]" not in summary.get_text()
    education = _timeline(main, "Education")
    assert _texts(education, ".cv-title, .cv-subtitle, .cv-location, .cv-summary, .cv-highlights li") == [
        "PhD in Mathematics",
        "Yale University",
        "New Haven, CT",
        "Thesis on new types of irreducibility criteria.",
        "Advisor: Øystein Ore",
    ]
    assert education.select_one(".cv-summary strong").get_text() == "new types"
    experience = _timeline(main, "Experience")
    assert _texts(experience, ".cv-title") == ["Senior Mathematician", "Officer"]
    assert _texts(experience, ".cv-subtitle") == ["Remington Rand", "US Navy"]
    assert _times(experience) == [("1949", "1949"), (None, "Present"), ("1943", "Fall 1943")]
    normal = _timeline(main, "Normal")
    assert normal.select_one(".cv-title a")["href"] == "https://cobol.example.org"
    assert _texts(normal, ".cv-title") == ["COBOL", "Free-text dated project"]
    assert _texts(normal, ".cv-dates") == ["28 May 1959", "Summer 1952 – Spring 1953"]
    publications = _timeline(main, "Publications")
    assert publications.select_one(".cv-title a")["href"] == "https://doi.org/10.1145/609784.609818"
    assert _texts(publications, ".cv-subtitle, .cv-summary") == [
        "Proceedings of the ACM",
        "Grace Example, Alan Other",
    ]
    assert publications.select_one(".cv-summary em").get_text() == "Grace Example"
    assert _texts(_timeline(main, "Skills"), ".cv-title, .cv-summary") == ["Languages", "FLOW-MATIC, COBOL"]
    for caption, title in [
        ("Honors", "National Medal of Technology (1991)"),
        ("Patents", "A compiler (US Patent 1)"),
        ("Talks", "Future of computing (1985)"),
        ("Notes", "A plain text entry with a link."),
    ]:
        timeline = _timeline(main, caption)
        assert _texts(timeline, ".cv-title") == [title] and not timeline.select(".cv-dates"), caption

    # -- plain YAML, combined with an inline entry (file entries first, then ordered)
    main = main_of(app, "plain")
    positions = _timeline(main, "Positions")
    assert _texts(positions, ".cv-title") == ["Visiting Student", "Postdoc Researcher", "Inline Entry"]
    postdoc = positions.select("li.cv-entry")[1]
    assert _texts(postdoc, ".cv-subtitle, .cv-location, .cv-summary, .cv-highlights li") == [
        "University of Pennsylvania",
        "Philadelphia, PA",
        "Differentially private models.",
        "differential privacy",
        "optimisation",
    ]
    assert postdoc.select_one(".cv-title a")["href"] == "https://www.upenn.edu"
    assert _texts(_timeline(main, "Teaching"), ".cv-title") == ["Teaching Assistant, CS101"]
    assert _texts(_timeline(main, "Service"), ".cv-dates") == ["1 May 2020"]

    # -- the two real-world files
    main = main_of(app, "realworld")
    assert "Pied Piper" in _timeline(main, "JSON Resume work").get_text()
    experience = _timeline(main, "RenderCV experience")
    assert len(experience.select("li.cv-entry")) == 5
    assert "ICML 2022 main conference paper" in experience.get_text()
    assert _timeline(main, "RenderCV projects").select_one(".cv-title a")["href"] == "https://github.com/"


@pytest.mark.sphinx("html", testroot="source")
def test_source_and_inline_entries_with_source_order(make_app, app_params) -> None:
    """Without :order:, file entries come first, then the inline ones, as written."""
    args, kwargs = app_params
    app = make_app(*args, **kwargs)
    (Path(app.srcdir) / "combined.md").write_text(
        "# Combined\n\n::::{cv-timeline} Mixed\n:source: data/plain.yaml\n\n"
        ":::{cv-entry} Inline First Written\n:start: 2030\n:::\n::::\n",
        encoding="utf-8",
    )
    try:
        app.build()
        titles = _texts(_timeline(main_of(app, "combined"), "Mixed"), ".cv-title")
        assert titles == ["Postdoc Researcher", "Visiting Student", "Inline First Written"]
    finally:
        (Path(app.srcdir) / "combined.md").unlink()


#: Python 3.13's json reports a trailing comma at the comma, one line before the bracket
JSON_COMMA_LINE = 4 if sys.version_info >= (3, 13) else 5
#: MyST-Parser < 5.2 leaves a directive's options out of its block_text: the warning is then
#: at the directive's line (8), not at its :source: option's (10)
MYST_OPTION_LINE = 10 if tuple(int(n) for n in myst_parser.__version__.split(".")[:2]) >= (5, 2) else 8

EXPECTED = [
    # (line in index.rst, fragment of the message)
    (7, "data/nope.yaml: data file not found"),
    (13, "data/broken.yaml:5: does not parse as YAML"),
    (16, f"data/broken.json:{JSON_COMMA_LINE}: does not parse as JSON"),
    (20, "data/scalar.yaml: is not a known data format"),
    (23, "has no section 'jobs'; its sections are: work, education"),
    (
        27,
        "data/resume.json: is a JSON Resume file with sections; choose one with :section: (work, education)",
    ),
    (30, ":section: needs a :source:"),
    (33, "data/resume.json:4: entry 'Ghost': this work entry has no date"),
    (33, "data/resume.json:5: entry 'Timekeeper': start date: impossible date '2019-13'"),
    (33, "data/resume.json:6: entry 'Attacker': dropped the URL 'javascript:alert(1)'"),
    (37, "data/rendercv.yaml:5: entry 'Intern': start date: impossible date '2019-02-30'"),
    (37, "data/rendercv.yaml:13: entry 'Dreamer': start date: unknown date form 'Smarch 2019'"),
    (37, "data/rendercv.yaml:13: entry 'Dreamer': dropped the link URL 'javascript:alert(1)'"),
    (45, "data/plain.yaml:1: entry 'No start': this plain YAML entry has no date"),
    (45, "data/plain.yaml:3: entry 'Typo key': unknown key 'subtitel'"),
    (45, "data/plain.yaml:6: entry 'just a string': expected an entry"),
    (45, "data/plain.yaml:7: entry: this entry has no title"),
    (48, "data/latin1.yaml: is not UTF-8 text"),
    (51, "data/plain.yaml: is a single list of entries; it has no section 'work'"),
    (55, ":source: is empty: name a data file"),
    (58, "data/rendercv.yaml:4: has no section 'awards'; its sections are: experience, honors"),
]


@pytest.mark.sphinx("html", testroot="source-bad", freshenv=True)
def test_bad_files_warn_at_the_directive_and_the_page_survives(app) -> None:
    app.build()
    lines = assert_located_warnings(
        app, [("index.rst", line, "source", frag) for line, frag in EXPECTED], extra=1
    )
    myst = re.compile(
        rf"myst\.md:{MYST_OPTION_LINE}: WARNING: cv-timeline :source: data/broken\.yaml:5: "
        r"does not parse .*\[cv\.source\]$"
    )
    assert any(myst.search(line) for line in lines), lines
    assert (
        "Before in MyST." in main_of(app, "myst").get_text()
        and "After in MyST." in main_of(app, "myst").get_text()
    )
    main = main_of(app)
    for words in ("Before everything.", "Middle paragraph survives.", "After everything."):
        assert words in main.get_text()
    bad = _timeline(main, "Bad JSON Resume entries")
    assert _texts(bad, ".cv-title") == [
        "Ghost",
        "Timekeeper",
        "Attacker",
        "Good Job",
        "`literal` :strong:`x` <b>no</b>",
    ], "data-file text is never markup"
    assert _texts(bad, ".cv-subtitle")[-1] == "<script>alert(1)</script>"
    assert not bad.select("script, b, code")
    assert _texts(bad.select("li.cv-entry")[1], ".cv-dates") == ["2019-13 – Present"], "shown as written"
    assert not bad.select("a[href^=javascript]")
    rendercv = _timeline(main, "Bad RenderCV entries")
    assert _texts(rendercv, ".cv-title") == ["Intern", "Wanderer", "Seasonal", "Dreamer"]
    assert "Clicked here" in rendercv.get_text() and not rendercv.select("a[href^=javascript]")
    assert _texts(_timeline(main, "Undated kinds"), ".cv-title") == ["An undated bullet, fine", "One-line"]
    assert _texts(_timeline(main, "Bad plain entries"), ".cv-title")[:2] == ["No start", "Typo key"]


@pytest.mark.sphinx("html", testroot="source-cache")
def test_unexpected_loader_errors_become_warnings(app, monkeypatch) -> None:
    def explode(text: str, filename: str = "") -> None:
        raise RuntimeError("loader bug")

    monkeypatch.setattr(sphinx_cv.core.sources, "load", explode)
    from sphinx_cv import source as datafiles

    monkeypatch.setattr(datafiles, "_CACHE", {})
    app.build(force_all=True)
    text = warnings_of(app)
    assert "Traceback" not in text
    assert re.search(
        r"index\.rst:10: WARNING: .*data/cv\.yaml: could not be read: RuntimeError: loader bug", text
    )
    assert "First page" in main_of(app).get_text()


def _copy_root(name: str, tmp_path: Path) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def _build(srcdir: Path, **kwargs) -> tuple[SphinxTestApp, list[str]]:
    """Build, returning the app and the documents read."""
    app = SphinxTestApp("html", srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect("source-read", lambda _app, docname, _source: read.append(docname))
    try:
        app.build()
    finally:
        app.cleanup()
    return app, read


def test_editing_the_data_file_rebuilds_the_pages_using_it(tmp_path) -> None:
    srcdir = _copy_root("source-cache", tmp_path)
    app, read = _build(srcdir)
    assert sorted(read) == ["index", "other", "second"]
    assert warnings_of(app) == ""
    assert "Teaching Assistant" in main_of(app, "second").get_text()
    data = srcdir / "data" / "cv.yaml"
    time.sleep(0.01)
    data.write_text(data.read_text().replace("Teaching Assistant", "Lecturer in Statistics"))
    app, read = _build(srcdir)
    assert sorted(read) == ["index", "second"], "only the pages using the file are read again"
    for page in ("index", "second"):
        text = main_of(app, page).get_text()
        assert "Lecturer in Statistics" in text and "Teaching Assistant" not in text
    app, read = _build(srcdir)
    assert read == [], "nothing changed, nothing read"


def test_one_file_is_parsed_once_per_build(tmp_path, monkeypatch) -> None:
    """Two pages with two timelines each use data/cv.yaml: one parse."""
    srcdir = _copy_root("source-cache", tmp_path)
    parsed: list[str] = []
    real_load = sphinx_cv.core.sources.load

    def counting_load(text: str, filename: str = ""):
        parsed.append(filename)
        return real_load(text, filename)

    monkeypatch.setattr(sphinx_cv.core.sources, "load", counting_load)
    app, read = _build(srcdir)
    assert sorted(read) == ["index", "other", "second"]
    assert warnings_of(app) == ""
    assert len(main_of(app, "index").select("li.cv-entry")) == 2
    assert len(main_of(app, "second").select("li.cv-entry")) == 2
    assert parsed == ["cv.yaml"]


def test_parallel_build(tmp_path) -> None:
    """``-j 2`` (Sphinx reads in parallel only with more than five pages): same pages, no warnings."""
    srcdir = _copy_root("source", tmp_path)
    extra = [f"extra{i}" for i in range(4)]
    for name in extra:
        (srcdir / f"{name}.rst").write_text(
            f"{name}\n=======\n\n.. cv-timeline:: Work\n   :source: data/resume.json\n   :section: work\n",
            encoding="utf-8",
        )
    index = srcdir / "index.rst"
    index.write_text(
        index.read_text().replace("   other\n", "   other\n" + "".join(f"   {n}\n" for n in extra))
    )
    app, _read = _build(srcdir, parallel=2)
    assert app.parallel == 2
    assert warnings_of(app) == ""
    assert "Pied Piper" in main_of(app, "realworld").get_text()
    assert len(main_of(app, "rendercv").select("li.cv-entry")) == 12
    for name in extra:
        assert _texts(_timeline(main_of(app, name), "Work"), ".cv-title") == [
            "Research Scientist",
            "Engineer",
        ]


@pytest.mark.sphinx("html", testroot="source-literal")
def test_data_file_text_is_shown_as_written(app) -> None:
    """No curly quotes or dashes in data-file text; the same text written in reST still gets them."""
    app.build()
    assert warnings_of(app) == ""
    main = main_of(app)
    data = _timeline(main, "From the data file")
    assert _texts(data, ".cv-title, .cv-subtitle, .cv-highlights li") == [
        "Efficient Deep Learning: A Practitioner's Perspective",
        'Tech talk -- "invited"',
        "Pages 10--20, 'single' and \"double\" quotes...",
    ]
    written = _timeline(main, "Written here")
    assert _texts(written, ".cv-title, .cv-subtitle") == [
        "Efficient Deep Learning: A Practitioner\u2019s Perspective",
        "Tech talk \u2013 \u201cinvited\u201d",
    ]


@pytest.mark.sphinx("html", testroot="source")
def test_undated_sections_have_no_date_column(app) -> None:
    """RenderCV's undated kinds (skills, talks) get ``cv-undated``; dated sections keep their column."""
    app.build()
    main = main_of(app, "rendercv")
    undated = {t.select_one(".cv-caption").get_text() for t in main.select("div.cv-timeline.cv-undated")}
    assert {"Skills", "Talks"} <= undated
    assert not undated & {"Education", "Experience"}
    css = (Path(app.outdir) / "_static" / "sphinx-cv.css").read_text()
    assert ".cv-timeline.cv-undated{--cv-date-width:0px}" in css


@pytest.mark.sphinx("html", testroot="source")
def test_numbered_rendercv_sections_are_numbered_lists(app) -> None:
    """RenderCV's ``number`` and ``reversed_number`` entries: real list numbers (down for the latter)."""
    app.build()
    main = main_of(app, "rendercv")
    patents = _timeline(main, "Patents").select_one("ol.cv-entries")
    talks = _timeline(main, "Talks").select_one("ol.cv-entries")
    assert patents is not None and not patents.has_attr("reversed")
    assert talks is not None and talks.has_attr("reversed") and talks["start"] == "1"
    assert _texts(patents, "li.cv-entry .cv-title") == ["A compiler (US Patent 1)"]
    assert _timeline(main, "Honors").select_one("ul.cv-entries")  # bullets stay bullets


@pytest.mark.sphinx("text", testroot="source", freshenv=True)
def test_numbered_rendercv_sections_in_text(app) -> None:
    app.build()
    text = (Path(app.outdir) / "rendercv.txt").read_text(encoding="utf-8")
    assert "1. A compiler (US Patent 1)" in text
    assert "1. Future of computing (1985)" in text
