"""Talks, teaching, grants and news (``cv-timeline :kind:``), their JSON-LD, and the Atom feed.

The JSON-LD is checked against the properties Google documents as required
and recommended for each type, and against schema.org's properties and ranges
(tests/data/schemaorg-homepage.json, sources in tests/data/SOURCES.md); the
feed is read by feedparser, a real feed reader.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS, main_of, soup_of, warnings_of
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.core.kinds import kind_of_section, parse_amount

feedparser = pytest.importorskip("feedparser", reason="pip install feedparser")
pyld = pytest.importorskip("pyld.jsonld", reason="pip install pyld")

VOCAB = json.loads((Path(__file__).parent / "data" / "schemaorg-homepage.json").read_text())
SCHEMA = "https://schema.org"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_ANY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _blocks(soup) -> list[dict[str, Any]]:
    return [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]


def _items(block: dict[str, Any]) -> list[dict[str, Any]]:
    return list(block.get("@graph", [block]))


def _typed(soup, kind: str) -> list[dict[str, Any]]:
    return [item for block in _blocks(soup) for item in _items(block) if item.get("@type") == kind]


def _problems(node: Any, type_: str, path: str, via: str = "") -> list[str]:
    """What a node breaks of schema.org's properties and ranges and of Google's required fields."""
    if not isinstance(node, dict):
        return []
    found: list[str] = []
    allowed = dict(VOCAB["properties"].get(type_, {}))
    if type_ == "Role":
        allowed[via] = ["Thing"]  # the Role pattern: the wrapped property, repeated
    if not allowed:
        return [f"{path}: sphinx-cv writes no {type_}"]
    for prop in VOCAB["google"].get(type_, {}).get("required", []):
        if prop not in node:
            found.append(f"{path}: {type_} lacks required {prop}")
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        if prop not in allowed:
            found.append(f"{path}: {prop} is no property of {type_}")
            continue
        for one in value if isinstance(value, list) else [value]:
            ranges = allowed[prop]
            where = f"{path}.{prop}"
            if isinstance(one, dict):
                inner = one.get("@type", "")
                if inner != "Role" and inner not in ranges and ranges != ["Thing"]:
                    found.append(f"{where}: a {inner} is not in its range {ranges}")
                found += _problems(one, inner, where, via=prop)
            elif ranges == ["EventAttendanceModeEnumeration"]:
                if one not in VOCAB["enumerations"]["EventAttendanceModeEnumeration"]:
                    found.append(f"{where}: {one!r} is not an attendance mode")
            elif "Date" in ranges and not ISO_ANY.fullmatch(str(one)):
                found.append(f"{where}: {one!r} is not an ISO 8601 date")
            elif ranges == ["URL"] and not str(one).startswith("https://"):
                found.append(f"{where}: {one!r} is no absolute URL")
            elif "Number" in ranges and "Text" not in ranges and not isinstance(one, int | float):
                found.append(f"{where}: {one!r} is no number")
            elif isinstance(one, bool | int | float) and not {"Number", "Boolean"} & set(ranges):
                found.append(f"{where}: {one!r} should be text")
    return found


def _offline(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "http://schema.org/"}},
        }
    raise AssertionError(f"JSON-LD would fetch {url}")


@pytest.mark.sphinx("html", testroot="homepage", freshenv=True)
def test_every_kind_builds_without_warnings_and_its_jsonld_is_what_google_and_schemaorg_ask(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = soup_of(app)
    blocks = _blocks(soup)
    assert len(blocks) == 6  # one per timeline of a typed kind (talks, teaching, grants; three from files)
    problems = [
        problem
        for block in blocks
        for index, item in enumerate(_items(block))
        for problem in _problems(item, item["@type"], f"{item['@type']}[{index}]")
    ]
    assert problems == []
    for block in blocks:  # valid JSON-LD: it expands, and every node keeps its type
        expanded = pyld.expand(block, {"documentLoader": _offline})
        assert expanded and all("@type" in node for node in expanded if isinstance(node, dict))
        assert block.get("@context") == SCHEMA

    events = {e["name"]: e for e in _typed(soup, "Event")}
    assert sorted(events) == [
        "Distributed training in the background",
        "Edgeworth accountants",
        "Gradient descent for matrix completion",
        "Sharp bounds for private learning",
    ], "a talk whose date has no day gets no Event"
    mixed = events["Sharp bounds for private learning"]
    assert mixed["startDate"] == "2020-07-17" and ISO_DAY.fullmatch(mixed["startDate"])
    assert mixed["eventAttendanceMode"] == f"{SCHEMA}/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in mixed["location"]] == ["Place", "VirtualLocation"]
    assert mixed["location"][1]["url"] == "https://icml.example.org/2020/privacy"
    assert mixed["performer"] == {"@type": "Person", "name": "Jane Doe"}
    assert mixed["description"] == "Forty minutes on Edgeworth expansions."
    online = events["Distributed training in the background"]
    assert online["eventAttendanceMode"] == f"{SCHEMA}/OnlineEventAttendanceMode"
    assert "description" not in online and "endDate" not in online, "nothing invented"
    assert events["Gradient descent for matrix completion"]["endDate"] == "2016-03-03"

    courses = {c["name"]: c for c in _typed(soup, "Course")}
    stat = courses["STAT 991: Topics in deep learning"]
    assert stat["provider"] == {"@type": "Organization", "name": "University of Pennsylvania"}
    assert stat["hasCourseInstance"]["startDate"] == "2020", "the term at the precision written"
    assert stat["hasCourseInstance"]["instructor"]["roleName"] == "Co-instructor"
    assert stat["hasCourseInstance"]["instructor"]["instructor"]["name"] == "Jane Doe"
    assert courses["Probability and statistics"]["hasCourseInstance"]["courseMode"] == "online"

    grants = {g["name"]: g for g in _typed(soup, "MonetaryGrant")}
    assert sorted(grants) == ["Facebook fellowship", "Private federated learning at scale", "Travel grant"]
    nsf = grants["Private federated learning at scale"]
    assert nsf["amount"] == {"@type": "MonetaryAmount", "currency": "USD", "value": 500000}
    assert nsf["fundedItem"]["roleName"] == "Principal investigator"
    assert "amount" not in grants["Travel grant"], "'$2,000' names no currency: none is guessed"
    assert grants["Facebook fellowship"]["amount"]["value"] == 45000


@pytest.mark.sphinx("html", testroot="homepage", freshenv=True)
def test_entries_show_their_links_role_funder_amount_and_place(app) -> None:
    app.build()
    main = main_of(app)
    talk = main.select_one("#talks li.cv-entry")
    assert " ".join(talk.select_one(".cv-location").get_text().split()) == "Vienna, Austria · online"
    row = talk.select_one(".cv-pub-actions")
    assert [(a.get_text(), a["href"]) for a in row.select("a.cv-pub-link")] == [
        ("Slides", "https://jane.example.org/slides/icml2020.pdf"),
        ("Video", "https://video.example.org/watch?v=abc&t=1"),
        ("Event", "https://icml.example.org/2020/privacy"),
    ]
    assert talk.find_all(recursive=False)[-1] is row, "the row of links comes after what the entry says"
    grant = main.select_one("#grants li.cv-entry")
    assert grant.select_one(".cv-entry-meta").get_text() == (
        "Principal investigator · National Science Foundation · USD 500,000"
    )
    news = main.select("#news li.cv-entry")
    assert [n["id"] for n in news] == [
        "news-2020-06-01-our-paper-on-gaussian-differential-privacy-w",
        "news-2019-09-i-joined-the-university-of-pennsylvania-as-a-po",
    ]
    assert main.select_one("#news script") is None, "news has no schema.org type: no JSON-LD"


@pytest.mark.sphinx("html", testroot="homepage-bad", freshenv=True)
def test_missing_facts_warn_only_when_the_kind_was_asked_for(app) -> None:
    app.build()
    warnings = warnings_of(app)
    located = re.findall(r"index\.rst:(\d+): WARNING: (.*) \[cv\.jsonld\]", warnings)
    assert [(int(line), message.split(":")[0]) for line, message in located] == [
        (7, "talk 'A talk in a month' gets no schema.org Event"),
        (11, "talk 'A talk nowhere' gets no schema.org Event"),
        (14, "talk 'An online talk without its address' gets no schema.org Event"),
        (27, "course 'A course without a description' gets no schema.org Course"),
        (34, "grant 'A grant without a funder' gets no schema.org MonetaryGrant"),
    ]
    assert "has no day" in located[0][1] and "needs its :event-url:" in located[2][1]
    assert "cv_feed needs html_baseurl" in warnings and "[cv.config]" in warnings
    assert warnings.count("[cv.jsonld]") == 5, "the data file's talks section says its kind unasked: silent"
    assert re.search(
        r"index\.rst:21: WARNING: cv-entry 'A hostile talk': dropped the URL 'javascript", warnings
    )
    assert re.search(r"index\.rst:22: WARNING: cv-entry 'A hostile talk': dropped the URL '<img", warnings)
    html = (Path(app.outdir) / "index.html").read_text()
    assert "javascript:" not in html and "onerror" not in html
    talk = main_of(app).select("li.cv-entry")[3]
    assert talk.select_one(".cv-pub-actions") is None, "no links left, no row"
    assert _typed(soup_of(app), "Event") == [
        {
            "@context": SCHEMA,
            "@type": "Event",
            "name": "A hostile talk",
            "startDate": "2020-07-19",
            "location": {
                "@type": "Place",
                "name": "Vienna",
                "address": {"@type": "PostalAddress", "addressLocality": "Vienna"},
            },
            "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
            "performer": {"@type": "Person", "name": "Jane Doe"},
        }
    ]
    assert "After the timelines." in main_of(app).get_text()
    assert not (Path(app.outdir) / "feed.xml").exists()


@pytest.mark.sphinx("html", testroot="homepage", confoverrides={"cv_jsonld": False})
def test_jsonld_off_means_none_for_the_kinds(app) -> None:
    app.build()
    assert _blocks(soup_of(app)) == []


@pytest.mark.parametrize("builder", ["latex", "text", "man", "singlehtml"])
def test_other_builders_write_the_kinds(builder: str, tmp_path: Path, make_app) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-homepage", src)
    app = make_app(builder, srcdir=src)
    app.build()
    assert warnings_of(app) == ""
    out = "\n".join(
        p.read_text() for p in Path(app.outdir).rglob("*") if p.suffix in (".tex", ".txt", ".1", ".html")
    )
    assert "Principal investigator · National Science Foundation · USD 500,000" in out
    assert "@context" not in out or builder == "singlehtml"


def test_section_names_and_amounts() -> None:
    assert kind_of_section("Invited talks") == "talks" and kind_of_section("courses-taught") == "teaching"
    assert kind_of_section("Funding") == "grants" and kind_of_section("News") == "news"
    assert kind_of_section("experience") == ""
    assert parse_amount("USD 500,000") == ("USD", 500000)
    assert parse_amount("1,250.50 EUR") == ("EUR", 1250.5)
    assert (
        parse_amount("$500,000") is None
        and parse_amount("XYZ 5") is None
        and parse_amount("USD 5,00") is None
    )


# ---- the Atom feed -----------------------------------------------------------------------------------


def _feed_build(tmp_path: Path, name: str, epoch: str, monkeypatch, builder: str = "html") -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    src = tmp_path / name
    shutil.copytree(ROOTS / "test-homepage", src)
    app = SphinxTestApp(builder, srcdir=src)
    try:
        app.build()
        assert warnings_of(app) == ""
    finally:
        app.cleanup()
    return Path(app.outdir)


def test_feed_is_valid_atom_newest_first_with_every_required_element(tmp_path: Path, monkeypatch) -> None:
    out = _feed_build(tmp_path, "a", "1600000000", monkeypatch)
    raw = (out / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    # RFC 4287: a feed has id, title, updated, an author (or every entry one); an entry id, title, updated
    assert feed.feed.id == "https://jane.example.org/feed.xml"
    assert feed.feed.title == "cv-homepage"
    assert feed.feed.updated == "2020-06-01T00:00:00Z", "the newest item's date, not the build's"
    assert feed.feed.author_detail.name == "Jane Doe"
    assert {(link.rel, link.href) for link in feed.feed.links} == {
        ("self", "https://jane.example.org/feed.xml"),
        ("alternate", "https://jane.example.org/"),
    }
    assert [(e.title, e.updated) for e in feed.entries] == [
        ("Our paper on Gaussian differential privacy was accepted at ICML", "2020-06-01T00:00:00Z"),
        ("A second page of news", "2020-06-01T00:00:00Z"),
        ("I joined the University of Pennsylvania as a postdoc", "2019-09-01T00:00:00Z"),
    ]
    first = feed.entries[0]
    assert (
        first.id
        == "https://jane.example.org/index.html#news-2020-06-01-our-paper-on-gaussian-differential-privacy-w"
    )
    assert first.link == first.id
    assert first.summary == "See you in Vienna (virtually)."
    assert ("related", "https://arxiv.org/abs/2003.04493") in {(link.rel, link.href) for link in first.links}
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated_parsed
    page = (out / "index.html").read_text()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="cv-homepage" '
        'href="https://jane.example.org/feed.xml" />' in page
    )
    for other in ("genindex.html", "search.html"):
        assert "application/atom+xml" in (out / other).read_text(), f"{other} links the feed too"

    again = _feed_build(tmp_path, "b", "1700000000", monkeypatch)
    assert (again / "feed.xml").read_bytes() == raw, "the same sources give the same bytes, whenever built"
    dirhtml = _feed_build(tmp_path, "c", "1600000000", monkeypatch, "dirhtml")
    assert (
        feedparser.parse((dirhtml / "feed.xml").read_bytes())
        .entries[0]
        .id.startswith("https://jane.example.org/#news-")
    )


def test_no_feed_unless_asked(tmp_path: Path, make_app) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-homepage", src)
    app = make_app("html", srcdir=src, confoverrides={"cv_feed": False})
    app.build()
    assert not (Path(app.outdir) / "feed.xml").exists()
    assert "application/atom+xml" not in (Path(app.outdir) / "index.html").read_text()


def test_readme_homepage_example_builds_without_warnings(tmp_path: Path) -> None:
    """The README's example of the kinds (its ``rest`` block of timelines) builds under -W, with JSON-LD."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```rest\n(.*?)^```$", readme, flags=re.S | re.M)
    (example,) = [block for block in blocks if "cv-timeline" in block]
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_cv"]\ncv_author = "Jane Doe"\n')
    (tmp_path / "index.rst").write_text("Example\n=======\n\n" + example)
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        app.build()
        assert warnings_of(app) == ""
        soup = soup_of(app)
        assert [len(_typed(soup, t)) for t in ("Event", "Course", "MonetaryGrant")] == [1, 1, 1]
    finally:
        app.cleanup()


