"""A list's entries are rendered when its page is written, and the site comes out the same.

``cv-publications`` keeps a plan of its entries while the page is read and
renders them in the first post-transform (``publications/deferred.py``). Each
test root here is built twice, as it is and with a read-time transform that
renders every plan as soon as Sphinx's own transforms are done (before
``doctree-read``), and every written file must be byte for byte the same (the
builds' warnings too). A transform of a third-party extension and a
``doctree-read`` handler see no entries; a ``doctree-resolved`` handler sees
them all, with the ids the page reserved for them.
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS, warnings_of, written_files
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp
from sphinx.transforms import SphinxTransform

from sphinx_cv.nodes import cv_parked, cv_pub
from sphinx_cv.publications import deferred
from sphinx_cv.publications.deferred import render_entries, render_parked

ROOTS_BUILT = ("test-pubs", "test-pubs-alfolio", "test-export-pubs", "test-styles", "test-pubs-hostile")


class _RenderAtRead(SphinxTransform):
    """The entries rendered while the page is read, the way the extension once did."""

    default_priority = 879  # the last before doctree-read (880)

    def apply(self, **kwargs: Any) -> None:
        render_entries(self.document, self.config)


def _build(src: Path, at_read: bool) -> tuple[dict[str, bytes], str]:
    app = SphinxTestApp("html", srcdir=src)
    try:
        if at_read:
            app.add_transform(_RenderAtRead)
        app.build()
        files = written_files(Path(app.outdir))
        return files, warnings_of(app).replace(str(src), "<src>")
    finally:
        app.cleanup()


@pytest.mark.parametrize("name", ROOTS_BUILT)
def test_entries_rendered_at_write_build_the_same_site(tmp_path: Path, name: str, monkeypatch: Any) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    shutil.copytree(ROOTS / name, tmp_path / "write")
    shutil.copytree(ROOTS / name, tmp_path / "read")
    at_write, write_warnings = _build(tmp_path / "write", at_read=False)
    at_read, read_warnings = _build(tmp_path / "read", at_read=True)
    assert at_write.keys() == at_read.keys()
    assert [f for f in at_write if at_write[f] != at_read[f]] == []
    assert write_warnings == read_warnings
    assert any(b"cv-pub" in data for data in at_write.values())


class _Seen(SphinxTransform):
    """A read-time transform of somebody else's: counts the entries it can see."""

    default_priority = 500
    counts: list[int] = []

    def apply(self, **kwargs: Any) -> None:
        self.counts.append(len(list(self.document.findall(cv_pub))))


def test_read_time_sees_no_entries_and_doctree_resolved_sees_them_all(tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-pubs", tmp_path / "src")
    read: list[int] = []
    resolved: list[tuple[str, bool]] = []
    app = SphinxTestApp("html", srcdir=tmp_path / "src")
    try:
        _Seen.counts = []
        app.add_transform(_Seen)

        def count(_app: Sphinx, doctree: nodes.document) -> None:
            read.append(len(list(doctree.findall(cv_pub))))

        def entries(_app: Sphinx, doctree: nodes.document, _docname: str) -> None:
            assert not list(doctree.findall(cv_parked))
            for entry in doctree.findall(cv_pub):
                resolved.append((entry["ids"][0], doctree.ids.get(entry["ids"][0]) is entry))

        app.connect("doctree-read", count)
        app.connect("doctree-resolved", entries)
        app.build()
    finally:
        app.cleanup()
    assert sum(read) == 0
    assert sum(_Seen.counts) == 0
    assert len(resolved) > 5
    assert all(mapped for _id, mapped in resolved)


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collection_paused_only_while_entries_are_rendered(tmp_path: Path, enabled: bool) -> None:
    """The collector is off while a list's entries are rendered, and as it was before once they are."""
    shutil.copytree(ROOTS / "test-pubs", tmp_path / "src")
    during: list[bool] = []
    app = SphinxTestApp("html", srcdir=tmp_path / "src")
    original = render_parked

    def watched(*args: Any) -> None:
        during.append(gc.isenabled())
        original(*args)

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(deferred, "render_parked", watched)
            app.build()
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
        app.cleanup()
    assert during and not any(during)
    assert after is enabled
