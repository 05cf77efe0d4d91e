"""Real Sphinx builds of the tiny projects under ``tests/roots/test-*``."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def soup_of(app, docname: str = "index") -> BeautifulSoup:
    """The built HTML page of ``docname``, parsed."""
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def main_of(app, docname: str = "index") -> BeautifulSoup:
    """The page's main content, without theme chrome."""
    return soup_of(app, docname).select_one('[role="main"]')


def warnings_of(app) -> str:
    """Everything the build warned, colour codes removed.

    Tests that assert on warnings use ``freshenv=True``: the testing fixtures
    reuse a root's source dir, so a second build would re-read nothing.
    """
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
