"""What every bench case shares: one build in a fresh process, synthetic .bib files, a result row."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
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


def build(src: Path, out: Path, *, clean: bool = True, jobs: int = 1) -> Measure:
    """One build in a fresh interpreter, so timing and peak memory are its own (``jobs``: -j)."""
    if clean and out.exists():
        shutil.rmtree(out)
    command = [sys.executable, str(CHILD), str(src), str(out), str(jobs)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return Measure(**json.loads(done.stdout.strip().splitlines()[-1]))


def best(src: Path, out: Path, repeat: int) -> Measure:
    """The fastest of ``repeat`` clean builds (the least disturbed by other load)."""
    runs = [build(src, out) for _ in range(repeat)]
    return min(runs, key=lambda m: m.wall)


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
