"""Other people's files (issue 18): every entry shown right, no false warning, no crash."""

from __future__ import annotations

import json
import re

import pytest
from conftest import main_of, warnings_of

from sphinx_cv.core.doi import bare_doi, doi_url
from sphinx_cv.core.texmarkup import latex_spans, latex_to_text
from sphinx_cv.core.urls import safe_url

#: a LaTeX command as it would show if left in the page's text
COMMAND = re.compile(r"\\[A-Za-z]+|\\[,/ ]")


@pytest.mark.parametrize(
    ("latex", "spans"),
    [
        (r"Cu$_2$O", [("", "Cu"), ("sub", "2"), ("", "O")]),
        (r"$\Sigma\Delta$ modulator", [("", "\u03a3\u0394 modulator")]),
        (r"Radix-2\(^k\)", [("", "Radix-2"), ("sup", "k")]),
        (r"$x^{k+1}_i$", [("", "x"), ("sup", "k+1"), ("sub", "i")]),
        (r"{\mbox{$\mu$}}{J}", [("", "\u03bcJ")]),
        (r"P.\,G. van Gompel", [("", "P.\u2009G. van Gompel")]),
        (r"H\textsubscript{2}O", [("", "H"), ("sub", "2"), ("", "O")]),
        (r"x\textsuperscript{2}", [("", "x"), ("sup", "2")]),
        (r"input\slash output", [("", "input/output")]),
        (r"a\hyphen b shelf\/ful", [("", "a-b shelfful")]),
        (r"\enquote{a} \mkbibquote{b}", [("", "\u201ca\u201d \u201cb\u201d")]),
        (r"\url{https://x.org/a_b%7E}", [("", "https://x.org/a_b%7E")]),
        (r"\noopsort{1973b}1973", [("", "1973")]),
        (r"\TeX{} and \LaTeX\ and \BibTeX{} files", [("", "TeX and LaTeX and BibTeX files")]),
        (r"\={P}", [("", "P\u0304")]),
        (r"\unknown{kept} \alsounknown text", [("", "kept alsounknown text")]),
        (r"{\em a} \textbf{b}", [("em", "a"), ("", " "), ("strong", "b")]),
        (r"10% & 20\% #1", [("", "10% & 20% #1")]),
    ],
)
def test_latex_in_real_fields(latex: str, spans: list[tuple[str, str]]) -> None:
    assert latex_spans(latex) == spans


def test_plain_fields_never_reach_the_parser() -> None:
    """Only braces: the fast path (no pylatexenc call), as before."""
    from sphinx_cv.core import texmarkup

    texmarkup._parsed_spans.cache_clear()
    assert latex_spans("A {Study} of {GPU} Problem 7") == [("", "A Study of GPU Problem 7")]
    assert latex_to_text("123--145") == "123\u2013145"  # page ranges are common: no parse either
    assert latex_to_text("``Quoted''~--- a `b'") == "\u201cQuoted\u201d \u2014 a \u2018b\u2019"
    assert texmarkup._parsed_spans.cache_info().misses == 0


def test_never_a_backslash() -> None:
    for text in [r"\\", "\\", r"\foo", r"a \ b", r"\verb|x|", r"\begin{x}y\end{x}", r"$\unknown_x$", "{\\"]:
        assert "\\" not in latex_to_text(text), text


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        (
            "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P",
            "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P",
        ),
        ("http://doi.acm.org/10.1145/1015330.1015332", "https://doi.org/10.1145/1015330.1015332"),
        ("http://dx.doi.org/10.1021/ja01623a027", "https://doi.org/10.1021/ja01623a027"),
        ("DOI: 10.1016/j.cell.2009.01.002", "https://doi.org/10.1016/j.cell.2009.01.002"),
        ("doi:10.1000/a\\_b", "https://doi.org/10.1000/a_b"),
        ("https://doi.org/10.1000/a%3Cb", "https://doi.org/10.1000/a%3Cb"),
        ("10.1000/x?y#z", "https://doi.org/10.1000/x%3Fy%23z"),
    ],
)
def test_every_doi_form_is_one_safe_link(raw: str, url: str) -> None:
    assert doi_url(bare_doi(raw)) == url
    assert safe_url(url) == url


@pytest.mark.parametrize("raw", ["not a doi", "10.1000/ spaced", "javascript:alert(1)//10.1/x", ""])
def test_not_a_doi(raw: str) -> None:
    assert bare_doi(raw) == ""


