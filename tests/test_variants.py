"""CV variants (``cv_variants``): tags from every source, the ``cvvariants`` builder, profile links, warnings.

The builds here stop at LaTeX source (fast, no TeX needed); ``tests/test_pdf.py``
compiles the demo's variants, runs Read the Docs' commands and checks page budgets.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, assert_located_warnings, soup_of, warnings_of

from sphinx_cv.core.dates import parse_date
from sphinx_cv.core.model import parse_tags
from sphinx_cv.core.variants import (
    MANIFEST,
    Candidate,
    Variant,
    check_pages,
    choose_publications,
    page_count,
    parse_variants,
)


def _titles(tex: str) -> list[str]:
    """Entry titles of a LaTeX document, in order."""
    return re.findall(r"\\sphinxcvtitle\{([^{}]*)\}", tex)


def _tex(app, name: str) -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


MAIN = [
    "Compiler Work",
    "Myst Workshop",
    "Yaml Tool",
    "Yaml Course",
    "Json Service",
    "Json Notes",
    "Rendercv Keynote",
    "Rendercv Seminar",
    "Rendercv Workshop",
    "Postdoc Researcher",
    "Research Scientist",
    "T. Yu",
    "A. Student",
    "Data Analysis Intern",
    "Teaching Assistant",
    "Guest Lecture",
]


@pytest.mark.sphinx("cvvariants", testroot="variants", freshenv=True)
def test_each_variant_is_a_document_of_its_own(app) -> None:
    """One .tex per variant, named after the main CV, with what its rules keep, from one read."""
    app.build()
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert sorted(p.name for p in out.glob("*.tex")) == [
        "jane-doe-cv-industry.tex",
        "jane-doe-cv-same.tex",
        "jane-doe-cv-short.tex",
    ]
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["variants"] == [
        {"name": "short", "tex": "jane-doe-cv-short.tex", "pages": 1},
        {"name": "industry", "tex": "jane-doe-cv-industry.tex", "pages": None},
        {"name": "same", "tex": "jane-doe-cv-same.tex", "pages": None},
    ]
    assert _titles(_tex(app, "jane-doe-cv-same.tex")) == MAIN
    short = _tex(app, "jane-doe-cv-short.tex")
    assert r"\title{Jane Doe: short CV}" in short
    # since 2019: what ended before is left out, the rest (Present, undated) stays; Teaching is dropped
    assert _titles(short) == [
        "Compiler Work",
        "Myst Workshop",
        "Yaml Tool",
        "Json Service",
        "Json Notes",
        "Rendercv Keynote",
        "Rendercv Seminar",
        "Rendercv Workshop",
        "Postdoc Researcher",
        "Research Scientist",
    ]
    assert r"\section{Positions}" in short and r"\section{Teaching}" not in short
    # the nested timeline emptied by the date rule goes, caption and all
    assert "Interns managed" in _tex(app, "jane-doe-cv-same.tex") and "Interns managed" not in short


@pytest.mark.sphinx("cvvariants", testroot="variants", freshenv=True)
def test_tags_from_every_source(app) -> None:
    """``:tags:`` in reST and MyST, ``tags`` in plain YAML and RenderCV, JSON Resume ``keywords``;
    matched without regard to case. Untagged entries stay; tagged ones need an included tag and no
    excluded one."""
    app.build()
    industry = _tex(app, "jane-doe-cv-industry.tex")
    assert _titles(industry) == [
        "Compiler Work",  # MyST :tags: industry
        "Yaml Tool",  # plain YAML "industry, open source"
        "Json Service",  # JSON Resume keywords ["Industry"]
        "Rendercv Keynote",  # RenderCV tags
        "Rendercv Workshop",  # untagged
        "Research Scientist",  # "research, Industry"
        "T. Yu",  # untagged, inside a kept entry
        "Data Analysis Intern",
        "Guest Lecture",  # untagged
    ]
    # the RenderCV section counted down 3, 2, 1; without the seminar it counts 2, 1
    assert re.findall(r"\\sphinxcventry\{(\d+)\.\}", industry) == ["2", "1"]


@pytest.mark.sphinx("latex", testroot="variants", freshenv=True)
def test_the_main_cv_is_unchanged(app, make_app, tmp_path: Path) -> None:
    """The LaTeX builder writes the main CV alone, byte for byte as for the same project without
    variants, tags or variant links; a variant without rules is that document again (the CV style
    and settings of the main PDF)."""
    app.build()
    main = _tex(app, "jane-doe-cv.tex")
    assert sorted(p.name for p in Path(app.outdir).glob("*.tex")) == ["jane-doe-cv.tex"]
    # the project as written before variants: no cv_variants, no :tags:/tags/keywords, no :pdf-variants:
    src = tmp_path / "plain-src"
    shutil.copytree(app.srcdir, src, ignore=shutil.ignore_patterns("_build"))
    conf = (src / "conf.py").read_text(encoding="utf-8")
    (src / "conf.py").write_text(conf[: conf.index("cv_variants")], encoding="utf-8")
    untagged = 0
    for path in [*src.glob("*.rst"), *src.glob("*.md"), *src.glob("data/*")]:
        text = path.read_text(encoding="utf-8")
        text, count = re.subn(r'(?m)^\s*:?(tags|pdf-variants):.*\n|, "keywords": \[[^]]*\]', "", text)
        path.write_text(text, encoding="utf-8")
        untagged += count
    assert untagged == 15
    plain = make_app("latex", srcdir=src, builddir=tmp_path / "plain")
    plain.build()
    assert "[cv." not in warnings_of(plain)  # (a second app in one process re-registers Sphinx's nodes)
    assert _tex(plain, "jane-doe-cv.tex") == main
    variants = make_app("cvvariants", srcdir=app.srcdir, builddir=tmp_path / "variants")
    variants.build()
    assert _tex(variants, "jane-doe-cv-same.tex") == main
    assert _tex(variants, "jane-doe-cv-short.tex").replace("Jane Doe: short CV", "Jane Doe") != main


@pytest.mark.sphinx("cvvariants", testroot="variants", freshenv=True)
def test_links_to_what_is_left_out_become_text(app) -> None:
    app.build()
    short, same = _tex(app, "jane-doe-cv-short.tex"), _tex(app, "jane-doe-cv-same.tex")
    assert r"\hyperref[\detokenize{index:teaching}]" in same
    assert r"\hyperref[\detokenize{index:teaching}]" not in short
    assert re.search(r"See \S*\{Teaching\}+ and \{\\hyperref", short)  # Positions is still there


@pytest.mark.sphinx("html", testroot="variants", freshenv=True)
def test_profile_lists_the_variants_pdfs(app) -> None:
    """``:pdf-variants:``: "CV (PDF): full · short · industry resume", paths from the site's root."""
    app.build()
    assert warnings_of(app) == ""
    pdf = soup_of(app).select_one(".cv-contact-pdf")
    assert " ".join(pdf.get_text().split()) == "CV (PDF): full · short · industry resume"
    assert [(a.get_text(), a["href"]) for a in pdf.select("a")] == [
        ("full", "jane-doe-cv.pdf"),
        ("short", "jane-doe-cv-short.pdf"),
        ("industry resume", "jane-doe-cv-industry.pdf"),
    ]
    # an empty :pdf-variants: lists them all
    links = [a.get_text() for a in soup_of(app, "links").select(".cv-contact-pdf a")]
    assert links == ["full", "short", "industry resume", "same"]


