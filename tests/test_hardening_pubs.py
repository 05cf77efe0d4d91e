"""Hostile and broken input in publications (issue 22): pages, exports and .bib reading.

Nothing crashes, no page replaces a document or another entry's page, nothing
is written outside the output folder, and what is skipped is never linked.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from test_hardening import UNSAFE, build, located, main_of

#: names Windows cannot write, whatever the extension (``con.html`` too)
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
PAGES = {
    "bibtex_bibfiles": ["refs.bib"],
    "cv_publication_pages": True,
    "html_baseurl": "https://jane.example.org/",
}


def entry(key: str, title: str = "A paper", **fields: str) -> str:
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return (
        f"@article{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane}},\n  year = {{2020}},\n{body}}}\n"
    )


LIST = "Home\n====\n\nBefore.\n\n.. cv-publications::\n\nAfter.\n"


def title_links(out: Path, page: str = "index") -> dict[str, str | None]:
    """Each listed title -> where it links (None: not a link)."""
    found = {}
    for title in main_of(out, page).select(".cv-pub-title"):
        link = title.find("a")
        found[title.get_text().strip()] = link["href"] if link else None
    return found


def output_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


def test_nul_in_preview_is_a_warning(tmp_path: Path) -> None:
    bib = entry("nul1", "Null preview", preview="thumb\x00.png") + entry("ok1", "Fine paper")
    warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    assert located(
        warnings, "index.rst:6", "bib", "removed control or bidi characters (U+0000) from the preview"
    )
    assert set(title_links(out)) == {"Null preview", "Fine paper"}


def test_control_characters_in_a_bib_entry_reach_no_face(tmp_path: Path) -> None:
    """Every face is made from the record: a key, a field or a name loses them once, with a warning."""
    bib = entry("ctl\x01key", "Ti\u202etle", journal="Jour\x1bnal") + entry("ok1", "Fine")
    bib = bib.replace("author = {Doe, Jane}", "author = {Doe\u2066, Jane}", 1)
    warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    for fragment in (
        "(U+0001) from the key",
        "(U+202E) from the title",
        "(U+001B) from the journal",
        "(U+2066) from the author",
    ):
        assert located(warnings, "index.rst:6", "bib", fragment), (fragment, warnings)
    assert title_links(out)["Title"] is not None
    for path in output_files(out):
        if path.suffix in {".html", ".ris", ".json", ".bib"} and "_sources" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert not UNSAFE.search(text), (path.name, UNSAFE.findall(text))
    ris = (out / "publications" / "hardening-publications.ris").read_text(encoding="utf-8")
    assert "TI  - Title" in ris and "T2  - Journal" in ris and "AU  - Doe, Jane" in ris


def test_long_plain_keys_get_short_file_names(tmp_path: Path) -> None:
    keys = ["k" * 300, "k" * 299 + "j"]
    bib = "".join(entry(key, f"Paper {i}") for i, key in enumerate(keys))
    conf = {**PAGES, "project": "A long project name " * 15}  # the whole-list exports are named after it
    warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **conf)
    assert "[cv." not in warnings, warnings
    links = title_links(out)
    assert len(set(links.values())) == 2 and None not in links.values(), links
    for path in output_files(out):
        assert len(path.name) <= 120, path.name
    for href in links.values():
        page = BeautifulSoup((out / href).read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(".cv-pub-title, h1").get_text().strip().startswith("Paper")


def test_windows_reserved_names_are_never_written(tmp_path: Path) -> None:
    keys = ["CON", "aux", "nul", "prn", "com1", "lpt1", "con.x"]
    bib = "".join(entry(key, f"Reserved {key}") for key in keys)
    warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    assert "[cv." not in warnings, "a reserved name is no problem of the .bib: the page has another"
    for path in output_files(out):
        assert path.name.split(".")[0].lower() not in WINDOWS_RESERVED, path
    links = title_links(out)
    assert len(links) == len(keys) and None not in links.values(), links
    assert len(set(links.values())) == len(keys)


def test_a_key_named_like_the_exports_never_replaces_them(tmp_path: Path) -> None:
    """The whole-list exports are ``<project>-publications``: an entry of that key has another name."""
    src = tmp_path / "src"
    bib = entry("hardening-publications", "Sneaky") + entry("ok1", "One") + entry("ok2", "Two")
    _warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    # an edit of that one entry: the incremental build rewrites its page and the exports
    (src / "refs.bib").write_text(bib.replace("Sneaky", "Sneakier"), encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    for suffix, count in ((".ris", lambda t: t.count("ER  -")), (".json", lambda t: len(json.loads(t)))):
        text = (out / "publications" / f"hardening-publications{suffix}").read_text(encoding="utf-8")
        assert count(text) == 3, text
    target = title_links(out)["Sneakier"]
    assert target is not None
    page = BeautifulSoup((out / target).read_text(encoding="utf-8"), "html.parser")
    (ris,) = [a["href"] for a in page.select(".cv-pub-downloads a") if a["href"].endswith(".ris")]
    own = (out / target).parent / ris
    assert own.read_text(encoding="utf-8").count("ER  -") == 1, "the entry's own RIS holds that entry"


@pytest.mark.parametrize(
    ("folder", "refused"),
    [
        ("../../escaped", True),
        ("../sibling", True),
        ("a/../../b", True),
        ("C:/x", True),
        ("_static", True),
        ("con/x", True),
        ("pubs.", True),
        ("/site/papers", False),
    ],
)
def test_the_pages_folder_stays_inside_the_output(tmp_path: Path, folder: str, refused: bool) -> None:
    """A leading ``/`` is the site's root; a folder leading outside it is refused with a warning."""
    bib = entry("ok1", "One")
    files = {"index.rst": LIST, "refs.bib": bib}
    warnings, out = build(tmp_path, files, **PAGES, cv_publication_pages_dir=folder)
    src = out.parent.parent
    written = {p for p in tmp_path.rglob("*") if p.is_file()}
    outside = [
        p
        for p in written
        if out.parent not in p.parents and p.relative_to(src).as_posix() not in {*files, "conf.py"}
    ]
    assert not outside, outside
    assert (
        bool(re.search(r"conf\.py:: WARNING: cv_publication_pages_dir.*\[cv\.config\]", warnings)) == refused
    )
    target = title_links(out)["One"]
    assert target == ("publications/ok1.html" if refused else "site/papers/ok1.html")


