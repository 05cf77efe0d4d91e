"""``cv-publications`` with a citation style (``:style:``, ``cv_citation_style``), in real builds.

The style writes each entry's text; the CV keeps its own around and inside it:
the owner highlighted inside the formatted text, co-author links, note marks,
badges, the page link on the title, numbering (a numeric style's label carries
the list's number), and the built-in look with a located warning for whatever a
style cannot do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import assert_located_warnings, main_of

from sphinx_cv.core.bib import read_publication
from sphinx_cv.core.faces import csl_json
from sphinx_cv.core.texprotect import protected_spans


def _lists(app) -> dict[str, object]:
    main = main_of(app)
    listings = main.select("div.cv-publications")
    return {listing.select_one(".cv-caption").get_text(): listing for listing in listings}


@pytest.mark.sphinx("html", testroot="styles", freshenv=True)
def test_the_owner_is_highlighted_inside_the_formatted_text(app) -> None:
    app.build()
    apa = _lists(app)["In APA"]
    sharp = apa.select_one("li#zheng2020sharp p.cv-pub-cite")
    text = " ".join(sharp.get_text().split())
    assert text == (
        "ICML Zheng, Q.*, Dong, J.*, Long, Q., & Su, W. J. (2020). Sharp composition bounds for "
        "Gaussian differential privacy via Edgeworth expansion. International Conference on Machine "
        "Learning (ICML). https://doi.org/10.5555/3524938.3525998"
    )
    owner = sharp.select("strong.cv-author-self")
    assert [o.get_text() for o in owner] == ["Zheng, Q."]
    assert owner[0].find_next_sibling().get_text() == "*"  # the mark right after the name
    coauthor = sharp.select_one("a.cv-author-link")
    assert (coauthor.get_text(), coauthor["href"]) == ("Dong, J.", "https://dong.example/")
    # the title inside the style's text links to the paper's page; the DOI the style writes is a link
    assert sharp.select_one(".cv-cite-title a")["href"] == "publications/zheng2020sharp.html"
    assert sharp.select_one("a.external[href='https://doi.org/10.5555/3524938.3525998']") is not None
    # the owner in another position and another style
    ieee = _lists(app)["In IEEE, counting down"]
    names = [s.get_text() for s in ieee.select("p.cv-pub-cite strong.cv-author-self")]
    assert names == ["Q. Zheng"] * 4
    # what the CV adds stays: the venue badge, the legend of the marks, the action row, COinS
    assert sharp.select_one(".cv-pub-abbr").get_text() == "ICML"
    assert apa.select_one(".cv-pub-legend").get_text() == "*\u2009Equal contribution"
    assert apa.select_one("li#zheng2020sharp .cv-pub-actions a.cv-pub-link").get_text() == "DOI"
    assert apa.select_one("li#zheng2020sharp span.Z3988") is not None
    # a note the style does not write ("submitted") is kept after its text
    preprint = apa.select_one("li#kuchibhotla2020nearoptimal p.cv-pub-cite")
    assert preprint.select_one(".cv-pub-note").get_text() == " (submitted)"


@pytest.mark.sphinx("html", testroot="styles", freshenv=True)
def test_a_numeric_label_follows_the_lists_numbering(app) -> None:
    app.build()
    ieee = _lists(app)["In IEEE, counting down"]
    ol = ieee.select_one("ol")
    assert "cv-publist-labelled" in ol["class"] and ol.has_attr("reversed") and ol["start"] == "4"
    assert [s.get_text() for s in ieee.select(".cv-pub-label")] == ["[4]", "[3]", "[2]", "[1]"]
    buggy = _lists(app)["A journal style that fails on theses"]
    assert [s.get_text() for s in buggy.select(".cv-pub-label")] == ["[1]", "[2]", "[3]", "4."]
    # a style that is not numeric keeps the list's own markers
    assert not _lists(app)["In APA"].select(".cv-pub-label, .cv-publist-labelled")


@pytest.mark.sphinx("html", testroot="styles", freshenv=True)
def test_what_a_style_cannot_do_is_a_located_warning_and_the_built_in_look(app) -> None:
    app.build()
    src = Path(app.srcdir)
    assert_located_warnings(
        app,
        [
            (str(src / "refs.bib"), 22, "bib", "'zheng2017first' cannot be formatted in Buggy journal style"),
            (str(src / "index.rst"), 24, "option", "unknown citation style 'apa7'"),
            (str(src / "index.rst"), 27, "option", "broken.csl does not parse"),
        ],
        extra=1,  # the hostile entry's javascript: URL, told by the record
    )
    lists = _lists(app)
    buggy = lists["A journal style that fails on theses"]
    # the entry the style failed on is there, in the built-in look, its number in front
    thesis = buggy.select_one("li#zheng2017first-4")
    assert thesis.select_one("p.cv-pub-cite") is None
    assert thesis.select_one(".cv-pub-title").get_text().startswith("4. First order methods")
    assert len(buggy.select("p.cv-pub-cite")) == 3
    for caption in ("An unknown style", "A broken style file"):
        listing = lists[caption]
        assert len(listing.select("li.cv-pub")) == 4 and not listing.select("p.cv-pub-cite")
        assert listing.select_one("li .cv-pub-title")


@pytest.mark.sphinx("html", testroot="styles", freshenv=True)
def test_hostile_fields_stay_text_inside_a_style(app) -> None:
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    hostile = _lists(app)["In APA"].select_one("li#hostile2019 p.cv-pub-cite")
    assert not hostile.select("b, i, script")


@pytest.mark.sphinx("html", testroot="styles", freshenv=True, confoverrides={"language": "de"})
def test_the_style_speaks_the_sites_language(app) -> None:
    app.build()
    chicago = _lists(app)["In Chicago"]
    sharp = " ".join(chicago.select_one("p.cv-pub-cite").get_text().split())
    assert sharp.startswith("ICML Zheng, Qinqing*, Jinshuo Dong*, Qi Long, und Weijie J. Su. 2020. „Sharp")


@pytest.mark.sphinx("text", testroot="styles", freshenv=True)
def test_text_output_has_the_styled_entries_and_their_labels(app) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "[4] **Q. Zheng***, J. Dong*, Q. Long, and W. J. Su, “Sharp composition" in text
    assert "* Kuchibhotla, A. K., & **Zheng, Q.** (2020). *Near-optimal confidence" in text
    assert "4. First order methods for nonconvex optimization" in text  # the failed entry, numbered


@pytest.mark.sphinx("latex", testroot="styles", freshenv=True)
def test_latex_puts_a_numeric_label_in_the_number_column(app) -> None:
    app.build()
    tex = (Path(app.outdir) / "styles.tex").read_text(encoding="utf-8")
    ieee = r"\\sphinxcvpubitem\{\[4\]\}.*\n\\begin\{sphinxcvpub\}\n"
    ieee += r"\\sphinxcvpubcite\{\\sphinxstylestrong\{Q\. Zheng\}"
    assert re.search(ieee, tex)
    apa = r"\sphinxcvpubcite{\sphinxstylestrong{Zheng, Q.}$^{\text{*}}$, "
    apa += r"\sphinxhref{https://dong.example/}{Dong, J.}"
    assert apa in tex
    assert "\\sphinxcvpubitem{4.}" in tex  # the entry the style failed on keeps the list's number
    assert "[4]" not in tex.split("\\sphinxcvpubcite{", 2)[2].split("}", 1)[0]  # the label is not repeated


@pytest.mark.sphinx("html", testroot="pubs", freshenv=True, confoverrides={"cv_citation_style": "apa"})
def test_the_configured_style_formats_every_list_without_a_warning(app) -> None:
    app.build()
    assert_located_warnings(app, [])
    items = main_of(app).select("li.cv-pub")
    assert items and all(li.select_one("p.cv-pub-cite") for li in items)


# ---- titles: as written, but what braces protect is protected from a style's title case too ---------


def test_braces_protect_whole_words_in_the_record_and_its_csl_json() -> None:
    spans, protected = protected_spans(r"On {G}aussian \emph{in vivo} {\"U}bung and {GPU}s via $x_{1}$")
    text = "".join(run for _style, run in spans)
    assert text == "On Gaussian in vivo Übung and GPUs via x1"
    assert [text[a:b] for a, b in protected] == ["Gaussian", "in vivo", "GPUs"]


@pytest.mark.sphinx("html", testroot="styles", freshenv=True)
def test_the_csl_json_export_carries_the_protection_the_style_used(app) -> None:
    app.build()
    exported = json.loads((Path(app.outdir) / "publications" / "styles-publications.json").read_text())
    titles = {item["id"]: item["title"] for item in exported}
    assert titles["kuchibhotla2020nearoptimal"] == (
        'Near-optimal confidence sequences for bounded random variables on <span class="nocase">GPUs</span>'
    )
    chicago = _lists(app)["In Chicago"].select_one("li#kuchibhotla2020nearoptimal-3 .cv-cite-title")
    assert chicago.get_text() == "Near-Optimal Confidence Sequences for Bounded Random Variables on GPUs"
    # everywhere else the title is as written
    page = (Path(app.outdir) / "publications" / "kuchibhotla2020nearoptimal.html").read_text(encoding="utf-8")
    assert "Near-optimal confidence sequences for bounded random variables on GPUs" in page


def test_csl_json_is_the_record_read_once() -> None:
    from pybtex.database import Entry, Person

    entry = Entry("article", fields={"title": "A {B}ayesian view", "year": "2020"})
    entry.persons["author"] = [Person("Qinqing Zheng")]
    item = csl_json(read_publication(entry))
    assert item["title"] == 'A <span class="nocase">Bayesian</span> view'
    assert item["author"] == [{"family": "Zheng", "given": "Qinqing"}]
