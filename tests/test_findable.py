"""The demo site is findable: JSON-LD that a JSON-LD processor reads back, OpenGraph, canonical URLs,
a sitemap, no email address in plain text, and the extension's small CSS/JS budget.

JSON-LD is read with PyLD, a conforming JSON-LD 1.1 processor, and not just
``json.loads``: expansion resolves terms through the context, so a misspelt
key, a wrong ``@type`` or a ``sameAs`` that is a string instead of an IRI
shows up as it would for a search engine. The schema.org context is never
fetched: a document loader answers ``https://schema.org`` with the entries of
the published context that these documents use, and refuses every other URL.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import DOCS, DemoSite

jsonld = pytest.importorskip("pyld.jsonld", reason="pip install pyld")

BASE = "https://example.org/"  # docs/conf.py's html_baseurl outside Read the Docs
SCHEMA = "http://schema.org/"  # the vocabulary IRI of schema.org's published context
STATIC = Path(__file__).parent.parent / "ext" / "sphinx_cv" / "static"
BUDGET = 12 * 1024  # bytes of CSS + JS the extension may add to a page, uncompressed

#: The part of https://schema.org/docs/jsonldcontext.jsonld these documents rely on:
#: the vocabulary, and the properties whose values it declares as IRIs.
SCHEMA_CONTEXT = {
    "@context": {
        "@vocab": SCHEMA,
        "schema": SCHEMA,
        **{name: {"@id": f"schema:{name}", "@type": "@id"} for name in ("sameAs", "url", "image")},
    }
}


def _offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}
    raise AssertionError(f"JSON-LD would fetch {url}")


def _expanded(html: str) -> list[dict[str, Any]]:
    """Every node of every JSON-LD block on a page, expanded and flattened (``@graph`` included)."""
    nodes: list[dict[str, Any]] = []
    soup = BeautifulSoup(html, "html.parser")
    for index, script in enumerate(soup.select('script[type="application/ld+json"]')):
        flat = jsonld.flatten(json.loads(script.string), None, {"documentLoader": _offline_loader})
        nodes += _scoped(flat, f"_:s{index}-")
    return nodes


def _scoped(value: Any, prefix: str) -> Any:
    """Blank-node ids made unique per script: each block's flattening numbers them from ``_:b0``."""
    if isinstance(value, list):
        return [_scoped(v, prefix) for v in value]
    if isinstance(value, dict):
        return {
            k: (prefix + v[2:] if k == "@id" and v.startswith("_:") else _scoped(v, prefix))
            for k, v in value.items()
        }
    return value


def _of_type(nodes: list[dict[str, Any]], *types: str) -> list[dict[str, Any]]:
    return [n for n in nodes if {SCHEMA + t for t in types} & set(n.get("@type", []))]


def _values(node: dict[str, Any], prop: str) -> list[str]:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + prop, [])]


