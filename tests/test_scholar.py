"""A page per publication, Highwire tags, COinS, exports: what Google Scholar and Zotero read.

Asserted on the built files, parsed as their readers parse them: meta tags
by name, COinS by splitting the KEV as Zotero's OpenURL parser does, BibTeX
with pybtex, CSL-JSON against the CSL 1.0.2 input schema
(``tests/data/csl-data-1.0.2.json``, from citation-style-language/schema,
tag v1.0.2, ``schemas/input/csl-data.json``), RIS by its tags.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urljoin

import jsonschema
import pytest
import sphinx
from bs4 import BeautifulSoup
from conftest import ROOTS, assert_located_warnings, soup_of, warnings_of
from pybtex.database import parse_string

CSL_SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data-1.0.2.json").read_text(encoding="utf-8"))
BASE = "https://jane.example.org/"
KEYS = {
    "doe2020journal": "doe2020journal",
    "doe2019conf": "doe2019conf",
    "doe2017thesis": "doe2017thesis",
    "doe2016report": "doe2016report",
    "doe2015book": "doe2015book",
    "doe2021preprint": "doe2021preprint",
}


def page_of(app, slug: str) -> BeautifulSoup:
    return soup_of(app, f"publications/{slug}")


def tags_of(page: BeautifulSoup) -> list[tuple[str, str]]:
    """The ``citation_*`` meta tags in document order, as Scholar and Zotero read them (in the head)."""
    return [
        (m["name"], m["content"])
        for m in page.head.find_all("meta")
        if m.get("name", "").startswith("citation_")
    ]


def jsonld_of(page: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def kev_of(span) -> list[tuple[str, str]]:
    """A COinS title split as Zotero does: at ``&`` then ``=``, percent-decoded, ``+`` read as a space."""
    pairs = []
    for part in span["title"].split("&"):
        key, _, value = part.partition("=")
        pairs.append((key, unquote(value.replace("+", " "))))
    return pairs


@pytest.mark.sphinx("html", testroot="scholar", freshenv=True)
def test_highwire_tags_per_type(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    journal = tags_of(page_of(app, "doe2020journal"))
    assert journal == [
        ("citation_title", "A Journal Article on Bounds"),
        ("citation_author", "Doe, Jane"),
        ("citation_author", "Smith, Ann"),
        ("citation_author", "van der Berg, Jan"),
        ("citation_author", "Li, Bo"),
        ("citation_author", "Ivanov, Jr., Dmitri"),
        ("citation_publication_date", "2020/05/14"),
        ("citation_journal_title", "Journal of Examples"),
        ("citation_volume", "12"),
        ("citation_issue", "3"),
        ("citation_issn", "1234-5678"),
        ("citation_firstpage", "101"),
        ("citation_lastpage", "120"),
        ("citation_doi", "10.1000/jex.2020.12"),
        ("citation_pdf_url", f"{BASE}doe2020journal.pdf"),
        ("citation_abstract_html_url", f"{BASE}publications/doe2020journal.html"),
    ]
    conference = dict(tags_of(page_of(app, "doe2019conf")))
    assert conference["citation_conference_title"] == "Proceedings of the Example Conference (EXC)"
    assert conference["citation_author"] == "Pérez, Carla"  # the last one; order is checked above
    assert "citation_pdf_url" not in conference  # a PDF on another host: Scholar wants the site's own
    assert "citation_journal_title" not in conference
    thesis = dict(tags_of(page_of(app, "doe2017thesis")))
    assert thesis["citation_dissertation_institution"] == "The University of Examples"
    assert thesis["citation_publication_date"] == "2017"
    report = dict(tags_of(page_of(app, "doe2016report")))
    assert report["citation_technical_report_institution"] == "Example Institute"
    assert report["citation_technical_report_number"] == "TR-2016-7"
    book = dict(tags_of(page_of(app, "doe2015book")))
    assert (book["citation_publisher"], book["citation_isbn"]) == ("Example Press", "978-3-16-148410-0")
    preprint = page_of(app, "doe2021preprint")
    assert dict(tags_of(preprint))["citation_arxiv_id"] == "2101.00001"
    # one title per page, at most one PDF; an arXiv preprint still says it is an article (not a web page)
    for slug in KEYS.values():
        names = [name for name, _ in tags_of(page_of(app, slug))]
        assert names.count("citation_title") == 1 and names.count("citation_pdf_url") <= 1
        og_types = [m["content"] for m in page_of(app, slug).find_all("meta", property="og:type")]
        assert og_types == ["article"]


@pytest.mark.sphinx("html", testroot="scholar")
def test_page_shows_the_entry_and_jsonld(app) -> None:
    app.build()
    page = page_of(app, "doe2020journal")
    main = page.select_one('[role="main"]')
    assert main.h1.get_text().rstrip("¶") == "A Journal Article on Bounds"
    assert page.title.get_text().startswith("A Journal Article on Bounds")
    assert main.select_one(".cv-author-self").get_text() == "Jane Doe"
    assert "Journal of Examples" in main.select_one(".cv-pub-venue").get_text()
    assert "We bound things." in main.select_one(".cv-pub-abstract-text").get_text()
    # the list's action row, relative links made to work from the page's folder
    links = {a.get_text(): a["href"] for a in main.select(".cv-pub-links a")}
    assert links["PDF"] == "../doe2020journal.pdf"
    assert links["DOI"] == "https://doi.org/10.1000/jex.2020.12"
    cite = main.select_one(".cv-pub-cite")
    assert "@article{doe2020journal" in cite.select_one("pre").get_text()
    downloads = {a.get_text(): a["href"] for a in cite.select(".cv-pub-downloads a")}
    assert downloads == {
        "BibTeX": "doe2020journal.bib",
        "RIS": "doe2020journal.ris",
        "CSL-JSON": "doe2020journal.json",
    }
    for href in downloads.values():
        assert (Path(app.outdir) / "publications" / href).is_file()
    article = next(d for d in jsonld_of(page) if d.get("@type") == "ScholarlyArticle")
    assert article["name"] == "A Journal Article on Bounds"
    assert [a["name"] for a in article["author"]][:2] == ["Jane Doe", "Ann Smith"]
    assert "https://doi.org/10.1000/jex.2020.12" in article["sameAs"]
    preprint = next(d for d in jsonld_of(page_of(app, "doe2021preprint")) if d.get("@type"))
    assert preprint["sameAs"] == ["https://arxiv.org/abs/2101.00001"]


@pytest.mark.sphinx(
    "html", testroot="scholar", freshenv=True, confoverrides={"cv_link_fields": {"pdf": "PDF"}}
)
def test_jsonld_same_as_without_link_badges(app) -> None:
    app.build()
    article = next(d for d in jsonld_of(page_of(app, "doe2020journal")) if d.get("@type"))
    assert article["sameAs"] == ["https://doi.org/10.1000/jex.2020.12"]


@pytest.mark.sphinx("html", testroot="scholar")
def test_coins_on_lists_only_and_decoding_back(app) -> None:
    app.build()
    for slug in KEYS.values():
        assert page_of(app, slug).select("span.Z3988") == []
    items = soup_of(app, "pubs").select("li.cv-pub")
    assert len(items) == 8
    assert all(len(li.select("span.Z3988")) == 1 for li in items)
    coins = {li["id"]: kev_of(li.select_one("span.Z3988")) for li in items}
    journal = coins["doe2020journal"]
    assert ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal") in journal
    assert ("rft.atitle", "A Journal Article on Bounds") in journal
    assert ("rft.jtitle", "Journal of Examples") in journal
    assert [v for k, v in journal if k == "rft.au"] == [
        "Jane Doe",
        "Ann Smith",
        "Jan van der Berg",
        "Bo Li",
        "Dmitri Ivanov, Jr.",
    ]
    assert ("rft.spage", "101") in journal and ("rft.epage", "120") in journal
    assert ("rft_id", "info:doi/10.1000/jex.2020.12") in journal
    # Zotero finds the genre by the exact text "rft.genre=..." among the parts
    raw = {li["id"]: li.select_one("span.Z3988")["title"].split("&") for li in items}
    assert "rft.genre=proceeding" in raw["doe2019conf"]
    assert "rft.genre=report" in raw["doe2016report"]
    assert "rft.genre=book" in raw["doe2015book"]
    assert ("rft.btitle", "Proceedings of the Example Conference (EXC)") in coins["doe2019conf"]
    thesis = dict(coins["doe2017thesis"])
    assert thesis["rft_val_fmt"] == "info:ofi/fmt:kev:mtx:dissertation"
    assert (thesis["rft.title"], thesis["rft.inst"]) == ("A Thesis", "The University of Examples")
    # a document needs rft.title: Zotero ignores rft.btitle there and drops the item
    assert "rft.genre=document" in raw["doe2021preprint"]
    assert dict(coins["doe2021preprint"])["rft.title"] == "A Preprint"
    assert "rft.btitle" not in dict(coins["doe2021preprint"])


@pytest.mark.sphinx("html", testroot="scholar")
def test_titles_link_to_pages_and_odd_keys(app) -> None:
    app.build()
    items = soup_of(app, "pubs").select("li.cv-pub")
    hrefs = {li["id"]: li.select_one(".cv-pub-title a")["href"] for li in items}
    assert hrefs["doe2020journal"] == "publications/doe2020journal.html"
    odd = [hrefs[k] for k in hrefs if not k.startswith("doe")]
    assert len(odd) == len(set(odd)) == 2
    for href in hrefs.values():
        assert re.fullmatch(r"publications/[a-z0-9_-]+\.html", href), href
        assert (Path(app.outdir) / href).is_file()
    titles = {page_of(app, h[len("publications/") : -len(".html")]).h1.get_text().rstrip("¶") for h in odd}
    assert titles == {"Odd Key One", "Odd Key Two"}


@pytest.mark.sphinx("html", testroot="scholar")
def test_exports_parse(app) -> None:
    app.build()
    folder = Path(app.outdir) / "publications"
    links = soup_of(app, "pubs").select(".cv-publications .cv-pub-downloads a")
    files = {a.get_text(): Path(app.outdir) / a["href"] for a in links}
    assert set(files) == {"BibTeX", "RIS", "CSL-JSON"}
    bib = parse_string(files["BibTeX"].read_text(encoding="utf-8"), "bibtex")
    assert len(bib.entries) == 8 and "doe2020journal" in bib.entries
    assert "abstract" in bib.entries["doe2020journal"].fields
    csl = json.loads(files["CSL-JSON"].read_text(encoding="utf-8"))
    jsonschema.validate(csl, CSL_SCHEMA)
    types = {item["id"]: item["type"] for item in csl}
    assert types["doe2020journal"] == "article-journal"
    assert types["doe2019conf"] == "paper-conference"
    assert types["doe2017thesis"] == "thesis"
    assert types["doe2016report"] == "report"
    assert types["doe2015book"] == "book"
    assert types["doe2021preprint"] == "article"
    journal = next(item for item in csl if item["id"] == "doe2020journal")
    assert journal["issued"] == {"date-parts": [[2020, 5, 14]]}
    assert journal["author"][2] == {"family": "Berg", "given": "Jan", "non-dropping-particle": "van der"}
    assert (journal["page"], journal["DOI"]) == ("101-120", "10.1000/jex.2020.12")
    records = [r for r in files["RIS"].read_text(encoding="utf-8").split("ER  - ") if r.strip()]
    assert len(records) == 8
    first = [line.split("  - ", 1) for line in records[0].strip().splitlines()]
    assert first[0] == ["TY", "JOUR"]
    assert [v for k, v in first if k == "AU"][:2] == ["Doe, Jane", "Smith, Ann"]
    assert ["SP", "101"] in first and ["DO", "10.1000/jex.2020.12"] in first
    ris_types = [re.search(r"TY  - (\w+)", r)[1] for r in records]
    assert ris_types[:6] == ["JOUR", "CPAPER", "THES", "RPRT", "BOOK", "UNPB"]
    # one entry alone, next to its page
    single = json.loads((folder / "doe2015book.json").read_text(encoding="utf-8"))
    jsonschema.validate(single, CSL_SCHEMA)
    assert single[0]["ISBN"] == "978-3-16-148410-0"


def _subprocess_build(builder: str, src: Path, out: Path) -> Path:
    """A build in its own process, with sphinx-sitemap (see the root's conf.py)."""
    conf = src / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'extensions.append("sphinx_sitemap")\n', "utf-8")
    cmd = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", builder, str(src), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize(("builder", "suffix"), [("html", ".html"), ("dirhtml", "/")])
