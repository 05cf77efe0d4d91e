"""``cv-publications`` in real builds, asserted on the built HTML."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import pytest
from bs4 import Tag
from conftest import assert_located_warnings, main_of, soup_of, warnings_of


def lists_of(app, docname: str = "index") -> list[Tag]:
    return main_of(app, docname).select("div.cv-publications")


def numbers_of(publist: Tag) -> list[int]:
    """The numbers a browser shows, computed from ``<ol start reversed>`` (no CSS involved)."""
    shown: list[int] = []
    for ol in publist.select("ol"):
        items = ol.find_all("li", recursive=False)
        step = -1 if ol.has_attr("reversed") else 1
        start = int(ol.get("start", len(items) if step < 0 else 1))
        shown += [start + step * i for i in range(len(items))]
    return shown


def ids_of(publist: Tag) -> list[str]:
    return [li["id"] for li in publist.select("li.cv-pub")]


@pytest.mark.sphinx("html", testroot="pubs")
def test_grouped_by_year_newest_first_numbered(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    full = lists_of(app)[0]
    assert full["id"] == "all-pubs"
    assert full.select_one(".cv-caption").get_text() == "All publications"
    headings = [g.select_one(".cv-pub-group-title").get_text() for g in full.select(".cv-pub-group")]
    assert headings == ["2020", "2017", "2016", "2015"]
    assert ids_of(full) == [
        "zheng2020sharp",
        "kuchibhotla2020nearoptimal",
        "zheng2017thesis",
        "moller2016journal",
        "zheng2015convergent",
    ]
    assert numbers_of(full) == [1, 2, 3, 4, 5]
    assert [ol.get("start") for ol in full.select("ol")] == [None, "3", "4", "5"]


@pytest.mark.sphinx("html", testroot="pubs")
def test_reverse_numbering_and_selected(app) -> None:
    app.build()
    selected = lists_of(app)[1]
    ol = selected.select_one("ol")
    assert ol.has_attr("reversed") and ol["start"] == "2"
    assert numbers_of(selected) == [2, 1]
    assert not selected.select(".cv-pub-group-title")  # :group-by: none
    # the same entries again on the page: unique ids, no warning
    assert ids_of(selected) == ["zheng2020sharp-2", "zheng2015convergent-2"]
    page_ids = [t["id"] for t in soup_of(app).find_all(id=True)]
    assert len(page_ids) == len(set(page_ids))


@pytest.mark.sphinx("html", testroot="pubs")
def test_entry_rendering(app) -> None:
    app.build()
    sharp = main_of(app).select_one("li#zheng2020sharp")
    title = sharp.select_one(".cv-pub-title")
    assert (
        title.get_text()
        == "Sharp Composition Bounds for Gaussian Differential Privacy via Edgeworth Expansion"
    )
    assert title.select_one("em").get_text() == "Edgeworth"
    assert [s.get_text() for s in sharp.select(".cv-author-self")] == ["Qinqing Zheng"]
    assert (
        sharp.select_one(".cv-pub-authors").get_text() == "Qinqing Zheng, Jinshuo Dong, Qi Long, Weijie J Su"
    )
    assert (
        sharp.select_one(".cv-pub-venue").get_text()
        == "International Conference on Machine Learning (ICML), 2020"
    )
    links = [(a.get_text(), a["href"]) for a in sharp.select("a.cv-pub-link")]
    assert links == [
        ("PDF", "papers/sharp.pdf"),
        ("DOI", "https://doi.org/10.0000/example.sharp"),
        ("Code", "https://github.com/example/sharp"),
    ]
    preprint = main_of(app).select_one("li#kuchibhotla2020nearoptimal")
    assert [s.get_text() for s in preprint.select(".cv-author-self")] == ["Q. Zheng"]
    # the arXiv id said once: as the label of its link, not again on the venue line
    assert preprint.select_one(".cv-pub-venue").get_text() == "2020 (submitted)"
    links = [(a.get_text(), a["href"]) for a in preprint.select("a.cv-pub-link")]
    assert links == [("arXiv:2006.05022", "https://arxiv.org/abs/2006.05022")]
    shown = [p.get_text() for p in preprint.select(":scope > p, p.cv-pub-links")]  # the BibTeX apart
    assert " ".join(shown).count("2006.05022") == 1
    thesis = main_of(app).select_one("li#zheng2017thesis")
    assert thesis.select_one(".cv-pub-venue").get_text() == "Ph.D. thesis, The University of Chicago, 2017"
    journal = main_of(app).select_one("li#moller2016journal")
    assert journal.select_one(".cv-pub-title").get_text() == "A Journal Paper with Ümlauts"
    assert journal.select_one(".cv-pub-authors").get_text() == "Hans Möller, Qinqing Zheng"


@pytest.mark.sphinx("html", testroot="pubs")
def test_details_work_without_javascript(app) -> None:
    app.build()
    soup = soup_of(app)
    sharp = soup.select_one("li#zheng2020sharp")
    abstract = sharp.select_one("details.cv-pub-abstract")
    assert abstract.select_one("summary").get_text() == "Abstract"
    assert "Gaussian mechanisms" in abstract.get_text()
    bibtex = sharp.select_one("details.cv-pub-bibtex")
    assert bibtex.select_one("summary").get_text() == "BibTeX"
    assert bibtex.select_one("pre").get_text().startswith("@inproceedings{zheng2020sharp,")
    # the copy button is made by the deferred script only
    assert not soup.select("button")
    assert soup.select_one('script[src*="sphinx-cv.js"]').has_attr("defer")
    js = (Path(app.outdir) / "_static" / "sphinx-cv.js").read_text(encoding="utf-8")
    assert "cv-pub-bibtex" in js and "clipboard" in js
    # the default list shows links only
    preprint = soup.select_one("li#kuchibhotla2020nearoptimal")
    assert preprint.select("details.cv-pub-bibtex")  # first list shows bibtex for all
    selected = lists_of(app)[1]
    assert not selected.select("details") and selected.select("a.cv-pub-link")
    for tag in soup.select(".cv-publications, .cv-publications *"):
        assert not [a for a in tag.attrs if a.lower().startswith("on")]


@pytest.mark.sphinx("html", testroot="pubs")
def test_filter_group_by_type_and_ref(app) -> None:
    app.build()
    (only,) = lists_of(app, "other")
    assert [g.get_text() for g in only.select(".cv-pub-group-title")] == ["Conference papers"]
    assert ids_of(only) == ["zheng2020sharp"]
    ref = main_of(app, "other").select_one('a[href="index.html#all-pubs"]')
    assert ref is not None and ref.get_text() == "All publications"


@pytest.mark.sphinx("html", testroot="pubs")
def test_jsonld_per_list(app) -> None:
    app.build()
    scripts = main_of(app).select('script[type="application/ld+json"]')
    assert len(scripts) == 2
    data = json.loads(scripts[0].string)
    graph = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert graph[0]["name"].startswith("Sharp Composition Bounds")
    sharp = graph[0]
    assert sharp["@type"] == "ScholarlyArticle"
    assert [a["name"] for a in sharp["author"]][:2] == ["Qinqing Zheng", "Jinshuo Dong"]
    assert sharp["datePublished"] == "2020-07"
    assert sharp["identifier"] == ["doi:10.0000/example.sharp"]
    assert sharp["isPartOf"]["name"] == "International Conference on Machine Learning (ICML)"
    assert graph[1]["sameAs"] == ["https://arxiv.org/abs/2006.05022"]
    assert graph[2]["@type"] == "Thesis"


@pytest.mark.sphinx("html", testroot="pubs", confoverrides={"cv_jsonld": False})
def test_jsonld_can_be_switched_off(app) -> None:
    app.build()
    assert not soup_of(app).select('script[type="application/ld+json"]')
    assert lists_of(app)


HOSTILE_WARNINGS = [
    (4, "bib", "entry 'evil2020': dropped the url value 'javascript:alert(1)'"),
    (4, "bib", "entry 'untitled2019' has no title"),
    (8, "option", ":group-by: must be one of year, type, none, not 'decade'"),
    (9, "option", ":sort: must be one of newest, oldest, none, not 'random'"),
    (10, "option", ":numbered: must be one of (no value), reverse, not 'backwards'"),
    (11, "option", ":show: knows links, abstract, bibtex (or none), not video"),
    (13, "bib", "no entry matches; the list is empty"),
    (17, "option", ":filter: 'year >= = \"2015\"' does not parse"),
    (20, "bib", ":keys: no entry 'nosuchkey' in the .bib files"),
]


@pytest.mark.sphinx("html", testroot="pubs-hostile", freshenv=True)
def test_hostile_input_warns_located(app) -> None:
    app.build()
    assert_located_warnings(app, [("index.rst", line, sub, frag) for line, sub, frag in HOSTILE_WARNINGS])


@pytest.mark.sphinx("html", testroot="pubs-hostile")
def test_hostile_input_is_inert(app) -> None:
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>Bold</b>" not in html
    assert "javascript:" not in html
    main = main_of(app)
    evil = main.select_one("li#evil2020")
    assert "<script>alert(" in evil.select_one(".cv-pub-title").get_text()  # shown as text
    assert [a["href"] for a in evil.select("a")] == ["https://example.org/code?a=1&b=2"]
    assert "After everything." in main.get_text()
    # later lists still render; the empty and broken ones are empty, not missing
    lists = lists_of(app)
    assert [len(pl.select("li.cv-pub")) for pl in lists] == [3, 3, 0, 0, 1]
    # the owner, written {\"o}, ö or without the accent, is highlighted; Otto Möller is not
    owners = [s.get_text() for s in lists[0].select(".cv-author-self")]
    assert owners == ["Hans Möller", "H. Möller", "Hans Moller"]
    assert "Otto Möller" not in [s.get_text() for s in main.select(".cv-author-self")]


@pytest.mark.sphinx("html", testroot="pubs-cite")
def test_cite_and_bibliography_coexist(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    soup = soup_of(app)
    ids = [t["id"] for t in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    citations = soup.select(".citation")
    assert len(citations) == 2
    for ref in main_of(app).select('a[href^="#"]'):
        target = ref["href"][1:]
        assert not target or soup.find(id=target) is not None, target
    assert ids_of(lists_of(app)[1])[0] == "zheng2020sharp-2"
    assert ids_of(lists_of(app, "second")[0]) == ["zheng2020sharp"]


@pytest.mark.sphinx("html", testroot="pubs-alfolio")
def test_alfolio_bib(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    selected, full = lists_of(app)
    assert ids_of(selected) == ["PhysRev.47.777"]  # selected={true}
    # :show: abstract: the abstract and no link badges
    assert "element of reality" in selected.select_one("details.cv-pub-abstract").get_text()
    assert not selected.select(".cv-pub-link, details.cv-pub-bibtex")
    assert [g.get_text() for g in full.select(".cv-pub-group-title")] == [
        "Journal articles",
        "Books and chapters",
    ]
    titles = [t.get_text() for t in full.select(".cv-pub-title")]
    assert titles[0].startswith("Über die von der molekularkinetischen Theorie der Wärme")
    years = [li.select_one(".cv-pub-year").get_text() for li in full.select("ol, ul")[0].select("li")]
    assert years == sorted(years)  # :sort: oldest
    physrev = full.select_one('li[id="PhysRev.47.777-2"]')
    assert "American Physical Society" in physrev.select_one("details.cv-pub-bibtex").get_text()  # @string
    assert "selected" not in physrev.select_one("details.cv-pub-bibtex").get_text()
    assert [a.get_text() for a in physrev.select(".cv-pub-link")] == [
        "PDF",
        "DOI",
        "Link",
        "HTML",
        "Altmetric",
        "Dimensions",
    ]
    assert physrev.select_one(".cv-pub-venue").get_text() == "Phys. Rev. 47, 777–780, 1935"
    assert [s.get_text() for s in full.select(".cv-author-self")].count("A. Einstein") == 4


@pytest.mark.sphinx("html", testroot="pubs-myst")
def test_myst_options(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    filtered, by_keys = lists_of(app)
    assert filtered.select_one(".cv-caption").get_text() == "Conference papers since 2016"
    assert ids_of(filtered) == ["zheng2020sharp"]
    assert numbers_of(filtered) == [1]
    assert [s.get_text() for s in filtered.select(".cv-author-self")] == ["Jinshuo Dong"]  # :highlight:
    assert "compact" in by_keys["class"]
    assert ids_of(by_keys) == ["zheng2015convergent", "zheng2017thesis"]  # :sort: none keeps :keys: order
    assert by_keys.select("details.cv-pub-bibtex") and not by_keys.select(".cv-pub-link")


@pytest.mark.sphinx("html", testroot="pubs")
def test_editing_the_bib_rereads_only_pages_with_lists(app, make_app) -> None:
    app.build()
    bib = Path(app.srcdir) / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("A Convergent Gradient Descent Algorithm", "A Renamed Paper"),
        encoding="utf-8",
    )
    later = time.time() + 5
    os.utime(bib, (later, later))
    again = make_app("html", srcdir=app.srcdir)
    read: list[str] = []
    again.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    again.build()
    assert sorted(read) == ["index", "other"]
    assert "A Renamed Paper" in main_of(again).get_text()


@pytest.mark.parametrize(
    "builder",
    [pytest.param(b, marks=pytest.mark.sphinx(b, testroot="pubs")) for b in ("text", "latex", "man")],
)
def test_other_builders(app, builder: str) -> None:
    other = app
    other.build()
    assert warnings_of(other) == ""
    out = "\n".join(
        p.read_text(encoding="utf-8")
        for p in Path(other.outdir).rglob("*")
        if p.suffix in (".txt", ".tex", ".1")
    )
    assert "Sharp Composition Bounds" in out and "Qinqing Zheng" in out
    assert "application/ld+json" not in out


def test_500_entries_build(make_app, tmp_path: Path) -> None:
    entries = [
        f"@article{{gen{i},\n  author = {{Zheng, Qinqing and Author{i}, Some}},\n"
        f"  title = {{Generated paper number {i}}},\n  journal = {{Journal {i % 7}}},\n"
        f"  year = {{{1990 + i % 30}}},\n  doi = {{10.1234/gen.{i}}}\n}}\n"
        for i in range(500)
    ]
    (tmp_path / "refs.bib").write_text("\n".join(entries), encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\ncv_author = "Qinqing Zheng"\n',
        encoding="utf-8",
    )
    (tmp_path / "index.rst").write_text(
        "Many\n====\n\n.. cv-publications::\n   :numbered:\n   :show: links, bibtex\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=tmp_path)
    started = time.perf_counter()
    app.build()
    elapsed = time.perf_counter() - started
    assert warnings_of(app) == ""
    (publist,) = lists_of(app)
    assert len(publist.select("li.cv-pub")) == 500
    assert numbers_of(publist) == list(range(1, 501))
    assert len(publist.select(".cv-author-self")) == 500
    assert len(publist.select(".cv-pub-group")) == 30
    assert elapsed < 120, elapsed
    print(f"500-entry build: {elapsed:.1f} s")


@pytest.mark.sphinx("text", testroot="pubs")
def test_reverse_numbers_in_text(app) -> None:
    """Builders without ``<ol reversed>`` still count down."""
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    numbers = re.findall(r"^(\d+)\. ", text, flags=re.M)
    assert numbers == ["1", "2", "3", "4", "5", "2", "1"]


def _shown_bibtex(entry: Tag) -> dict[str, str]:
    """The fields of the BibTeX an entry shows, read back with pybtex (lower-case names)."""
    from pybtex.database import parse_string

    source = entry.select_one("details.cv-pub-bibtex pre").get_text()
    (parsed,) = parse_string(source, "bibtex").entries.values()
    return {name.lower(): value for name, value in parsed.fields.items()}


@pytest.mark.sphinx("html", testroot="pubs-alfolio")
def test_bibtex_shows_every_field_but_the_sites_own(app) -> None:
    """al-folio's switches and link fields are left out of the BibTeX; no bibliographic field is lost."""
    from pybtex.database import parse_file

    from sphinx_cv.core.bib import HIDDEN_FIELDS

    app.build()
    source = parse_file(str(Path(app.srcdir) / "papers.bib")).entries
    _selected, full = lists_of(app)
    checked = 0
    for entry in full.select("li.cv-pub"):
        key = entry["id"].removesuffix("-2")
        shown = _shown_bibtex(entry)
        written = {name.lower() for name in source[key].fields}
        assert set(shown) == written - set(HIDDEN_FIELDS), key
        assert not set(shown) & {"abbr", "bibtex_show", "preview", "selected", "pdf", "keywords"}, key
        checked += 1
    assert checked >= 5


