"""``walk.blocks`` finds what ``findall`` finds, on the doctrees of real builds.

The read and write handlers (exports, feed, profile, publication links) find
their containers with :func:`sphinx_cv.walk.blocks`, which does not enter text
elements. Each test root's every document, as read, is searched both ways for
each kind those handlers look for, and the lists must be the same nodes in the
same order (with ``skip``: the same as ``findall`` less what is inside a node of
``skip``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOTS
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.nodes import cv_entry, cv_profile, cv_pub, cv_pub_downloads, cv_publications, cv_timeline
from sphinx_cv.walk import blocks

KINDS = (cv_timeline, cv_profile, cv_publications, cv_pub, cv_pub_downloads, cv_entry, nodes.section)
SOURCES = ("test-export", "test-export-pubs", "test-homepage", "test-feed-pubs", "test-multi", "test-myst")


def _outside(node: nodes.Node, root: nodes.Node, skip: type[nodes.Element]) -> bool:
    parent = node.parent
    while parent is not None and parent is not root:
        if isinstance(parent, skip):
            return False
        parent = parent.parent
    return True


@pytest.mark.parametrize("name", SOURCES)
def test_blocks_finds_what_findall_finds(tmp_path: Path, name: str) -> None:
    src = tmp_path / name
    shutil.copytree(ROOTS / name, src)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        searched = 0
        for docname in sorted(app.env.found_docs):
            doctree = app.env.get_doctree(docname)
            for kind in KINDS:
                expected = list(doctree.findall(kind))
                assert [id(n) for n in blocks(doctree, kind)] == [id(n) for n in expected], (docname, kind)
                searched += len(expected)
            for timeline in doctree.findall(cv_timeline):
                papers = [p for p in timeline.findall(cv_pub) if _outside(p, timeline, cv_entry)]
                assert blocks(timeline, cv_pub, skip=cv_entry) == papers, docname
        assert searched > 0
    finally:
        app.cleanup()


def test_blocks_does_not_enter_text_elements() -> None:
    """What sits inside a paragraph (inline markup) is not found: the reason the walk is short."""
    document = nodes.document(None, None)  # type: ignore[arg-type]
    paragraph = nodes.paragraph("", "", nodes.emphasis("", "inline"))
    document += nodes.section("", paragraph)
    assert blocks(document, nodes.emphasis) == []
    assert blocks(document, nodes.paragraph) == [paragraph]
    assert len(list(document.findall(nodes.emphasis))) == 1