def test_sitemap_lists_the_pages(tmp_path, builder, suffix) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-scholar", src)
    out = _subprocess_build(builder, src, tmp_path / "out")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for slug in KEYS.values():
        assert f"<loc>{BASE}publications/{slug}{suffix}</loc>" in sitemap
    robots = out / "robots.txt"
    assert not robots.exists() or "Disallow: /" not in robots.read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="scholar")
def test_opengraph_and_profile_page(app) -> None:
    app.build()
    page = page_of(app, "doe2020journal")
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:url"] == f"{BASE}publications/doe2020journal.html"
    assert og["og:title"] == "A Journal Article on Bounds"
    profile = next(d for d in jsonld_of(soup_of(app, "index")) if d["@type"] == "ProfilePage")
    assert profile["mainEntity"]["@type"] == "Person" and profile["mainEntity"]["name"] == "Jane Doe"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", profile["dateModified"])


@pytest.mark.sphinx("dirhtml", testroot="scholar", freshenv=True)
def test_dirhtml_urls(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    lists = BeautifulSoup((out / "pubs" / "index.html").read_text(encoding="utf-8"), "html.parser")
    href = lists.select_one("#doe2020journal .cv-pub-title a")["href"]
    assert href == "../publications/doe2020journal/"
    page = BeautifulSoup(
        (out / "publications" / "doe2020journal" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    tags = dict(tags_of(page))
    assert tags["citation_abstract_html_url"] == f"{BASE}publications/doe2020journal/"
    assert tags["citation_pdf_url"] == f"{BASE}doe2020journal.pdf"
    # relative links resolve from the page's own folder
    page_url = f"{BASE}publications/doe2020journal/"
    for a in page.select(".cv-pub-downloads a"):
        assert (out / urljoin(page_url, a["href"])[len(BASE) :]).is_file()
    pdf = page.select_one(".cv-pub-links a[href$='.pdf']")["href"]
    assert urljoin(page_url, pdf) == f"{BASE}doe2020journal.pdf"


@pytest.mark.sphinx("latex", testroot="scholar", freshenv=True)
def test_latex_gets_no_pages(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert not (out / "publications").exists()
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert "A Journal Article on Bounds" in tex and "Z3988" not in tex and "CSL-JSON" not in tex


def _mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*.html")}


def test_editing_one_entry_rewrites_its_page_and_the_lists(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-scholar", src)
    app = make_app("html", srcdir=src)
    app.build()
    before = _mtimes(Path(app.outdir))
    time.sleep(0.05)
    bib = src / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("A Book}", "A Book, Second Edition}"), "utf-8")
    os.utime(bib, (time.time() + 5, time.time() + 5))
    again = make_app("html", srcdir=src)
    again.build()
    after = _mtimes(Path(again.outdir))
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "publications/doe2015book.html" in rewritten
    assert "pubs.html" in rewritten
    others = {n for n in rewritten if n.startswith("publications/")} - {"publications/doe2015book.html"}
    assert others == set()
    page = BeautifulSoup(
        (Path(again.outdir) / "publications/doe2015book.html").read_text("utf-8"), "html.parser"
    )
    assert page.h1.get_text().rstrip("¶") == "A Book, Second Edition"
    # the whole-list exports follow the edit and keep every other entry
    exported = (Path(again.outdir) / "publications/jane-doe-publications.bib").read_text("utf-8")
    entries = parse_string(exported, "bibtex").entries
    assert len(entries) == 8 and entries["doe2015book"].fields["title"] == "A Book, Second Edition"
    csl = json.loads((Path(again.outdir) / "publications/jane-doe-publications.json").read_text("utf-8"))
    jsonschema.validate(csl, CSL_SCHEMA)
    assert [item["title"] for item in csl if item["id"] == "doe2015book"] == ["A Book, Second Edition"]


@pytest.mark.sphinx("html", testroot="scholar-bad", freshenv=True)
def test_missing_fields_and_hostile_text(app) -> None:
    app.build()
    bib = str(Path(app.srcdir) / "refs.bib")
    assert_located_warnings(
        app,
        [
            (bib, 1, "bib", "no title (citation_title), no year (citation_publication_date): Google"),
            (str(Path(app.srcdir) / "index.rst"), 4, "bib", "has no title"),
            (str(Path(app.srcdir) / "index.rst"), 4, "bib", "dropped the pdf value"),
        ],
    )
    untitled = page_of(app, "untitled")
    tags = tags_of(untitled)
    assert tags[0] == ("citation_author", "Doe, Jane")
    assert "citation_title" not in dict(tags) and "citation_publication_date" not in dict(tags)
    html = (Path(app.outdir) / "publications" / "hostile.html").read_text(encoding="utf-8")
    # our own tags escape every "<"; sphinxext-opengraph before 0.10 leaves "<" raw inside its
    # quoted description (harmless there), so the page as a whole is judged by its elements
    ours = [line for line in html.splitlines() if 'name="citation_' in line or "ld+json" in line]
    assert ours and not any("<script>alert" in line or "<b>" in line for line in ours)
    page = page_of(app, "hostile")
    scripts = [s for s in page.find_all("script") if not s.get("src")]
    assert not [s for s in scripts if "alert" in s.get_text() and s.get("type") != "application/ld+json"]
    assert not page.find_all("b")
    jsonld = [s for s in scripts if s.get("type") == "application/ld+json"]
    assert jsonld and all("<" not in s.get_text() for s in jsonld)  # JSON-LD writes "<" as \\u003c
    title = dict(tags_of(page))["citation_title"]
    assert title == '"><script>alert(1)</script>'
    assert page.find("meta", property="og:title")["content"] == title
    article = next(d for d in jsonld_of(page) if d.get("@type"))
    assert article["abstract"] == "</script><script>alert(2)</script>"
    assert [v for k, v in tags_of(page) if k == "citation_author"] == ["<b>Evil</b>, Eve", "Doe, Jane"]
    assert "citation_pdf_url" not in dict(tags_of(page))
    # the BibTeX shows the field as text; no link or tag carries it
    links = [t.get("href", "") + t.get("src", "") + t.get("content", "") for t in page.find_all(True)]
    assert not any("javascript:" in link for link in links)
    lists = soup_of(app, "index")
    assert not lists.find_all("b")
    assert not [t for t in lists.find_all("script") if "alert" in t.get_text() and not t.get("type")]
    span = lists.select_one("#hostile span.Z3988")
    assert dict(kev_of(span))["rft.atitle"] == '"><script>alert(1)</script>'
    assert dict(kev_of(span))["rft.jtitle"] == 'J" onload="x'


@pytest.mark.parametrize("builder", ["singlehtml", "epub", "text"])
def test_other_builders_write_no_pages_and_no_dead_links(make_app, tmp_path, builder) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-scholar", src)
    app = make_app(builder, srcdir=src, freshenv=True, confoverrides={"copyright": "2020", "version": "1"})
    app.build()
    # EPUB has no mimetype for the PDF the site ships (html_extra_path): Sphinx's own note
    assert [w for w in warnings_of(app).splitlines() if "epub.unknown_project_files" not in w] == []
    out = Path(app.outdir)
    assert not (out / "publications").exists()
    text = "".join(
        p.read_text(encoding="utf-8") for p in out.rglob("*") if p.suffix in (".html", ".xhtml", ".txt")
    )
    assert "A Journal Article on Bounds" in text
    assert "publications/doe2020journal" not in text and "CSL-JSON" not in text


def test_parallel_build_lists_every_page(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-scholar", src)
    for k in range(3):  # documents enough for parallel reading, each with a list
        (src / f"more{k}.rst").write_text(
            f":orphan:\n\nMore {k}\n======\n\n.. cv-publications::\n   :keys: doe2017thesis\n"
        )
    (src / "pubs.rst").write_text(
        "Publications\n============\n\n.. cv-publications::\n   :keys: doe2015book\n"
    )
    app = make_app("html", srcdir=src, parallel=2, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    pages = sorted(p.name for p in (Path(app.outdir) / "publications").glob("*.html"))
    assert pages == ["doe2015book.html", "doe2017thesis.html"]
    exported = parse_string(
        (Path(app.outdir) / "publications/jane-doe-publications.bib").read_text("utf-8"), "bibtex"
    )
    assert list(exported.entries) == ["doe2017thesis", "doe2015book"]


@pytest.mark.sphinx("html", testroot="scholar", freshenv=True, confoverrides={"language": "fr"})
def test_page_labels_are_translated(app) -> None:
    app.build()
    main = page_of(app, "doe2020journal").select_one('[role="main"]')
    assert main.select_one(".cv-pub-cite .rubric").get_text() == "Citer"
    assert main.select_one(".cv-pub-downloads").get_text().startswith("Télécharger")


def test_an_html_option_rewrites_the_pages_once(make_app, tmp_path) -> None:
    """html_title is written into every page without re-reading any document: the pages follow it
    once, and the next build leaves them alone, as Sphinx does with its own pages."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-scholar", src)
    make_app("html", srcdir=src).build()
    page = Path(src / "_build" / "html" / "publications" / "doe2015book.html")
    first = page.stat().st_mtime_ns
    time.sleep(0.05)
    changed = make_app("html", srcdir=src, confoverrides={"html_title": "Site of Jane"})
    changed.build()
    assert "Site of Jane" in page.read_text(encoding="utf-8") and page.stat().st_mtime_ns != first
    second = page.stat().st_mtime_ns
    time.sleep(0.05)
    make_app("html", srcdir=src, confoverrides={"html_title": "Site of Jane"}).build()
    assert page.stat().st_mtime_ns == second
    time.sleep(0.05)
    make_app("html", srcdir=src, freshenv=True, confoverrides={"html_title": "Site of Jane"}).build()
    assert page.stat().st_mtime_ns != second, "-E writes every page again"


@pytest.mark.xfail(
    sphinx.version_info < (8,),
    reason="Sphinx 7.4 stops before html-collect-pages when no document is out of date",
    strict=True,
)
def test_a_deleted_page_comes_back_when_nothing_else_changed(make_app, tmp_path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-scholar", src)
    make_app("html", srcdir=src).build()
    page = src / "_build" / "html" / "publications" / "doe2017thesis.html"
    page.unlink()
    again = make_app("html", srcdir=src)
    again.build()  # no document is out of date: only the missing page is written (this raised before)
    assert (
        BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").h1.get_text().rstrip("¶") == "A Thesis"
    )