@pytest.mark.parametrize(
    ("pdf", "own"),
    [
        ("https://JANE.Example.org/papers/a.pdf", True),
        ("https://jane.example.org:443/papers/a.pdf", True),
        ("https://jane.example.org./papers/a.pdf", True),
        ("https://jane.example.org:8443/papers/a.pdf", False),
        ("https://jane.example.org.evil.example/a.pdf", False),
        ("https://jane.example.org@evil.example/a.pdf", False),
    ],
)
def test_citation_pdf_url_is_on_the_same_host_whatever_the_case(tmp_path: Path, pdf: str, own: bool) -> None:
    """``citation_pdf_url`` only for a PDF on the site's host (core/urls.py ``same_host``, the one test)."""
    bib = entry("pdf1", "Own PDF", pdf=pdf)
    _warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    page = BeautifulSoup((out / "publications" / "pdf1.html").read_text(encoding="utf-8"), "html.parser")
    tag = page.find("meta", attrs={"name": "citation_pdf_url"})
    assert (tag["content"] if tag else None) == (pdf if own else None)


def test_a_key_repeated_in_a_second_bib_file_is_located_there(tmp_path: Path) -> None:
    files = {
        "index.rst": LIST,
        "a.bib": entry("one", "First") + entry("two", "Second"),
        "b.bib": "% a comment\n\n" + entry("three", "Third") + entry("one", "Repeated"),
    }
    warnings, _out = build(tmp_path, files, bibtex_bibfiles=["a.bib", "b.bib"])
    assert located(warnings, "b.bib:8", "bib", "repeated bibliography entry: one"), warnings
    assert not re.search(r"a\.bib:\d*: WARNING", warnings), "the first file holds the key rightly"


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_entry_never_replaces_a_document(tmp_path: Path, builder: str) -> None:
    """Hugo Academic keeps ``publications/foo/index.md`` next to the entry ``foo``; on macOS and
    Windows ``publications/Mixed.rst`` and the entry ``mixed`` are one file."""
    docs = {
        "index.rst": LIST + "\n.. toctree::\n\n   publications/foo/index\n   publications/Mixed\n",
        "publications/foo/index.rst": "Foo, my own page\n================\n\nWritten by hand.\n",
        "publications/Mixed.rst": "Mixed case\n==========\n\nAlso by hand.\n",
        "refs.bib": entry("foo", "Foo paper") + entry("mixed", "Mixed paper") + entry("ok", "Other paper"),
    }
    warnings, out = build(tmp_path, docs, builder, **PAGES)
    mine = out / ("publications/foo/index.html")
    assert "Written by hand." in mine.read_text(encoding="utf-8")
    mixed = out / ("publications/Mixed/index.html" if builder == "dirhtml" else "publications/Mixed.html")
    assert "Also by hand." in mixed.read_text(encoding="utf-8")
    names = [p.relative_to(out).as_posix().casefold() for p in output_files(out)]
    assert len(names) == len(set(names)), "two files that are one on macOS and Windows"
    links = title_links(out)
    assert links["Other paper"] is not None
    for title, target in links.items():
        if target is not None:
            page = out / target / "index.html" if target.endswith("/") else out / target
            assert title in page.read_text(encoding="utf-8"), (title, target)
    if builder == "dirhtml":  # with html, the entry's page is publications/foo.html: no collision
        assert located(warnings, "refs.bib:1", "bib", "the document 'publications/foo/index'")
    assert located(warnings, "refs.bib:6", "bib", "the document 'publications/Mixed'")


