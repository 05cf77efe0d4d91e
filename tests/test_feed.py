"""Publications in the Atom feed (``cv_feed``): from the records the lists noted, read by feedparser.

Each listed paper with a year is an entry: newest first among the news, its id
its own page (``cv_publication_pages``) or else its entry in the list that
lists the most papers, its ``updated`` the record's date as precise as the .bib
gives it; the same sources give the same bytes, serial or parallel.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS, warnings_of
from sphinx.testing.util import SphinxTestApp

feedparser = pytest.importorskip("feedparser", reason="pip install feedparser")

BASE = "https://jane.example.org/"


def _build(
    tmp_path: Path, name: str, monkeypatch: Any, *, builder: str = "html", parallel: int = 0, **conf: Any
) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    src = tmp_path / name
    if not src.exists():
        shutil.copytree(ROOTS / "test-feed-pubs", src)
    app = SphinxTestApp(builder, srcdir=src, confoverrides=conf, parallel=parallel)
    try:
        app.build()
        assert warnings_of(app) == ""
    finally:
        app.cleanup()
    return Path(app.outdir)


def _feed(out: Path) -> Any:
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_papers_and_news_newest_first_from_the_records(tmp_path: Path, monkeypatch: Any) -> None:
    """Every required Atom element; a paper's date at the precision of its record (day, month,
    year), its authors, kind, abstract (else venue and year), DOI or arXiv page; no undated paper."""
    feed = _feed(_build(tmp_path, "a", monkeypatch))
    assert feed.feed.updated == "2020-07-14T00:00:00Z", "the newest entry's date"
    got = [(e.title, e.updated, e.id) for e in feed.entries]
    assert got == [
        ("Sharp Bounds for Gaussian Privacy", "2020-07-14T00:00:00Z", f"{BASE}papers.html#doe2020sharp"),
        (
            "Our paper was accepted",
            "2020-06-01T00:00:00Z",
            f"{BASE}index.html#news-2020-06-01-our-paper-was-accepted",
        ),
        (
            "A Journal Paper with Style and <script>alert(1)</script>",  # text in the record, escaped in XML
            "2019-03-01T00:00:00Z",
            f"{BASE}papers.html#doe2019journal",
        ),
        ("A Preprint", "2018-01-01T00:00:00Z", f"{BASE}papers.html#doe2018preprint"),
    ]
    sharp, _news, journal, preprint = feed.entries
    assert [a.name for a in sharp.authors] == ["Jane Doe", "Jinshuo Dong"]
    assert [a.name for a in journal.authors] == ["Jane Doe", "Hans Möller"]
    assert sharp.link == sharp.id
    assert ("related", "https://doi.org/10.0000/example.sharp") in {
        (link.rel, link.href) for link in sharp.links
    }
    assert ("related", "https://arxiv.org/abs/1801.00001") in {
        (link.rel, link.href) for link in preprint.links
    }
    assert sharp.summary == "We bound the composition of Gaussian mechanisms."
    assert journal.summary == "Journal of Examples, 2019"
    assert [(t.term, t.label) for t in sharp.tags] == [("inproceedings", "Conference papers")]
    assert "Notes Without a Date" not in {e.title for e in feed.entries}


def test_a_papers_id_is_its_own_page_when_it_has_one(tmp_path: Path, monkeypatch: Any) -> None:
    """With ``cv_publication_pages`` the id is the page written for the paper (html and dirhtml)."""
    # the undated paper's page warns that Google Scholar will miss it: known, and not this test's business
    pages = {"cv_publication_pages": True, "suppress_warnings": ["cv.bib"]}
    out = _build(tmp_path, "html", monkeypatch, **pages)
    ids = {e.title: e.id for e in _feed(out).entries}
    assert ids["A Preprint"] == f"{BASE}publications/doe2018preprint.html"
    assert (out / "publications" / "doe2018preprint.html").is_file()
    assert ids["Our paper was accepted"].startswith(f"{BASE}index.html#news-")
    out = _build(tmp_path, "dirhtml", monkeypatch, builder="dirhtml", **pages)
    ids = {e.title: e.id for e in _feed(out).entries}
    assert ids["A Preprint"] == f"{BASE}publications/doe2018preprint/"
    assert (out / "publications" / "doe2018preprint" / "index.html").is_file()


def test_the_feed_is_reproducible_and_follows_the_bib(tmp_path: Path, monkeypatch: Any) -> None:
    """Another SOURCE_DATE_EPOCH, a parallel build: the same bytes. An edited .bib: the next
    (incremental) build's feed has the new date."""
    serial = (_build(tmp_path, "serial", monkeypatch) / "feed.xml").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    src = tmp_path / "parallel"
    shutil.copytree(ROOTS / "test-feed-pubs", src)
    for n in range(1, 6):  # Sphinx reads in parallel only past five documents
        (src / f"one{n}.rst").write_text(
            f":orphan:\n\nOne {n}\n=====\n\n.. cv-publications::\n   :keys: doe2018preprint\n"
        )
    app = SphinxTestApp("html", srcdir=src, parallel=2)
    merged: list[str] = []
    app.connect("env-merge-info", lambda _app, _env, docnames, _other: merged.extend(docnames))
    try:
        app.build()
        assert warnings_of(app) == ""
    finally:
        app.cleanup()
    assert merged, "the build read in parallel"
    assert (Path(app.outdir) / "feed.xml").read_bytes() == serial

    bib = tmp_path / "serial" / "refs.bib"
    bib.write_text(bib.read_text().replace("year          = {2018}", "year          = {2021}"))
    first = _feed(_build(tmp_path, "serial", monkeypatch)).entries[0]
    assert (first.title, first.updated) == ("A Preprint", "2021-01-01T00:00:00Z")