@pytest.mark.sphinx("html", testroot="variants", freshenv=True, confoverrides={"language": "de"})
def test_pdf_links_are_translated(app) -> None:
    app.build()
    pdf = soup_of(app).select_one(".cv-contact-pdf")
    assert pdf.get_text().startswith("Lebenslauf (PDF):") and pdf.select("a")[0].get_text() == "vollständig"


@pytest.mark.sphinx("dirhtml", testroot="variants", freshenv=True)
def test_profile_links_relative_to_the_page(app) -> None:
    app.build()
    links = soup_of(app, "links/index").select(".cv-contact-pdf a")
    assert [a["href"] for a in links] == [
        "/jane-doe-cv.pdf",
        "../jane-doe-cv-short.pdf",
        "../jane-doe-cv-industry.pdf",
        "../jane-doe-cv-same.pdf",
    ]


@pytest.mark.sphinx("text", testroot="variants", freshenv=True)
def test_no_pdf_links_in_plain_formats(app) -> None:
    """A text CV (like the PDF) is the CV itself: no PDF links, and no tags shown anywhere."""
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Postdoc Researcher" in text
    assert "CV (PDF)" not in text and "short" not in text and "industry" not in text.lower()


@pytest.mark.sphinx("cvvariants", testroot="variants-bad", freshenv=True)
def test_each_problem_is_a_located_warning(app) -> None:
    """Rules of the wrong kind (every build), then at write time: an unknown tag, a rule that selects
    nothing, a heading that is not there; each names the variant, at its line in conf.py."""
    app.build()
    conf = str(Path(app.srcdir) / "conf.py")
    assert_located_warnings(
        app,
        [
            (conf, 16, "config", "cv_variants['rules'] pagez: unknown rule 'pagez'"),
            (conf, 17, "config", "cv_variants['rules'] pages: 'pages' must be a whole number"),
            (conf, 18, "config", "cv_variants['rules'] since: 'since' must be a date"),
            (conf, 20, "config", "cv_variants['bad name']: a variant's name is part of its file name"),
            (conf, 21, "config", "cv_variants['listed']: its rules must be a mapping"),
            (
                conf,
                6,
                "config",
                "cv_variants['typo'] tags: no entry or publication of the CV has the tag 'reserch'",
            ),
            (
                conf,
                7,
                "config",
                "cv_variants['typo'] exclude_tags: no entry or publication of the CV has the tag",
            ),
            (conf, 10, "config", "cv_variants['late'] since: nothing dated ends on or after 2030"),
            (conf, 13, "config", "cv_variants['gone'] drop_sections: no heading 'Awards' in the CV"),
            (conf, 22, "config", "cv_variants['count'] max_publications: the CV lists no publications"),
            ("index.rst", 6, "option", "cv-profile :pdf-variants: no variant 'nonexistent'"),
        ],
    )
    # the rest still holds: the heading that is there is dropped, the valid rules apply
    gone = _tex(app, "bad-cv-gone.tex")
    assert _titles(gone) == ["Postdoc"]
    assert not (Path(app.outdir) / "bad-cv-listed.tex").exists()