def test_two_entries_on_one_page_the_skipped_one_is_not_linked(tmp_path: Path) -> None:
    """A key equal to another key's page name (``foo.bar`` and ``foo-bar-<hash>``), or to a document's."""
    _warnings, first = build(
        tmp_path / "first", {"index.rst": LIST, "refs.bib": entry("foo.bar", "Dotted")}, **PAGES
    )
    taken = Path(title_links(first)["Dotted"]).stem
    bib = entry("foo.bar", "Dotted") + entry(taken, "Same name") + entry("index", "Named index")
    warnings, out = build(tmp_path / "second", {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    links = title_links(out)
    assert links["Dotted"] is not None
    for title, target in links.items():
        if target is not None:
            assert title in (out / target).read_text(encoding="utf-8"), (title, target)
    assert located(warnings, "refs.bib:6", "bib", f"no page for entry '{taken}'"), warnings
    ris = (out / "publications" / "hardening-publications.ris").read_text(encoding="utf-8")
    assert "TI  - Same name" in ris, "an entry without a page is still in the whole-list exports"


def rebuild(src: Path, builder: str = "html") -> str:
    """An incremental build of ``src`` (``build`` starts afresh); its warnings."""
    app = SphinxTestApp(builder, srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert "Traceback" not in warnings, warnings
    return warnings


@pytest.mark.parametrize(
    ("builder", "document", "key", "written"),
    [
        ("dirhtml", "publications/foo/index", "foo", "publications/foo/index.html"),
        ("html", "publications/Mixed", "mixed", "publications/Mixed.html"),
    ],
)
def test_a_document_added_later_is_never_deleted(
    tmp_path: Path, builder: str, document: str, key: str, written: str
) -> None:
    """An entry had the page, then a document takes its file: the entry's page goes, the document stays."""
    files = {"index.rst": LIST, "refs.bib": entry(key, "The paper") + entry("ok", "Other paper")}
    _warnings, out = build(tmp_path, files, builder, **PAGES)
    src = out.parent.parent
    assert title_links(out)["The paper"] is not None
    (src / f"{document}.rst").parent.mkdir(parents=True, exist_ok=True)
    (src / f"{document}.rst").write_text("By hand\n=======\n\nWritten by hand.\n", encoding="utf-8")
    (src / "index.rst").write_text(LIST + f"\n.. toctree::\n\n   {document}\n", encoding="utf-8")
    warnings = rebuild(src, builder)
    assert located(warnings, "refs.bib:1", "bib", f"the document {document!r}"), warnings
    assert "Written by hand." in (out / written).read_text(encoding="utf-8")
    names = [p.relative_to(out).as_posix().casefold() for p in output_files(out)]
    assert len(names) == len(set(names)), "two files that are one on macOS and Windows"
    assert not (out / "publications" / f"{key}.bib").exists(), "the entry's exports left with its page"
    links = title_links(out)
    assert links["The paper"] is None and links["Other paper"] is not None


def test_hashes_that_collide_give_one_page_and_a_warning(tmp_path: Path) -> None:
    """Two long keys whose short hashes are equal: the second gets no page and no link, never the first's."""
    stem = "doi:10.1000/" + "x" * 60  # hashed (not plain), and alike in the 60 characters shown
    seen: dict[str, str] = {}
    for n in range(1_000_000):
        digest = hashlib.sha1(f"{stem}{n}".encode()).hexdigest()[:8]
        if digest in seen:
            first, second = seen[digest], f"{stem}{n}"
            break
        seen[digest] = f"{stem}{n}"
    bib = entry(first, "First long") + entry(second, "Second long")
    warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    links = title_links(out)
    assert links["Second long"] is None and links["First long"] is not None
    assert "First long" in (out / links["First long"]).read_text(encoding="utf-8")
    assert located(warnings, "refs.bib:6", "bib", "no page for entry"), warnings


def test_an_impossible_day_is_not_exported(tmp_path: Path) -> None:
    bib = entry("feb", "February", month="2", day="30")
    warnings, out = build(tmp_path, {"index.rst": LIST, "refs.bib": bib}, **PAGES)
    assert located(warnings, "index.rst:6", "bib", "day 30 is no day of February 2020")
    everything = "".join(
        p.read_text(encoding="utf-8")
        for p in output_files(out)
        if p.suffix in {".html", ".ris", ".json", ".bib"}
    )
    assert "2020/02/30" not in everything and "2020-02-30" not in everything
    page = BeautifulSoup((out / "publications" / "feb.html").read_text(encoding="utf-8"), "html.parser")
    date = page.find("meta", attrs={"name": "citation_publication_date"})
    assert date["content"] in ("2020", "2020/02")


@pytest.mark.parametrize(
    ("expression", "fragment"),
    [
        ("-" * 100_000 + "1", "is nested too deeply to parse"),
        ("1" + "+1" * 100_000, "is nested too deeply to parse"),
        ("not " * 1_500 + "True", "cannot be evaluated: it is nested too deeply"),
    ],
)
def test_a_filter_python_cannot_parse_is_a_warning(tmp_path: Path, expression: str, fragment: str) -> None:
    """``:filter:`` is parsed by Python's own parser, which gives up on deep nesting with
    MemoryError or RecursionError, not SyntaxError."""
    page = f"Home\n====\n\nBefore.\n\n.. cv-publications::\n   :filter: {expression}\n\nAfter.\n"
    warnings, out = build(tmp_path, {"index.rst": page, "refs.bib": entry("ok1", "One")}, **PAGES)
    assert located(warnings, "index.rst:7", "option", fragment), warnings[:500]
    assert max(len(line) for line in warnings.splitlines()) < 600, "the expression is shown shortened"
    text = main_of(out).get_text()
    assert "Before." in text and "After." in text
