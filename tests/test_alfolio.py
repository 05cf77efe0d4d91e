"""Author lists as academics write them, and al-folio's BibTeX fields: built sites, asserted on output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import assert_located_warnings, main_of, warnings_of
from pybtex.database import Person, parse_string

from sphinx_cv.core.authors import coauthor_index, person_marks, read_annotations, split_marks
from sphinx_cv.core.bib import publication_from_entry
from sphinx_cv.core.names import OwnerMatcher


def _text(node) -> str:
    return " ".join(node.get_text().split())


# ---- core ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "clean", "marks"),
    [
        ("Zheng*", "Zheng", ["*"]),
        ("Zheng∗", "Zheng", ["*"]),
        ("*Pang", "Pang", ["*"]),
        (r"Dong$^\dagger$", "Dong", ["†"]),
        (r"Li$^{*\dagger}$", "Li", ["*", "†"]),
        (r"Wu\textsuperscript{*}", "Wu", ["*"]),
        (r"Kim{\ddag}", "Kim", ["‡"]),
        ("Lee$^1$", "Lee", ["1"]),
        (r"M{\"u}ller", r"M{\"u}ller", []),
        ("Zheng", "Zheng", []),
    ],
)
def test_marks_written_in_names(token: str, clean: str, marks: list[str]) -> None:
    assert split_marks(token) == (clean, marks)


def test_pybtex_keeps_biblatex_annotation_fields() -> None:
    """pybtex keeps ``author+an`` as written; field names are case-insensitive."""
    data = parse_string("@article{k, author={A One and B Two}, Author+AN={2=equal}, title={T}}", "bibtex")
    entry = data.entries["k"]
    assert entry.fields["author+an"] == "2=equal"
    pub = publication_from_entry(entry)
    assert [a.marks for a in pub.authors] == [(), ("*",)]


def test_annotations() -> None:
    notes = read_annotations('1=equal; 2:family="student"; 2=corresponding,highlight; 3=$^\\ddag$', 3)
    assert notes.marks == {0: ["*"], 1: ["†"], 2: ["‡"]}
    assert notes.owners == {1}
    assert not notes.problems
    assert "names author '4'" in read_annotations("4=equal", 3, "k").problems[0][1]


def test_marks_do_not_hide_the_owner() -> None:
    clean, marks = person_marks(Person(r"Zheng$^{*}$, Qinqing"))
    assert marks == ["*"] and str(clean) == "Zheng, Qinqing"
    assert OwnerMatcher(["Q. Zheng"])(clean)


def test_coauthor_matching_across_name_forms() -> None:
    alfolio = {"zheng": [{"firstname": ["Qinqing"], "url": "https://zheng.example/"}]}
    index, problems = coauthor_index({"Möller, Jan": "https://moller.example/"}, alfolio)
    assert not problems
    for name in ("Zheng, Qinqing", "Q. Zheng", "Qinqing J. Zheng", "Zheng, Q."):
        assert index.url_of(Person(name)) == "https://zheng.example/", name
    assert index.url_of(Person("Qi Zheng")) == ""
    for name in (r"M{\"o}ller, Jan", "Jan Möller", "J. Moller"):
        assert index.url_of(Person(name)) == "https://moller.example/", name
    _index, problems = coauthor_index({"Eve": "javascript:alert(1)"}, {"x": "not a list"})
    assert len(problems) == 2


# ---- author lists ---------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pubs-authors", freshenv=True)
def test_coauthor_links_marks_and_legend(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    marked, long = main_of(app).select(".cv-publications")
    marks, annotated = marked.select("li.cv-pub")
    # co-authors linked whatever the name form: "J. Dong", "Dong, Jinshuo", "Wéijie Su", "Su, W."
    for item in (marks, annotated):
        links = {a.get_text(): a["href"] for a in item.select("a.cv-author-link")}
        assert set(links.values()) == {"https://dong.example/", "https://su.example/"}, links
    assert _text(marks.select_one(".cv-pub-authors")) == "Qinqing Zheng*, J. Dong†, Wéijie Su, Ben Li*"
    assert marks.select_one(".cv-author-self").get_text() == "Qinqing Zheng"  # the mark is not the name
    assert [s.get_text() for s in marks.select("sup.cv-author-note")] == ["*", "†", "*"]
    assert _text(annotated.select_one(".cv-pub-authors")) == "Qinqing Zheng*, Jinshuo Dong*, W. Su†, Qi Zheng"
    assert [s.get_text() for s in annotated.select(".cv-author-self")] == ["Qinqing Zheng"]  # not Qi
    # one legend under the list that uses marks, none under the other
    legends = marked.select(".cv-pub-legend")
    assert len(legends) == 1 and _text(legends[0]) == "* Equal contribution; † Corresponding author"
    assert not long.select(".cv-pub-legend")


@pytest.mark.sphinx("html", testroot="pubs-authors", freshenv=True)
def test_long_author_lists_keep_the_owner(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    long, first = main_of(app).select(".cv-publications")[1].select("li.cv-pub")
    authors = long.select_one("div.cv-pub-authors")  # a <details> may not sit in a <p>
    assert _text(authors.select_one(".cv-authors-short")) == "Ann One, Bob Two, Cat Three, …, Q. Zheng, …,"
    more = authors.select_one("details.cv-authors-more")
    assert more.select_one("summary").get_text() == "and 6 more"
    assert _text(more.select_one(".cv-authors-all")).startswith("Ann One, Bob Two, Cat Three, Dan Four")
    assert _text(more.select_one(".cv-authors-all")).endswith("Q. Zheng, Hal Eight, Ida Nine, Jo Ten")
    assert not long.select("script") and "onclick" not in str(long)
    # the owner within the cut: no ellipsis
    assert _text(first.select_one(".cv-authors-short")) == "Qinqing Zheng, Bob Two, Cat Three,"
    assert first.select_one("summary").get_text() == "and 2 more"


@pytest.mark.parametrize(("limit", "cut"), [(2, ["and 2 more", "and 2 more"]), (3, [])])
def test_max_authors_config(make_app, rootdir, tmp_path, limit: int, cut: list[str]) -> None:
    """``cv_max_authors`` for every list, ``:max-authors:`` over it; one name over the limit is not cut."""
    shutil.copytree(rootdir / "test-pubs-authors", tmp_path / "src", dirs_exist_ok=True)
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={"cv_max_authors": limit})
    app.build()
    marked, long = main_of(app).select(".cv-publications")
    assert [s.get_text() for s in marked.select("details.cv-authors-more summary")] == cut
    assert [s.get_text() for s in long.select("details.cv-authors-more summary")] == [
        "and 6 more",
        "and 2 more",
    ]


def test_max_authors_option_that_is_no_number(make_app, rootdir, tmp_path) -> None:
    shutil.copytree(rootdir / "test-pubs-authors", tmp_path / "src")
    index = tmp_path / "src" / "index.rst"
    index.write_text(index.read_text(encoding="utf-8").replace(":max-authors: 3", ":max-authors: many"))
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={"cv_max_authors": 4})
    app.build()
    assert_located_warnings(app, [("index.rst", 13, "option", "must be a number (0 for all), not 'many'")])
    long = main_of(app).select(".cv-publications")[1]
    assert [s.get_text() for s in long.select("summary")] == ["and 5 more"]  # cv_max_authors instead


@pytest.mark.sphinx("text", testroot="pubs-authors", freshenv=True)
def test_long_author_lists_in_text(app) -> None:
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert "Ann One, Bob Two, Cat Three, …, **Q. Zheng**, … et al." in text
    assert "**Qinqing Zheng**, Bob Two, Cat Three et al." in text
    assert "**Qinqing Zheng***, J. Dong†, Wéijie Su, Ben Li*" in text
    assert "*\u2009Equal contribution; †\u2009Corresponding author" in text
    assert "Hal Eight" not in text


@pytest.mark.sphinx("latex", testroot="pubs-authors", freshenv=True, confoverrides={"cv_et_al": ""})
def test_long_author_lists_in_latex_in_full(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Fay Six, \\sphinxstylestrong{Q. Zheng}, Hal Eight, Ida Nine, Jo Ten" in tex
    assert "et al." not in tex and "…" not in tex
    assert "W. Su}$^{\\text{†}}$" in tex and "Corresponding author" in tex


# ---- al-folio's example .bib -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="pubs-alfolio", freshenv=True)
def test_alfolio_example_bib(app) -> None:
    """al-folio's own papers.bib, with its coauthors.yml and its preview images, as a new user has them."""
    app.build()
    assert warnings_of(app) == ""
    physrev = main_of(app).select_one('li[id="PhysRev.47.777-2"]')
    links = {a.get_text(): a["href"] for a in physrev.select(".cv-pub-link")}
    assert links["PDF"] == "assets/pdf/example_pdf.pdf"  # a bare name: a file of cv_pdf_folder
    assert links["HTML"] == "https://journals.aps.org/pr/abstract/10.1103/PhysRev.47.777"
    assert links["Altmetric"] == "https://www.altmetric.com/details/248277"
    assert links["Dimensions"] == "https://badge.dimensions.ai/details/doi/10.1103/PhysRev.47.777"
    coauthors = {a.get_text(): a["href"] for a in physrev.select("a.cv-author-link")}
    assert coauthors == {
        "B. Podolsky": "https://en.wikipedia.org/wiki/Boris_Podolsky",
        "N. Rosen": "https://en.wikipedia.org/wiki/Nathan_Rosen",
    }
    book = main_of(app).select_one('li[id="einstein1956investigations"]')
    img = book.select_one("img.cv-pub-preview")
    assert (img["src"], img["width"], img["height"], img["loading"]) == (
        "_images/brownian-motion.gif",
        "40",
        "30",
        "lazy",
    )
    assert (Path(app.outdir) / "_images" / "brownian-motion.gif").is_file()
    # no request to another host: no third-party script or image
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "altmetric-embed" not in page and "__dimensions_badge_embed__" not in page
    for tag in main_of(app).select("script[src], img[src]"):
        assert "://" not in tag.get("src", ""), tag


