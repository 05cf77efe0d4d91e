"""Benchmark sphinx-cv against baselines measured in the same run.

``python3 -m nox -s bench`` (or ``python bench/run.py``) generates synthetic
projects of growing size, builds each with and without the extension in a
fresh process per build, and reports wall time and peak memory as ratios:

* publications: ``cv-publications`` (grouped by year, highlighted, links)
  against sphinxcontrib-bibtex's own ``bibliography`` over the same .bib;
* timelines: ``cv-entry`` items against the same text as nested bullet lists,
  in reST and in MyST;
* incremental: editing one entry of a 1,000-entry page against a clean build;
* styles: a 1,000-entry list in APA (``cv_citation_style``) against the same
  list in the built-in look.

``--case`` runs some cases only (``--case styles``).

It prints a table and writes ``bench-results/bench.json``. It is a benchmark,
not a test: nothing here fails on time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: repeats for the timeline cases, whose builds are short (see :func:`run`)
SHORT_BUILD_REPEAT = 7
CHILD = HERE / "child.py"
OWNER = "Jane Doe"
COAUTHORS = ["Ann Smith", "Bo Li", "Carla Pérez", "Dmitri Ivanov", "Eve Müller", "Femi Ade"]
VENUES = ["Journal of Machine Learning Research", "Annals of Statistics", "Biometrika"]


@dataclass
class Measure:
    wall: float  #: seconds, the fastest of the repeats
    peak_mib: float  #: peak resident memory of that process
    read: list[str]  #: documents Sphinx read
    warnings: int


def build(src: Path, out: Path, *, clean: bool = True) -> Measure:
    """One build in a fresh interpreter, so timing and peak memory are its own."""
    if clean and out.exists():
        shutil.rmtree(out)
    done = subprocess.run(
        [sys.executable, str(CHILD), str(src), str(out)], check=True, capture_output=True, text=True
    )
    return Measure(**json.loads(done.stdout.strip().splitlines()[-1]))


def best(src: Path, out: Path, repeat: int) -> Measure:
    """The fastest of ``repeat`` clean builds (the least disturbed by other load)."""
    runs = [build(src, out) for _ in range(repeat)]
    return min(runs, key=lambda m: m.wall)


# ---- synthetic sources ---------------------------------------------------------------------------


def bib_entries(n: int) -> str:
    """``n`` realistic entries: mixed types, the owner among the authors, every link field."""
    items = []
    for i in range(n):
        authors = [COAUTHORS[(i + k) % len(COAUTHORS)] for k in range(i % 4)]
        authors.insert(i % (len(authors) + 1), OWNER if i % 3 else "Doe, J.")
        year = 1990 + i % 35
        kind = ("article", "inproceedings", "misc")[i % 3]
        venue = {
            "article": f"journal = {{{VENUES[i % 3]}}},",
            "inproceedings": "booktitle = {Proceedings of ICML},",
            "misc": "",
        }[kind]
        items.append(
            f"@{kind}{{key{i},\n"
            f"  title = {{A {{Study}} of Problem {i}: Bounds and Algorithms}},\n"
            f"  author = {{{' and '.join(authors)}}},\n"
            f"  year = {{{year}}},\n  {venue}\n"
            f"  doi = {{10.1000/bench.{i}}},\n  eprint = {{2001.{i:05d}}},\n  archiveprefix = {{arXiv}},\n"
            f"  url = {{https://example.org/paper{i}}},\n  pdf = {{https://example.org/paper{i}.pdf}},\n"
            f"}}\n"
        )
    return "\n".join(items)


def write(path: Path, files: dict[str, str]) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    for name, text in files.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def publications_projects(root: Path, n: int) -> tuple[Path, Path]:
    bib = bib_entries(n)
    ours = write(
        root / f"pubs-cv-{n}",
        {
            "conf.py": f'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\ncv_author = "{OWNER}"\n',
            "refs.bib": bib,
            "index.rst": "Publications\n============\n\n.. cv-publications::\n   :group-by: year\n"
            "   :numbered:\n   :show: links\n",
        },
    )
    base = write(
        root / f"pubs-base-{n}",
        {
            "conf.py": 'extensions = ["sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["refs.bib"]\n',
            "refs.bib": bib,
            "index.rst": "Publications\n============\n\n.. bibliography::\n   :all:\n",
        },
    )
    return ours, base


def styles_projects(root: Path, n: int) -> tuple[Path, Path]:
    """The publications project of ``n`` entries in APA, against itself in the built-in look."""
    builtin, _ = publications_projects(root, n)
    apa = root / f"pubs-apa-{n}"
    shutil.rmtree(apa, ignore_errors=True)
    shutil.copytree(builtin, apa)
    with (apa / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('cv_citation_style = "apa"\n')
    return apa, builtin


def timeline_rst(n: int, edit: int | None = None) -> str:
    lines = ["Timeline\n========\n\n.. cv-timeline:: Employment\n   :order: newest\n"]
    for i in range(n):
        title = f"Position {i}" + (" (edited)" if i == edit else "")
        lines.append(
            f"   .. cv-entry:: {title}\n      :subtitle: Institute {i % 50}, Department {i % 7}\n"
            f"      :start: {1980 + i % 40}-{1 + i % 12:02d}\n      :end: {1981 + i % 40}\n"
            f"      :location: City {i % 30}\n\n      - achievement {i} with *emphasis*\n"
        )
    return "\n".join(lines)


def bullet_items(n: int) -> str:
    """The timeline as nested bullets: the same text in reST and in MyST."""
    return "\n".join(
        f"- {1980 + i % 40}-{1 + i % 12:02d} – {1981 + i % 40} **Position {i}**, "
        f"*Institute {i % 50}, Department {i % 7}*, City {i % 30}\n\n"
        f"  - achievement {i} with *emphasis*\n"
        for i in range(n)
    )


def bullets_rst(n: int) -> str:
    return "Timeline\n========\n\n**Employment**\n\n" + bullet_items(n)


OTHER_PAGES = {f"page{k}.rst": f"Page {k}\n======\n\nText {k}.\n" for k in range(3)}
TOCTREE = "\n.. toctree::\n\n   page0\n   page1\n   page2\n"


def timeline_projects(root: Path, n: int) -> tuple[Path, Path]:
    ours = write(
        root / f"tl-cv-{n}",
        {"conf.py": 'extensions = ["sphinx_cv"]\n', "index.rst": timeline_rst(n) + TOCTREE, **OTHER_PAGES},
    )
    base = write(
        root / f"tl-base-{n}",
        {"conf.py": "extensions = []\n", "index.rst": bullets_rst(n) + TOCTREE, **OTHER_PAGES},
    )
    return ours, base


def timeline_md(n: int) -> str:
    """The timeline of :func:`timeline_rst` in MyST (colon fences, as the README shows)."""
    lines = ["# Timeline\n\n::::{cv-timeline} Employment\n:order: newest\n"]
    for i in range(n):
        lines.append(
            f":::{{cv-entry}} Position {i}\n:subtitle: Institute {i % 50}, Department {i % 7}\n"
            f":start: {1980 + i % 40}-{1 + i % 12:02d}\n:end: {1981 + i % 40}\n:location: City {i % 30}\n\n"
            f"- achievement {i} with *emphasis*\n:::\n"
        )
    return "\n".join([*lines, "::::\n"])


def bullets_md(n: int) -> str:
    return "# Timeline\n\n**Employment**\n\n" + bullet_items(n)


MYST_CONF = 'myst_enable_extensions = ["colon_fence"]\n'
MD_TOCTREE = "\n```{toctree}\npage0\npage1\npage2\n```\n"


def myst_timeline_projects(root: Path, n: int) -> tuple[Path, Path]:
    """The same pair in MyST: MyST reads directive options itself, so its costs differ."""
    ours = write(
        root / f"tl-md-cv-{n}",
        {
            "conf.py": 'extensions = ["myst_parser", "sphinx_cv"]\n' + MYST_CONF,
            "index.md": timeline_md(n) + MD_TOCTREE,
            **OTHER_PAGES,
        },
    )
    base = write(
        root / f"tl-md-base-{n}",
        {
            "conf.py": 'extensions = ["myst_parser"]\n' + MYST_CONF,
            "index.md": bullets_md(n) + MD_TOCTREE,
            **OTHER_PAGES,
        },
    )
    return ours, base


def pages_projects(root: Path, n: int) -> tuple[Path, Path]:
    """A page per publication (and the list linking them) against the floor for ``n`` pages: Sphinx
    writing ``n`` one-paragraph documents, with the same theme (Furo)."""
    ours = write(
        root / f"pages-cv-{n}",
        {
            "conf.py": f'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\ncv_author = "{OWNER}"\n'
            'html_theme = "furo"\ncv_publication_pages = True\nhtml_baseurl = "https://example.org/"\n',
            "refs.bib": bib_entries(n),
            "index.rst": "Home\n====\n\n.. toctree::\n\n   pubs\n",
            "pubs.rst": "Publications\n============\n\n.. cv-publications::\n",
        },
    )
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
    """Edit one entry of ``n``: the rebuild rewrites that entry's page and the list page only."""
    ours, _ = pages_projects(root, n)
    out = work / "out-pages-inc"
    clean = build(ours, out)
    before = _html_mtimes(out / "html")
    bib = ours / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Problem 7:", "Problem 7 (revised):"), "utf-8")
    again = build(ours, out, clean=False)
    after = _html_mtimes(out / "html")
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    # of the publication pages only the edited one; the list page (and whatever Sphinx itself
    # rewrites around a changed document: its toctree parent, genindex, search)
    expected = ["publications/key7.html"]
    row = Row(
        "pages incremental (1 edited)",
        n,
        clean.wall,
        again.wall,
        again.wall / clean.wall,
        1.0,
        "rewrites 1 page + list",
        [w for w in written if w.startswith("publications/")] == expected and "pubs.html" in written,
        1,
    )
    return row, written


