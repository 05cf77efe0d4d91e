"""A timeline's entries made anew (``walk.compacted``) build exactly what the parsed ones do.

The copy only moves nodes in memory (see its docstring); anything the document
holds by reference (a target, a footnote, a citation, an id) must keep the
node it holds, so such timelines are left as parsed. Both kinds are built
with the copy and without it, in reST and in MyST, and must not differ in a
byte, a warning or a node's line.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import ROOTS, warnings_of, written_files
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_cv import timeline, walk


class Built(NamedTuple):
    files: dict[str, bytes]
    warnings: str
    lines: list[tuple[str, str, str, int | None]]  #: each node's page, tag, source and line
    copied: list[bool]  #: for each timeline, whether its entries were made anew


def _build(src: Path, builder: str, *, copy: bool, monkeypatch: pytest.MonkeyPatch) -> Built:
    copied: list[bool] = []

    def watched(items: list[Any]) -> list[Any]:
        found = walk.compacted(items) if copy else items
        copied.append(found is not items)
        return found

    monkeypatch.setattr(timeline, "compacted", watched)
    lines: list[tuple[str, str, str, int | None]] = []
    app = SphinxTestApp(builder, srcdir=src, freshenv=True)
    try:
        app.connect(
            "doctree-resolved",
            lambda app, doctree, docname: lines.extend(
                (docname, n.tagname, (n.source or "").replace(str(src), "<src>"), n.line)
                for n in doctree.findall(nodes.Node)
            ),
        )
        app.build()
        return Built(
            written_files(Path(app.outdir)), warnings_of(app).replace(str(src), "<src>"), lines, copied
        )
    finally:
        app.cleanup()


@pytest.mark.parametrize("builder", ["html", "text"])
def test_entries_made_anew_build_the_same(
    tmp_path: Path, builder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    shutil.copytree(ROOTS / "test-compact", tmp_path / "copy")
    shutil.copytree(ROOTS / "test-compact", tmp_path / "parsed")
    ours = _build(tmp_path / "copy", builder, copy=True, monkeypatch=monkeypatch)
    theirs = _build(tmp_path / "parsed", builder, copy=False, monkeypatch=monkeypatch)
    assert ours.files.keys() == theirs.files.keys()
    assert [f for f in ours.files if ours.files[f] != theirs.files[f]] == []
    assert ours.warnings == theirs.warnings
    assert ours.warnings.count("unknown-role") == 3
    assert ours.lines == theirs.lines
    # reST: the plain one and the nested one; MyST: the plain one. The rest hold targets and notes
    assert ours.copied.count(True) == 3, ours.copied
    assert ours.copied.count(False) == 2, ours.copied


def test_what_the_document_holds_still_resolves(tmp_path: Path) -> None:
    """The footnote, the citation and both targets in the kept timelines link as written."""
    shutil.copytree(ROOTS / "test-compact", tmp_path / "src")
    app = SphinxTestApp("html", srcdir=tmp_path / "src", freshenv=True)
    try:
        app.build()
        index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
        page = (Path(app.outdir) / "page.html").read_text(encoding="utf-8")
    finally:
        app.cleanup()
    assert 'href="#award"' in index and 'id="award"' in index
    assert 'class="footnote-reference brackets" href="#fund"' in index
    assert 'href="#cit2015"' in index
    assert 'href="#md-target"' in page and 'id="md-target"' in page
    assert 'class="footnote-reference brackets" href="#note"' in page
    assert "the Foundation" in page
