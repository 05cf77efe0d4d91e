"""``python -m sphinx_cv init --from``: the written site builds with ``-W`` and shows the resume."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS
from sphinx.cmd.build import build_main

from sphinx_cv.cli import main
from sphinx_cv.cli.init import escape_markdown

REALWORLD = ROOTS / "test-source" / "data" / "realworld"


def _build(site: Path) -> dict[str, BeautifulSoup]:
    """``sphinx-build -W`` in-process; the main content of each page."""
    out = site / "_build" / "html"
    assert build_main(["-W", "-q", "-b", "html", str(site), str(out)]) == 0
    return {
        page: BeautifulSoup((out / f"{page}.html").read_text(encoding="utf-8"), "html.parser").select_one(
            '[role="main"]'
        )
        for page in ("index", "cv")
    }


def test_init_from_json_resume(tmp_path) -> None:
    site = tmp_path / "docs"
    assert main(["init", "--from", str(REALWORLD / "sample.resume.json"), "--output", str(site)]) == 0
    conf = (site / "conf.py").read_text()
    for line in ('extensions = ["myst_parser", "sphinx_cv"]', 'myst_enable_extensions = ["colon_fence"]'):
        assert line in conf
    assert 'html_theme = "furo"' in conf
    pages = _build(site)
    profile = pages["index"].select_one(".cv-profile")
    assert profile.select_one(".cv-name").get_text() == "Richard Hendriks"
    assert profile.select_one(".cv-tagline").get_text() == "Programmer"
    assert "(Go Sooners and Cardinal!)" in profile.get_text()
    assert "San Francisco, California, US" in profile.get_text()
    headings = [h.get_text().rstrip("#¶") for h in pages["cv"].select("h2")]
    assert headings == [
        "Work",
        "Volunteer",
        "Education",
        "Awards",
        "Publications",
        "Skills",
        "Languages",
        "Interests",
        "References",
        "Projects",
    ]
    assert "Pied Piper" in pages["cv"].get_text()
    assert (site / "data" / "sample.resume.json").read_bytes() == (
        REALWORLD / "sample.resume.json"
    ).read_bytes()


def test_init_from_rendercv(tmp_path) -> None:
    site = tmp_path / "site"
    assert (
        main(["init", "--from", str(REALWORLD / "John_Doe_ClassicTheme_CV.yaml"), "--output", str(site)]) == 0
    )
    pages = _build(site)
    profile = pages["index"].select_one(".cv-profile")
    assert profile.select_one(".cv-name").get_text() == "John Doe"
    assert profile.select_one('a[href="https://github.com/johndoe"]')
    assert profile.select_one('a[href="https://www.linkedin.com/in/johndoe"]')
    assert profile.select_one('a[href="https://nexusai.com"]').get_text() == "Nexus AI", (
        "summary section as body"
    )
    cv = pages["cv"]
    assert [h.get_text().rstrip("#¶") for h in cv.select("h2")][:3] == ["Education", "Experience", "Projects"]
    assert "Summary" not in [h.get_text().rstrip("#¶") for h in cv.select("h2")], "shown on the home page"
    # RenderCV's four publication entries are publications (tests/test_datapubs.py), the rest timelines
    assert len(cv.select("li.cv-entry")) == 25 and len(cv.select("li.cv-pub")) == 4


def test_values_with_markup_are_shown_as_written(tmp_path) -> None:
    resume = {
        "basics": {
            "name": "Dr. Ada: *The* {Countess}",
            "label": "Researcher # not a comment: `code` *not emphasis*",
            "summary": "Line with :::\n# not a heading\n{role}`x` <b>html</b> and [a link](https://ada.example.org).",
        },
        "work": [{"name": "Lab: *A*", "position": "Analyst", "startDate": "1842"}],
        "skills": [],
    }
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(resume), encoding="utf-8")
    site = tmp_path / "docs"
    assert main(["init", "--from", str(source), "--output", str(site)]) == 0
    pages = _build(site)
    profile = pages["index"].select_one(".cv-profile")
    assert profile.select_one(".cv-name").get_text() == "Dr. Ada: *The* {Countess}"
    assert profile.select_one(".cv-tagline").get_text() == "Researcher # not a comment: `code` *not emphasis*"
    body = profile.get_text()
    assert "Line with ::: # not a heading {role}`x` <b>html</b> and a link." in body
    assert not profile.select("b") and profile.select_one('a[href="https://ada.example.org"]')
    assert [h.get_text().rstrip("#¶") for h in pages["cv"].select("h2")] == ["Work"], (
        "empty sections left out"
    )


def test_refuses_to_overwrite_without_force(tmp_path, capsys) -> None:
    site = tmp_path / "docs"
    site.mkdir()
    (site / "keep.txt").write_text("mine")
    source = str(REALWORLD / "sample.resume.json")
    assert main(["init", "--from", source, "--output", str(site)]) == 1
    assert "use --force" in capsys.readouterr().err
    assert not (site / "conf.py").exists()
    assert main(["init", "--from", source, "--output", str(site), "--force"]) == 0
    assert (site / "conf.py").exists() and (site / "keep.txt").read_text() == "mine"


def test_bad_input_is_an_error_not_a_traceback(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cv: [unclosed\n", encoding="utf-8")
    assert main(["init", "--from", str(bad), "--output", str(tmp_path / "a")]) == 1
    assert "bad.yaml:2: does not parse as YAML" in capsys.readouterr().err
    assert main(["init", "--from", str(tmp_path / "missing.json"), "--output", str(tmp_path / "b")]) == 1
    assert "missing.json" in capsys.readouterr().err


def test_warns_about_data_problems(tmp_path, capsys) -> None:
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"work": [{"name": "X", "startDate": "2019-13"}]}), encoding="utf-8")
    assert main(["init", "--from", str(source), "--output", str(tmp_path / "docs")]) == 0
    assert "resume.json:1: start date: impossible date '2019-13'" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["a", "a*b_c", "[x](y)", "::: {x}"])
def test_escape_markdown_round_trip(text: str) -> None:
    escaped = escape_markdown(text)
    assert escaped.replace("\\", "") == text


def test_module_entry_point(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_cv", "init", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "--from" in result.stdout


@pytest.mark.parametrize(
    "resume",
    [
        REALWORLD / "sample.resume.json",
        REALWORLD / "John_Doe_ClassicTheme_CV.yaml",
        ROOTS / "test-source-realworld" / "data" / "realworld" / "resume-schema-0.x.resume.json",
    ],
    ids=["json-resume", "rendercv", "json-resume-0.x"],
)
def test_generated_site_is_publishable(tmp_path, capsys, resume: Path) -> None:
    """No page sources (nor the email in them) or doctrees in the HTML, the name once, a real footer."""
    site = tmp_path / "docs"
    assert main(["init", "--from", str(resume), "--output", str(site)]) == 0
    command = capsys.readouterr().out.split("build it with", 1)[1].split()
    assert command[:3] == ["sphinx-build", "-W", "-d"]
    assert build_main(["-q", *command[1:]]) == 0
    html = site / "_build" / "html"
    assert (site / "_build" / "doctrees").is_dir() and not list(html.rglob("*.doctree"))
    assert (
        not [p for p in (html / "_sources").rglob("*") if p.is_file()]
        if (html / "_sources").exists()
        else True
    )
    index = (html / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(index, "html.parser")
    name = soup.select_one("h1").get_text().rstrip("#¶")
    assert "cv-hide-name" in soup.select_one(".cv-profile")["class"]  # the page title already shows it
    footer = " ".join(soup.select_one("footer").get_text().split()) if soup.select_one("footer") else index
    assert re.search(rf"Copyright\s*©\s*\d{{4}}, {re.escape(name)}", footer)
    for page in html.rglob("*.html"):
        assert not re.search(r"@(?:e?mail)\.com", page.read_text(encoding="utf-8")), page


def test_other_profiles_shown_on_the_home_page(tmp_path) -> None:
    site = tmp_path / "docs"
    old = ROOTS / "test-source-realworld" / "data" / "realworld" / "resume-schema-0.x.resume.json"
    assert main(["init", "--from", str(old), "--output", str(site)]) == 0
    profile = _build(site)["index"].select_one(".cv-profile")
    links = {a.get_text(): a["href"] for a in profile.select("a")}
    assert links["neutralthoughts"] == "https://twitter.com/neutralthoughts"
    assert links["dandymusicnl"] == "https://soundcloud.com/dandymusicnl"
    assert "Twitter:" in profile.get_text() and "SoundCloud:" in profile.get_text()
