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


@pytest.mark.sphinx("html", testroot="rst")
def test_contacts_have_icons_and_spoken_labels(app) -> None:
    """One inline SVG per contact (no font, no request); the label stays for screen readers."""
    app.build()
    profile = soup_of(app).select_one("div.cv-profile")
    items = profile.select("ul.cv-contact > li")
    assert len(items) == 8
    for item in items:
        svg = item.select_one("svg.cv-icon")
        assert svg is not None and svg["aria-hidden"] == "true", item
        assert svg.select_one("path")["d"] and not svg.select("use, image")
    labels = [s.get_text() for s in profile.select(".cv-contact-label.cv-visually-hidden")]
    assert labels == ["Email:", "Mobile:", "Homepage:", "GitHub:", "ORCID:", "LinkedIn:", "Location:"]
    # Google Scholar is its own label: the link text names it
    assert profile.select_one(".cv-contact-scholar a").get_text() == "Google Scholar"


@pytest.mark.sphinx("text", testroot="rst")
def test_text_output_has_labels_and_no_icons(app) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "Email: jane@example.org" in text
    assert "GitHub: janedoe" in text
    assert "Google Scholar: https://scholar.google.com/citations?user=ABCDEF" in text
    assert "svg" not in text and "M0 " not in text


@pytest.mark.sphinx("html", testroot="profile-home", freshenv=True)
def test_pdf_link_and_name_under_its_own_title(app) -> None:
    """The ``:pdf:`` link; the name is hidden only where the page title already is the name."""
    app.build()
    assert warnings_of(app) == ""
    for page, hidden in (("index", True), ("cv", False)):
        profile = soup_of(app, page).select_one("div.cv-profile")
        assert ("cv-hide-name" in profile["class"]) is hidden, page
        pdf = profile.select_one(".cv-contact-pdf a")
        assert (pdf.get_text(), pdf["href"]) == ("CV (PDF)", "jane-doe-cv.pdf")
        assert pdf.select_one("svg.cv-icon") is not None, "the icon is part of the link"


@pytest.mark.sphinx("html", testroot="rst", confoverrides={"cv_pdf_url": "https://example.org/cv.pdf"})
def test_pdf_link_from_config(app) -> None:
    app.build()
    pdf = soup_of(app).select_one("div.cv-profile .cv-contact-pdf a")
    assert pdf["href"] == "https://example.org/cv.pdf"


@pytest.mark.sphinx(
    "html", testroot="rst", confoverrides={"cv_pdf_url": "javascript:alert(1)"}, freshenv=True
)
def test_unsafe_pdf_url_is_dropped_with_a_warning(app) -> None:
    app.build()
    assert soup_of(app).select_one("div.cv-profile .cv-contact-pdf") is None
    assert "dropped the pdf value" in warnings_of(app)
    assert "javascript:" not in (app.outdir / "index.html").read_text(encoding="utf-8")


RTD = {
    "READTHEDOCS": "True",
    "READTHEDOCS_PROJECT": "jane-doe",
    "READTHEDOCS_VERSION": "latest",
    "READTHEDOCS_LANGUAGE": "en",
    "READTHEDOCS_CANONICAL_URL": "https://jane-doe.readthedocs.io/en/latest/",
}


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("version: 2\nformats: [pdf]\n", "https://jane-doe.readthedocs.io/_/downloads/en/latest/pdf/"),
        ("version: 2\nformats: all\n", "https://jane-doe.readthedocs.io/_/downloads/en/latest/pdf/"),
        ("version: 2\nformats: [epub]\n", ""),
        ("version: 2\n", ""),
        ("formats: [pdf\n", ""),  # broken YAML: no PDF assumed
        (None, ""),  # no configuration file found
    ],
)
def test_read_the_docs_pdf_download(tmp_path, config: str | None, expected: str) -> None:
    from sphinx_cv.core.readthedocs import pdf_download_url

    if config is not None:
        (tmp_path / ".readthedocs.yaml").write_text(config, encoding="utf-8")
    environ = {**RTD, "READTHEDOCS_REPOSITORY_PATH": str(tmp_path)}
    assert pdf_download_url(environ) == expected
    assert pdf_download_url({k: v for k, v in environ.items() if k != "READTHEDOCS"}) == ""


def test_read_the_docs_pdf_on_a_custom_domain(tmp_path) -> None:
    from sphinx_cv.core.readthedocs import pdf_download_url

    (tmp_path / ".readthedocs.yml").write_text("formats:\n  - pdf\n", encoding="utf-8")
    environ = {
        **RTD,
        "READTHEDOCS_REPOSITORY_PATH": str(tmp_path),
        "READTHEDOCS_CANONICAL_URL": "https://jane.example.org/fr/stable/",
        "READTHEDOCS_LANGUAGE": "fr",
        "READTHEDOCS_VERSION": "stable",
    }
    assert pdf_download_url(environ) == "https://jane.example.org/_/downloads/fr/stable/pdf/"


@pytest.mark.sphinx("html", testroot="rst", freshenv=True)
def test_profile_links_the_read_the_docs_pdf(app, tmp_path, monkeypatch) -> None:
    """On Read the Docs, with formats: [pdf], the profile links the project's PDF by default."""
    (tmp_path / ".readthedocs.yaml").write_text("version: 2\nformats: [pdf]\n", encoding="utf-8")
    for name, value in {**RTD, "READTHEDOCS_REPOSITORY_PATH": str(tmp_path)}.items():
        monkeypatch.setenv(name, value)
    app.build()
    pdf = soup_of(app).select_one("div.cv-profile .cv-contact-pdf a")
    assert pdf["href"] == "https://jane-doe.readthedocs.io/_/downloads/en/latest/pdf/"


@pytest.mark.sphinx("text", testroot="profile-home")
def test_no_link_to_the_pdf_in_plain_formats(app) -> None:
    """The text (or PDF) CV is the CV: its profile keeps the contacts, not the link to the PDF."""
    app.build()
    text = (app.outdir / "cv.txt").read_text(encoding="utf-8")
    assert "GitHub: janedoe" in text
    assert "CV (PDF)" not in text and "jane-doe-cv.pdf" not in text