#: a CV with two sections and one tagged entry, for one problem at a time
ONE_INDEX = """One
===
{profile}
Research
--------

.. cv-timeline::

   .. cv-entry:: Postdoc
      :start: 2019
      :tags: research, postdoc

Teaching
--------

.. cv-timeline::

   .. cv-entry:: Assistant
      :start: 2014
      :end: 2015
"""


@pytest.mark.parametrize(
    ("variants", "line", "subtype", "message"),
    [
        pytest.param(
            '"v": {\n        "tags": ["reserch"],\n    },',
            6,
            "config",
            "cv_variants['v'] tags: no entry or publication of the CV has the tag 'reserch' "
            "(its tags: postdoc, research)",
            id="unknown-tag",
        ),
        pytest.param(
            '"v": {\n        "exclude_tags": "nothing-such",\n    },',
            6,
            "config",
            "cv_variants['v'] exclude_tags: no entry or publication of the CV has the tag 'nothing-such'",
            id="unknown-excluded-tag",
        ),
        pytest.param(
            '"v": {\n        "since": "2030",\n    },',
            6,
            "config",
            "cv_variants['v'] since: nothing dated ends on or after 2030",
            id="since-selects-nothing",
        ),
        pytest.param(
            '"v": {\n        "tags": ["research"],\n        "exclude_tags": ["postdoc"],\n    },',
            6,
            "config",
            "cv_variants['v'] tags: nothing tagged is kept",
            id="tags-select-nothing",
        ),
        pytest.param(
            '"v": {\n        "max_publications": 5,\n    },',
            6,
            "config",
            "cv_variants['v'] max_publications: the CV lists no publications",
            id="count-without-publications",
        ),
        pytest.param(
            '"v": {\n        "drop_sections": ["Awards"],\n    },',
            6,
            "config",
            "cv_variants['v'] drop_sections: no heading 'Awards' in the CV (its headings: One, Research, "
            "Teaching)",
            id="heading-not-there",
        ),
        pytest.param(
            '"v": {\n        "pagez": 2,\n    },',
            6,
            "config",
            "cv_variants['v'] pagez: unknown rule 'pagez' (the rules: title, label, tags,",
            id="unknown-rule",
        ),
        pytest.param(
            '"v": {\n        "pages": 0,\n    },',
            6,
            "config",
            "cv_variants['v'] pages: 'pages' must be a whole number of pages, at least 1, not 0",
            id="rule-of-the-wrong-kind",
        ),
        pytest.param(
            '"v": {\n        "since": "someday",\n    },',
            6,
            "config",
            "cv_variants['v'] since: 'since' must be a date (2015, 2015-07, Jul 2015), not 'someday'",
            id="since-no-date",
        ),
        pytest.param(
            '"bad name": {},',
            5,
            "config",
            "cv_variants['bad name']: a variant's name is part of its file name",
            id="name-no-file-name",
        ),
        pytest.param(
            '"v": ["not", "rules"],',
            5,
            "config",
            "cv_variants['v']: its rules must be a mapping, not list; left out",
            id="rules-no-mapping",
        ),
    ],
)
def test_one_problem_one_warning(
    make_app, tmp_path: Path, variants: str, line: int, subtype: str, message: str
) -> None:
    """Each problem alone: exactly one ``cv.config`` warning naming the variant (and rule), at its
    line in conf.py; the build goes on and writes what it can."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nproject = "One"\n'
        'latex_documents = [("index", "one.tex", "One", "One", "howto")]\n'
        f"cv_variants = {{\n    {variants}\n}}\n",
        encoding="utf-8",
    )
    (src / "index.rst").write_text(ONE_INDEX.format(profile=""), encoding="utf-8")
    app = make_app("cvvariants", srcdir=src, builddir=tmp_path / "out")
    app.build()
    conf = str(src / "conf.py")
    if "'v'] " in message:  # a rule: the variant is written without it
        assert_located_warnings(app, [(conf, line, subtype, message)])
        assert sorted(p.name for p in Path(app.outdir).glob("*.tex")) == ["one-v.tex"]
    else:  # the variant is left out, and so nothing is written
        nothing = "cv_variants: no variants to write: every one was left out (see above)"
        assert_located_warnings(app, [(conf, line, subtype, message), (conf, 4, "config", nothing)])
        assert not list(Path(app.outdir).glob("*.tex"))


def test_unknown_variant_in_the_profile_warns(make_app, tmp_path: Path) -> None:
    """``:pdf-variants:`` naming no variant: a ``cv.option`` warning at the option; the others are linked."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nproject = "One"\ncv_variants = {"short": {}}\n', encoding="utf-8"
    )
    profile = "\n.. cv-profile:: Jane Doe\n   :pdf: one.pdf\n   :pdf-variants: short, shrot\n"
    (src / "index.rst").write_text(ONE_INDEX.format(profile=profile), encoding="utf-8")
    app = make_app("html", srcdir=src, builddir=tmp_path / "out")
    app.build()
    assert_located_warnings(
        app,
        [("index.rst", 6, "option", "cv-profile :pdf-variants: no variant 'shrot' in cv_variants (short)")],
    )
    links = soup_of(app).select(".cv-contact-pdf a")
    assert [(a.get_text(), a["href"]) for a in links] == [("full", "one.pdf"), ("short", "one-short.pdf")]