@pytest.mark.sphinx("html", testroot="pubs-alfolio-fields", freshenv=True)
def test_every_alfolio_field(app) -> None:
    app.build()
    assert warnings_of(app) == ""
    entry = main_of(app, "pubs/list").select_one('li[id="fields2024"]')
    links = {a.get_text(): a["href"] for a in entry.select(".cv-pub-link")}
    scholar = "https://scholar.google.com/citations?view_op=view_citation&hl=en&user=qc6CJjYAAAAJ"
    assert links == {
        "PDF": "../assets/pdf/fields.pdf",  # from the site's root, relative to this page
        "arXiv": "https://arxiv.org/abs/2101.00001",
        "DOI": "https://doi.org/10.1000/xyz123",
        "HTML": "https://example.org/html",
        "Supp": "../assets/pdf/fields-supp.pdf",
        "Code": "https://github.com/example/fields",
        "Slides": "../assets/pdf/fields-slides.pdf",
        "Video": "https://example.org/video",
        "Poster": "https://example.org/poster.pdf",
        "Blog": "https://example.org/blog",
        "Website": "https://example.org/project",
        "HAL": "https://hal.science/hal-01234567",
        "Scholar": f"{scholar}&citation_for_view=qc6CJjYAAAAJ:qyhmnyLat1gC",
        "INSPIRE": "https://inspirehep.net/literature/3255",
        "PubMed": "https://pubmed.ncbi.nlm.nih.gov/33561972/",
        "ISBN": "https://search.worldcat.org/isbn/9780123456786",
        "Altmetric": "https://www.altmetric.com/details/doi/10.1000/xyz123",
        "Dimensions": "https://badge.dimensions.ai/details/doi/10.1000/xyz123",
    }
    award = entry.select_one(".cv-pub-award")
    assert award.select_one(".cv-pub-award-name").get_text() == "Best Paper"
    assert "clearest exposition" in award.get_text()
    info = entry.select_one(".cv-pub-venue .cv-pub-info")
    assert _text(info) == ". Oral presentation, see the talk"
    assert info.select_one("em").get_text() == "Oral presentation"
    assert info.select_one("a")["href"] == "https://example.org/talk"
    img = entry.select_one("img.cv-pub-preview")
    assert (img["src"], img["width"], img["height"]) == ("../_images/fields.gif", "60", "40")
    assert entry.select_one("details.cv-pub-bibtex")  # bibtex_show, though :show: has no bibtex
    assert [_text(s) for s in entry.select("sup.cv-author-note")] == ["*", "*"]
    note = entry.select_one(".cv-pub-authors + p.cv-pub-annotation")  # al-folio's annotation, as text
    assert note.get_text() == "* Example use of superscripts; † Albert Einstein"
    generic = main_of(app, "pubs/list").select_one('li[id="awardonly"] .cv-pub-award')
    assert _text(generic) == "Award"
    selected = main_of(app, "index")
    assert [li["id"] for li in selected.select("li.cv-pub")] == ["fields2024"]  # selected = {true}
    assert selected.select_one('a.cv-pub-link[href="assets/pdf/fields.pdf"]')  # relative to the root page


