"""The malformed-input corpus: each case a located ``cv.*`` warning, no traceback, the page intact.

Every case is one page (plus any data file it needs) of a single project, so
the whole corpus costs one build. A case names the warnings it must give:
``(line, subtype, fragment)``; the page must give no other cv warning, and
the text around the directive must survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

HUGE = "2019" * 5000


@dataclass
class Case:
    name: str
    body: str  #: reST between the two sentinel paragraphs; line 6 of the page is its first line
    expect: list[tuple[int, str, str]]  #: (line in the page, cv subtype, message fragment)
    files: dict[str, bytes | str] = field(default_factory=dict)
    newline: str = "\n"


def entry(*options: str, title: str = "An entry") -> str:
    return "\n".join([f".. cv-entry:: {title}", *(f"   {o}" for o in options)])


def timeline(*options: str, content: str = "") -> str:
    lines = [".. cv-timeline::", *(f"   {o}" for o in options), ""]
    lines += [f"   {line}" if line else "" for line in content.splitlines()]
    return "\n".join(lines)


def pubs(*options: str) -> str:
    return "\n".join([".. cv-publications::", *(f"   {o}" for o in options)])


REFS_BIB = "\n".join(
    [
        "@article{ok1, title = {Fine}, author = {Doe, Jane}, year = {2019}, journal = {J}}",
        "@article{notitle, author = {Doe, Jane}, year = {2019}, journal = {J}}",
        "@article{jsurl, title = {Bad link}, author = {Doe, Jane}, year = {2019},"
        " url = {javascript:alert(1)}}",
        "@article{datapdf, title = {Bad pdf}, author = {Doe, Jane}, year = {2019}, pdf = {data:text/html,x}}",
        f"@article{{hugetitle, title = {{{'Long ' * 4000}}}, author = {{Doe, Jane}}, year = {{2019}}}}",
        '@article{unicode, title = {\u202e\u00e9\U0001f600 \\"{o}},'
        " author = {M\u00fcller, J\u00fcrgen}, year = {2019}}",
        "@article{noauthor, title = {Nobody}, author = {}, year = {2019}}",
        "@article{yearword, title = {Later}, author = {Doe, Jane}, year = {forthcoming}}",
        "@article{dup, title = {First copy}, year = {2019}}",
        "@article{dup, title = {Second copy}, year = {2019}}",
        "",
    ]
)
#: a BOM and CRLF line ends, as reference managers on Windows write them
CRLF_BIB = "\ufeff@article{crlfentry,\r\n  title = {Windows},\r\n  year = {2019}\r\n}\r\n".encode()
#: an unbalanced brace: pybtex skips from there on, and reports line 1, where that entry begins
BROKEN_BIB = "@article{unbalanced, title = {Oops,\n  year = 2019\n"
BIB_FILES = {"refs.bib": REFS_BIB, "crlf.bib": CRLF_BIB, "zbroken.bib": BROKEN_BIB}

CASES = [
    # the date grammar
    Case("unknown-form", entry(":start: Smarch 2019"), [(7, "date", "unknown date form 'Smarch 2019'")]),
    Case("impossible-day", entry(":start: 2019-02-30"), [(7, "date", "February 2019 has no day 30")]),
    Case("not-leap", entry(":start: 2019-02-29"), [(7, "date", "February 2019 has no day 29")]),
    Case("month-13", entry(":start: 2019-13"), [(7, "date", "there is no month 13")]),
    Case("month-00", entry(":start: 2019-00"), [(7, "date", "there is no month 0")]),
    Case("year-0", entry(":start: 0000"), [(7, "date", "year must be positive")]),
    Case("slashes", entry(":start: 09/2019"), [(7, "date", "unknown date form '09/2019'")]),
    Case("two-digit-year", entry(":start: Sep 19"), [(7, "date", "unknown date form 'Sep 19'")]),
    Case("backwards", entry(":start: 2020", ":end: 2019"), [(8, "date", "is before the start date")]),
    Case("backwards-month", entry(":start: 2019-05", ":end: 2019-04"), [(8, "date", "is before the start")]),
    Case("present-start", entry(":start: present"), [(7, "date", "cannot be a start date")]),
    Case("now-start", entry(":start: NOW", ":end: 2019"), [(7, "date", "cannot be a start date")]),
    Case("empty-start", entry(":start:"), [(6, "option", "has no :start: date")]),
    Case("missing-start", entry(":subtitle: x"), [(6, "option", "has no :start: date")]),
    Case(
        "garbage-end",
        entry(":start: 2019", ":end: soon"),
        [(8, "date", "end date: unknown date form 'soon'")],
    ),
    Case("huge-date", entry(f":start: {HUGE}"), [(7, "date", "unknown date form '20192019")]),
    Case(
        "rtl-override",
        entry(":start: \u202e2019"),
        [(7, "date", "removed control or bidi characters (U+202E) from the start date")],
    ),
    Case("bom-in-date", entry(":start: \ufeff2019-09", ":end: 2018"), [(8, "date", "is before the start")]),
    Case(
        "crlf-page", entry(":start: 2019", ":end: 2018"), [(8, "date", "is before the start")], newline="\r\n"
    ),
    # timeline options and content
    Case("order-unknown", timeline(":order: sideways"), [(7, "option", ":order: must be one of")]),
    Case("order-empty", timeline(":order:"), []),
    Case("kind-unknown", timeline(":kind: hobbies"), [(7, "option", ":kind: must be one of")]),
    Case("kind-known", timeline(":kind: Talks"), []),
    Case("limit-word", timeline(":limit: many"), [(7, "option", ":limit: 'many'")]),
    Case("limit-negative", timeline(":limit: -1"), [(7, "option", ":limit: '-1'")]),
    Case("limit-float", timeline(":limit: 2.5"), [(7, "option", ":limit: '2.5'")]),
    Case(
        "stray-paragraph",
        timeline(content="A stray paragraph.\n\n" + entry(":start: 2019")),
        [(8, "option", "content should be cv-entry directives")],
    ),
    Case("bad-url", entry(":start: 2019", ":url: javascript:alert(1)"), [(8, "option", "dropped the URL")]),
    Case("huge-title", entry(":start: 2019", title="T" * 20000), []),
    Case(
        "odd-unicode-title",
        entry(":start: 2019", title="\u202e\u0000\U0001f600 \u200b"),
        [(6, "option", "removed control or bidi characters (U+202E, U+0000) from the title")],
    ),
    # profile options
    Case(
        "profile-github",
        ".. cv-profile:: X\n   :github: not a handle!",
        [(7, "option", "dropped the github")],
    ),
    Case("profile-email", ".. cv-profile:: X\n   :email: no-at-sign", [(7, "option", "dropped the email")]),
    Case("profile-photo", ".. cv-profile:: X\n   :photo: javascript:x", [(7, "option", "dropped the photo")]),
    Case(
        "profile-homepage",
        ".. cv-profile:: X\n   :homepage: not a url",
        [(7, "option", "dropped the homepage")],
    ),
    Case("profile-phone", ".. cv-profile:: X\n   :phone: call me", [(7, "option", "dropped the phone")]),
    # data files
    Case("data-missing", timeline(":source: nowhere.yaml"), [(7, "source", "data file not found")]),
    Case("data-section-only", timeline(":section: work"), [(7, "source", ":section: needs a :source:")]),
    Case(
        "data-yaml-syntax",
        timeline(":source: bad.yaml"),
        [(7, "source", "bad.yaml:3")],
        files={"bad.yaml": "- title: a\n  start: 2019\n - title: [b\n"},
    ),
    Case(
        "data-json-syntax",
        timeline(":source: bad.json"),
        [(7, "source", "bad.json:2")],
        files={"bad.json": '{"work": [\n  {"name": }\n]}\n'},
    ),
    Case(
        "data-unknown-format",
        timeline(":source: scalar.yaml"),
        [(7, "source", "scalar.yaml")],
        files={"scalar.yaml": "just a string\n"},
    ),
    Case(
        "data-missing-section",
        timeline(":source: resume.json", ":section: jobs"),
        [(7, "source", "work")],
        files={"resume.json": '{"basics": {"name": "X"}, "work": []}\n'},
    ),
    Case(
        "data-undated",
        timeline(":source: undated.yaml"),
        [(7, "source", "undated.yaml:1")],
        files={"undated.yaml": "- title: No date here\n"},
    ),
    Case(
        "data-wrong-types",
        timeline(":source: types.yaml"),
        [
            (7, "source", "'title' should be text, not a list; shown as '1, 2'"),
            (7, "source", "'highlights' should be a list of text, not int"),
        ],
        files={"types.yaml": "- title: [1, 2]\n  start: 2019\n  highlights: 5\n"},
    ),
    Case(
        "data-empty-file",
        timeline(":source: empty.yaml"),
        [(7, "source", "empty.yaml")],
        files={"empty.yaml": ""},
    ),
    Case(
        "data-not-utf8",
        timeline(":source: latin1.yaml"),
        [(7, "source", "not UTF-8")],
        files={"latin1.yaml": "- title: Caf\xe9\n  start: 2019\n".encode("latin-1")},
    ),
    Case(
        "data-bom-crlf",
        timeline(":source: bom.yaml"),
        [],
        files={"bom.yaml": "\ufeff- title: Fine\r\n  start: 2019\r\n".encode()},
    ),
    # publications and .bib entries
    Case("pub-no-title", pubs(":keys: notitle"), [(6, "bib", "entry 'notitle' has no title")]),
    Case("pub-js-url", pubs(":keys: jsurl"), [(6, "bib", "dropped the url value 'javascript:alert(1)'")]),
    Case("pub-data-pdf", pubs(":keys: datapdf"), [(6, "bib", "dropped the pdf value")]),
    Case(
        "pub-unknown-key",
        pubs(":keys: nosuchkey"),
        [(7, "bib", "no entry 'nosuchkey'"), (6, "bib", "no entry matches")],
    ),
    Case("pub-filter-nothing", pubs(':filter: year == "1800"'), [(6, "bib", "no entry matches")]),
    Case("pub-filter-syntax", pubs(":filter: year >="), [(7, "option", "does not parse")]),
    Case(
        "pub-group-by", pubs(":keys: ok1", ":group-by: decade"), [(8, "option", ":group-by: must be one of")]
    ),
    Case("pub-sort", pubs(":keys: ok1", ":sort: random"), [(8, "option", ":sort: must be one of")]),
    Case(
        "pub-numbered", pubs(":keys: ok1", ":numbered: roman"), [(8, "option", ":numbered: must be one of")]
    ),
    Case("pub-show", pubs(":keys: ok1", ":show: everything"), [(8, "option", ":show: knows")]),
    Case("pub-selected-none", pubs(":keys: ok1", ":selected:"), [(6, "bib", "no entry matches")]),
    Case("pub-huge-title", pubs(":keys: hugetitle"), []),
    Case("pub-odd-unicode", pubs(":keys: unicode"), [(6, "bib", "(U+202E) from the title")]),
    Case("pub-no-author", pubs(":keys: noauthor"), []),
    Case("pub-year-word", pubs(":keys: yearword", ":sort: newest"), []),
    Case("pub-bom-crlf", pubs(":keys: crlfentry"), []),
    Case("pub-duplicate-key", pubs(":keys: dup"), []),
]


def page(case: Case) -> str:
    title = case.name
    return case.newline.join(
        [
            title,
            "=" * len(title),
            "",
            "Before the case.",
            "",
            *case.body.splitlines(),
            "",
            "After the case.",
            "",
        ]
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    src = tmp_path_factory.mktemp("malformed")
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nsuppress_warnings = ["toc.not_included"]\n'
        f"bibtex_bibfiles = {sorted(BIB_FILES)!r}\n"
    )
    for name, content in BIB_FILES.items():
        (src / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (src / "index.rst").write_text("Corpus\n======\n")
    for case in CASES:
        (src / f"{case.name}.rst").write_bytes(page(case).encode("utf-8"))
        for name, content in case.files.items():
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            (src / name).write_bytes(data)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    finally:
        app.cleanup()
    return warnings, Path(app.outdir)


def test_corpus_size() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


def test_no_traceback(corpus: tuple[str, Path]) -> None:
    warnings, _out = corpus
    assert "Traceback" not in warnings and "Exception" not in warnings


def test_bib_file_problems_are_located(corpus: tuple[str, Path]) -> None:
    warnings, out = corpus
    assert re.search(r"zbroken\.bib:1: WARNING: malformed \.bib.*syntax error.*\[cv\.bib\]", warnings), (
        warnings
    )
    assert re.search(r"refs\.bib:10: WARNING: .*repeated bibliography entry: dup \[cv\.bib\]", warnings)
    soup = BeautifulSoup((out / "pub-duplicate-key.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".cv-pub").get_text().count("First copy") == 1


def test_huge_and_odd_values_are_shown_whole(corpus: tuple[str, Path]) -> None:
    _warnings, out = corpus
    huge = BeautifulSoup((out / "pub-huge-title.html").read_text(encoding="utf-8"), "html.parser")
    assert huge.select_one(".cv-pub").get_text().count("Long") == 4000
    odd = BeautifulSoup((out / "pub-odd-unicode.html").read_text(encoding="utf-8"), "html.parser")
    assert "\U0001f600 \u00f6" in odd.select_one(".cv-pub").get_text()
    assert "M\u00fcller" in odd.select_one(".cv-pub").get_text()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case(corpus: tuple[str, Path], case: Case) -> None:
    warnings, out = corpus
    mine = [w for w in warnings.splitlines() if f"{case.name}.rst:" in w and "[cv." in w]
    for line, subtype, fragment in case.expect:
        pattern = re.compile(
            rf"{re.escape(case.name)}\.rst:{line}: WARNING: .*{re.escape(fragment)}.*\[cv\.{subtype}\]"
        )
        assert any(pattern.search(w) for w in mine), (case.expect, mine)
    assert len(mine) == len(case.expect), mine
    assert all(len(w) < 600 for w in mine), "a huge value must not make a huge warning"
    soup = BeautifulSoup((out / f"{case.name}.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.select_one('[role="main"]').get_text()
    assert "Before the case." in text and "After the case." in text
