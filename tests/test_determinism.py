"""Same sources, same site: clean builds, parallel builds and incremental builds agree byte for byte."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS
from sphinx.testing.util import SphinxTestApp

#: roots whose output is compared; later issues add theirs
ROOT_NAMES = ["test-multi", "test-rst", "test-myst", "test-pubs", "test-source"]


def _outputs(outdir: Path) -> dict[str, bytes]:
    """Every published file (doctrees and build info are Sphinx's own bookkeeping)."""
    return {
        str(p.relative_to(outdir)): _search_index(p.read_bytes())
        if p.name == "searchindex.js"
        else p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"
    }


def _search_index(raw: bytes) -> bytes:
    """Sphinx's index without empty term entries.

    After an incremental build Sphinx keeps a term whose last document lost it
    as ``"term": []`` where a clean build omits it (Sphinx's indexer, not ours);
    everything else must match.
    """
    text = raw.decode("utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for key in ("terms", "titleterms"):
        data[key] = {term: docs for term, docs in data[key].items() if docs != []}
    return json.dumps(data, sort_keys=True).encode("utf-8")


def _build(src: Path, read: list[str] | None = None, **kwargs) -> dict[str, bytes]:
    """Build in a new application (as a new sphinx-build run); ``read`` collects re-read docnames."""
    app = SphinxTestApp("html", srcdir=src, **kwargs)
    if read is not None:
        app.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    try:
        app.build()
        assert "Traceback" not in app.warning.getvalue()
        return _outputs(Path(app.outdir))
    finally:
        app.cleanup()


def _copy(root: str, dest: Path) -> Path:
    shutil.copytree(ROOTS / root, dest)
    return dest


@pytest.fixture(autouse=True)
def _fixed_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1594944000")


def _diff(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.mark.parametrize("root", ROOT_NAMES)
def test_two_clean_builds_are_identical(tmp_path: Path, root: str) -> None:
    first = _build(_copy(root, tmp_path / "a"))
    second = _build(_copy(root, tmp_path / "b"))
    assert len(first) > 5
    assert _diff(first, second) == []


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    serial = _build(_copy("test-multi", tmp_path / "serial"))
    parallel = _build(_copy("test-multi", tmp_path / "parallel"), parallel=2)
    assert _diff(serial, parallel) == []


def _edit(src: Path, name: str, old: str, new: str) -> None:
    path = src / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


CHANGES = [
    # (root, file, old text, new text, what the rebuilt site must then show)
    ("test-multi", "page3.rst", "Position 3a", "Position 3a (edited)", "Position 3a (edited)"),
    ("test-multi", "page3.rst", ":order: newest", ":order: oldest", "Position 3b"),
    ("test-multi", "index.rst", ":github: janedoe", ":github: jdoe", "github.com/jdoe"),
    ("test-source", "data/resume.json", '"Research Scientist"', '"Edited Scientist"', "Edited Scientist"),
    (
        "test-pubs",
        "refs.bib",
        "via \\emph{Edgeworth} Expansion",
        "via Edited Expansion",
        "via Edited Expansion",
    ),
]


@pytest.mark.parametrize(("root", "name", "old", "new", "marker"), CHANGES)
def test_incremental_build_equals_clean_build(
    tmp_path: Path, root: str, name: str, old: str, new: str, marker: str
) -> None:
    """After editing a page, a data file or the .bib, an incremental build is a clean build."""
    src = _copy(root, tmp_path / "inc")
    everything: list[str] = []
    _build(src, everything)
    _edit(src, name, old, new)
    # a new application, as a second sphinx-build run is: builder-inited (where the .bib is
    # re-parsed) fires once per application
    reread: list[str] = []
    incremental = _build(src, reread)
    assert 0 < len(reread) < len(everything), "the second build must be incremental"
    clean_src = _copy(root, tmp_path / "clean")
    _edit(clean_src, name, old, new)
    clean = _build(clean_src)
    assert marker.encode() in b"".join(v for k, v in incremental.items() if k.endswith(".html"))
    assert _diff(incremental, clean) == []


def _library(n: int, without_author: int) -> str:
    """``n`` entries; the one at ``without_author`` has no author (its page warns of Google Scholar)."""
    entries = []
    for i in range(n):
        author = "" if i == without_author else f"  author = {{Doe, Jane and Smith, Ann{i}}},\n"
        entries.append(
            f"@article{{key{i},\n{author}  title = {{Problem {i}}},\n  journal = {{Annals {i % 7}}},\n"
            f"  year = {{{1990 + i % 30}}},\n  doi = {{10.1000/x.{i}}},\n}}\n"
        )
    return "\n".join(entries)


def test_parallel_publication_pages_equal_serial(tmp_path: Path) -> None:
    """With ``-j 2`` the publication pages are shared out among two processes (from 200 pages):
    every file the same as with ``-j 1``, and a warning said while writing a page of the second
    share still reaches the build's warnings."""
    outputs, warnings = [], []
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        src.mkdir()
        (src / "conf.py").write_text(
            'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\ncv_author = "Jane Doe"\n'
            'cv_publication_pages = True\nhtml_baseurl = "https://example.org/"\n',
            encoding="utf-8",
        )
        (src / "refs.bib").write_text(_library(240, without_author=230), encoding="utf-8")
        (src / "index.rst").write_text("Papers\n======\n\n.. cv-publications::\n", encoding="utf-8")
        app = SphinxTestApp("html", srcdir=src, parallel=jobs)
        try:
            app.build()
            outputs.append(_outputs(Path(app.outdir)))
            warnings.append(app.warning.getvalue())
        finally:
            app.cleanup()
    serial, parallel = outputs
    assert sum(name.startswith("publications/") and name.endswith(".html") for name in parallel) == 240
    assert _diff(serial, parallel) == []
    assert "Traceback" not in warnings[1]
    said = [w for w in warnings if "key230" in w and "Google Scholar will miss it" in w]
    assert len(said) == 2, warnings
