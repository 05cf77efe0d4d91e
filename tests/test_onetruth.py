"""One paper, one truth: every face of every listed entry agrees with the others and with the .bib.

Real libraries (biblatex's examples, BibTeX's own xampl.bib with its crossrefs,
al-folio's example, a Zotero export) and a fixture with every case of issue
21 (``tests/roots/test-onetruth``) are built with publication pages on, as
html, text and latex. For each listed entry the faces are read back as their
readers read them (the list, its page, Highwire tags, COinS, the JSON-LD of
the list and of the page, RIS, CSL-JSON, the text and LaTeX outputs) and
compared: title, authors (order, count, no note marks, no "others"), date,
DOI and PDF. The exported .bib files are parsed with pybtex and bibtexparser
and give back the source's values byte for byte.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from bs4 import BeautifulSoup
from conftest import ROOTS
from faces import (
    assert_authors_agree_without_marks_or_others,
    assert_dates_dois_and_pdfs_agree,
    assert_titles_agree,
    read_faces,
)
from pybtex.database import parse_file

from sphinx_cv.core.bib import HIDDEN_FIELDS

BASE = "https://jane.example.org/"
REAL = ROOTS / "test-pubs-realworld" / "realworld"
BIBS = {
    "biblatex-examples.bib": REAL / "biblatex-examples.bib",
    "xampl.bib": REAL / "xampl.bib",
    "zotero.bib": REAL / "zotero-bbt-capital-delta.bib",
    "alfolio.bib": ROOTS / "test-pubs-alfolio" / "papers.bib",
    "cases.bib": ROOTS / "test-onetruth" / "refs.bib",
}
CONF = f"""
extensions = ["sphinx_cv"]
project = "Faces"
exclude_patterns = ["_build"]
bibtex_bibfiles = {sorted(BIBS)!r}
cv_author = ["Jane Doe", "Albert Einstein", "Donald E. Knuth"]
cv_publication_pages = True
cv_pdf_folder = "assets/pdf"
html_baseurl = "{BASE}"
latex_documents = [("index", "faces.tex", "Faces", "Jane Doe", "howto")]
"""
INDEX = """
Publications
============

.. cv-publications::
   :sort: none
   :group-by: none
