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
from urllib.parse import unquote, urljoin

import bibtexparser
import pytest
from bibtexparser.bparser import BibTexParser
from bs4 import BeautifulSoup
from conftest import ROOTS
from pybtex.database import parse_file

from sphinx_cv.core.bib import HIDDEN_FIELDS
from sphinx_cv.core.doi import doi_url

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


# ---- reading each face back -------------------------------------------------------------------------


def _natural(inverted: str) -> str:
    """ "von Last, Jr., First" (Highwire, RIS) as "First von Last, Jr." (the list, JSON-LD, COinS)."""
    parts = [p.strip() for p in inverted.split(", ")]
    if len(parts) == 3:
        return f"{parts[2]} {parts[0]}, {parts[1]}"
    return f"{parts[1]} {parts[0]}" if len(parts) == 2 else parts[0]


def _csl_name(name: dict) -> str:
    if "literal" in name:
        return name["literal"]
    text = " ".join(p for p in (name.get("given"), name.get("non-dropping-particle"), name["family"]) if p)
    return f"{text}, {name['suffix']}" if name.get("suffix") else text


def _ris(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in text.split("\r\n"):
        if line[:2].strip() and line[2:6] == "  - ":
            found.setdefault(line[:2], []).append(line[6:])
    return found


def _kev(span) -> list[tuple[str, str]]:
    return [
        (key, unquote(value.replace("+", " ")))
        for key, _, value in (part.partition("=") for part in span["title"].split("&"))
    ]


def _tex_text(tex: str) -> str:
    """The LaTeX output read as text: Sphinx's escapes undone, commands and groups dropped."""
    tex = tex.replace("{[}", "[").replace("{]}", "]")
    for command, plain in (
        ("sphinxhyphen", "-"),
        ("textasciitilde", "~"),
        ("textbackslash", "\\"),
        ("textasciicircum", "^"),
        ("textendash", "\u2013"),
        ("textemdash", "\u2014"),
    ):
        tex = tex.replace(f"\\{command}{{}}", plain)
    escaped = "&%$#_{}"
    tex = re.sub(r"\\([&%$#_{}])", lambda m: chr(0xE000 + escaped.index(m[1])), tex)
    tex = re.sub(r"\\[A-Za-z@]+\*?", " ", tex).replace("{", "").replace("}", "")
    tex = re.sub("[\ue000-\ue006]", lambda m: escaped[ord(m[0]) - 0xE000], tex)
    return " ".join(tex.split())


@pytest.fixture(scope="module")
def faces(faces_project: Path) -> dict:
    """Every face of every listed entry, by citation key."""
    html = _build(faces_project, "html")
    text = (_build(faces_project, "text") / "index.txt").read_text(encoding="utf-8")
    tex = _tex_text((_build(faces_project, "latex") / "faces.tex").read_text(encoding="utf-8"))
    listing = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    graph = [
        item
        for script in listing.find_all("script", type="application/ld+json")
        for item in json.loads(script.string).get("@graph", [])
    ]
    found = {}
    for index, li in enumerate(listing.select("li.cv-pub")):
        key = li["id"]
        title_node = li.select_one(".cv-pub-title")
        for badge in title_node.select(".cv-pub-abbr"):
            badge.extract()
        authors_node = li.select_one(".cv-pub-authors")
        for mark in authors_node.select("sup") if authors_node else []:
            mark.extract()
        page_href = li.select_one(".cv-pub-title a")["href"]
        page_path = html / page_href
        page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
        stem = page_path.with_suffix("")
        tags = [
            (m["name"], m["content"])
            for m in page.head.find_all("meta")
            if m.get("name", "")[:9] == "citation_"
        ]
        page_ld = next(
            json.loads(s.string)
            for s in page.find_all("script", type="application/ld+json")
            if json.loads(s.string).get("@type") in ("ScholarlyArticle", "Thesis")
        )
        links = {a.get_text(): a["href"] for a in li.select(".cv-pub-links a")}
        page_links = {a.get_text(): a["href"] for a in page.select('[role="main"] .cv-pub-links a')}
        found[key] = {
            "li": li,
            "list_title": title_node.get_text().strip(),
            "list_authors": authors_node.get_text() if authors_node else "",
            "page_title": page.select_one('[role="main"] h1').get_text().rstrip("¶"),
            "tags": tags,
            "page_ld": page_ld,
            "coins": _kev(li.select_one("span.Z3988")),
            "ris": _ris(stem.with_suffix(".ris").read_bytes().decode("utf-8")),
            "csl": json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))[0],
            "list_pdf": urljoin(BASE, links["PDF"]) if "PDF" in links else "",
            "page_pdf": urljoin(BASE + page_href, page_links["PDF"]) if "PDF" in page_links else "",
            "list_doi": links.get("DOI", ""),
            "bib": stem.with_suffix(".bib"),
        }
        found[key]["list_ld"] = graph[index]  # the list's JSON-LD is in the list's order
    return {"entries": found, "text": " ".join(text.split()), "tex": tex, "html": html}


