"""The publication pages at scale (``--case pages``), each against a baseline of the same run.

* both layouts against the floor: 5,000 entries with pages, the list on a
  sub-page and on the root page (the one-page site ``init`` makes), against
  Sphinx writing 5,000 one-paragraph pages with the same theme (Furo);
* growth: 20,000 entries in the root layout against 5,000 (time and peak memory);
* an edit: one of 5,000 entries (root layout) edited, against a clean build; it
  must rewrite that entry's page and the listing page only;
* ``-j 2`` against ``-j 1`` at 5,000 entries: the same bytes, and not slower.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

from common import OWNER, Measure, Row, bib_entries, build, compare, write

CONF = (
    f'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\ncv_author = "{OWNER}"\n'
    'html_theme = "furo"\ncv_publication_pages = True\nhtml_baseurl = "https://example.org/"\n'
)
LIST = "Publications\n============\n\n.. cv-publications::\n"


def pages_projects(root: Path, n: int, layout: str = "sub-page") -> tuple[Path, Path]:
    """A page per publication (and the list linking them) against the floor for ``n`` pages."""
    if layout == "root":  # the one-page site: the list on the root page, as init and the README write it
        files = {"index.rst": LIST}
    else:
        files = {"index.rst": "Home\n====\n\n.. toctree::\n\n   pubs\n", "pubs.rst": LIST}
    ours = write(root / f"pages-{layout}-{n}", {"conf.py": CONF, "refs.bib": bib_entries(n), **files})
    pages = {
        f"p{i}.rst": f":orphan:\n\nPaper {i}\n{'=' * (6 + len(str(i)))}\n\nAbstract {i}.\n" for i in range(n)
    }
    base = write(
        root / f"pages-base-{n}",
        {"conf.py": 'html_theme = "furo"\n', "index.rst": "Papers\n======\n\nText.\n", **pages},
    )
    return ours, base


def _html_mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.html")}


def pages_incremental(root: Path, work: Path, n: int) -> tuple[Row, list[str]]:
    """Edit one entry of ``n`` (root layout): the rebuild rewrites that entry's page and the list only."""
    ours, _ = pages_projects(root, n, "root")
    out = work / "out-pages-inc"
    clean = build(ours, out)
    before = _html_mtimes(out / "html")
    bib = ours / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Problem 7:", "Problem 7 (revised):"), "utf-8")
    again = build(ours, out, clean=False)
    after = _html_mtimes(out / "html")
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    # of the publication pages only the edited one; the list page (and what Sphinx itself rewrites
    # around a changed document: genindex, search)
    ratio = again.wall / clean.wall
    met = [w for w in written if w.startswith("publications/")] == ["publications/key7.html"]
    met = met and "index.html" in written and ratio <= 0.5
    return Row(
        "pages: 1 of n edited, root", n, clean.wall, again.wall, ratio, 1.0, "<= 0.5x, 1 page + list", met, 1
    ), written


def growth(root: Path, work: Path, small: int, large: int) -> tuple[Row, Measure]:
    """``large`` entries against ``small`` (root layout): time at most 4.5x for 4x the entries, and
    peak memory at most 1 GiB."""
    sizes = (small, large)
    measures = [build(pages_projects(root, n, "root")[0], work / f"out-growth-{n}") for n in sizes]
    ratio = measures[1].wall / measures[0].wall
    limit = 4.5 * large / small / 4
    met = ratio <= limit and measures[1].peak_mib <= 1024
    row = Row(
        f"pages: {large:,} vs {small:,}, root",
        large,
        measures[0].wall,
        measures[1].wall,
        ratio,
        measures[1].peak_mib / measures[0].peak_mib,
        f"<= {limit:g}x, <= 1 GiB",
        met,
        1,
    )
    return row, measures[1]


def parallel(root: Path, work: Path, n: int, repeat: int) -> Row:
    """``-j 2`` against ``-j 1``: every output file byte-identical, and not slower."""
    ours, _ = pages_projects(root, n, "sub-page")
    runs: dict[int, list[Measure]] = {1: [], 2: []}
    for _ in range(repeat):  # alternating, so a change in machine load hits both alike
        runs[1].append(build(ours, work / "out-j1"))
        runs[2].append(build(ours, work / "out-j2", jobs=2))
    serial, twice = (min(runs[jobs], key=lambda m: m.wall) for jobs in (1, 2))
    same = _same_tree(work / "out-j1" / "html", work / "out-j2" / "html")
    ratio = twice.wall / serial.wall
    return Row("pages: -j 2 vs -j 1", n, serial.wall, twice.wall, ratio, twice.peak_mib / serial.peak_mib,
               f"<= 1.0x, same bytes ({'yes' if same else 'NO'})", same and ratio <= 1.0, repeat)  # fmt: skip


def _same_tree(one: Path, other: Path) -> bool:
    """Every file of both trees present in both, byte for byte (``.buildinfo`` aside)."""
    names = {p.relative_to(one) for p in one.rglob("*") if p.is_file()}
    if names != {p.relative_to(other) for p in other.rglob("*") if p.is_file()}:
        return False
    return all(
        filecmp.cmp(one / name, other / name, shallow=False) for name in names if name.name != ".buildinfo"
    )


def pages_rows(root: Path, work: Path, n: int, large: int, repeat: int) -> list[Row]:
    rows = [
        compare(f"pages ({layout}) vs pages", n, 1.3, pages_projects(root, n, layout), work, repeat)
        for layout in ("sub-page", "root")
    ]
    rows.append(pages_incremental(root, work, n)[0])
    if large:
        rows.append(growth(root, work, n, large)[0])
    rows.append(parallel(root, work, n, repeat))
    return rows
