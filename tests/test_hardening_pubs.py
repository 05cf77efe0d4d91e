"""Hostile and broken input in publications (issue 22): pages, exports and .bib reading.

Nothing crashes, no page replaces a document or another entry's page, nothing
is written outside the output folder, and what is skipped is never linked.
"""

from __future__ import annotations

from pathlib import Path

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