def test_every_entry_is_listed_with_its_faces(faces) -> None:
    entries = faces["entries"]
    # xampl's whole-journal, whole-set, whole-collection and whole-proceedings are only crossref
    # parents, biblatex's westfahl:frontier too, and its two @set entries only group others
    assert not {"whole-journal", "whole-set", "whole-proceedings", "westfahl:frontier"} & set(entries)
    assert {"inproceedings-crossref", "westfahl:space", "marks2020", "DBLP:conf/exc/Doe19"} <= set(entries)
    assert len(entries) > 130


def test_titles_agree(faces) -> None:
    for key, face in faces["entries"].items():
        tags = dict(face["tags"])
        title = face["list_title"]
        if "citation_title" not in tags:  # no title in the .bib: the list shows the key, no face claims one
            assert title == key and "title" not in face["csl"], key
            continue
        assert title == face["page_title"] == tags["citation_title"] == face["page_ld"]["name"], key
        assert title == face["ris"]["TI"][0] == face["csl"]["title"], key
        assert title in dict(face["coins"]).get("rft.atitle", "") + dict(face["coins"]).get(
            "rft.title", dict(face["coins"]).get("rft.btitle", "")
        ), key
        assert face["list_ld"] is not None and face["list_ld"]["name"] == title, key
        assert " ".join(title.split()) in faces["text"], key
        assert " ".join(title.split()) in faces["tex"], key


def test_authors_agree_without_marks_or_others(faces) -> None:
    for key, face in faces["entries"].items():
        names = [a["name"] for a in face["page_ld"]["author"]]
        assert [_natural(v) for n, v in face["tags"] if n == "citation_author"] == names, key
        assert [_natural(v) for v in face["ris"].get("AU", [])] == names, key
        assert [v for n, v in face["coins"] if n == "rft.au"] == names, key
        assert [_csl_name(n) for n in face["csl"].get("author", [])] == names, key
        assert [a["name"] for a in face["list_ld"]["author"]] == names, key
        shown = face["list_authors"].removesuffix(" et al.")
        assert shown == ", ".join(names), key
        for name in names:
            assert not re.search(r"[*†‡§¶‖$^\\]", name), (key, name)
            assert name.lower() != "others", key
            assert name in faces["text"], (key, name)
            assert name in faces["tex"], (key, name)


def test_dates_dois_and_pdfs_agree(faces) -> None:
    for key, face in faces["entries"].items():
        tags = dict(face["tags"])
        year = tags.get("citation_publication_date", "")[:4]
        assert face["page_ld"].get("datePublished", "")[:4] == year, key
        assert face["ris"].get("PY", [""])[0] == year, key
        assert dict(face["coins"]).get("rft.date", "")[:4] == year, key
        issued = face["csl"].get("issued", {}).get("date-parts", [[""]])[0]
        assert str(issued[0]) == year, key
        if face["page_ld"].get("datePublished", "")[5:7]:  # a month: RIS and CSL-JSON have the same
            month = int(face["page_ld"]["datePublished"][5:7])
            assert issued[1] == month and int(face["ris"]["DA"][0].split("/")[1]) == month, key
        doi = tags.get("citation_doi", "")
        assert face["ris"].get("DO", [""])[0] == doi == face["csl"].get("DOI", ""), key
        assert (f"doi:{doi}" in face["page_ld"].get("identifier", [])) == bool(doi), key
        assert (("rft_id", f"info:doi/{doi}") in face["coins"]) == bool(doi), key
        assert face["list_doi"] == (doi_url(doi) if doi else ""), key
        assert (doi_url(doi) in face["page_ld"].get("sameAs", [])) == bool(doi), key
        # the PDF: the same file from the list, from the paper's page, and for Google Scholar
        assert face["list_pdf"] == face["page_pdf"], key
        if "citation_pdf_url" in tags:
            assert tags["citation_pdf_url"] == face["list_pdf"], key


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
