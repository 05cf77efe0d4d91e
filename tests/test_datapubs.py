"""Publications from RenderCV and JSON Resume files are publications too (issue 29).

RenderCV's and JSON Resume's own samples are listed with ``cv-publications
:source:``, with publication pages on, and every face of each paper is read
back as in tests/test_onetruth.py: the list, the page, Highwire tags (what
Zotero and Google Scholar read on the page), COinS on the list (Zotero's
OpenURL reader), JSON-LD, RIS, CSL-JSON, text and LaTeX agree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS
from faces import (
    assert_authors_agree_without_marks_or_others,
    assert_dates_dois_and_pdfs_agree,
    assert_titles_agree,
    read_faces,
)
from pybtex.database import parse_file

from sphinx_cv.cli import main

BASE = "https://john.example.org/"
RENDERCV_DOIS = [
    "10.1234/neurips.2023.1234",
    "10.1234/neurips.2022.5678",
    "10.1234/icml.2022.9012",
    "10.1234/iclr.2021.3456",
]


def _build(src: Path, out: Path, builder: str = "html", *extra: str) -> str:
    command = [sys.executable, "-m", "sphinx", "-q", "-N", "-b", builder, "-d", str(out.parent / "doctrees")]
    done = subprocess.run([*command, *extra, str(src), str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict:
    src = tmp_path_factory.mktemp("datapubs") / "src"
    shutil.copytree(ROOTS / "test-datapubs", src)
    html, text, latex = (src.parent / name for name in ("html", "text", "latex"))
    warnings = _build(src, html)
    _build(src, text, "text")
    _build(src, latex, "latex")
    faces = read_faces(
        html,
        (text / "index.txt").read_text(encoding="utf-8"),
        (latex / "datapubs.tex").read_text(encoding="utf-8"),
        BASE,
    )
    return {"src": src, "html": html, "faces": faces, "warnings": warnings}


def test_every_paper_of_both_files_is_listed_with_a_page(site) -> None:
    assert set(site["faces"]["entries"]) == {*RENDERCV_DOIS, "video-compression-for-3d-media-2014"}


def test_the_faces_agree(site) -> None:
    assert_titles_agree(site["faces"])
    assert_authors_agree_without_marks_or_others(site["faces"])
    assert_dates_dois_and_pdfs_agree(site["faces"])


def test_the_owner_is_highlighted_by_cv_author(site) -> None:
    li = site["faces"]["entries"]["10.1234/neurips.2022.5678"]["li"]
    assert li.select_one(".cv-author-self").get_text() == "John Doe"  # written "*John Doe*"
    assert "*" not in li.select_one(".cv-pub-authors").get_text()
    tags = site["faces"]["entries"]["10.1234/neurips.2022.5678"]["tags"]
    assert [v for n, v in tags if n == "citation_author"] == ["Liu, James", "Doe, John"]
    assert ("citation_journal_title", "NeurIPS 2022, Spotlight") in tags
    assert ("citation_doi", "10.1234/neurips.2022.5678") in tags


def test_nothing_is_invented(site) -> None:
    paper = site["faces"]["entries"]["video-compression-for-3d-media-2014"]
    names = [name for name, _value in paper["tags"]]
    assert "citation_author" not in names and "author" not in paper["csl"]
    assert dict(paper["tags"])["citation_publication_date"] == "2014/10/01"  # releaseDate 2014-10-01
    assert paper["csl"]["issued"] == {"date-parts": [[2014, 10, 1]]}
    assert "Hooli" in paper["li"].get_text()
    # the one warning: that Google Scholar will miss the authors, at the item's line, because pages are on
    lines = [line for line in site["warnings"].splitlines() if "WARNING" in line]
    assert len(lines) == 1, lines
    assert "data/resume.json:85" in lines[0] and "no authors (citation_author)" in lines[0]
    assert lines[0].endswith("[cv.source]")


def test_without_pages_no_warning(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-datapubs", src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace("cv_publication_pages = True", ""), "utf-8")
    _build(src, tmp_path / "html", "html", "-W")


def test_exports_and_keys(site) -> None:
    folder = site["html"] / "publications"
    whole = parse_file(str(folder / "data-pubs-publications.bib")).entries
    assert list(whole) == [*RENDERCV_DOIS, "video-compression-for-3d-media-2014"]
    first = whole[RENDERCV_DOIS[0]]
    assert [str(p) for p in first.persons["author"]] == ["Doe, John", "Williams, Sarah", "Park, David"]
    assert first.fields["journal"] == "NeurIPS 2023" and first.fields["date"] == "2023-07"
    csl = json.loads((folder / "data-pubs-publications.json").read_text("utf-8"))
    assert [item["id"] for item in csl] == list(whole)


def test_keys_do_not_move_when_other_entries_change(tmp_path: Path) -> None:
    """A paper's page URL stays when another paper is added before it or edited."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-datapubs", src)
    out = tmp_path / "html"
    _build(src, out)
    before = sorted(p.name for p in (out / "publications").glob("*.html"))
    data = src / "data" / "cv.yaml"
    text = data.read_text("utf-8")
    added = "    publications:\n      - title: A New Paper\n        authors:\n          - '*John Doe*'\n"
    added += "        date: 2024-01\n        journal: A Journal\n"
    data.write_text(text.replace("    publications:\n", added, 1), "utf-8")
    _build(src, out)
    after = sorted(p.name for p in (out / "publications").glob("*.html"))
    assert set(before) < set(after) and set(after) - set(before) == {"a-new-paper-2024.html"}


def test_init_lists_the_papers_as_publications_and_opens_the_cv_with_the_profile(tmp_path: Path) -> None:
    site = tmp_path / "site"
    sample = ROOTS / "test-datapubs" / "data" / "cv.yaml"
    assert main(["init", "--from", str(sample), "--output", str(site)]) == 0
    conf = (site / "conf.py").read_text("utf-8")
    assert "cv_author = ['John Doe']" in conf and "cv_publication_pages = True" in conf
    assert ":::{cv-publications}" in (site / "cv.md").read_text("utf-8")
    out = tmp_path / "html"
    _build(site, out, "html", "-W")
    cv = BeautifulSoup((out / "cv.html").read_text("utf-8"), "html.parser").select_one('[role="main"]')
    first = next(iter(cv.children if cv else []), None)
    assert first is not None
    assert cv.select_one(".cv-profile .cv-name").get_text() == "John Doe"
    profile, publications = cv.select_one(".cv-profile"), cv.select_one(".cv-publications")
    assert profile.find_all_previous(class_="cv-timeline") == [], "the profile opens the CV page"
    assert len(publications.select("li.cv-pub")) == 4
    assert publications.select_one(".cv-author-self").get_text() == "John Doe"
    page = BeautifulSoup(
        next((out / "publications").glob("10-1234-neurips-2023-1234-*.html")).read_text("utf-8"),
        "html.parser",
    )
    assert page.find("meta", attrs={"name": "citation_doi"})["content"] == "10.1234/neurips.2023.1234"


def test_init_from_json_resume_keeps_pages_off_and_says_why(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    sample = ROOTS / "test-datapubs" / "data" / "resume.json"
    assert main(["init", "--from", str(sample), "--output", str(site)]) == 0
    err = capsys.readouterr().err
    assert "resume.json:85: publication 'video-compression-for-3d-media-2014' has no author" in err
    assert "cv_publication_pages" not in (site / "conf.py").read_text("utf-8")
    _build(site, tmp_path / "html", "html", "-W")