"""


@pytest.fixture(scope="module")
def faces_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("faces") / "src"
    src.mkdir()
    for name, path in BIBS.items():
        shutil.copyfile(path, src / name)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text(INDEX, encoding="utf-8")
    return src


def _build(src: Path, builder: str) -> Path:
    """A real build in its own process, as a site's owner runs it."""
    out = src.parent / builder
    command = [sys.executable, "-m", "sphinx", "-q", "-b", builder, "-d", str(src.parent / "doctrees")]
    done = subprocess.run([*command, str(src), str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return out


@pytest.fixture(scope="module")
def faces(faces_project: Path) -> dict:
    """Every face of every listed entry, by citation key."""
    html = _build(faces_project, "html")
    text = (_build(faces_project, "text") / "index.txt").read_text(encoding="utf-8")
    tex = (_build(faces_project, "latex") / "faces.tex").read_text(encoding="utf-8")
    return read_faces(html, text, tex, BASE)


def test_every_entry_is_listed_with_its_faces(faces) -> None:
    entries = faces["entries"]
    # xampl's whole-journal, whole-set, whole-collection and whole-proceedings are only crossref
    # parents, biblatex's westfahl:frontier too, and its two @set entries only group others
    assert not {"whole-journal", "whole-set", "whole-proceedings", "westfahl:frontier"} & set(entries)
    assert {"inproceedings-crossref", "westfahl:space", "marks2020", "DBLP:conf/exc/Doe19"} <= set(entries)
    assert len(entries) > 130


def test_titles_agree(faces) -> None:
    assert_titles_agree(faces)


def test_authors_agree_without_marks_or_others(faces) -> None:
    assert_authors_agree_without_marks_or_others(faces)


def test_dates_dois_and_pdfs_agree(faces) -> None:
    assert_dates_dois_and_pdfs_agree(faces)


def test_the_cases_of_the_issue(faces) -> None:
    entries = faces["entries"]
    marks = entries["marks2020"]
    assert marks["list_authors"] == "Qi Zheng, Jane Doe et al."
    assert [v for n, v in marks["tags"] if n == "citation_author"] == ["Zheng, Qi", "Doe, Jane"]
    assert marks["list_title"] == "R&D at AT&T: 100% reproducible"
    assert marks["page_ld"]["datePublished"] == "2020-09"  # "Sept."
    assert dict(marks["tags"])["citation_pdf_url"] == f"{BASE}assets/pdf/marks2020.pdf"  # cv_pdf_folder
    sici = entries["sici1996"]
    assert dict(sici["tags"])["citation_pdf_url"] == f"{BASE}files/sici1996.pdf"  # /files/... is the site's
    assert sici["page_ld"]["sameAs"] == [sici["list_doi"]]  # one encoding of the SICI DOI
    assert "%3C487" in sici["list_doi"]
    assert entries["doe2017thesis"]["ris"]["M3"] == ["Ph.D. thesis"]
    assert "Ph.D. thesis" in entries["doe2017thesis"]["li"].get_text()
    assert entries["tug1999"]["list_title"] == "VAX/TeX at Inc.\u2009\u2014\u2009A service"
    assert entries["doe2017thesis"]["list_title"] == "Don\u2019t Stop: A Thesis"
    child = entries["DBLP:conf/exc/Doe19"]
    assert (
        dict(child["tags"])["citation_conference_title"] == "Proceedings of the Example Conference, EXC 2019"
    )
    assert dict(child["tags"])["citation_publication_date"] == "2019"
    assert "Proceedings of the Example Conference" in child["li"].select_one(".cv-pub-venue").get_text()
    xampl = entries["inproceedings-crossref"]
    assert dict(xampl["tags"])["citation_conference_title"] == (
        "Proc. Fifteenth Annual ACM Symposium on the Theory of Computing"
    )


def _bibtexparser(path: Path) -> dict[str, dict[str, str]]:
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    with path.open(encoding="utf-8") as handle:
        data = bibtexparser.load(handle, parser=parser)
    return {e["ID"]: {k: " ".join(v.split()) for k, v in e.items() if k != "ID"} for e in data.entries}


def test_exported_bibtex_gives_back_the_source_values(faces, faces_project: Path) -> None:
    hidden = {name.lower() for name in HIDDEN_FIELDS}
    source: dict[str, dict[str, str]] = {}
    for name in BIBS:
        source.update({k.lower(): v for k, v in _bibtexparser(faces_project / name).items()})
    whole = faces["html"] / "publications" / "faces-publications.bib"
    exported = _bibtexparser(whole)
    assert len(parse_file(str(whole)).entries) == len(exported)  # pybtex reads it whole, no duplicate key
    for key in faces["entries"]:
        ours = exported[key]
        theirs = {k: v for k, v in source[key.lower()].items() if k not in hidden}
        assert ours == theirs, key  # the entry type included
        # the entry's own file: the entry, and the parents it inherits from, parse alone
        alone = parse_file(str(faces["entries"][key]["bib"]))
        assert key in alone.entries
        crossref = source[key.lower()].get("crossref", "")
        if crossref:
            assert crossref in alone.entries, key


# ---- one truth across builds: incremental equals clean ---------------------------------------------


def _site_build(src: Path, out: Path, *extra: str) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", "-d", str(out.parent / "doctrees")]
    done = subprocess.run([*command, *extra, str(src), str(out)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _onetruth_copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-onetruth", src)
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text("utf-8") + 'extensions.append("sphinx_sitemap")\nsitemap_url_scheme = "{link}"\n',
        "utf-8",
    )
    return src


def _bump(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stamp = path.stat().st_mtime + 5
    os.utime(path, (stamp, stamp))


def test_deleting_an_entry_removes_its_page_and_files(tmp_path: Path) -> None:
    src = _onetruth_copy(tmp_path)
    out = tmp_path / "out"
    _site_build(src, out)
    folder = out / "publications"
    assert all((folder / f"tug1999{suffix}").is_file() for suffix in (".html", ".bib", ".ris", ".json"))
    bib = src / "refs.bib"
    start = bib.read_text(encoding="utf-8").index("@article{tug1999")
    _bump(bib, bib.read_text(encoding="utf-8")[start:].split("\n}\n", 1)[0] + "\n}\n", "")
    _site_build(src, out)
    assert not [p.name for p in folder.iterdir() if p.name.startswith("tug1999")]
    whole = parse_file(str(folder / "one-truth-publications.bib")).entries
    assert "tug1999" not in whole and "marks2020" in whole
    ris = (folder / "one-truth-publications.ris").read_bytes().decode("utf-8")
    assert "ID  - tug1999" not in ris and "ID  - marks2020" in ris
    csl = json.loads((folder / "one-truth-publications.json").read_text(encoding="utf-8"))
    assert "tug1999" not in [item["id"] for item in csl]
    # and the incremental output equals a clean build's
    clean = tmp_path / "clean"
    _site_build(src, clean, "-E")
    for name in ("one-truth-publications.bib", "one-truth-publications.ris", "one-truth-publications.json"):
        assert (folder / name).read_bytes() == (clean / "publications" / name).read_bytes(), name
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (clean / "publications").iterdir()
    )


def test_sitemap_keeps_every_page_after_one_edit(tmp_path: Path) -> None:
    src = _onetruth_copy(tmp_path)
    out = tmp_path / "out"
    _site_build(src, out)
    first = (out / "sitemap.xml").read_text(encoding="utf-8")
    pages = re.findall(r"<loc>([^<]+)</loc>", first)
    assert f"{BASE}publications/tug1999.html" in pages and f"{BASE}papers.html" in pages
    _bump(src / "refs.bib", "{TUGboat}", "{TUGboat, the Communications of the TeX Users Group}")
    _site_build(src, out)
    again = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert sorted(re.findall(r"<loc>([^<]+)</loc>", again)) == sorted(pages)
    clean = tmp_path / "clean"
    _site_build(src, clean, "-E")
    assert (clean / "sitemap.xml").read_text(encoding="utf-8") == again


def test_labels_are_the_same_on_the_list_and_the_page(tmp_path: Path) -> None:
    src = _onetruth_copy(tmp_path)
    (src / "conf.py").write_text((src / "conf.py").read_text("utf-8") + 'language = "de"\n', "utf-8")
    out = tmp_path / "out"
    _site_build(src, out)
    listing = BeautifulSoup((out / "papers.html").read_text("utf-8"), "html.parser")
    page = BeautifulSoup((out / "publications/marks2020.html").read_text("utf-8"), "html.parser")
    on_list = listing.select_one('[id="marks2020"] .cv-pub-award-name').get_text()
    on_page = page.select_one('[role="main"] .cv-pub-award-name').get_text()
    assert on_list == on_page == "Auszeichnung"
    assert page.select_one('[role="main"] .cv-pub-abbr').get_text() == "ICML"  # the badge, as listed


def test_publication_pages_carry_the_sites_sidebar(tmp_path: Path) -> None:
    """The toctree a theme draws is rendered once for all the pages of a folder: the same links."""
    src = _onetruth_copy(tmp_path)
    (src / "conf.py").write_text((src / "conf.py").read_text("utf-8") + 'html_theme = "furo"\n', "utf-8")
    out = tmp_path / "out"
    _site_build(src, out)

    def sidebar(page: str) -> list[tuple[str, str]]:
        soup = BeautifulSoup((out / page).read_text("utf-8"), "html.parser")
        links = soup.select(".sidebar-tree a")
        return [(a.get_text(), urljoin(f"{BASE}{page}", a["href"])) for a in links]

    expected = sidebar("papers.html")
    assert expected and ("Publications", f"{BASE}papers.html") in expected
    for page in ("publications/marks2020.html", "publications/tug1999.html"):
        assert sidebar(page) == expected, page
