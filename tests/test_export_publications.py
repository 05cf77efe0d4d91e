"""Papers in the exports: each paper's one record (issue 21) as JSON Resume and RenderCV, each paper once.

tests/roots/test-export-pubs lists five papers on three pages: the home page's
selection and a list of its own, the CV's two lists, and a publications page
repeating the CV's. Its .bib holds one case per paper: note marks, "and
others", a linked co-author, an award, a thumbnail, links, a year "in press",
an old Wiley DOI, and a title holding Typst commands.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOTS
from test_export import DOCS, REALWORLD, _without_empty, build, expected_rendercv, init_site, schema, validate

from sphinx_cv.core.export.publications import rendercv_doi
from sphinx_cv.core.export.record import CV, Section, escape_markdown, markdown_to_plain
from sphinx_cv.core.export.rendercv import to_rendercv
from sphinx_cv.core.export.sections import one_list_per_paper
from sphinx_cv.core.record import Publication

__all__ = ["schema"]  # the fixture, shared with test_export

ROOT = ROOTS / "test-export-pubs"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, str]]:
    src = tmp_path_factory.mktemp("pubs") / "src"
    shutil.copytree(ROOT, src)
    return {b: build(src, b, src / "_build" / b) for b in ("jsonresume", "rendercv")}


def _losses(warnings: str, builder: str) -> dict[str, str]:
    """The ``cv.export`` warnings by their message's head (one per kind)."""
    lines = [line.split(f"{builder}: ", 1)[1] for line in warnings.splitlines() if "[cv.export]" in line]
    return {line[:40]: line for line in lines}


def test_json_resume_publications(exported: dict[str, tuple[Any, str]], schema: dict[str, Any]) -> None:
    data, _warnings = exported["jsonresume"]
    validate(data, schema)
    # each paper once: the CV's lists as they are, the home page's own list; the selection and the
    # publications page repeat the CV and are left out
    names = [p["name"] for p in data["publications"]]
    assert names == [
        "A Tool",
        'Private and Fast: H2O #link("javascript:alert(1)")[x] and #metoo',  # plain text, as written
        "A Paper with an Old Wiley DOI",
        "A Paper in Press",
        "A Preprint",
    ]
    tool, marks, sici, press, preprint = data["publications"]
    assert tool == {
        "name": "A Tool",
        "releaseDate": "2022-03-05",
        "url": "https://tool.example.org",
        "authors": ["Jane Doe"],
    }
    assert marks == {
        "name": marks["name"],
        "publisher": "International Conference on Machine Learning (ICML), Oral",  # and its note
        "releaseDate": "2021-09",
        "url": "https://example.org/paper",  # its url field first
        "summary": "We make it private and fast.",  # the abstract
        "authors": ["Jane Doe", "Bo Li", "et al."],  # no note marks; "and others" as the list ends it
        "doi": "10.1000/xyz.123",
    }
    assert sici["doi"] == "10.1002/(SICI)1097-0258(19960315)15:5<487::AID-SIM145>3.0.CO;2-1"
    assert sici["url"].startswith("https://doi.org/10.1002/(SICI)") and "%3C487" in sici["url"]
    assert sici["publisher"] == "Statistics in Medicine 15(5), 487\u2013497"
    assert "releaseDate" not in press  # "in press" is no ISO date
    assert (preprint["url"], preprint["publisher"]) == (
        "https://arxiv.org/abs/2006.00001",
        "arXiv:2006.00001, submitted",
    )


def test_rendercv_publications(exported: dict[str, tuple[Any, str]]) -> None:
    data, _warnings = exported["rendercv"]
    sections = data["cv"]["sections"]
    assert list(sections) == ["Software", "Publications", "Preprints"]
    marks, sici, press = sections["Publications"]
    # Typst commands and math in a title stay text: a zero-width space after "#" (and "$$")
    hostile = '#\u200blink("javascript:alert(1)")\\[x\\] and #\u200bmetoo'
    assert marks["title"] == f"Private *and* Fast: H2O {hostile}"
    assert marks["authors"] == ["*Jane Doe*", "[Bo Li](https://boli.example.org)", "et al."]
    assert (marks["doi"], marks["date"]) == ("10.1000/xyz.123", "2021-09")
    assert "url" not in marks  # RenderCV links the DOI and ignores a url beside it
    assert marks["journal"] == "International Conference on Machine Learning (ICML), Oral"
    assert marks["summary"] == "**Best Paper** for its experiments\nWe make it private and fast."
    # an old Wiley DOI (with < and >) is written as its encoded link, which RenderCV cannot misread
    assert "doi" not in sici and sici["url"].endswith("15:5%3C487::AID-SIM145%3E3.0.CO;2-1")
    assert (sici["date"], press["date"]) == ("1996-03-15", "in press")
    (preprint,) = sections["Preprints"]
    assert preprint == {
        "title": "A Preprint",
        "authors": ["[Bo Li](https://boli.example.org)", "*Jane Doe*"],
        "url": "https://arxiv.org/abs/2006.00001",
        "journal": "submitted",  # the arXiv id is said by the link
        "date": 2020,
    }
    (tool,) = sections["Software"]
    assert "summary" not in tool  # no abstract: the list does not show abstracts


