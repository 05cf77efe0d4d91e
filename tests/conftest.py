"""Real Sphinx builds of the tiny projects under ``tests/roots/test-*``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import sphinx
from bs4 import BeautifulSoup

pytest_plugins = ["sphinx.testing.fixtures"]

if sphinx.version_info < (8,):
    # The tests find each warning by its type ("... [cv.date]"), which Sphinx shows by
    # default from 8.0 on; on 7.4 (`nox -s tests-oldest`) every test app shows it too.
    from sphinx.config import Config, _Opt

    Config.config_values["show_warning_types"] = _Opt(True, "env", frozenset((bool,)))

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
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


DOCS = Path(__file__).parent.parent / "docs"
#: Pages Sphinx generates around the content (an empty index, the search page):
#: they get the theme-level checks, not the content checks.
GENERATED_PAGES = frozenset({"genindex", "search"})


@dataclass(frozen=True)
class DemoSite:
    """The demo site (``docs/``) as built once per test session."""

    root: Path
    pages: tuple[str, ...]  #: every HTML page, as ``cv`` for ``cv.html``

    @property
    def content_pages(self) -> tuple[str, ...]:
        return tuple(p for p in self.pages if p not in GENERATED_PAGES)

    def html(self, page: str) -> str:
        return (self.root / f"{page}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> DemoSite:
    """``sphinx-build -W`` of docs/, as ``nox -s build`` runs it, but with the network cut off.

    Read the Docs variables are dropped so the canonical URL is the local default.
    """
    out = tmp_path_factory.mktemp("demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
    cmd = [sys.executable, str(Path(__file__).parent / "build_offline.py"), "-q", "-W", "--keep-going"]
    cmd += ["-b", "html", "-d", str(out / "doctrees"), str(DOCS), str(out / "html")]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"demo build failed:\n{done.stdout}\n{done.stderr}"
    root = out / "html"
    pages = tuple(sorted(p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.html")))
    return DemoSite(root, pages)


def assert_located_warnings(app, expected: list[tuple[str, int, str, str]], *, extra: int = 0) -> list[str]:
    """Each ``(file, line, subtype, fragment)`` is one ``cv.<subtype>`` warning at ``file:line``.

    No traceback, and no other warning but ``extra`` ones the caller checks
    itself. Use with ``freshenv=True`` (see :func:`warnings_of`).
    """
    text = warnings_of(app)
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if "WARNING" in line]
    for filename, lineno, subtype, fragment in expected:
        pattern = re.compile(
            rf"{re.escape(filename)}:{lineno}: WARNING: .*{re.escape(fragment)}.*\[cv\.{subtype}\]$"
        )
        assert any(pattern.search(line) for line in lines), (filename, lineno, fragment, lines)
    assert len(lines) == len(expected) + extra, lines
    return lines
