"""Hostile and broken input, round two (issue 22): nothing crashes, nothing is overwritten or lost.

Each case builds a small project of its own in a temporary folder and
asserts on the built output and the warnings: a located ``cv.*`` warning,
no traceback, the rest of the page (and of the entry, and of the file) kept.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hostile import assert_no_active_content
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.cli import main as cli_main
from sphinx_cv.core.urls import safe_url, same_host, url_problem

#: the characters no output may carry (core/chars.py)
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def build(tmp_path: Path, files: dict[str, str], builder: str = "html", **conf: object) -> tuple[str, Path]:
    """Build a project of ``files`` (``conf.py`` is written from ``conf``); warnings and the output folder."""
    src = tmp_path / "src"
    src.mkdir(parents=True, exist_ok=True)
    settings = {"extensions": ["sphinx_cv"], "project": "hardening", "exclude_patterns": ["_build"], **conf}
    (src / "conf.py").write_text("".join(f"{k} = {v!r}\n" for k, v in settings.items()), encoding="utf-8")
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    app = SphinxTestApp(builder, srcdir=src, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert "Traceback" not in warnings and "Exception occurred" not in warnings, warnings
    return warnings, Path(app.outdir)


def main_of(out: Path, page: str = "index") -> BeautifulSoup:
    html = (out / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one('[role="main"]')


def located(warnings: str, where: str, subtype: str, fragment: str) -> bool:
    """Whether a ``cv.<subtype>`` warning at ``where`` (``index.rst:7``) says ``fragment``."""
    pattern = rf"{re.escape(where)}: WARNING: .*{re.escape(fragment)}.*\[cv\.{subtype}\]"
    return re.search(pattern, warnings) is not None


# --- URLs: one function decides, and it never raises --------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://[x", "https://[x]/a.pdf", "https://[anonymous].github.io/", "http://[::1", "https://x:99999/"],
)
def test_a_host_that_does_not_parse_is_refused_not_raised(url: str) -> None:
    assert safe_url(url) is None
    assert "host" in url_problem(url)


@pytest.mark.parametrize(
    "url",
    [
        "\\\\evil.example/x",
        "/\\evil.example/x",
        "\\/evil.example/x",
        "./\\x",
        "https://good.example\\@evil.example/",
        "&#92;&#92;evil.example/x",
    ],
)
def test_a_backslash_is_never_part_of_a_url(url: str) -> None:
    assert safe_url(url) is None
    assert "backslash" in url_problem(url)


@pytest.mark.parametrize("url", ["https://[::1]/a.pdf", "/files/a.pdf", "a.pdf", "#top", "?q=1"])
def test_good_urls_are_kept(url: str) -> None:
    assert safe_url(url) == url and url_problem(url) == ""


def test_same_host_ignores_case_and_default_ports() -> None:
    assert same_host("https://Jane.Example.ORG/a.pdf", "https://jane.example.org/")
    assert same_host("https://jane.example.org:443/a.pdf", "https://jane.example.org/")
    assert not same_host("https://jane.example.org:8443/a.pdf", "https://jane.example.org/")
    assert not same_host("https://jane.example.org.evil.example/a.pdf", "https://jane.example.org/")
    assert not same_host("https://[x]/a.pdf", "https://jane.example.org/")
    assert not same_host("/a.pdf", "https://jane.example.org/")


PROFILE_AND_ENTRIES = """\
Home
====

Before.

.. cv-profile:: Jane Doe
   :photo: /\\evil.example/x.png
   :homepage: https://[x
   :github: janedoe

.. cv-timeline:: Links

   .. cv-entry:: Bracket
      :start: 2019
      :url: https://[x]/
      :subtitle: Kept subtitle

   .. cv-entry:: Two backslashes
      :start: 2019
      :url: \\\\evil.example/x

   .. cv-entry:: Slash backslash
      :start: 2019
      :url: /\\evil.example/x

   .. cv-entry:: Fine
      :start: 2019
      :url: other.html

