"""Talks, teaching, grants and news in Chromium (Furo): axe without violations, light and dark,
phone and desktop, and every link of an entry's row reached by keyboard."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS
from sphinx.testing.util import SphinxTestApp
from test_browser import BLOCKING_IMPACTS, browser, serve  # noqa: F401  (browser: the session's Chromium)

axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def homepage_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/roots/test-homepage built with Furo, served on 127.0.0.1."""
    src = tmp_path_factory.mktemp("homepage") / "src"
    shutil.copytree(ROOTS / "test-homepage", src)
    with (src / "conf.py").open("a") as conf:
        conf.write('html_theme = "furo"\n')
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    with serve(Path(app.outdir)) as base:
        yield base


@pytest.mark.parametrize(("scheme", "width"), [(s, w) for s in ("light", "dark") for w in (375, 1280)])
def test_axe_on_the_kinds(browser: Any, homepage_site: str, scheme: str, width: int) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page.goto(homepage_site + "index.html")
        result = axe_module.Axe().run(page).response
        blocking = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in result["violations"]
            if v["impact"] in BLOCKING_IMPACTS
            and v["id"] != "landmark-unique"  # Furo's two unlabelled drawers (tests/test_browser.py)
        ]
        assert blocking == []
        heights = page.eval_on_selector_all(
            ".cv-entry a.cv-pub-link", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 24, "pills are targets of at least 24 px (WCAG 2.5.8)"
    finally:
        page.close()


def test_every_link_of_a_talk_is_reached_by_keyboard(browser: Any, homepage_site: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(homepage_site + "index.html")
        reached: list[str] = []
        for _ in range(80):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.textContent.trim()"))
        order = [text for text in reached if text in ("Slides", "Video", "Event")]
        assert order[:3] == ["Slides", "Video", "Event"], reached
    finally:
        page.close()