@pytest.mark.sphinx("html", testroot="variants-bad", freshenv=True)
def test_rules_of_the_wrong_kind_warn_in_every_build(app) -> None:
    app.build()
    lines = [line for line in warnings_of(app).splitlines() if "[cv.config]" in line]
    assert len(lines) == 5 and all("cv_variants[" in line for line in lines)


def test_no_variants_warns(make_app, tmp_path: Path) -> None:
    app = make_app(
        "cvvariants", srcdir=ROOTS / "test-variants", builddir=tmp_path, confoverrides={"cv_variants": {}}
    )
    app.build()
    assert "no variants to write: cv_variants is empty [cv.config]" in warnings_of(app)
    assert not list(Path(app.outdir).glob("*.tex"))


def _pubs(tex: str) -> list[str]:
    """Captions, year groups, numbers and titles of the publication lists, in order."""
    found = re.findall(r"\\sphinxcv(caption|pubgroup|pubitem|pubtitle)\{([^{}]*)\}", tex)
    return [text for _macro, text in found if text]


@pytest.mark.sphinx("cvvariants", testroot="variants-pubs", freshenv=True)
def test_publications_by_their_records(app) -> None:
    """Publications are judged by the one record of each: keywords as tags (a .bib's ``keywords``, a
    data file's ``tags``), year and month for ``since``, ``selected`` for ``max_publications``; lists
    keep their order and count again."""
    app.build()
    assert warnings_of(app) == ""
    # the selected first, then the newest; a paper in two lists counts once; 5..1 becomes 2, 1;
    # the data file's list, left empty, goes with its caption
    assert _pubs(_tex(app, "pubs-top2.tex")) == [
        "Selected",
        "Beta Paper",
        "Epsilon Paper",
        "All",
        "2020",
        "2.",
        "Beta Paper",
        "2018",
        "1.",
        "Epsilon Paper",
    ]
    # keywords are tags ("ML; theory" included); untagged stays, "selected" alone is not "ml"
    assert _pubs(_tex(app, "pubs-ml.tex")) == [
        "Selected",
        "Epsilon Paper",
        "All",
        "2021",
        "4.",
        "Alpha Paper",
        "2019",
        "3.",
        "Gamma Paper",
        "2.",
        "Delta Paper",
        "2018",
        "1.",
        "Epsilon Paper",
        "From RenderCV",
        "2022",
        "Zeta Paper",  # a data file's tags: [ML]
        "2017",
        "Eta Paper",  # untagged
    ]
    # since 2019-06: March 2019 is before, a paper of 2019 without a month may be after
    assert _pubs(_tex(app, "pubs-recent.tex")) == [
        "Selected",
        "Beta Paper",
        "All",
        "2021",
        "3.",
        "Alpha Paper",
        "2020",
        "2.",
        "Beta Paper",
        "2019",
        "1.",
        "Delta Paper",
        "From RenderCV",
        "2022",
        "Zeta Paper",  # May 2022; Eta Paper (February 2017) is left out
    ]


