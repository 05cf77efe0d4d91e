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
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from common import OWNER, Row, best, bib_entries, build, compare, write
from pages import pages_rows

#: repeats for the timeline cases, whose builds are short (see :func:`run`)
SHORT_BUILD_REPEAT = 7
#: the list size with its own target: 0.4x of sphinxcontrib-bibtex's ``bibliography :all:``
LIST_SIZE = 3000


# ---- synthetic sources ---------------------------------------------------------------------------


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


# ---- the run ---------------------------------------------------------------------------------------


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
    with tempfile.TemporaryDirectory(prefix="sphinx-cv-bench-") as tmp:
        root, work = Path(tmp) / "src", Path(tmp) / "build"

        def step(row: Row) -> None:
            rows.append(row)
            print(_line(row), flush=True)

        print(_header(), flush=True)
        for n in sizes_pubs if "publications" in cases else []:
            target = 0.4 if n == LIST_SIZE else 1.15
            step(
                compare(
                    "publications vs bibliography", n, target, publications_projects(root, n), work, repeat
                )
            )
        # builds of a second or less: one background hiccup is a large share of them, so the
        # fastest of more runs is needed to see the undisturbed time (still interleaved)
        tl_repeat = max(repeat, SHORT_BUILD_REPEAT) if repeat > 1 else repeat
        for n in sizes_tl if "timeline" in cases else []:
            step(compare("timeline vs bullet lists", n, 1.15, timeline_projects(root, n), work, tl_repeat))
        for n in sizes_tl if "myst" in cases else []:
            pair = myst_timeline_projects(root, n)
            step(compare("timeline vs bullets, MyST", n, 1.15, pair, work, tl_repeat))
        if "incremental" in cases:
            row, read = incremental(root, work, repeat)
            step(row)
        if sizes_pages and "pages" in cases:
            small, large = sizes_pages[0], sizes_pages[-1] if len(sizes_pages) > 1 else 0
            for row in pages_rows(root, work, small, large, repeat):
                step(row)
        if "styles" in cases:
            n = max(n for n in sizes_pubs if n <= 1000)
            step(compare("APA vs the built-in look", n, 2.0, styles_projects(root, n), work, repeat))
    pubs = {r.size: r.cv_s for r in rows if r.case.startswith("publications")}
    growth = pubs[5000] / pubs[1000] if 5000 in pubs and 1000 in pubs else None
    if growth is not None:
        print(f"\npublications 5,000 / 1,000 entries: {growth:.2f}x (target <= 5.5x)")
    print(f"incremental rebuild re-read: {read}")
    return {
        "rows": [asdict(r) for r in rows],
        "growth_5000_over_1000": growth,
        "incremental_read": read,
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


def compile_package() -> None:
    """Bytecode for sphinx-cv, as the baselines' packages have: pip compiles a package it installs,
    but an editable install under ``PYTHONDONTWRITEBYTECODE`` (set on some machines) has none, and
    every measured build would then compile the extension's source again (about 0.3 s)."""
    import compileall

    import sphinx_cv

    compileall.compile_dir(str(Path(sphinx_cv.__file__).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one repeat (a smoke run)")
    parser.add_argument("--repeat", type=int, default=3, help="builds per measurement; the fastest counts")
    parser.add_argument("--output", type=Path, default=Path("bench-results/bench.json"))
    parser.add_argument("--case", action="append", choices=CASES, help="run only these cases (repeatable)")
    args = parser.parse_args()
    sizes = (
        ([100, 300], [100], 1, [300])
        if args.quick
        else ([100, 1000, LIST_SIZE, 5000], [100, 1000], args.repeat, [5000, 20000])
    )
    compile_package()
    result = run(*sizes, cases=args.case or CASES)
    result["median_ratio"] = statistics.median(r["ratio"] for r in result["rows"])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