# ---- the run ---------------------------------------------------------------------------------------


@dataclass
class Row:
    case: str
    size: int
    baseline_s: float
    cv_s: float
    ratio: float
    mem_ratio: float
    target: str
    met: bool
    runs: int  #: builds of each side; the fastest counts


def compare(case: str, size: int, target: float, pair: tuple[Path, Path], work: Path, repeat: int) -> Row:
    """Baseline and sphinx-cv builds alternate, so a change in machine load hits both alike."""
    ours, base = pair
    runs: dict[str, list[Measure]] = {"base": [], "cv": []}
    for _ in range(repeat):
        runs["base"].append(build(base, work / "out-base"))
        runs["cv"].append(build(ours, work / "out-cv"))
    b = min(runs["base"], key=lambda m: m.wall)
    c = min(runs["cv"], key=lambda m: m.wall)
    if b.warnings or c.warnings:
        print(f"  note: {case} {size}: warnings baseline={b.warnings} sphinx-cv={c.warnings}")
    ratio = c.wall / b.wall
    mem = c.peak_mib / b.peak_mib
    return Row(case, size, b.wall, c.wall, ratio, mem, f"<= {target}x", ratio <= target, repeat)


def incremental(root: Path, work: Path, repeat: int) -> tuple[Row, list[str]]:
    """Edit one entry of a 1,000-entry page: the rebuild against a clean build."""
    ours, _ = timeline_projects(root, 1000)
    clean = best(ours, work / "out-inc", repeat)
    times, read = [], []
    for attempt in range(repeat):
        build(ours, work / "out-inc")
        (ours / "index.rst").write_text(timeline_rst(1000, edit=attempt) + TOCTREE, encoding="utf-8")
        again = build(ours, work / "out-inc", clean=False)
        times.append(again.wall)
        read = again.read
    inc = min(times)
    return Row(
        "incremental (1 entry edited)",
        1000,
        clean.wall,
        inc,
        inc / clean.wall,
        1.0,
        "re-reads 1 page",
        read == ["index"],
        repeat,
    ), read