# ---- the rules, without Sphinx --------------------------------------------------------------------


def test_tags_are_one_form() -> None:
    assert parse_tags("Research,  machine   Learning, research,") == ("research", "machine learning")
    assert parse_tags(["Industry", " ", "x"]) == ("industry", "x")
    assert parse_tags(None) == ()


@pytest.mark.parametrize(
    ("since", "last", "kept"),
    [
        ("2015-07", "2015", True),  # may have ended in December
        ("2015-07", "2015-06", False),
        ("2015-07", "2015-07-01", True),
        ("2015-07-02", "2015-07", True),
        ("2015", "2014-12-31", False),
        ("Fall 2015", "2015-08", False),
        ("Fall 2015", "2015-09", True),
        ("2030", "", True),  # Present, or a date that could not be read
    ],
)
def test_since_compares_at_the_precision_written(since: str, last: str, kept: bool) -> None:
    assert Variant("v", since=parse_date(since)).keeps_date(last) is kept


def test_tag_rules() -> None:
    variant = Variant("v", tags=frozenset({"research"}), exclude_tags=frozenset({"teaching"}))
    assert variant.keeps_tags([])  # untagged: in every variant
    assert variant.keeps_tags(["research", "industry"])
    assert not variant.keeps_tags(["industry"])
    assert not variant.keeps_tags(["research", "teaching"])
    assert Variant("v", exclude_tags=frozenset({"teaching"})).keeps_tags(["industry"])


def test_parse_variants() -> None:
    variants, problems = parse_variants(
        {"short": {"since": 2015, "pages": 1, "tags": "A, b", "drop_sections": ("Skills",)}, "x y": {}}
    )
    (short,) = variants
    assert short.since is not None and short.since.year == 2015 and short.pages == 1
    assert short.tags == {"a", "b"} and short.drop_sections == ("Skills",)
    assert short.target("cv.tex") == "cv-short.tex" and short.link_text == "short"
    assert [(name, rule) for name, rule, _message in problems] == [("x y", "")]
    assert parse_variants([])[1][0][2].startswith("cv_variants must be a mapping")
    bad = parse_variants({"v": {"pages": True, "max_publications": -1, "since": "present"}})[1]
    assert [rule for _name, rule, _message in bad] == ["pages", "max_publications", "since"]


def test_selected_publications_first_then_the_newest() -> None:
    candidates = [
        Candidate("old-selected", True, (2012, 0)),
        Candidate("new", False, (2020, 5)),
        Candidate("newer", False, (2020, 6)),
        Candidate("mid-selected", True, (2016, 0)),
        Candidate("oldest", False, (2010, 0)),
    ]
    assert choose_publications(candidates, 3) == {"old-selected", "mid-selected", "newer"}
    assert choose_publications(candidates, 1) == {"mid-selected"}
    assert choose_publications(candidates, 0) == set()


def test_pages_needs_a_compiled_pdf(tmp_path: Path) -> None:
    """Before LaTeX has run there is no page count: the check fails, naming the variant."""
    lines, failures = check_pages(tmp_path)
    assert not lines and "no list of variants" in failures[0]
    (tmp_path / MANIFEST).write_text(
        json.dumps({"variants": [{"name": "short", "tex": "cv-short.tex", "pages": 1}]}), encoding="utf-8"
    )
    (tmp_path / "cv-short.tex").write_text("", encoding="utf-8")
    assert check_pages(tmp_path) == (
        [],
        ["short: cv-short.pdf was not made from cv-short.tex: run LaTeX first (make all-pdf)"],
    )


def test_page_count_is_the_last_run() -> None:
    """TeX's own closing line (pdflatex and lualatex write .pdf, xelatex .xdv); the last run counts."""
    log = "Output written on cv.xdv (3 pages, 1 bytes).\n...\nOutput written on cv.pdf (1 page).\n"
    assert page_count(log) == 1
    assert page_count("No pages of output.") is None
