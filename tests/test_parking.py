"""A list's entries are parked while the page is read, and the site comes out the same.

``cv-publications`` holds its entries out of the page during Sphinx's
read-time transforms (``publications/parking.py``). Each test root here is
built twice, with the entries parked and with ``park_entries`` doing nothing,
and every written file must be byte for byte the same (the builds' warnings
too); a transform of a third-party extension sees no entries, a ``doctree-read``
handler sees them all.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS, warnings_of
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp
from sphinx.transforms import SphinxTransform

from sphinx_cv.nodes import cv_pub
from sphinx_cv.publications import directive

ROOTS_BUILT = ("test-pubs", "test-pubs-alfolio", "test-export-pubs", "test-styles", "test-pubs-hostile")


def _build(src: Path, builder: str = "html") -> tuple[dict[str, bytes], str]:
    app = SphinxTestApp(builder, srcdir=src)
    try:
        app.build()
        out = Path(app.outdir)
        files = {
            str(p.relative_to(out)): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".buildinfo"
        }
        return files, warnings_of(app).replace(str(src), "<src>")
    finally:
        app.cleanup()


@pytest.mark.parametrize("name", ROOTS_BUILT)
def test_parked_entries_build_the_same_site(tmp_path: Path, name: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    shutil.copytree(ROOTS / name, tmp_path / "parked")
    shutil.copytree(ROOTS / name, tmp_path / "inline")
    parked, parked_warnings = _build(tmp_path / "parked")
    monkeypatch.setattr(directive, "park_entries", lambda node, env: None)
    inline, inline_warnings = _build(tmp_path / "inline")
    assert parked.keys() == inline.keys()
    assert [f for f in parked if parked[f] != inline[f]] == []
    assert parked_warnings == inline_warnings
    assert any(b"cv-pub" in data for data in parked.values())


class _Seen(SphinxTransform):
    """A read-time transform of somebody else's: counts the entries it can see."""

    default_priority = 500
    counts: list[int] = []

    def apply(self, **kwargs: Any) -> None:
        self.counts.append(len(list(self.document.findall(cv_pub))))


def test_transforms_skip_the_entries_and_doctree_read_sees_them(tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-pubs", tmp_path / "src")
    read: list[int] = []
    app = SphinxTestApp("html", srcdir=tmp_path / "src")
    try:
        _Seen.counts = []
        app.add_transform(_Seen)

        def count(_app: Sphinx, doctree: nodes.document) -> None:
            read.append(len(list(doctree.findall(cv_pub))))

        app.connect("doctree-read", count)
        app.build()
    finally:
        app.cleanup()
    assert sum(read) > 0
    assert sum(_Seen.counts) == 0