CASES = ("publications", "timeline", "myst", "incremental", "pages", "styles")


def run(
    sizes_pubs: list[int],
    sizes_tl: list[int],
    repeat: int,
    sizes_pages: list[int],
    cases: Sequence[str] = CASES,
) -> dict:
    rows: list[Row] = []
    read: list[str] = []
    written: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sphinx-cv-bench-") as tmp:
        root, work = Path(tmp) / "src", Path(tmp) / "build"

        def step(row: Row) -> None:
            rows.append(row)
            print(_line(row), flush=True)

        print(_header(), flush=True)
        for n in sizes_pubs if "publications" in cases else []:
            step(
                compare("publications vs bibliography", n, 1.15, publications_projects(root, n), work, repeat)
            )
        # builds of a second or less: one background hiccup is a large share of them, so the
        # fastest of more runs is needed to see the undisturbed time (still interleaved)
        tl_repeat = max(repeat, SHORT_BUILD_REPEAT) if repeat > 1 else repeat
        for n in sizes_tl if "timeline" in cases else []:
            step(compare("timeline vs bullet lists", n, 1.3, timeline_projects(root, n), work, tl_repeat))
        for n in sizes_tl if "myst" in cases else []:
            pair = myst_timeline_projects(root, n)
            step(compare("timeline vs bullets, MyST", n, 1.3, pair, work, tl_repeat))
        if "incremental" in cases:
            row, read = incremental(root, work, repeat)
            step(row)
        for n in sizes_pages if "pages" in cases else []:
            step(compare("publication pages vs pages", n, 1.3, pages_projects(root, n), work, repeat))
        if sizes_pages and "pages" in cases:
            row, written = pages_incremental(root, work, sizes_pages[-1])
            step(row)
        if "styles" in cases:
            n = max(n for n in sizes_pubs if n <= 1000)
            step(compare("APA vs the built-in look", n, 2.0, styles_projects(root, n), work, repeat))
    pubs = {r.size: r.cv_s for r in rows if r.case.startswith("publications")}
    growth = pubs[5000] / pubs[1000] if 5000 in pubs and 1000 in pubs else None
    if growth is not None:
        print(f"\npublications 5,000 / 1,000 entries: {growth:.2f}x (target <= 5.5x)")
    print(f"incremental rebuild re-read: {read}")
    print(f"publication pages, one entry edited, files written: {written}")
    return {
        "rows": [asdict(r) for r in rows],
        "growth_5000_over_1000": growth,
        "incremental_read": read,
        "pages_incremental_written": written,
        "python": sys.version.split()[0],
    }


def _header() -> str:
    return (
        f"{'case':<30} {'size':>5} {'baseline s':>10} {'sphinx-cv s':>11} {'ratio':>6} "
        f"{'mem':>5}  target\n" + "-" * 86
    )


def _line(r: Row) -> str:
    mark = "ok" if r.met else "MISSED"
    return (
        f"{r.case:<30} {r.size:>5} {r.baseline_s:>10.2f} {r.cv_s:>11.2f} {r.ratio:>6.2f} "
        f"{r.mem_ratio:>5.2f}  {r.target} {mark}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat (a smoke run)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per measurement; the fastest counts")
    parser.add_argument("--output", type=Path, default=Path("bench-results/bench.json"))
    parser.add_argument("--case", action="append", choices=CASES, help="run only these cases (repeatable)")
    args = parser.parse_args()
    sizes = (
        ([100, 300], [100], 1, [300]) if args.quick else ([100, 1000, 5000], [100, 1000], args.repeat, [5000])
    )
    result = run(*sizes, cases=args.case or CASES)
    result["median_ratio"] = statistics.median(r["ratio"] for r in result["rows"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