@pytest.mark.sphinx("html", testroot="homepage", freshenv=True)
def test_myst_and_rest_give_the_same_talk(app) -> None:
    app.build()
    rest = next(e for e in _typed(soup_of(app), "Event") if e["name"] == "Sharp bounds for private learning")
    (myst,) = _typed(soup_of(app, "myst"), "Event")
    assert myst.pop("@context") == SCHEMA  # alone on its page; the other is one of a @graph
    assert myst == rest
    links = main_of(app, "myst").select(".cv-pub-actions a")
    assert [a.get_text() for a in links] == ["Slides", "Video", "Event"]


def test_feed_follows_edits_and_parallel_builds(tmp_path: Path, monkeypatch) -> None:
    """A news item removed from a page leaves the feed on the next (incremental) build; a parallel
    build writes the same feed as a serial one (the domain merges what each process read)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    outs = {}
    for name, parallel in (("serial", 0), ("parallel", 2)):
        src = tmp_path / name
        shutil.copytree(ROOTS / "test-homepage", src)
        for n in range(1, 6):  # Sphinx reads in parallel only past five documents
            news = f".. cv-timeline::\n   :kind: news\n\n   .. cv-entry:: News {n}\n      :start: 2018-0{n}\n"
            (src / f"news{n}.rst").write_text(f":orphan:\n\nPage {n}\n======\n\n{news}")
        app = SphinxTestApp("html", srcdir=src, parallel=parallel)
        merged: list[str] = []
        app.connect("env-merge-info", lambda _app, _env, docnames, _other, seen=merged: seen.extend(docnames))
        try:
            app.build()
            assert warnings_of(app) == ""
            assert bool(merged) == bool(parallel), "the parallel build merged what its processes read"
        finally:
            app.cleanup()
        outs[name] = Path(app.outdir)
    serial = outs["serial"]
    assert (outs["parallel"] / "feed.xml").read_bytes() == (serial / "feed.xml").read_bytes()
    entries = feedparser.parse((serial / "feed.xml").read_bytes()).entries
    assert [e.title for e in entries[-5:]] == [f"News {n}" for n in range(5, 0, -1)]
    titles = [e.title for e in feedparser.parse((serial / "feed.xml").read_bytes()).entries]
    assert titles[:2] == [
        "Our paper on Gaussian differential privacy was accepted at ICML",
        "A second page of news",
    ], "same date: the index page first, then the other, by name"
    page = src / "myst.md"
    page.write_text(page.read_text().replace("A second page of news", "Renamed news"))
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()
    titles = [e.title for e in feedparser.parse((Path(app.outdir) / "feed.xml").read_bytes()).entries]
    assert "Renamed news" in titles and "A second page of news" not in titles


def test_feed_under_a_base_url_without_its_last_slash(tmp_path: Path, make_app) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-homepage", src)
    app = make_app("html", srcdir=src, confoverrides={"html_baseurl": "https://example.edu/~jane"})
    app.build()
    feed = feedparser.parse((Path(app.outdir) / "feed.xml").read_bytes())
    assert feed.feed.id == "https://example.edu/~jane/feed.xml"
    assert feed.entries[0].id.startswith("https://example.edu/~jane/index.html#news-")
