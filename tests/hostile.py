"""What hostile input may never produce in built HTML: shared by the hostile-input tests."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

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