def test_one_warning_per_kind_of_paper_loss(exported: dict[str, tuple[Any, str]]) -> None:
    _data, warnings = exported["jsonresume"]
    losses = _losses(warnings, "jsonresume")
    assert len(losses) == 7, warnings
    expected = {
        "owner": "'Jane Doe' (and 4 more)",
        "note marks": "'Jane Doe*'",
        "thumbnails": "'doe2021marks: /img/marks.gif'",
        "plain text in JSON Resume": "(and 2 more)",  # the title's emphasis, the co-author's link
        "award": "'Best Paper'",
        "other links": "'doe2021marks: PDF' (and 1 more)",  # its PDF and code (url is its url)
        "ISO dates": "'in press'",
    }
    for words, detail in expected.items():
        assert [line for line in losses.values() if words in line and detail in line], (words, warnings)
    _data, warnings = exported["rendercv"]
    losses = _losses(warnings, "rendercv")
    assert len(losses) == 4, warnings  # marks, thumbnail, links, H$_2$O
    assert any("sub- or superscript" in line for line in losses.values())
    assert any("'doe2021marks: PDF' (and 2 more)" in line for line in losses.values())  # url too


def test_the_export_follows_the_bib(tmp_path: Path) -> None:
    """Records come from the publications domain: an edited .bib is exported after an incremental build."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    out = tmp_path / "out"
    data, _warnings = build(src, "jsonresume", out)
    assert data["publications"][2]["name"] == "A Paper with an Old Wiley DOI"
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("Old {Wiley} {DOI}", "Older DOI"), encoding="utf-8")
    data, _warnings = build(src, "jsonresume", out)
    assert data["publications"][2]["name"] == "A Paper with an Older DOI"
    assert json.dumps(data) == json.dumps(build(src, "jsonresume", tmp_path / "clean")[0])


def test_demo_papers(tmp_path: Path) -> None:
    """The demo lists its papers on three pages; the export lists each once, from the CV page."""
    data, _warnings = build(DOCS, "jsonresume", tmp_path / "jr", confoverrides={"html_extra_path": []})
    assert len(data["publications"]) == 7
    assert len({p["name"] for p in data["publications"]}) == 7
    assert data["publications"][0]["authors"][0] == "Qinqing Zheng"


def _paper(key: str) -> Publication:
    return Publication(key=key, entry_type="article", kind="article")


def _lists(*pages: tuple[str, str]) -> list[Section]:
    return [Section(docname=page, publications=[_paper(k) for k in keys.split()]) for page, keys in pages]


def _kept(sections: list[Section]) -> list[tuple[str, str]]:
    return [(s.docname, " ".join(p.key for p in s.publications)) for s in one_list_per_paper(sections)]


def test_one_list_per_paper() -> None:
    # the demo: the home page's selection, the CV, a publications page repeating it
    assert _kept(_lists(("index", "a b"), ("cv", "a b c d"), ("pubs", "a b c d"))) == [("cv", "a b c d")]
    # a CV in two lists and a page listing all of them: the CV's lists stay as they are
    assert _kept(_lists(("cv", "a b"), ("cv", "c"), ("pubs", "c b a"))) == [("cv", "a b"), ("cv", "c")]
    # "Selected" above the whole list on one page
    assert _kept(_lists(("cv", "b"), ("cv", "a b c"))) == [("cv", "a b c")]
    # two pages sharing a paper: the page with more papers keeps it
    assert _kept(_lists(("talks", "c d"), ("cv", "a b c"))) == [("talks", "d"), ("cv", "a b c")]
    # timelines are not papers: kept whatever their place
    timeline = Section(docname="cv", heading="Education")
    assert one_list_per_paper([timeline, *_lists(("cv", "a"))])[0] is timeline


def test_rendercv_text_stays_text() -> None:
    """What RenderCV passes to Typst as is (commands, math, HTML tags) is broken up; plain text is kept."""
    for text in ('#link("javascript:alert(1)")[x]', "#metoo", "$$#sys$$", "<b>", "C# and $5"):
        escaped = escape_markdown(text)
        assert "#l" not in escaped and "#m" not in escaped and "$$" not in escaped and "<b" not in escaped
        assert markdown_to_plain(escaped) == text
    assert escape_markdown("C# and $5") == "C# and $5"  # nothing to break up
    # a DOI RenderCV would write into Markdown and Typst as it is: only when it needs no escaping
    assert rendercv_doi("10.1000/xyz.123") == ("10.1000/xyz.123", "")
    doi, url = rendercv_doi('10.1000/x")[a]#link("javascript:alert(1)')
    assert not doi and url.startswith("https://doi.org/10.1000/x%22") and '"' not in url


def _bib_of(rendercv: dict[str, Any]) -> str:
    """The RenderCV sample's papers as a .bib would hold them (keys of their own, the owner unmarked)."""
    entries = []
    for index, paper in enumerate(rendercv["cv"]["sections"]["publications"]):
        year, month = str(paper["date"]).split("-")
        authors = " and ".join(a.strip("*") for a in paper["authors"])
        entries.append(
            f"@article{{bib{index}, title = {{{paper['title']}}}, author = {{{authors}}},"
            f" journal = {{{paper['journal']}}}, year = {year}, month = {int(month)},"
            f" doi = {{{paper['doi']}}}}}"
        )
    return "\n\n".join(entries) + "\n"


