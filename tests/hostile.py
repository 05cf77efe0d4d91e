"""What hostile input may never produce in built HTML: shared by the hostile-input tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel", ""}


def assert_no_active_content(soup: BeautifulSoup | Tag) -> None:
    """No inline script but JSON-LD, no event handlers, no link outside http(s)/relative/mailto/tel.

    Pass the page's main content: the theme's own chrome is not ours to check.
    """
    for script in soup.find_all("script"):
        if script.get("src"):
            assert urlsplit(script["src"]).scheme in ("", "http", "https"), script
            continue
        assert script.get("type") == "application/ld+json", f"inline script: {script}"
        json.loads(script.string)
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            assert not attr.lower().startswith("on"), f"event handler on {tag.name}: {attr}"
        for attr in ("href", "src", "action", "formaction", "srcset", "poster", "data"):
            value = tag.get(attr)
            if value is None:
                continue
            value = " ".join(value) if isinstance(value, list) else value
            scheme = urlsplit(value.strip()).scheme.lower()
            assert scheme in ALLOWED_SCHEMES, f"{tag.name} {attr}={value!r}"
            assert not value.strip().startswith("//"), f"{tag.name} {attr}={value!r}"
            assert "\\" not in value, f"{tag.name} {attr}={value!r}: browsers read a backslash as a slash"
    for tag in soup.find_all(["iframe", "object", "embed", "svg", "form", "base"]):
        if not _is_our_icon(tag):
            raise AssertionError(f"element from input: {tag}")


#: the attributes of sphinx-cv's own contact icons (``writers/html.py``: ``visit_cv_icon``)
ICON_ATTRS = {"class", "aria-hidden", "focusable", "width", "height", "viewbox", "fill"}


def _is_our_icon(tag: Tag) -> bool:
    """An icon the extension writes: one ``<path d>`` and nothing else that could act."""
    children = tag.find_all(True)
    return (
        tag.name == "svg"
        and tag.get("class") == ["cv-icon"]
        and set(tag.attrs) <= ICON_ATTRS
        and len(children) == 1
        and children[0].name == "path"
        and set(children[0].attrs) == {"d"}
    )


# --- the payload families of issue 22, for the property-based test (tests/test_fuzz_hostile.py) -----

#: each family: values an attacker or a messy library would put anywhere
PAYLOADS: dict[str, list[str]] = {
    "markup": [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '" onmouseover="alert(1)',
        "</script><script>alert(1)</script>",
        "`click <javascript:alert(1)>`_",
        "{raw}`<b onclick=x()>b</b>`",
        "[x](javascript:alert(1))",
        "**bold** *em* <b>b</b> & &amp; &#x3C;",
        "]]><!--",
        "\\href{javascript:alert(1)}{x} \\url{javascript:alert(1)}",
    ],
    "javascript": [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "jav&#x61;script:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "https:evil.example",
    ],
    "backslash": [
        "\\\\evil.example/x",
        "/\\evil.example/x",
        "\\",
        "a\\_b",
        "https://a.example\\@evil.example/",
    ],
    "bracket": [
        "https://[x",
        "https://[x]/a.pdf",
        "[x](\\\\host.example)",
        "https://[anonymous].github.io/",
        "[",
    ],
    "control": ["a\x00b", "\x1b[31mred", "gpj.\u202eexe", "\u2066isolated\u2069", "form\x0cfeed", "\x7f\x85"],
    "surrogate": ["lone \ud800 surrogate"],
    "huge": ["A" * 3000, "word " * 600],
    "nested": ["-" * 20_000 + "1", "not " * 1_500 + "x", "(" * 300 + "1" + ")" * 300, "[" * 2_000],
    "plain": ["", "Fine text", "2019", "Sep 2019", "https://example.org/fine", "files/paper.pdf", "42"],
}
#: citation keys that break file systems, URLs or other pages
HOSTILE_KEYS = [
    "CON",
    "aux",
    "nul",
    "prn",
    "com1",
    "lpt1",
    "Mixed",
    "mixed",
    "index",
    "genindex",
    "foo.bar",
    "foo-bar",
    "a:b",
    "k" * 300,
    "%2e%2e",
    "dup",
    "fuzz-publications",
    "ünï",
]

#: every character no output file may carry (sphinx_cv/core/chars.py)
UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
SITE = "https://site.example/root/"


def assert_built_output_is_safe(outdir: Path, baseline_scripts: set[str]) -> None:
    """What issue 22 asks of every build, whatever its input, checked on every written file.

    No script but the ones a plain build has and JSON-LD (which must parse), no ``on*``
    attribute, every link and source http(s), mailto, tel or relative and on the site, no
    control or bidi character in any text file, valid CSL-JSON and RIS of one value per line.
    """
    for path in sorted(outdir.rglob("*")):
        if not path.is_file() or path.suffix not in {
            ".html",
            ".xhtml",
            ".js",
            ".json",
            ".ris",
            ".bib",
            ".txt",
        }:
            continue
        where = path.relative_to(outdir).as_posix()
        if where.startswith("_sources/"):
            continue  # the author's own page sources, copied as they are
        text = path.read_text(encoding="utf-8")
        if path.suffix not in (".html", ".js"):
            _check_chars(text, where)
        if path.suffix == ".html":
            _check_page(BeautifulSoup(text, "html.parser"), where, baseline_scripts)
        elif path.suffix == ".ris":
            for line in text.splitlines():
                assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*|", line), (where, line[:80])
        elif path.suffix == ".json":  # CSL-JSON (a list of items, each with its id), wherever the pages are
            items = json.loads(text)
            if isinstance(items, list):
                assert all(isinstance(i, dict) and i.get("id") for i in items), where


def _check_chars(text: str, where: str) -> None:
    found = UNSAFE_CHARS.search(text)
    assert found is None, (where, text[max(0, found.start() - 200) : found.end() + 20])


def _check_page(soup: BeautifulSoup, where: str, baseline_scripts: set[str]) -> None:
    """Scripts and ``on*`` attributes on the whole page; characters and links in what sphinx-cv wrote.

    sphinx-cv's part is its elements (``cv-*`` classes), the title, meta tags and JSON-LD;
    the rest is the author's reST, which docutils renders (an option block docutils does
    not accept is shown as the author's text, links and all).
    """
    page_url = urljoin(SITE, where)
    for script in soup.find_all("script"):
        if script.get("type") == "application/ld+json":
            json.loads(script.string)
        else:
            assert script_id(script) in baseline_scripts, (where, str(script)[:200])
    for tag in soup.find_all(True):
        assert not any(attr.lower().startswith("on") for attr in tag.attrs), (where, str(tag)[:200])
    ours = soup.select('[class^="cv-"], [class*=" cv-"], title, meta, script[type="application/ld+json"]')
    for element in ours:
        _check_chars(str(element), where)
        for tag in [element, *element.find_all(True)]:
            for attr in ("href", "src", "action", "formaction", "poster", "data"):
                value = tag.get(attr)
                if value is not None:
                    _check_url(value, page_url, f"{where}: {tag.name} {attr}")
            if tag.name == "meta" and tag.get("name", "").endswith("_url") and tag.get("content"):
                _check_url(tag["content"], page_url, f"{where}: meta {tag['name']}")


def script_id(script: Tag) -> str:
    """A script of the theme or of Sphinx, by the file it loads (from any depth, any ``?v=``
    version, which follows the config) or, inline, by its text."""
    src = script.get("src")
    if src:
        return re.sub(r"^(\.\./)+", "", urlsplit(src).path)
    return (script.string or "").strip()


def _check_url(value: str, page_url: str, where: str) -> None:
    assert "\\" not in value, (where, value)
    parts = urlsplit(value.strip())
    assert parts.scheme.lower() in ALLOWED_SCHEMES, (where, value)
    if parts.scheme.lower() in ("mailto", "tel"):
        return
    if not parts.scheme:
        assert not value.strip().startswith("//"), (where, value)
        resolved = urljoin(page_url, value)
        assert resolved.startswith(SITE), ("a relative link leaving the site", where, value)
    else:
        assert parts.hostname, (where, value)