def _by_id(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {n["@id"]: n for n in nodes if "@id" in n}


def _text(element: Any) -> str:
    return " ".join(element.get_text(" ").split())


# ---- JSON-LD -----------------------------------------------------------------------------------------


def test_person_jsonld_reads_back(demo_site: DemoSite) -> None:
    """The home page's Person: name, email, homepage and one sameAs per profile link, as IRIs."""
    html = demo_site.html("index")
    soup = BeautifulSoup(html, "html.parser")
    nodes = _expanded(html)
    # The page is a ProfilePage whose main entity is the person (authors of publications are Persons too)
    (page,) = _of_type(nodes, "ProfilePage")
    assert _values(page, "dateModified"), "Google's profile-page rules want dateModified"
    (main,) = page[SCHEMA + "mainEntity"]
    person = _by_id(nodes)[main["@id"]]
    assert SCHEMA + "Person" in person["@type"]
    profile = soup.select_one(".cv-profile")
    assert _values(person, "name") == [_text(profile.select_one(".cv-name"))]
    assert _values(person, "email") == [soup.select_one("a.cv-email")["href"].removeprefix("mailto:")]
    homepage = profile.select_one(".cv-contact-homepage a")["href"]
    assert _values(person, "url") == [homepage]
    links = [a["href"] for a in profile.select("ul.cv-contact a")]
    expected = [u for u in links if u.startswith("http") and u != homepage]
    assert expected, "the demo profile has no profile links"
    assert sorted(_values(person, "sameAs")) == sorted(expected)
    assert all("@id" in v for v in person[SCHEMA + "sameAs"]), "sameAs must be IRIs, not text"


def test_every_pages_jsonld_parses_and_matches_the_page(demo_site: DemoSite) -> None:
    """On every page, one ScholarlyArticle (or Thesis) per publication shown, and a Person per profile."""
    for page in demo_site.pages:
        html = demo_site.html(page)
        soup = BeautifulSoup(html, "html.parser")
        nodes = _expanded(html)
        articles = _of_type(nodes, "ScholarlyArticle", "Thesis")
        assert len(articles) == len(soup.select(".cv-pub")), page
        people = {_values(p, "name")[0] for p in _of_type(nodes, "Person") if _values(p, "name")}
        for profile in soup.select(".cv-profile .cv-name"):
            assert _text(profile) in people, page


def test_publications_jsonld_reads_back(demo_site: DemoSite) -> None:
    """Each publication on the publications page: title, authors (the owner among them), date."""
    if "publications" not in demo_site.pages:
        pytest.skip("publications.html does not exist yet: the ScholarlyArticle read-back waits for it")
    html = demo_site.html("publications")
    soup = BeautifulSoup(html, "html.parser")
    nodes = _expanded(html)
    ids = _by_id(nodes)
    articles = _of_type(nodes, "ScholarlyArticle", "Thesis")
    assert articles, "publications.html has no ScholarlyArticle JSON-LD"
    shown = [_text(p) for p in soup.select(".cv-pub")]
    for article in articles:
        (title,) = _values(article, "name")
        assert any(title in text for text in shown), f"{title!r} is not on the page"
        authors = [ids[a["@id"]] if "@id" in a and a["@id"] in ids else a for a in article[SCHEMA + "author"]]
        names = [_values(a, "name")[0] for a in authors]
        assert all(SCHEMA + "Person" in a.get("@type", []) for a in authors), title
        assert any("Zheng" in n for n in names), f"{title!r}: the site owner is not among {names}"
        (date,) = _values(article, "datePublished")
        assert re.fullmatch(r"\d{4}(-\d{2}){0,2}", date), f"{title!r}: datePublished {date!r}"


# ---- OpenGraph, canonical URLs, sitemap --------------------------------------------------------------


def test_canonical_url_and_opengraph_on_every_page(demo_site: DemoSite) -> None:
    for page in demo_site.pages:
        soup = BeautifulSoup(demo_site.html(page), "html.parser")
        url = f"{BASE}{page}.html"
        canonical = soup.select('link[rel="canonical"]')
        assert [c["href"] for c in canonical] == [url], page
        if page not in demo_site.content_pages:
            continue
        og = {m["property"]: m["content"] for m in soup.select('meta[property^="og:"]')}
        assert og.get("og:url") == url, page
        # a publication's own page is an article (else Zotero saves an arXiv preprint as a web page)
        assert og.get("og:type") == ("article" if page.startswith("publications/") else "website"), page
        assert og.get("og:title") and og["og:title"] in soup.title.get_text(), page
        assert len(og.get("og:description", "")) > 40, f"{page}: og:description {og.get('og:description')!r}"


def test_sitemap_lists_every_page(demo_site: DemoSite) -> None:
    """Every content page, nothing else (the empty index and the search page are excluded on purpose)."""
    tree = ET.parse(demo_site.root / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    assert sorted(locs) == sorted(f"{BASE}{page}.html" for page in demo_site.content_pages)


def _email() -> str:
    """The address given to ``cv-profile`` somewhere in the demo's sources."""
    sources = [p for p in DOCS.rglob("*") if p.suffix in (".md", ".rst") and "_build" not in p.parts]
    found = {m for p in sources for m in re.findall(r"^:email:\s*(\S+@\S+)\s*$", p.read_text("utf-8"), re.M)}
    assert len(found) == 1, f"expected one :email: option in docs/, found {found}"
    return found.pop()


def test_email_is_nowhere_in_plain_text(demo_site: DemoSite) -> None:
    """Not in any page, meta tag, search index, sitemap or inventory; still a working mailto link."""
    email = _email()
    forms = {email, email.replace("@", "%40"), email.replace("@", "&#64;"), email.replace("@", "&commat;")}
    checked = 0
    for path in demo_site.root.rglob("*"):
        if path.suffix in (".html", ".xml", ".js", ".css", ".json", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
        elif path.name == "objects.inv":
            head, _, body = path.read_bytes().partition(b"zlib.\n")
            text = head.decode() + zlib.decompress(body).decode()
        else:
            continue
        checked += 1
        leaks = [form for form in forms if form in text]
        assert not leaks, f"{path.relative_to(demo_site.root)} holds the address as {leaks}"
    assert checked > 5
    soup = BeautifulSoup(demo_site.html("index"), "html.parser")
    assert soup.select_one("a.cv-email")["href"] == f"mailto:{email}"


# ---- the extension's weight --------------------------------------------------------------------------


def test_extension_css_and_js_budget(demo_site: DemoSite) -> None:
    """What sphinx-cv adds to every page: less than 12 KB of CSS and JavaScript, uncompressed."""
    shipped = sorted(p.name for p in STATIC.iterdir() if p.suffix in (".css", ".js"))
    assert shipped, "the extension ships no static files?"
    sizes = {name: (demo_site.root / "_static" / name).stat().st_size for name in shipped}
    assert sum(sizes.values()) <= BUDGET, f"{sum(sizes.values())} bytes > {BUDGET}: {sizes}"
    soup = BeautifulSoup(demo_site.html("index"), "html.parser")
    referenced = {
        Path(t.get("href") or t.get("src")).name.split("?")[0] for t in soup.select("link, script[src]")
    }
    assert set(shipped) <= referenced, "every file the extension ships is loaded by the page"


# ---- strict Content Security Policy ------------------------------------------------------------------


def test_components_need_no_unsafe_inline(demo_site: DemoSite) -> None:
    """Inside sphinx-cv's blocks: no ``on*`` handler, no ``javascript:`` URL, no script but JSON-LD."""
    for page in demo_site.pages:
        soup = BeautifulSoup(demo_site.html(page), "html.parser")
        for block in soup.select(".cv-timeline, .cv-profile, .cv-publications"):
            for element in [block, *block.find_all(True)]:
                handlers = [a for a in element.attrs if a.lower().startswith("on")]
                assert not handlers, f"{page}: <{element.name} {handlers}>"
                for attr in ("href", "src", "action"):
                    url = "".join(str(element.get(attr, "")).split()).lower()
                    assert not url.startswith("javascript:"), f"{page}: {attr}={element.get(attr)!r}"
            for script in block.find_all("script"):
                assert script.get("type") == "application/ld+json", f"{page}: {script}"


def test_publication_pages_cite_clean_bibtex_with_the_lists_settings(demo_site: DemoSite) -> None:
    """A paper's page and the exports leave out the site's private fields, as the lists do.

    refs.bib marks the selected papers with ``keywords`` and gives venue badges with ``abbr``.
    """
    pages = sorted((demo_site.root / "publications").glob("*.html"))
    assert len(pages) == len(re.findall(r"^@\w+\{", (DOCS.parent / "refs.bib").read_text(), re.M))
    for page in pages:
        cite = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".cv-pub-cite pre")
        assert cite is not None and cite.get_text().lstrip().startswith("@"), page.name
        assert not re.search(r"^\s*(keywords|abbr|selected)\s*=", cite.get_text(), re.M), page.name
    for export in (demo_site.root / "publications").glob("*.bib"):
        assert not re.search(r"^\s*(keywords|abbr)\s*=", export.read_text(encoding="utf-8"), re.M), (
            export.name
        )