def test_a_paper_exports_alike_from_a_bib_and_a_data_file(tmp_path: Path) -> None:
    """The export is a function of the record: the RenderCV sample's papers listed from the sample
    (issue 29) and from a .bib holding the same papers export the same, in both targets."""
    sample = REALWORLD / "John_Doe_ClassicTheme_CV.yaml"
    rendercv = yaml.safe_load(sample.read_text(encoding="utf-8"))
    src = tmp_path / "src"
    (src / "data").mkdir(parents=True)
    shutil.copyfile(sample, src / "data" / "cv.yaml")
    (src / "refs.bib").write_text(_bib_of(rendercv), encoding="utf-8")
    conf = 'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\ncv_author = "John Doe"\n'
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.rst").write_text(
        "John Doe\n========\n\nFrom the data file\n------------------\n\n.. cv-publications::\n"
        "   :source: data/cv.yaml\n   :section: publications\n\n"
        "From the .bib\n-------------\n\n.. cv-publications::\n",
        encoding="utf-8",
    )
    data, warnings = build(src, "rendercv", tmp_path / "rcv")
    assert "WARNING" not in warnings
    from_data, from_bib = data["cv"]["sections"].values()
    assert from_data == from_bib == _without_empty(rendercv["cv"]["sections"]["publications"])
    data, warnings = build(src, "jsonresume", tmp_path / "jr")
    half = len(data["publications"]) // 2
    assert data["publications"][:half] == data["publications"][half:]
    assert data["publications"][0]["authors"] == ["John Doe", "Sarah Williams", "David Park"]


def test_a_list_read_from_a_data_file_keeps_its_section() -> None:
    """The contract for lists of papers read from data files (issue 29): with the file's format and
    section on the list (``source_format``, ``source_section`` on its ``cv_publications`` node),
    RenderCV gets the file's own section name back, whatever the heading."""
    paper = Publication(key="k", entry_type="article", kind="article", title=[("", "T")], year="2020")
    section = Section(
        kind="publications", heading="Papers", source_format="RenderCV", source_section="publications"
    )
    data, losses = to_rendercv(CV(sections=[replace(section, publications=[paper])]))
    assert data["cv"]["sections"] == {"publications": [{"title": "T", "authors": [], "date": 2020}]}
    assert not losses
    data, _losses = to_rendercv(CV(sections=[replace(section, source_format="", publications=[paper])]))
    assert list(data["cv"]["sections"]) == ["Papers"]


def test_rendercv_round_trip_keeps_a_papers_summary(tmp_path: Path) -> None:
    """A paper's summary in a RenderCV file: init lists the section with its abstracts shown, so the
    site shows it and the RenderCV export gives it back (it follows what the list shows)."""
    source = yaml.safe_load((REALWORLD / "John_Doe_ClassicTheme_CV.yaml").read_text(encoding="utf-8"))
    source["cv"]["sections"]["publications"][0]["summary"] = "Routing for trillion-parameter models."
    path = tmp_path / "cv.yaml"
    path.write_text(yaml.safe_dump(source, sort_keys=False, allow_unicode=True), encoding="utf-8")
    data, warnings = build(init_site(path, tmp_path), "rendercv", tmp_path / "out")
    assert "WARNING" not in warnings
    assert data == expected_rendercv(source)
