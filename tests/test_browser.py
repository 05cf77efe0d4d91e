"""The demo site in a real browser: accessible, responsive, light and dark, offline, without JavaScript;
other themes and right-to-left languages on small projects.

Debian's Chromium, driven by Playwright (its PyPI wheel ships a driver, never a
browser), loads every page of the demo site built once per session and served
on 127.0.0.1. Each (colour scheme, width) pair loads every page once; the
tests below assert on what that one visit saw, so a failure names every page
and element at fault.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import DOCS as DOCS_ROOT
from conftest import ROOTS, DemoSite, serve

playwright_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
axe_module = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="pip install axe-playwright-python"
)

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")
WIDTHS = (375, 1280)  # a phone, a laptop
MATRIX = [pytest.param(s, w, id=f"{s}-{w}") for s in SCHEMES for w in WIDTHS]
PHONE_LAYOUT_MAX = 640  # the stylesheet's `max-width: 40em` breakpoint, in px

#: axe findings caused by Furo's templates, which a site cannot change without
#: overriding them; "moderate". (page or "*", rule, selector) -> why.
THEME_AXE_EXCEPTIONS = {
    ("*", "landmark-unique", ".sidebar-drawer"): "Furo's navigation and table-of-contents drawers are "
    "two <aside> landmarks without distinct labels",
}
BLOCKING_IMPACTS = ("serious", "critical")

#: Element geometry in page coordinates, gathered in one round trip.
LAYOUT_JS = """() => {
  const box = (e) => {
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return {x: r.left, y: r.top + scrollY, r: r.right, b: r.bottom + scrollY, w: r.width, h: r.height};
  };
  const text = (e) => (e ? e.textContent.replace(/\\s+/g, " ").trim() : "");
  const main = document.querySelector("article[role=main]") || document.querySelector("[role=main]");
  const timelines = [...document.querySelectorAll(".cv-timeline")].map((t) =>
    [...t.querySelectorAll(":scope > ul.cv-entries > li.cv-entry > p.cv-heading")].map((h) => ({
      title: text(h.querySelector(":scope > .cv-title")),
      dates: box(h.querySelector(":scope > .cv-dates")),
      boxes: {
        title: box(h.querySelector(":scope > .cv-title")),
        subtitle: box(h.querySelector(":scope > .cv-subtitle")),
        location: box(h.querySelector(":scope > .cv-location")),
      },
    })),
  );
  const pubs = [...document.querySelectorAll(".cv-pub")].map((p) => ({
    id: p.id, box: box(p), links: [...p.querySelectorAll(".cv-pub-link")].map((a) => [text(a), box(a)]),
  }));
  const contact = document.querySelector(".cv-profile ul.cv-contact");
  // Furo scrolls its .content box, not the page: look for any box that scrolls sideways,
  // and for content that sticks out of the viewport. Code blocks scroll by design.
  const exempt = (e) => e.closest("pre, .highlight, .table-wrapper");
  const name = (e) => e.tagName.toLowerCase() + (e.className ? "." + [...e.classList].join(".") : "");
  const scrollers = [...document.querySelectorAll("*")]
    .filter((e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
    .filter((e) => e.scrollWidth > e.clientWidth + 1 && !exempt(e))
    .map((e) => `${name(e)} scrolls ${e.scrollWidth - e.clientWidth} px`);
  const outside = main ? [...main.querySelectorAll("*")]
    .filter((e) => !exempt(e) && e.getBoundingClientRect().right > innerWidth + 1)
    .map((e) => `${name(e)} ends at x=${Math.round(e.getBoundingClientRect().right)}`) : [];
  return {
    viewport: innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    sideways: [...scrollers, ...outside.slice(0, 5)],
    main: box(main),
    timelines,
    pubs,
    contacts: contact ? [...contact.children].map((li) => [text(li), box(li)]) : [],
    contactOverflow: contact ? contact.scrollWidth - contact.clientWidth : 0,
  };
}"""


@pytest.fixture(scope="session")
def site_url(demo_site: DemoSite) -> Iterator[str]:
    """The built demo site, served."""
    with serve(demo_site.root) as url:
        yield url


@dataclass
class Visit:
    """What one page load showed."""

    page: str
    layout: dict[str, Any]
    axe: dict[str, Any] = field(default_factory=dict)
    console: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)  #: requests to hosts other than 127.0.0.1
    broken: list[str] = field(default_factory=list)  #: local requests that failed
    theme: str = ""  #: body[data-theme]
    background: str = ""  #: computed background colour of body


class Surveyor:
    """Loads each page once per browser setting and keeps what it saw."""

    def __init__(self, browser: Any, base: str, site: DemoSite) -> None:
        self.browser, self.base, self.site = browser, base, site
        self.axe = axe_module.Axe()
        self._cache: dict[tuple[Any, ...], dict[str, Visit]] = {}

    def survey(
        self, scheme: str, width: int, *, stored_theme: str | None = None, javascript: bool = True
    ) -> dict[str, Visit]:
        key = (scheme, width, stored_theme, javascript)
        if key not in self._cache:
            self._cache[key] = self._visit_all(scheme, width, stored_theme, javascript)
        return self._cache[key]

    def _visit_all(
        self, scheme: str, width: int, stored_theme: str | None, javascript: bool
    ) -> dict[str, Visit]:
        context = self.browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            java_script_enabled=javascript,
            service_workers="block",
        )
        if stored_theme:  # Furo's theme button stores the choice here
            context.add_init_script(f"localStorage.setItem('theme', {stored_theme!r})")
        foreign: list[str] = []

        def only_localhost(route: Any) -> None:
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        context.route("**/*", only_localhost)
        page = context.new_page()
        console: list[str] = []
        broken: list[str] = []
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
        # ERR_ABORTED: cancelled by the next navigation (a late favicon), not a failure of the site.
        page.on(
            "requestfailed",
            lambda r: broken.append(f"{r.url}: {r.failure}") if r.failure != "net::ERR_ABORTED" else None,
        )
        page.on("response", lambda r: broken.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
        pages = self.site.pages if javascript else self.site.content_pages
        visits = {}
        try:
            for name in pages:
                for log in (console, foreign, broken):
                    log.clear()
                page.goto(f"{self.base}{name}.html", wait_until="load")
                visit = Visit(name, page.evaluate(LAYOUT_JS))
                visit.theme = page.evaluate("document.body.dataset.theme || ''")
                visit.background = page.evaluate("getComputedStyle(document.body).backgroundColor")
                if javascript:
                    visit.axe = self.axe.run(page).response
                visit.console, visit.foreign, visit.broken = list(console), list(foreign), list(broken)
                visits[name] = visit
        finally:
            context.close()
        return visits


@pytest.fixture(scope="session")
def surveyor(browser: Any, site_url: str, demo_site: DemoSite) -> Surveyor:
    return Surveyor(browser, site_url, demo_site)


# ---- helpers ---------------------------------------------------------------------------------------


def _blocking(page: str, violation: dict[str, Any]) -> list[str]:
    """Targets of an axe violation that fail the test: serious/critical ones, minus the theme's."""
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
    if violation["impact"] not in BLOCKING_IMPACTS:
        # Lesser findings fail too, unless they are the theme's documented ones.
        targets = [
            t
            for t in targets
            if (page, violation["id"], t) not in THEME_AXE_EXCEPTIONS
            and ("*", violation["id"], t) not in THEME_AXE_EXCEPTIONS
        ]
    return targets


def _overlap(a: dict[str, float] | None, b: dict[str, float] | None, slack: float = 0.5) -> bool:
    if not a or not b or not a["w"] or not b["w"]:
        return False
    across = min(a["r"], b["r"]) - max(a["x"], b["x"])
    down = min(a["b"], b["b"]) - max(a["y"], b["y"])
    return across > slack and down > slack


def _is_dark(css_colour: str) -> bool:
    """``rgb(r, g, b)`` from getComputedStyle: dark when its mean channel is below the middle."""
    channels = [float(c) for c in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]]
    return sum(channels) / 3 < 128


def _problems(visits: dict[str, Visit], check: Callable[[Visit], list[str]]) -> list[str]:
    return [f"{name}.html: {p}" for name, visit in visits.items() for p in check(visit)]


# ---- accessibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "width"), MATRIX)
def test_axe_finds_no_violation(surveyor: Surveyor, scheme: str, width: int) -> None:
    """axe-core's WCAG 2 A/AA and best-practice rules, colour contrast included, on every page."""

    def check(visit: Visit) -> list[str]:
        assert visit.axe.get("violations") is not None, "axe did not run"
        if _is_dark(visit.background) != (scheme == "dark"):
            return [f"a {scheme} system shows a {visit.background} page"]
        return [
            f"{v['id']} ({v['impact']}) at {', '.join(targets)}: {v['help']}"
            for v in visit.axe["violations"]
            if (targets := _blocking(visit.page, v))
        ]

    assert _problems(surveyor.survey(scheme, width), check) == []


def test_axe_dark_theme_chosen_with_the_toggle(surveyor: Surveyor) -> None:
    """Dark chosen with Furo's theme button (stored in localStorage) on a light-mode system."""
    visits = surveyor.survey("light", 1280, stored_theme="dark")
    light = surveyor.survey("light", 1280)
    for name, visit in visits.items():
        assert visit.theme == "dark", name
        assert _is_dark(visit.background), f"{name}: background {visit.background}"
        assert not _is_dark(light[name].background), f"{name}: light background {light[name].background}"

    def check(visit: Visit) -> list[str]:
        return [f"{v['id']} ({v['impact']})" for v in visit.axe["violations"] if _blocking(visit.page, v)]

    assert _problems(visits, check) == []


# ---- responsive layout -----------------------------------------------------------------------------


@pytest.mark.parametrize(("scheme", "width"), MATRIX)
def test_no_horizontal_scrolling(surveyor: Surveyor, scheme: str, width: int) -> None:
    """Neither the page nor any box in it scrolls sideways (code blocks may), nothing is cut off."""

    def check(visit: Visit) -> list[str]:
        layout = visit.layout
        found = list(layout["sideways"])
        if layout["scrollWidth"] > layout["viewport"]:
            found.append(f"page is {layout['scrollWidth']} px wide in a {layout['viewport']} px viewport")
        return found

    assert _problems(surveyor.survey(scheme, width), check) == []


@pytest.mark.parametrize(("scheme", "width"), MATRIX)
def test_timeline_layout(surveyor: Surveyor, scheme: str, width: int) -> None:
    """Desktop: dates in one column left of the titles. Phone: dates above titles. Never overlapping."""
    visits = surveyor.survey(scheme, width)
    assert any(v.layout["timelines"] for v in visits.values()), "the demo site has no timeline"

    def check(visit: Visit) -> list[str]:
        found = []
        for timeline in visit.layout["timelines"]:
            lefts = {round(e["dates"]["x"], 1) for e in timeline if e["dates"]}
            if width > PHONE_LAYOUT_MAX and len(lefts) > 1:
                found.append(f"dates of one timeline start at different x: {sorted(lefts)}")
            for entry in timeline:
                dates, title = entry["dates"], entry["boxes"]["title"]
                if not dates:
                    continue
                if width > PHONE_LAYOUT_MAX and dates["r"] > title["x"] + 0.5:
                    found.append(f"{entry['title']!r}: dates (right {dates['r']:.0f}) not left of the title")
                if width <= PHONE_LAYOUT_MAX and dates["b"] > title["y"] + 0.5:
                    found.append(f"{entry['title']!r}: dates not above the title")
                found += [
                    f"{entry['title']!r}: dates overlap the {part}"
                    for part, other in entry["boxes"].items()
                    if _overlap(dates, other)
                ]
        return found

    assert _problems(visits, check) == []


@pytest.mark.parametrize(("scheme", "width"), MATRIX)
def test_publication_layout(surveyor: Surveyor, scheme: str, width: int) -> None:
    """Entries never overlap each other, and their link badges stay inside the content column."""
    visits = surveyor.survey(scheme, width)
    if not any(v.layout["pubs"] for v in visits.values()):
        pytest.skip("no page of the demo site lists publications yet (publications.html not built)")

    def check(visit: Visit) -> list[str]:
        main, pubs = visit.layout["main"], visit.layout["pubs"]
        found = [
            f"#{a['id']} overlaps #{b['id']}"
            for i, a in enumerate(pubs)
            for b in pubs[i + 1 :]
            if _overlap(a["box"], b["box"])
        ]
        for pub in pubs:
            found += [
                f"#{pub['id']}: badge {label!r} spans x={b['x']:.0f}..{b['r']:.0f}, "
                f"the column {main['x']:.0f}..{main['r']:.0f}"
                for label, b in pub["links"]
                if b["w"] and (b["x"] < main["x"] - 0.5 or b["r"] > main["r"] + 0.5)
            ]
        return found

    assert _problems(visits, check) == []


@pytest.mark.parametrize(("scheme", "width"), MATRIX)
def test_profile_contacts_wrap(surveyor: Surveyor, scheme: str, width: int) -> None:
    visits = surveyor.survey(scheme, width)
    assert any(v.layout["contacts"] for v in visits.values()), "the demo site has no profile"

    def check(visit: Visit) -> list[str]:
        layout = visit.layout
        right = min(layout["viewport"], layout["main"]["r"]) + 0.5
        found = [
            f"contact {label!r} ends at x={b['r']:.0f}, past {right:.0f}"
            for label, b in layout["contacts"]
            if b["r"] > right
        ]
        if layout["contactOverflow"] > 0:
            found.append(f"contact list overflows by {layout['contactOverflow']} px")
        return found

    assert _problems(visits, check) == []


# ---- offline, quiet, and without JavaScript ----------------------------------------------------------


@pytest.mark.parametrize(("scheme", "width"), MATRIX)
def test_no_console_error_and_no_request_off_localhost(surveyor: Surveyor, scheme: str, width: int) -> None:
    def check(visit: Visit) -> list[str]:
        return (
            [f"console: {m}" for m in visit.console]
            + [f"request to another host: {u}" for u in visit.foreign]
            + [f"failed: {b}" for b in visit.broken]
        )

    assert _problems(surveyor.survey(scheme, width), check) == []


def test_every_page_works_without_javascript(surveyor: Surveyor, demo_site: DemoSite, browser: Any) -> None:
    """Entries, profile and publications are all there and laid out on a phone; BibTeX <details> open."""
    visits = surveyor.survey("light", 375, javascript=False)
    assert set(visits) == set(demo_site.content_pages)
    total = 0
    for name, visit in visits.items():
        soup = BeautifulSoup(demo_site.html(name), "html.parser")
        entries = sum(len(t) for t in visit.layout["timelines"])
        assert entries == len(soup.select(".cv-timeline > ul.cv-entries > li.cv-entry")), name
        assert len(visit.layout["pubs"]) == len(soup.select(".cv-pub")), name
        assert len(visit.layout["contacts"]) == len(soup.select(".cv-profile ul.cv-contact > li")), name
        assert visit.layout["scrollWidth"] <= visit.layout["viewport"], name
        assert visit.layout["sideways"] == [], name
        shown = [e["boxes"]["title"] for t in visit.layout["timelines"] for e in t]
        shown += [p["box"] for p in visit.layout["pubs"]] + [b for _, b in visit.layout["contacts"]]
        assert all(b and b["w"] > 0 and b["h"] > 0 for b in shown), f"{name}: content hidden without JS"
        assert visit.console == [] and visit.foreign == [] and visit.broken == [], name
        total += entries + len(visit.layout["pubs"]) + len(visit.layout["contacts"])
    assert total > 0, "nothing to check: the demo site has no sphinx-cv content"

    context = browser.new_context(viewport={"width": 375, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        for name in demo_site.content_pages:
            page.goto(surveyor.base + f"{name}.html")
            details = page.locator("article[role=main] details")
            for i in range(details.count()):
                item = details.nth(i)
                assert item.get_attribute("open") is None, f"{name}: details #{i} starts open"
                item.locator("summary").first.click()
                assert item.get_attribute("open") is not None, f"{name}: details #{i} did not open"
                body = item.locator(":scope > :not(summary)").first
                assert body.is_visible(), f"{name}: details #{i} shows nothing when open"
    finally:
        context.close()


@pytest.mark.sphinx("html", testroot="pubs", confoverrides={"language": "de"}, freshenv=True)
def test_copy_button_speaks_the_page_language(app: Any, browser: Any) -> None:
    """A German site: "Kopieren" copies the entry's BibTeX, then says "Kopiert"."""
    app.build()
    with serve(Path(app.outdir)) as url:
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
        page = context.new_page()
        try:
            page.goto(url + "index.html")
            details = page.locator("details.cv-pub-bibtex").first
            details.locator("summary").click()
            button = details.locator("button.cv-copy")
            assert button.text_content() == "Kopieren"
            button.click()
            page.wait_for_function("b => b.textContent === 'Kopiert'", arg=button.element_handle())
            assert page.evaluate("navigator.clipboard.readText()") == details.locator("pre").text_content()
            page.wait_for_function("b => b.textContent === 'Kopieren'", arg=button.element_handle())
        finally:
            context.close()


# ---- a person's homepage: who, the PDF, dates, headings, BibTeX ---------------------------------------

#: what the CV page must say in every medium: whose CV it is, and how to reach her
CV_NAME = "Qinqing Zheng"
CV_CONTACTS = ("qinqingnew@gmail.com", "+1 (312) 888 5435", "enosair.github.io")

WHO_JS = """() => {
  const seen = (e) => {
    if (!e) return false;
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 1 && r.height > 1 && s.visibility !== "hidden" && s.display !== "none";
  };
  const main = document.querySelector("article[role=main]");
  const name = [...main.querySelectorAll(".cv-profile .cv-name")].filter(seen)
    .map((e) => e.textContent.trim());
  const contacts = [...main.querySelectorAll(".cv-profile ul.cv-contact a")].filter(seen)
    .map((a) => a.textContent.trim());
  return {name, contacts};
}"""


@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("width", WIDTHS)
def test_cv_page_says_whose_cv_it_is(browser: Any, site_url: str, media: str, width: int) -> None:
    """The CV page opens with the name and contacts, on screen and in a browser's print of it."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "cv.html")
        page.emulate_media(media=media)
        who = page.evaluate(WHO_JS)
        assert who["name"] == [CV_NAME]
        assert all(c in who["contacts"] for c in CV_CONTACTS), who["contacts"]
        # the name comes before the first section of the CV
        first = page.evaluate(
            "() => { const n = document.querySelector('.cv-profile .cv-name'), "
            "h = document.querySelector('article section section h2'); "
            "return n.getBoundingClientRect().top < h.getBoundingClientRect().top; }"
        )
        assert first
        if media == "print":  # the timeline is drawn in print too (borders print; backgrounds may not)
            marker = page.evaluate(
                "() => { const s = getComputedStyle(document.querySelector('li.cv-entry'), '::before'); "
                "return [s.borderTopWidth, s.borderTopStyle]; }"
            )
            assert marker[1] == "solid" and float(marker[0].removesuffix("px")) > 0
    finally:
        context.close()


def test_home_and_cv_pages_link_the_pdf(demo_site: DemoSite) -> None:
    """The full CV and its short variant (:pdf-variants: short), under the PDF icon."""
    for page in ("index", "cv"):
        soup = BeautifulSoup(demo_site.html(page), "html.parser")
        contact = soup.select_one(".cv-profile .cv-contact-pdf")
        assert contact is not None, page
        assert " ".join(contact.get_text().split()) == "CV (PDF): full · short", page
        links = [(a.get_text(strip=True), a["href"]) for a in contact.select("a")]
        assert links == [("full", "qinqing-zheng-cv.pdf"), ("short", "qinqing-zheng-cv-short.pdf")], page
        assert contact.select_one("svg.cv-icon") is not None, page


def test_no_date_wraps_at_desktop_width(browser: Any, site_url: str, demo_site: DemoSite) -> None:
    """Every date range, nested entries' included, is one line at 1280 px."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found: list[str] = []
    try:
        for name in demo_site.content_pages:
            page.goto(f"{site_url}{name}.html")
            heights = page.evaluate(
                "() => [...document.querySelectorAll('.cv-dates')].map((d) => [d.textContent, "
                "d.getBoundingClientRect().height, parseFloat(getComputedStyle(d).lineHeight)])"
            )
            found += [f"{name}: {t!r} is {h:.0f} px high" for t, h, line in heights if h > line * 1.5]
            assert name != "cv" or heights, "the CV page has dates"
    finally:
        context.close()
    assert found == []


def test_headings_fit_one_line_on_a_phone(browser: Any, site_url: str) -> None:
    """Short headings ("Curriculum Vitae", "Selected publications") stay on one line at 375 px."""
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    found: list[str] = []
    try:
        for name in ("index", "cv", "publications"):
            page.goto(f"{site_url}{name}.html")
            headings = page.evaluate(
                "() => [...document.querySelectorAll('article h1, article h2')].map((h) => "
                "[h.textContent.replace('#', '').trim(), h.getBoundingClientRect().height, "
                "parseFloat(getComputedStyle(h).lineHeight)])"
            )
            found += [
                f"{name}: {text!r} takes {height / line:.1f} lines"
                for text, height, line in headings
                if len(text.split()) <= 2 and height > line * 1.5
            ]
    finally:
        context.close()
    assert found == []


@pytest.mark.parametrize("width", WIDTHS)
def test_copy_button_sits_in_its_block(browser: Any, site_url: str, width: int) -> None:
    """Each BibTeX block's Copy button lies inside the block's box, and covers none of its text."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + "publications.html")
        details = page.locator("details.cv-pub-bibtex")
        assert details.count() > 0
        for i in range(details.count()):
            details.nth(i).locator("summary").click()
            box = details.nth(i).locator("pre").bounding_box()
            button = details.nth(i).locator("button.cv-copy").bounding_box()
            assert box and button, i
            assert box["x"] <= button["x"] and button["x"] + button["width"] <= box["x"] + box["width"], i
            assert box["y"] <= button["y"] and button["y"] + button["height"] <= box["y"] + box["height"], i
            text_top = page.evaluate(
                "(pre) => { const r = document.createRange(); r.selectNodeContents(pre); "
                "return r.getClientRects()[0].top + scrollY; }",
                details.nth(i).locator("pre").element_handle(),
            )
            assert button["y"] + button["height"] <= text_top + page.evaluate("scrollY") + 0.5, i
    finally:
        context.close()


def test_shown_bibtex_drops_no_bibliographic_field(demo_site: DemoSite) -> None:
    """What is shown (and copied) is refs.bib's entry minus the site's own fields, nothing else lost."""
    from pybtex.database import parse_file, parse_string

    from sphinx_cv.core.bib import HIDDEN_FIELDS

    source = parse_file(str(DOCS_ROOT.parent / "refs.bib")).entries
    soup = BeautifulSoup(demo_site.html("publications"), "html.parser")
    shown = soup.select("li.cv-pub")
    assert len(shown) == len(source)
    for entry in shown:
        (parsed,) = parse_string(
            entry.select_one("details.cv-pub-bibtex pre").get_text(), "bibtex"
        ).entries.values()
        written = {
            k.lower(): v for k, v in source[entry["id"]].fields.items() if k.lower() not in HIDDEN_FIELDS
        }
        assert {k.lower(): v for k, v in parsed.fields.items()} == written, entry["id"]
        assert "keywords" not in entry.select_one("details.cv-pub-bibtex pre").get_text()


@pytest.mark.sphinx("html", testroot="profile-home")
def test_photo_beside_the_name_on_wide_screens_above_it_on_phones(app: Any, browser: Any) -> None:
    app.build()
    with serve(Path(app.outdir)) as url:
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            try:
                page.goto(url + "cv.html")
                photo = page.locator(".cv-profile img.cv-photo").bounding_box()
                name = page.locator(".cv-profile .cv-name").bounding_box()
                assert photo and name and photo["width"] > 40, width
                if width > PHONE_LAYOUT_MAX:
                    assert photo["x"] + photo["width"] <= name["x"], f"{width}: photo not left of the name"
                    assert photo["y"] <= name["y"] < photo["y"] + photo["height"], width
                else:
                    assert photo["y"] + photo["height"] <= name["y"], f"{width}: photo not above the name"
            finally:
                context.close()


# ---- other projects' themes -----------------------------------------------------------------------------

#: (html_theme, has a dark mode) for a small project using every directive (tests/roots/test-themes)
THEMES = {
    "alabaster": False,
    "sphinx_rtd_theme": False,
    "pydata_sphinx_theme": True,
    "sphinx_book_theme": True,
    "furo": True,
}
THEME_MATRIX = [
    pytest.param(theme, scheme, width, id=f"{theme}-{scheme}-{width}")
    for theme, dark in THEMES.items()
    for scheme in (("light", "dark") if dark else ("light",))
    for width in WIDTHS
]
MIN_CONTRAST = 4.5

#: What a visitor of a themed page sees of the extension's parts, measured in one round trip.
THEME_JS = """() => {
  const canvas = document.createElement("canvas").getContext("2d", {willReadFrequently: true});
  const rgba = (css) => {  // any CSS colour (hex, rgb, oklch, color()) as [r, g, b, a] via the canvas
    canvas.clearRect(0, 0, 1, 1); canvas.fillStyle = "rgba(0,0,0,0)"; canvas.fillStyle = css;
    canvas.fillRect(0, 0, 1, 1); const d = canvas.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3]));
  const background = (e) => {
    const layers = [];
    for (let n = e; n; n = n.parentElement) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255]);
  };
  const lum = (c) => {
    const [r, g, b] = c.map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const ours = ".cv-timeline, .cv-profile, .cv-publications";
  const texts = [];
  for (const root of document.querySelectorAll(ours)) {
    for (const e of [root, ...root.querySelectorAll("*")]) {
      const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const shown = e.checkVisibility({visibilityProperty: true});
      if (!own || !shown || e.closest("pre, .cv-visually-hidden")) continue;
      const r = e.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      const bg = background(e);
      const fg = over(rgba(getComputedStyle(e).color), bg);
      const name = e.classList.length ? "." + e.classList[0] : e.tagName;
      const label = name + " " + JSON.stringify(e.textContent.trim().slice(0, 24));
      texts.push([label, Math.round(ratio(fg, bg) * 100) / 100]);
    }
  }
  const markers = [...document.querySelectorAll("ul.cv-entries > li, ul.cv-contact > li")]
    .filter((li) => getComputedStyle(li).display === "list-item")
    .filter((li) => getComputedStyle(li).listStyleType !== "none")
    .map((li) => li.textContent.trim().slice(0, 24));
  const plainLinks = [...document.querySelectorAll(".cv-title a, .cv-pub-link")].filter((a) => {
    const s = getComputedStyle(a), parent = getComputedStyle(a.parentElement);
    const bordered = parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== "none";
    return !s.textDecorationLine.includes("underline") && !bordered && s.color === parent.color;
  }).map((a) => a.textContent.trim());
  const wide = [...document.querySelectorAll(ours)].flatMap((root) => [root, ...root.querySelectorAll("*")])
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest("pre"))
    .map((e) => e.tagName + "." + [...e.classList].join("."));
  const dates = [...document.querySelectorAll(".cv-dates")].map((d) =>
    [d.textContent, d.getBoundingClientRect().height / parseFloat(getComputedStyle(d).lineHeight)]);
  const page = lum(background(document.querySelector(".cv-profile")));
  return {texts, markers, plainLinks, wide, dates, dark: page < 0.2,
          mode: document.documentElement.dataset.theme || document.body.dataset.theme || ""};
}"""


@pytest.fixture(scope="session")
def themed_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """tests/roots/test-themes built once per theme, each with ``-W``-strictness: no warning at all."""
    import io

    from conftest import ROOTS
    from sphinx.testing.util import SphinxTestApp

    built = {}
    for theme in THEMES:
        pytest.importorskip(theme, reason=f"pip install {theme.replace('_', '-')}")
        src = tmp_path_factory.mktemp(theme) / "src"
        shutil.copytree(ROOTS / "test-themes", src)
        warnings = io.StringIO()
        app = SphinxTestApp("html", srcdir=src, confoverrides={"html_theme": theme}, warning=warnings)
        try:
            app.build()
        finally:
            app.cleanup()
        assert "WARNING" not in warnings.getvalue() and "ERROR" not in warnings.getvalue(), (
            warnings.getvalue()
        )
        built[theme] = Path(app.outdir)
    return built


#: the toggles (Abstract, BibTeX, "and N more") and link pills in each state a visitor puts them in
TOGGLES = ".cv-pub-actions summary, .cv-authors-more > summary"


def _toggle_states(page: Any) -> dict[str, list[tuple[str, float]]]:
    """The measured texts with the pointer on a toggle and on a link, by keyboard, and every toggle open.

    A toggle's hover and open colours are the theme's surface behind our text: the
    colours at rest say nothing about them.
    """
    states = {}
    summary = page.locator(".cv-pub-actions summary").first
    summary.hover()
    states["pointer on a toggle"] = page.evaluate(THEME_JS)["texts"]
    page.locator("a.cv-pub-link").first.hover()
    states["pointer on a link"] = page.evaluate(THEME_JS)["texts"]
    page.mouse.move(0, 0)
    summary.focus()
    page.keyboard.press("Enter")
    states["opened by keyboard, focused"] = page.evaluate(THEME_JS)["texts"]
    page.evaluate(f"document.querySelectorAll({TOGGLES!r}).forEach((s) => s.parentElement.open = true)")
    page.evaluate("document.activeElement.blur()")
    states["every toggle open"] = page.evaluate(THEME_JS)["texts"]
    return states


@pytest.mark.parametrize(("theme", "scheme", "width"), THEME_MATRIX)
def test_themes(browser: Any, themed_sites: dict[str, Path], theme: str, scheme: str, width: int) -> None:
    """In each theme: readable colours (toggles and links at rest, under the pointer, focused and
    open), no list markers, links that look like links, nothing too wide, dates on one line at
    desktop width (nested entries too), and BibTeX that wraps."""
    with serve(themed_sites[theme]) as url:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(url + "index.html", wait_until="load")
            seen = page.evaluate(THEME_JS)
            states = {"at rest": seen["texts"], **_toggle_states(page)}
            pre = page.locator("details.cv-pub-bibtex pre").first
            bibtex = pre.evaluate("(p) => [p.scrollWidth - p.clientWidth, getComputedStyle(p).whiteSpace]")
        finally:
            context.close()
    problems = [
        f"contrast {c} : 1 of {label} ({state})"
        for state, texts in states.items()
        for label, c in texts
        if c < MIN_CONTRAST
    ]
    for state, texts in states.items():  # an open "and 3 more" gives way to the whole author list
        toggles = {label.split(" ", 1)[1] for label, _c in texts if label.startswith("SUMMARY")}
        shown = {'"Abstract"', '"BibTeX"'} | ({'"and 3 more"'} if state != "every toggle open" else set())
        assert shown <= toggles, f"toggles not measured {state}"
    problems += [f"list marker on {m!r}" for m in seen["markers"]]
    problems += [f"link {t!r} looks like text" for t in seen["plainLinks"]]
    # our parts only: pydata-sphinx-theme's own navbar button sticks out at 375 px, whatever the page holds
    problems += [f"{w} sticks out of the viewport" for w in seen["wide"][:5]]
    if width > PHONE_LAYOUT_MAX:
        problems += [f"dates {t!r} take {lines:.1f} lines" for t, lines in seen["dates"] if lines > 1.5]
    if bibtex[0] > 1:
        problems.append(f"BibTeX scrolls sideways by {bibtex[0]} px (white-space: {bibtex[1]})")
    assert len(seen["texts"]) > 20, "nothing measured"
    assert seen["dark"] == (scheme == "dark"), f"{theme} did not follow a {scheme} system ({seen['mode']!r})"
    assert problems == [], f"{theme} {scheme} {width} ({seen['mode']!r})"


# ---- right-to-left pages (tests/roots/test-rtl in Arabic, Hebrew, Persian; English as the mirror image) ----

RTL_LANGUAGES = ("ar", "he", "fa", "en")

#: geometry of the parts that mirror, in one round trip
MIRROR_JS = """() => {
  const READING_ORDER = READING_ORDER_JS;
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
  // a label is one piece ("h-index" in Arabic ends in a Latin "h", which must not join the figure after it)
  const labels = [...document.querySelectorAll(".cv-metrics-label")].map((e) => {
    const r = [...e.getClientRects()].sort((a, b) => a.left - b.left);
    return Math.max(0, ...r.slice(1).map((x, i) => x.left - r[i].right));
  });
  return {dir: getComputedStyle(document.querySelector(".cv-timeline")).direction,
          entries, actions, contacts, labels, ...READING_ORDER(".cv-pub-award-text"),
          sideways: document.documentElement.scrollWidth - innerWidth};
}"""

#: English text that must read left to right in a right-to-left page: a sentence's full stop at its end
#: (x of the stop minus x of its first letter), and BibTeX, opened, with "@" at the left of its line's ","
READING_ORDER_JS = """(sentence) => {
  const at = (element, i) => {  // the left edge of the i-th character of element's text
    const walk = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (i < n.length) { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                          return r.getBoundingClientRect().left; }
      i -= n.length;
    }
  };
  const text = document.querySelector(sentence), s = text.textContent;
  document.querySelectorAll("details").forEach((d) => d.open = true);
  const code = [...document.querySelectorAll(".cv-pub pre, .cv-pub-page pre")].map((pre) =>
    at(pre, pre.textContent.indexOf(",")) - at(pre, pre.textContent.indexOf("@")));
  return {stop: at(text, s.lastIndexOf(".")) - at(text, s.search(/[A-Z]/)), code};
}"""


@pytest.fixture(scope="module")
def rtl_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """tests/roots/test-rtl built once per language, with no warning at all."""
    import io

    from conftest import ROOTS
    from sphinx.testing.util import SphinxTestApp

    built = {}
    for lang in RTL_LANGUAGES:
        src = tmp_path_factory.mktemp(lang) / "src"
        shutil.copytree(ROOTS / "test-rtl", src)
        warnings = io.StringIO()
        overrides = {"language": lang, "cv_publication_pages": True}
        app = SphinxTestApp("html", srcdir=src, confoverrides=overrides, warning=warnings)
        try:
            app.build()
        finally:
            app.cleanup()
        assert "WARNING" not in warnings.getvalue(), warnings.getvalue()
        built[lang] = Path(app.outdir)
    return built


def _mirror(browser: Any, site: Path, width: int, scheme: str) -> tuple[dict[str, Any], dict[str, Any]]:
    with serve(site) as url:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(url + "index.html", wait_until="load")
            seen = page.evaluate(MIRROR_JS.replace("READING_ORDER_JS", READING_ORDER_JS))
            axe = axe_module.Axe().run(page).response
            page.goto(url + "publications/doe2020sharp.html", wait_until="load")
            seen["own page"] = page.evaluate(READING_ORDER_JS, ".cv-pub-abstract-text")
        finally:
            context.close()
    return seen, axe


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", RTL_LANGUAGES)
def test_right_to_left_layout_mirrors(
    browser: Any, rtl_sites: dict[str, Path], lang: str, width: int, scheme: str
) -> None:
    """The date column, the phone layout, the action row and the contacts start on the reading side;
    a citation label stays whole; an English sentence keeps its full stop at its end and BibTeX reads
    left to right, in the list and on a publication's page; nothing scrolls sideways; axe finds nothing."""
    seen, axe = _mirror(browser, rtl_sites[lang], width, scheme)
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
    if len(seen["labels"]) != 2 or max(seen["labels"]) > 1:
        problems.append(f"a citation label falls apart: gaps {seen['labels']} px")
    if width > PHONE_LAYOUT_MAX and (seen["contacts"][0]["x"] > seen["contacts"][1]["x"]) != rtl:
        problems.append("contacts do not start on the reading side")
    for where, read in (("list", seen), ("publication page", seen["own page"])):
        if read["stop"] <= 0:
            problems.append(f"{where}: an English sentence's full stop stands before it")
        if not read["code"] or min(read["code"]) <= 0:
            problems.append(f"{where}: BibTeX reads right to left ({read['code']})")
    violations = [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in axe["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert problems + violations == [], f"{lang} {width} {scheme}"


# ---- talks, teaching, grants and news (tests/roots/test-homepage) in Furo ---------------------------


@pytest.fixture(scope="module")
def homepage_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """tests/roots/test-homepage built with Furo, served on 127.0.0.1."""
    src = tmp_path_factory.mktemp("homepage") / "src"
    shutil.copytree(ROOTS / "test-homepage", src)
    with (src / "conf.py").open("a") as conf:
        conf.write('html_theme = "furo"\n')
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    with serve(Path(app.outdir)) as base:
        yield base


@pytest.mark.parametrize(("scheme", "width"), [(s, w) for s in ("light", "dark") for w in (375, 1280)])
def test_axe_on_the_kinds(browser: Any, homepage_site: str, scheme: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page.goto(homepage_site + "index.html")
        result = axe_module.Axe().run(page).response  # the same axe-core as the demo's checks
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


def test_every_link_of_a_talk_is_reached_by_keyboard(browser: Any, homepage_site: str) -> None:
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