After.
"""


def test_directive_urls_with_brackets_and_backslashes(tmp_path: Path) -> None:
    warnings, out = build(tmp_path, {"index.rst": PROFILE_AND_ENTRIES, "other.rst": "Other\n=====\n"})
    for line, fragment in [
        (7, "dropped the photo"),
        (8, "dropped the homepage value 'https://[x'"),
        (15, "dropped the URL 'https://[x]/': its host"),
        (20, "a backslash is no part of a URL"),
        (24, "a backslash is no part of a URL"),
    ]:
        assert located(warnings, f"index.rst:{line}", "option", fragment), (line, warnings)
    main = main_of(out)
    assert_no_active_content(main)
    titles = [t.get_text() for t in main.select(".cv-title")]
    assert titles == ["Bracket", "Two backslashes", "Slash backslash", "Fine"]
    assert "Kept subtitle" in main.get_text() and "Before." in main.get_text() and "After." in main.get_text()
    assert [a["href"] for a in main.select(".cv-title a")] == ["other.html"]
    assert not main.select("img"), "the photo from another host is dropped"
    assert main.select_one('.cv-profile a[href="https://github.com/janedoe"]'), "the rest of the profile"
    hrefs = [tag.get("href") or tag.get("src") for tag in main.select("[href], [src]")]
    assert not [h for h in hrefs if "\\" in h or "[" in h], hrefs


# --- data files: one unusable value drops that value, never the file -----------------------------

RESUME_WITH_A_BAD_URL = {
    "work": [
        {"name": "First Co", "position": "Engineer", "startDate": "2018", "url": "https://first.example"},
        {
            "name": "Anon Co",
            "position": "Researcher",
            "startDate": "2019",
            "url": "https://[anonymous].github.io/",
        },
        {"name": "Third Co", "position": "Lead", "startDate": "2020", "url": "/\\evil.example/x"},
        {"name": "Fourth Co", "position": "Chief", "startDate": "2021"},
    ]
}


def test_one_unusable_url_in_a_data_file_drops_that_url_only(tmp_path: Path) -> None:
    page = "Home\n====\n\n.. cv-timeline::\n   :source: resume.json\n   :section: work\n"
    resume = json.dumps(RESUME_WITH_A_BAD_URL, indent=1)
    warnings, out = build(tmp_path, {"index.rst": page, "resume.json": resume})
    main = main_of(out)
    assert [t.get_text() for t in main.select(".cv-title")] == ["Engineer", "Researcher", "Lead", "Chief"]
    assert [a["href"] for a in main.select("a[href]:not(.headerlink)")] == ["https://first.example"]
    assert located(warnings, "index.rst:5", "source", "resume.json:9: entry 'Researcher': dropped the URL")
    assert located(warnings, "index.rst:5", "source", "resume.json:15: entry 'Lead': dropped the URL")


def test_an_entry_a_loader_cannot_read_is_left_out_alone(tmp_path: Path, monkeypatch) -> None:
    """The boundary is the entry: a bug in a loader for one item loses that item, not the file."""
    from sphinx_cv.core.sources import plain_yaml

    original = plain_yaml._entry

    def fragile(item, line):
        if item.get("title") == "Cursed":
            raise ValueError("a loader bug")
        return original(item, line)

    monkeypatch.setattr(plain_yaml, "_entry", fragile)
    data = "- title: Before\n  start: 2019\n- title: Cursed\n  start: 2020\n- title: After\n  start: 2021\n"
    page = "Home\n====\n\n.. cv-timeline::\n   :source: cv.yaml\n"
    warnings, out = build(tmp_path, {"index.rst": page, "cv.yaml": data})
    assert [t.get_text() for t in main_of(out).select(".cv-title")] == ["Before", "After"]
    assert located(warnings, "index.rst:5", "source", "cv.yaml:3: entry: could not be read (ValueError")


# --- YAML alias bombs ------------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_an_alias_bomb_in_a_data_file_is_left_out_at_its_line(tmp_path: Path) -> None:
    data = BILLION_LAUGHS + (
        "teaching:\n  - title: Kept course\n    start: 2019\n"
        "  - title: Bombed course\n    start: 2020\n    highlights: *i\n"
    )
    page = "Home\n====\n\n.. cv-timeline::\n   :source: cv.yaml\n   :section: teaching\n\nAfter.\n"
    started = time.perf_counter()
    warnings, out = build(tmp_path, {"index.rst": page, "cv.yaml": data})
    assert time.perf_counter() - started < 30, "no expansion of a billion values"
    assert located(warnings, "index.rst:5", "source", "cv.yaml:6: a value that aliases expand to more than")
    main = main_of(out)
    assert [t.get_text() for t in main.select(".cv-title")] == ["Kept course", "Bombed course"]
    assert "lol" not in main.get_text() and "After." in main.get_text()


def test_too_many_aliases_are_left_out(tmp_path: Path) -> None:
    items = "".join(f"  - title: *x\n    start: {1000 + i}\n" for i in range(1100))
    data = "base: &x Repeated\nitems:\n" + items
    page = "Home\n====\n\n.. cv-timeline::\n   :source: cv.yaml\n   :section: items\n"
    warnings, out = build(tmp_path, {"index.rst": page, "cv.yaml": data})
    fragment = "cv.yaml:2003: more than 1,000 aliases (*name): left out"
    assert located(warnings, "index.rst:5", "source", fragment)
    assert len(main_of(out).select(".cv-entry")) == 1100


def test_an_alias_bomb_in_the_coauthor_file_is_a_warning(tmp_path: Path) -> None:
    """The value the aliases blow up is left out; the rest of the file still links co-authors."""
    authors = "Doe, Jane and Roe, Rick and Poe, Edgar"
    bib = f"@article{{one, title = {{Kept paper}}, author = {{{authors}}}, year = {{2020}}}}\n"
    page = "Home\n====\n\n.. cv-publications::\n\nAfter.\n"
    coauthors = (
        BILLION_LAUGHS
        + "roe:\n  - firstname: *i\n    url: https://rick.example\n"
        + "poe:\n  - firstname: [Edgar]\n    url: https://poe.example\n"
    )
    files = {"index.rst": page, "refs.bib": bib, "_data/coauthors.yml": coauthors}
    started = time.perf_counter()
    conf = {"bibtex_bibfiles": ["refs.bib"], "cv_coauthors_file": "_data/coauthors.yml"}
    warnings, out = build(tmp_path, files, **conf)
    assert time.perf_counter() - started < 30
    assert located(warnings, "coauthors.yml:6", "source", "aliases expand to more than 100,000 values")
    main = main_of(out)
    assert "Kept paper" in main.get_text() and "After." in main.get_text()
    assert [a["href"] for a in main.select("a.cv-author-link")] == ["https://poe.example"]


# --- control and bidi characters -------------------------------------------------------------------


def test_control_and_bidi_characters_never_reach_the_page(tmp_path: Path) -> None:
    page = (
        "Home\n====\n\n"
        ".. cv-profile:: Jane \u202eeoD\n"
        "   :tagline: Post\x1bdoc\n\n"
        ".. cv-timeline:: Capt\u202eion\n"
        "   :source: resume.json\n"
        "   :section: work\n\n"
        "   .. cv-entry:: Inline\u2066 entry\n"
        "      :start: 2019\n"
        "      :subtitle: Sub\x1btitle\n"
    )
    resume = (
        '{"work": [{"name": "Acme\\u0000 Inc", "position": "gpj.\\u202eexe", "startDate": "2019",'
        ' "endDate": "2020\\u001b",'
        ' "highlights": ["lone \\ud800 surrogate", "fine"]}]}'
    )
    warnings, out = build(tmp_path, {"index.rst": page, "resume.json": resume})
    html = (out / "index.html").read_text(encoding="utf-8")
    assert not UNSAFE.search(html), UNSAFE.findall(html)
    main = main_of(out)
    titles = [t.get_text() for t in main.select(".cv-title")]
    assert titles == ["gpj.exe", "Inline entry"]
    assert main.select_one("time[datetime='2020']"), "the date, cleaned, is still a date"
    assert "Acme Inc" in main.get_text() and "lone  surrogate" in main.get_text()
    (script,) = BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]')
    assert json.loads(script.string)["mainEntity"]["name"] == "Jane eoD"
    for where, subtype, fragment in [
        ("index.rst:4", "option", "(U+202E) from the name"),
        ("index.rst:5", "option", "(U+001B) from the tagline"),
        ("index.rst:7", "option", "cv-timeline: removed control or bidi characters (U+202E)"),
        ("index.rst:11", "option", "(U+2066) from the title"),
        ("index.rst:13", "option", "(U+001B) from the subtitle"),
        ("index.rst:8", "source", "resume.json:1: entry 'gpj.exe': removed control or bidi characters"),
        ("index.rst:8", "source", "(U+0000) from the subtitle"),
        ("index.rst:8", "source", "(U+D800) from the highlights"),
        ("index.rst:8", "source", "(U+001B) from the end date"),
    ]:
        assert located(warnings, where, subtype, fragment), (where, fragment, warnings)


def test_a_free_text_date_loses_control_characters_too(tmp_path: Path) -> None:
    """A date that is no date (``Fall semester``) is shown as written, but never with U+0018."""
    page = "Home\n====\n\n.. cv-timeline::\n   :source: cv.yaml\n   :section: experience\n"
    data = (
        "cv:\n  name: Jane Doe\n  sections:\n    experience:\n"
        '      - company: Acme\n        position: Intern\n        date: "Fall\\x18 semester"\n'
    )
    warnings, out = build(tmp_path, {"index.rst": page, "cv.yaml": data})
    html = (out / "index.html").read_text(encoding="utf-8")
    assert not UNSAFE.search(html), UNSAFE.findall(html)
    assert main_of(out).select_one(".cv-dates").get_text() == "Fall semester"
    assert located(warnings, "index.rst:5", "source", "(U+0018) from the start date")


def test_control_characters_do_not_break_epub(tmp_path: Path) -> None:
    """EPUB is XML: one control character in a page made it unreadable."""
    page = "Home\n====\n\n.. cv-timeline::\n   :source: cv.yaml\n"
    data = '- title: "Ti\\x0ctle\\u0001"\n  start: 2019\n'
    _warnings, out = build(tmp_path, {"index.rst": page, "cv.yaml": data}, builder="epub")
    xhtml = (out / "index.xhtml").read_text(encoding="utf-8")
    assert not UNSAFE.search(xhtml) and "Ti tle" in xhtml


# --- python -m sphinx_cv init ----------------------------------------------------------------------


def test_init_writes_nothing_a_theme_would_run(tmp_path: Path, capsys) -> None:
    resume = {
        "basics": {"name": "<script>alert('name')</script> & Co", "url": "https://[x"},
        "work": [
            {"name": "W", "position": "P", "startDate": "2019", "url": "[x](\\\\evil.example)"},
            {"name": "V", "position": "Q", "startDate": "2020", "summary": "see [x](\\\\evil.example/y)"},
        ],
    }
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(resume), encoding="utf-8")
    site = tmp_path / "site"
    assert cli_main(["init", "--from", str(source), "--output", str(site)]) == 0
    printed = capsys.readouterr().err
    assert "dropped the homepage value 'https://[x'" in printed and "a backslash" in printed
    conf = (site / "conf.py").read_text(encoding="utf-8")
    assert "html_title = \"&lt;script&gt;alert('name')&lt;/script&gt; &amp; Co\"" in conf
    out = tmp_path / "html"
    from sphinx.cmd.build import build_main

    assert build_main(["-q", "-b", "html", str(site), str(out)]) == 0
    for page in ("index", "cv", "search"):
        soup = BeautifulSoup((out / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        scripts = soup.find_all("script", type=lambda kind: kind != "application/ld+json")
        assert not [s for s in scripts if "alert" in (s.string or "")], page
        brand = soup.select_one(".sidebar-brand-text")
        assert brand.get_text() == "<script>alert('name')</script> & Co", page
        assert_no_active_content(soup.select_one('[role="main"]'))