@pytest.mark.sphinx("html", testroot="pubs-realworld", freshenv=True)
def test_real_libraries_build_clean(app) -> None:
    app.build()
    warnings = warnings_of(app)
    # the one warning: the hostile entry's javascript: URL, dropped on purpose
    assert [line for line in warnings.splitlines() if "WARNING" in line] == [
        line for line in warnings.splitlines() if "'hostile': dropped the url value 'javascript:" in line
    ]
    assert "Traceback" not in warnings
    real, _latex = main_of(app).select("div.cv-publications")
    # biblatex-examples.bib: 92 entries, 2 of them @set, which are not listed (their members are),
    # and the @collection westfahl:frontier only lends its fields (crossref) to westfahl:space;
    # the Zotero export: 1
    assert len(real.select("li.cv-pub")) == 90
    assert not real.select('[id="stdmodel"], [id="set"], [id="westfahl:frontier"]')
    space = real.select_one('[id="westfahl:space"]')
    assert "Space and Beyond" in space.select_one(".cv-pub-venue").get_text()
    assert not COMMAND.search(main_of(app).get_text())
    sigfridsson = real.select_one('[id="sigfridsson"]')
    assert [a["href"] for a in sigfridsson.select("a.cv-pub-link")] == [
        "https://doi.org/10.1002/(SICI)1096-987X(199803)19:4%3C377::AID-JCC1%3E3.0.CO;2-P"
    ]
    # biblatex field names: journaltitle, date, type keys
    assert "Revue d\u2019Histoire Eccl\u00e9siastique" in real.select_one('[id="angenendt"]').get_text()
    assert "2002" in real.select_one('[id="angenendt"]').get_text()
    assert "Ph.D. thesis" in real.select_one('[id="geer"]').get_text()
    herzog = real.select_one('[id="herzog1955"]').select_one(".cv-pub-title").get_text()
    assert "\u0394" in herzog and "17\u03b1,21-diol" in herzog


@pytest.mark.sphinx("html", testroot="pubs-realworld", freshenv=True)
def test_latex_shown_as_text_sub_and_sup(app) -> None:
    app.build()
    latex = main_of(app).select("div.cv-publications")[1]
    math = latex.select_one('[id="math"]')
    title = math.select_one(".cv-pub-title")
    assert [(t.name, t.get_text()) for t in title.select("sub, sup")] == [("sub", "2"), ("sup", "k")]
    assert title.get_text() == "Cu2O films for \u03a3\u0394 modulators and Radix-2k \u03bcJ designs"
    assert "P.\u2009G. van Gompel" in math.get_text()
    assert [a["href"] for a in math.select("a.cv-pub-link")] == ["https://doi.org/10.1016/j.cell.2009.01.002"]
    macros = latex.select_one('[id="textmacros"]')
    assert macros.select_one(".cv-pub-title").get_text() == (
        "H2O and x2: input/output, methodology-independent, shelfful \u201cquoted\u201d \u201ctoo\u201d"
    )
    assert macros.select_one(".cv-pub-year").get_text() == "1973"
    abstract = macros.select_one(".cv-pub-abstract").get_text()
    assert "https://example.org/a_b%7E" in abstract and "TeX and LaTeX and BibTeX" in abstract
    assert "kept text" in abstract
    hostile = latex.select_one('[id="hostile"]')
    assert hostile.select("script") == [] and "<script>" in hostile.get_text()
    assert [a["href"] for a in hostile.select("a")] == ["https://doi.org/10.1021/ja01623a027"]


@pytest.mark.parametrize("builder", ["latex", "text", "man"])
def test_real_libraries_every_builder(make_app, rootdir, tmp_path, builder: str) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-pubs-realworld", src)
    app = make_app(builder, srcdir=src)
    app.build()
    assert "Traceback" not in warnings_of(app)


@pytest.mark.sphinx("html", testroot="pubs-encoding", freshenv=True)
def test_bib_files_not_in_utf8(app) -> None:
    """No traceback: a declared encoding is honoured, an undeclared one is a located warning."""
    app.build()
    warnings = warnings_of(app)
    assert "Traceback" not in warnings and "codec can't decode" not in warnings
    latin1 = [line for line in warnings.splitlines() if "sphinxcontrib-bibtex-latin1.bib:2: WARNING" in line]
    assert len(latin1) == 1
    assert "byte 0xc4 at line 2" in latin1[0] and "bibtex_encoding = " in latin1[0]
    assert latin1[0].endswith("[cv.bib]")
    assert "declared.bib" not in warnings and "utf8.bib" not in warnings
    main = main_of(app)
    declared = main.select_one('[id="declared"]').get_text(" ")
    assert "\u201cQuoted\u201d prices in \u20ac and \u00b0C" in declared
    assert "J\u00fcrgen M\u00fcller" in declared and "Zeitschrift f\u00fcr Tests" in declared
    assert "Gr\u00fc\u00dfe aus K\u00f6ln" in main.select_one('[id="plain"]').get_text()
    # the undecodable file still shows its entry, the bad byte replaced
    assert "\ufffdppl\u00e9" in main.select_one('[id="Test"]').get_text()


