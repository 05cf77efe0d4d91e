"""Right-to-left pages in Chromium: the timeline, action row and contacts mirror, text keeps its order.

``tests/roots/test-rtl`` built in Arabic, Hebrew and Persian, and in English as
the mirror image they are measured against, at phone and desktop widths, light
and dark; axe-core finds nothing on them.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS
from test_browser import BLOCKING_IMPACTS, PHONE_LAYOUT_MAX, WIDTHS, axe_module, browser, serve

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the session's Chromium, a fixture of test_browser

LANGUAGES = ("ar", "he", "fa", "en")

#: geometry of the parts that mirror, in one round trip
MIRROR_JS = """() => {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return {x: r.left, r: r.right, y: r.top, b: r.bottom};
  };
  const entries = [...document.querySelectorAll(".cv-timeline > ul.cv-entries > li.cv-entry")]
    .filter((li) => !li.parentElement.closest("li.cv-entry"))
    .map((li) => ({li: box(li), dates: box(li.querySelector(".cv-dates")),
                   title: box(li.querySelector(".cv-title"))}));
  const actions = [...document.querySelector(".cv-pub-actions").children].flatMap((c) =>
    c.matches("p") ? [...c.querySelectorAll("a")] : [c.querySelector("summary")]).map(box);
  const contacts = [...document.querySelectorAll("ul.cv-contact > li")].map(box);
  // the award's text: "For being an example." keeps its full stop at its end, not before "For"
  const text = document.querySelector(".cv-pub-award-text").firstChild;
  const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1);
                      return r.getBoundingClientRect().left; };
  const s = text.textContent;
  return {dir: getComputedStyle(document.querySelector(".cv-timeline")).direction, entries, actions, contacts,
          stop: at(s.lastIndexOf(".")) - at(s.indexOf("F")),
          sideways: document.documentElement.scrollWidth - innerWidth};
}"""


@pytest.fixture(scope="module")
def rtl_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The root built once per language, with no warning at all."""
    from sphinx.testing.util import SphinxTestApp

    built = {}
    for lang in LANGUAGES:
        src = tmp_path_factory.mktemp(lang) / "src"
        shutil.copytree(ROOTS / "test-rtl", src)
        warnings = io.StringIO()
        app = SphinxTestApp("html", srcdir=src, confoverrides={"language": lang}, warning=warnings)
        try:
            app.build()
        finally:
            app.cleanup()
        assert "WARNING" not in warnings.getvalue(), warnings.getvalue()
        built[lang] = Path(app.outdir)
    return built


def _measure(browser: Any, site: Path, width: int, scheme: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with serve(site) as url:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(url + "index.html", wait_until="load")
            seen = page.evaluate(MIRROR_JS)
            axe = axe_module.Axe().run(page).response
        finally:
            context.close()
    return seen, axe


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_layout_mirrors(browser: Any, rtl_sites: dict[str, Path], lang: str, width: int, scheme: str) -> None:
    seen, axe = _measure(browser, rtl_sites[lang], width, scheme)
    rtl = lang != "en"
    assert seen["dir"] == ("rtl" if rtl else "ltr")
    problems = [f"scrolls sideways by {seen['sideways']} px"] if seen["sideways"] > 0 else []
    for n, e in enumerate(seen["entries"]):
        if width > PHONE_LAYOUT_MAX:  # the date column on the reading side, the title after it
            beside = e["dates"]["x"] >= e["title"]["r"] if rtl else e["dates"]["r"] <= e["title"]["x"]
            if not beside:
                problems.append(f"entry {n}: dates not {'right' if rtl else 'left'} of the title")
        else:  # dates above the title, both against the reading side's rule
            edge = (e["li"]["r"] - e["title"]["r"]) if rtl else (e["title"]["x"] - e["li"]["x"])
            if e["dates"]["b"] > e["title"]["y"] + 1 or not 0 < edge < 24:
                problems.append(f"entry {n}: phone layout not mirrored ({edge:.0f} px from its side)")
    starts = [a["x"] for a in seen["actions"]]  # first action on the reading side
    if starts != sorted(starts, reverse=rtl):
        problems.append(f"the action row is not in reading order: {starts}")
    if width > PHONE_LAYOUT_MAX and (seen["contacts"][0]["x"] > seen["contacts"][1]["x"]) != rtl:
        problems.append("contacts do not start on the reading side")
    if seen["stop"] <= 0:
        problems.append("an English sentence's full stop stands before it")
    violations = [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in axe["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert problems + violations == [], f"{lang} {width} {scheme}"
