"""cv-profile: contact links, JSON-LD read back, and the email never in plain text."""

from __future__ import annotations

import json
import re

import pytest
from conftest import soup_of, warnings_of

EMAIL = "jane@example.org"


def _jsonld(soup) -> list[dict]:
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


@pytest.mark.sphinx("html", testroot="rst")
def test_profile_contacts(app) -> None:
    app.build()
    profile = soup_of(app).select_one("div.cv-profile")
    assert profile.select_one(".cv-name").get_text() == "Jane Doe"
    assert profile.select_one(".cv-tagline em").get_text() == "University of Pennsylvania"
    links = {a.get_text(): a["href"] for a in profile.select("ul.cv-contact a")}
    assert links == {
        EMAIL: f"mailto:{EMAIL}",
        "+1 555 0100": "tel:+15550100",
        "jane.example.org": "https://jane.example.org",
        "Google Scholar": "https://scholar.google.com/citations?user=ABCDEF",
        "janedoe": "https://github.com/janedoe",
        "0000-0002-1825-0097": "https://orcid.org/0000-0002-1825-0097",
        "jane-doe": "https://www.linkedin.com/in/jane-doe",
    }
    assert "Philadelphia, PA" in profile.select_one(".cv-contact-location").get_text()
    assert "optimisation" in profile.select_one("p:not(.cv-name) strong").get_text()


@pytest.mark.sphinx("html", testroot="rst")
def test_email_never_plain_text_in_html(app) -> None:
    app.build()
    raw = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert EMAIL not in raw
    assert "jane&#64;" not in raw and "mailto:jane" not in raw
    soup = soup_of(app)
    assert soup.select_one("a.cv-email")["href"] == f"mailto:{EMAIL}"
    assert _jsonld(soup)[0]["mainEntity"]["email"] == EMAIL, "JSON-LD parsers still read it"


@pytest.mark.sphinx("html", testroot="rst")
def test_person_jsonld(app) -> None:
    app.build()
    (page,) = _jsonld(soup_of(app))
    assert page["@context"] == "https://schema.org" and page["@type"] == "ProfilePage"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", page["dateModified"])
    person = page["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Jane Doe"
    assert person["jobTitle"] == "Postdoc Researcher, *University of Pennsylvania*"
    assert person["url"] == "https://jane.example.org"
    assert person["telephone"] == "+1 555 0100"
    assert person["address"]["addressLocality"] == "Philadelphia, PA"
    assert person["sameAs"] == [
        "https://scholar.google.com/citations?user=ABCDEF",
        "https://github.com/janedoe",
        "https://orcid.org/0000-0002-1825-0097",
        "https://www.linkedin.com/in/jane-doe",
    ]


@pytest.mark.sphinx("html", testroot="rst", confoverrides={"cv_jsonld": False})
def test_jsonld_can_be_switched_off(app) -> None:
    app.build()
    assert _jsonld(soup_of(app)) == []


@pytest.mark.sphinx("text", testroot="rst", freshenv=True)
def test_other_builders_skip_jsonld(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8").replace("\u2009", " ")
    assert "Jane Doe" in text and "Sep 2019 – Present" in text
    assert "schema.org" not in text and "@context" not in text


@pytest.mark.sphinx("html", testroot="rst")
def test_email_is_not_text_of_the_doctree(app) -> None:
    """Whatever reads page text (search index, OpenGraph descriptions) cannot leak the address."""
    app.build()
    doctree = app.env.get_doctree("index")
    assert EMAIL not in doctree.astext()
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "jane@" not in index


@pytest.mark.sphinx("text", testroot="rst", freshenv=True)
def test_text_builder_shows_the_address(app) -> None:
    app.build()
    assert f"Email: {EMAIL}" in (app.outdir / "index.txt").read_text(encoding="utf-8")