@pytest.mark.sphinx("html", testroot="pubs-alfolio")
def test_venue_badge_from_abbr(app) -> None:
    app.build()
    _selected, full = lists_of(app)
    physrev = full.select_one('li[id="PhysRev.47.777-2"]')
    badge = physrev.select_one(".cv-pub-title > span.cv-pub-abbr:first-child")
    assert badge.get_text() == "PhysRev"
    book = full.select_one("li#einstein1956investigations")
    assert book.select_one(".cv-pub-abbr") is None  # no abbr, no badge


@pytest.mark.sphinx("text", testroot="pubs-alfolio")
def test_venue_badge_is_html_only(app) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Can Quantum-Mechanical Description" in text
    assert "PhysRev" not in text.split("Can Quantum-Mechanical")[0].splitlines()[-1]


@pytest.mark.sphinx(
    "html", testroot="pubs", confoverrides={"cv_bibtex_hidden_fields": ["abbr", "pdf"]}, freshenv=True
)
def test_hidden_bibtex_fields_are_configurable(app) -> None:
    app.build()
    shown = _shown_bibtex(main_of(app).select_one("li#zheng2020sharp"))
    assert shown["keywords"] == "selected, privacy"
    assert "pdf" not in shown and shown["code"] == "https://github.com/example/sharp"


@pytest.mark.sphinx("html", testroot="pubs")
def test_links_and_toggles_in_one_row(app) -> None:
    """Links, then the Abstract and BibTeX toggles (still <details>), in one row of actions."""
    app.build()
    sharp = main_of(app).select_one("li#zheng2020sharp")
    (row,) = sharp.select("div.cv-pub-actions")
    parts = [
        ("link", a.get_text()) if a.name == "a" else ("toggle", a.select_one("summary").get_text())
        for a in row.select(":scope > p.cv-pub-links > a, :scope > details")
    ]
    assert parts == [
        ("link", "PDF"),
        ("link", "DOI"),
        ("link", "Code"),
        ("toggle", "Abstract"),
        ("toggle", "BibTeX"),
    ]
    assert not sharp.select(":scope > details"), "every toggle is inside the row"