@pytest.mark.sphinx(
    "html", testroot="pubs-encoding", freshenv=True, confoverrides={"bibtex_encoding": "iso-8859-1"}
)
def test_bibtex_encoding_fixes_it(app) -> None:
    app.build()
    warnings = warnings_of(app)
    assert "latin1.bib" not in warnings
    assert "Mr. \u00c4ppl\u00e9" in main_of(app).select_one('[id="Test"]').get_text()
    # the header still wins over the setting
    assert "\u201cQuoted\u201d" in main_of(app).select_one('[id="declared"]').get_text()


def test_encoding_check_only_for_files_about_to_be_parsed(make_app, rootdir, tmp_path) -> None:
    """An unchanged .bib is neither parsed nor checked again, and pybtex is left as it was."""
    import shutil

    from pybtex.database.input.bibtex import Parser

    original = Parser.parse_file
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-pubs-encoding", src)
    first = make_app("html", srcdir=src)
    first.build()
    assert "latin1.bib:2" in warnings_of(first)
    assert Parser.parse_file is original
    again = make_app("html", srcdir=src)
    again.build()
    assert "latin1.bib" not in warnings_of(again)
    assert "\u201cQuoted\u201d" in (again.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="source-realworld", freshenv=True)
def test_real_data_files_build_clean_and_whole(app) -> None:
    """A pre-1.0 JSON Resume and valid RenderCV date forms: no warning, nothing lost."""
    app.build()
    assert warnings_of(app) == ""
    main = main_of(app)
    assert len(main.select("li.cv-entry")) == 16  # 10 JSON Resume items, 6 RenderCV entries
    work = main.select_one("li.cv-entry")
    assert work.select_one(".cv-subtitle").get_text() == "Pied Piper"  # "company" before 1.0
    assert work.select_one(".cv-title a")["href"] == "http://piedpiper.com"  # "website" before 1.0
    assert "Score: 4.0" in main.get_text()  # "gpa" before 1.0
    dates = {
        " ".join(li.select_one(".cv-title").get_text().split()): [
            t.get("datetime") for t in li.select("time")
        ]
        for li in main.select("li.cv-entry")
    }
    assert dates["Engineer"] == ["2020", "2021"]  # "2020-2021": a range
    assert dates["Fellow"] == ["2019-09", None]  # "Sep 2019 – present"
    assert dates["Consultant"] == [None]  # free text, shown as written
    assert dates["Advisor"] == [] and dates["BSc in Physics"] == [] and dates["Undated Project"] == []
    project = main.select("li.cv-entry")[-1]
    (parent,) = project.select(".cv-highlights > li")
    assert parent.select_one("p").get_text() == "Parent bullet"
    assert [li.get_text() for li in parent.select("ul > li")] == ["first child", "second child"]


def test_json_resume_location_objects_and_undated_kinds() -> None:
    from sphinx_cv.core.sources import load

    resume = {
        "basics": {"name": "A"},
        "work": [
            {
                "company": "C",
                "position": "P",
                "website": "c.example.org",
                "startDate": "2020",
                "location": {"city": "Lyon", "countryCode": "FR"},
            }
        ],
        "projects": [{"name": "P"}],
        "certificates": [{"name": "Cert"}],
        "publications": [{"name": "Pub"}],
        "awards": [{"title": "Aw"}],
    }
    data = load(json.dumps(resume), "r.json")
    (work,) = data.entries("work")
    assert (work.subtitle, work.url, work.location) == ("C", "https://c.example.org", "Lyon, FR")
    for section in ("projects", "certificates", "publications", "awards"):
        assert [e.all_problems for e in data.entries(section)] == [[]], section


def test_other_profiles_are_links_not_dropped() -> None:
    from sphinx_cv.core.sources.profiles import OtherProfile, other_profiles

    listed = [
        {"network": "Twitter", "username": "neutralthoughts", "url": ""},
        {"network": "SoundCloud", "username": "dandy", "url": "https://soundcloud.com/dandy"},
        {"network": "Mastodon", "username": "@jane@fosstodon.org"},
        {"network": "GitHub", "username": "known"},
        {"network": "Odd", "username": "x", "url": "javascript:alert(1)"},
    ]
    assert other_profiles(listed, ["github"]) == [
        OtherProfile("Twitter", "neutralthoughts", "https://twitter.com/neutralthoughts"),
        OtherProfile("SoundCloud", "dandy", "https://soundcloud.com/dandy"),
        OtherProfile("Mastodon", "@jane@fosstodon.org", "https://fosstodon.org/@jane"),
        OtherProfile("Odd", "x", ""),
    ]
