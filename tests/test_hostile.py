"""Hostile input in directive fields: escaped or dropped, never active in the built HTML."""

from __future__ import annotations

import json
import re

import pytest
from conftest import main_of, soup_of, warnings_of
from hostile import assert_no_active_content


@pytest.mark.sphinx("html", testroot="hostile")
def test_directive_fields_never_become_active_content(app) -> None:
    app.build()
    main = main_of(app)
    assert_no_active_content(main)
    text = main.get_text()
    for shown in [
        '<script>alert("title")</script>',
        "<img src=x onerror=alert(1)>",
        '<b onclick="alert(1)">caption</b>',
        '" onmouseover="alert(1)',
        "Sentinel paragraph.",
    ]:
        assert shown in text, shown
    assert [a["href"] for a in main.select(".cv-title a")] == ["../other.html"]
    raw = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*(javascript|vbscript|data):""", raw, re.I)


@pytest.mark.sphinx("html", testroot="hostile")
def test_jsonld_keeps_hostile_text_as_data(app) -> None:
    app.build()
    (script,) = soup_of(app).select('script[type="application/ld+json"]')
    assert "</script>" not in script.decode_contents()
    person = json.loads(script.string)["mainEntity"]
    assert person["name"] == '</script><script>alert("name")</script>'
    assert "sameAs" not in person and "url" not in person and "email" not in person


@pytest.mark.sphinx("html", testroot="hostile", freshenv=True)
def test_every_dropped_value_is_reported(app) -> None:
    app.build()
    text = warnings_of(app)
    assert "Traceback" not in text
    for value in ["photo", "email", "homepage", "scholar", "github", "linkedin"]:
        assert f"dropped the {value}" in text, value
    assert text.count("dropped the URL") == 8
    assert "dropped the link 'javascript:alert(1'" in text, "docutils' own autolink is caught too"


@pytest.mark.sphinx("html", testroot="hostile-data", freshenv=True)
def test_data_file_fields_never_become_active_content(app) -> None:
    app.build()
    main = main_of(app)
    assert_no_active_content(main)
    text = main.get_text()
    for shown in [
        "<script>alert('position')</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<script>alert('plain')</script>",
        ".. raw:: html",
        "<iframe src=javascript:alert(1)>",
        "Before.",
        "After.",
    ]:
        assert shown in text, shown
    hrefs = sorted(a["href"] for a in main.select("a[href]:not(.headerlink)"))
    assert hrefs == ["https://example.org/fine"], hrefs
    assert not main.select("b, script, img, svg, iframe")
    warnings = warnings_of(app)
    assert "Traceback" not in warnings
    assert warnings.count("dropped the URL") >= 2
