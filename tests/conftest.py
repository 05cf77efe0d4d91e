"""Real Sphinx builds of the tiny projects under ``tests/roots/test-*``."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def written_files(outdir: Path) -> dict[str, bytes]:
    """Every file a build wrote, by path (but ``.buildinfo``, which holds a hash of the config)."""
    return {
        str(p.relative_to(outdir)): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name != ".buildinfo"
    }


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


# ---- the browser: one Chromium for every browser test (tests/test_browser.py, tests/test_filter.py) ----

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _chromium() -> str:
    """Debian's Chromium; Playwright's own browser download is never used."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if path and os.access(path, os.X_OK):
        return path
    message = "Chromium not found: install Debian's package (apt-get install chromium) or set CHROMIUM=/path"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (.ci/run installs it)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (2 shared CPU cores: launch it once).

    Here, not in a test module: Playwright's sync API runs once per thread, so
    two modules with a Chromium each would clash.
    """
    playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    executable = _chromium()
    with playwright_api.sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No access log in the test output."""


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` over HTTP on 127.0.0.1 (an ephemeral port), as a visitor gets it."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