@pytest.mark.sphinx("dirhtml", testroot="pubs-alfolio-fields", freshenv=True)
def test_pdf_folder_links_follow_the_builder(app) -> None:
    app.build()
    entry = main_of(app, "pubs/list/index").select_one('li[id="fields2024"]')
    assert entry.select_one("a.cv-pub-link")["href"] == "../../assets/pdf/fields.pdf"


@pytest.mark.sphinx("latex", testroot="pubs-alfolio-fields", freshenv=True)
def test_alfolio_fields_in_latex(app) -> None:
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxcvpubaward{\\sphinxstylestrong{Best Paper}" in tex
    assert "Albert Einstein}$^{\\text{*}}$" in tex and "Equal contribution" in tex
    assert "fields.gif" not in tex  # thumbnails have no place in a printed CV


@pytest.mark.sphinx("text", testroot="pubs-alfolio-fields", freshenv=True)
def test_alfolio_fields_in_text(app) -> None:
    app.build()
    text = (Path(app.outdir) / "pubs" / "list.txt").read_text(encoding="utf-8")
    assert "Best Paper For the clearest exposition of the year" in text
    assert "Proceedings of Examples, 2024. Oral presentation, see the talk" in text
    assert "INSPIRE: https://inspirehep.net/literature/3255" in text
    assert "* Example use of superscripts; † Albert Einstein" in text
    assert "**Albert Einstein***, A. H. Taub*" in text


@pytest.mark.sphinx("html", testroot="pubs-alfolio-bad", freshenv=True)
def test_bad_alfolio_input_is_a_located_warning(app) -> None:
    app.build()
    assert_located_warnings(
        app,
        [
            ("coauthors.yml", 4, "source", "does not parse as YAML"),
            ("index.rst", 4, "bib", "author+an names author '3', but the entry has 2 authors"),
            ("index.rst", 4, "bib", "preview image 'assets/img/publication_preview/missing.gif' is missing"),
            ("index.rst", 4, "bib", "dropped the link 'javascript:alert(1)' in additional_info"),
            ("index.rst", 4, "bib", "dropped the link 'javascript:alert(3)' in award"),
            ("index.rst", 4, "bib", "/../../../../etc/hostname' is outside the source directory"),
        ],
    )
    main = main_of(app)
    assert [li["id"] for li in main.select("li.cv-pub")] == ["nopreview", "badnote", "hostile"]  # all shown
    assert not main.select("img, script:not([type='application/ld+json']), b")
    assert "javascript:" not in str(main)
    hostile = main.select_one('li[id="hostile"]')
    assert "<script>alert(2)</script>" in hostile.select_one(".cv-pub-info").get_text()  # text, not markup
    assert hostile.select_one(".cv-pub-award-name").get_text() == "<img src=x onerror=alert(4)>"
    assert not (Path(app.outdir) / "_images").exists()


@pytest.mark.sphinx("html", testroot="pubs-authors", freshenv=True, confoverrides={"language": "fr"})
def test_author_list_labels_in_the_pages_language(app) -> None:
    """The expander ("and 6 more") and the legend come from the message catalog, like every label."""
    app.build()
    marked, long = main_of(app).select(".cv-publications")[:2]
    assert long.select_one("li.cv-pub summary").get_text() == "et 6 autres"
    assert _text(marked.select_one(".cv-pub-legend")) == "* Contribution égale; † Auteur correspondant"
