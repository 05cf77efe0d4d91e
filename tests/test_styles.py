"""CSL styles (issue 24): the engine against citeproc-js, the reference, on real files and the demo.

The entries of real BibTeX files (biblatex's examples, al-folio's sample)
and of the demo's ``refs.bib`` go through a real build; the CSL-JSON export
of that build is formatted by sphinx-cv and by citeproc-js (npm ``citeproc``,
pinned in ``tests/csl/package-lock.json``) with the same style and locale
files, and each entry's text is compared after whitespace normalisation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.core.csl import load_style

HERE = Path(__file__).parent
ROOTS = HERE / "roots"
REFERENCE = HERE / "csl"
SOURCES = {
    "real": [
        ROOTS / "test-pubs-realworld" / "realworld" / "biblatex-examples.bib",
        ROOTS / "test-pubs-alfolio" / "papers.bib",
    ],
    "demo": [HERE.parent / "refs.bib"],
}
#: share of identical entries required per style
REQUIRED = {"real": 0.95, "demo": 1.0}
COMPARED = ("apa", "ieee", "chicago-author-date")


def _node() -> str | None:
    node = shutil.which("node")
    if node and (REFERENCE / "node_modules" / "citeproc").is_dir():
        return node
    if os.environ.get("CI") == "true":
        pytest.fail("citeproc-js is missing: nox -s tests runs `npm ci` in tests/csl")
    return None


#: what the CV adds inside a styled entry, left out of the comparison: venue badges, note marks,
#: the note ("submitted") a style did not write, al-folio's additional_info
CV_ADDED = ".cv-pub-abbr, .cv-author-note, .cv-pub-note, .cv-pub-info"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[dict], dict[str, list[Any]]]]:
    """Per set of files: the CSL-JSON export of a real build, and the entries of its lists in each
    compared style (numbered, so numeric labels show) as the built HTML shows them, in .bib order."""
    from bs4 import BeautifulSoup

    out: dict[str, tuple[list[dict], dict[str, list[Any]]]] = {}
    for name, bibs in SOURCES.items():
        src = tmp_path_factory.mktemp(f"styles-{name}")
        for bib in bibs:
            shutil.copy(bib, src / bib.name)
        (src / "conf.py").write_text(
            'extensions = ["sphinx_cv"]\nproject = "compare"\ncv_publication_pages = True\n'
            f"bibtex_bibfiles = {[b.name for b in bibs]!r}\n",
            encoding="utf-8",
        )
        lists = "".join(
            f".. cv-publications:: {style}\n   :style: {style}\n   :sort: none\n   :group-by: none\n"
            "   :numbered:\n   :show: none\n\n"
            for style in COMPARED
        )
        (src / "index.rst").write_text(f"Papers\n======\n\n{lists}", encoding="utf-8")
        app = SphinxTestApp("html", srcdir=src, status=None, warning=None)
        try:
            app.build()
        finally:
            app.cleanup()
        items = json.loads((Path(app.outdir) / "publications" / "compare-publications.json").read_text())
        page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")
        listings = page.select("div.cv-publications")
        out[name] = (
            items,
            {style: listing.select("li.cv-pub") for style, listing in zip(COMPARED, listings, strict=True)},
        )
    return out


def _shown(li: Any) -> dict[str, str]:
    """An entry's label and text as the page shows them, less what the CV adds; "" if not styled."""
    cite = li.select_one("p.cv-pub-cite")
    if cite is None:  # the style failed on it: the built-in look
        return {"label": "", "body": ""}
    for added in cite.select(CV_ADDED):
        added.extract()
    label = cite.select_one(".cv-pub-label")
    if label is not None:
        label.extract()
    return {"label": label.get_text() if label else "", "body": cite.get_text()}


def _citeproc_js(node: str, style: Path, items: list[dict], tmp: Path) -> dict[str, dict[str, str]]:
    from citeproc import LOCALES_PATH

    data = tmp / "items.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    done = subprocess.run(
        [node, str(REFERENCE / "render.js"), str(style), LOCALES_PATH, "en-US", str(data)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REFERENCE,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _norm(entry: dict[str, str]) -> str:
    """Whitespace normalised; a label's number as "#" (citeproc-js numbers each entry alone: [1])."""
    label = re.sub(r"\d+", "#", " ".join(entry["label"].split()))
    return f"{label} | {' '.join(entry['body'].split())}"


@pytest.mark.parametrize("style_name", COMPARED)
@pytest.mark.parametrize("which", ["real", "demo"])
def test_listed_entries_read_as_citeproc_js_writes_them(
    style_name: str, which: str, built: dict[str, tuple[list[dict], dict[str, list[Any]]]], tmp_path: Path
) -> None:
    """The text of each entry of the built HTML list against citeproc-js on the build's CSL-JSON export."""
    node = _node()
    if node is None:
        pytest.skip("node and tests/csl/node_modules (npm ci) are needed for the reference")
    items, lists = built[which]
    entries = lists[style_name]
    assert len(entries) == len(items) >= (90 if which == "real" else 7)
    reference = _citeproc_js(node, load_style(style_name, HERE).path, items, tmp_path)
    ours = {item["id"]: _shown(li) for item, li in zip(items, entries, strict=True)}
    differ = {
        k: (_norm(reference[k]), _norm(ours[k])) for k in reference if _norm(reference[k]) != _norm(ours[k])
    }
    report = "\n".join(f"{k}\n  citeproc-js: {a}\n  sphinx-cv:   {b}" for k, (a, b) in differ.items())
    print(f"{style_name} on {which}: {len(reference) - len(differ)}/{len(reference)} identical\n{report}")
    assert len(reference) == len(items)
    assert 1 - len(differ) / len(reference) >= REQUIRED[which], report


# ---- the engine wrapper, without Sphinx ------------------------------------------------------------

ITEM = {
    "id": "zheng2020",
    "type": "article-journal",
    "title": "A title of things",
    "author": [{"family": "Zheng", "given": "Qinqing"}, {"family": "Dong", "given": "Jinshuo"}],
    "issued": {"date-parts": [[2020]]},
    "container-title": "Journal of Things",
    "volume": "3",
    "page": "1-9",
    "DOI": "10.1000/x_1",
}


@pytest.mark.parametrize(
    ("name", "owner", "coauthor"),
    [
        ("apa", "Zheng, Q.", "Dong, J."),
        ("ieee", "Q. Zheng", "J. Dong"),
        ("chicago-author-date", "Zheng, Qinqing", "Jinshuo Dong"),
    ],
)
def test_each_person_is_one_run_inside_the_formatted_text(name: str, owner: str, coauthor: str) -> None:
    """What the renderer highlights and links: a person's whole name, as the style wrote it."""
    body = load_style(name, HERE).format(ITEM).body
    people = {p.person: p.text for p in body if p.person}
    assert people == {("author", 0): owner, ("author", 1): coauthor}
    assert owner in "".join(p.text for p in body)


def test_styles_and_links_come_out_as_runs() -> None:
    body = load_style("apa", HERE).format(ITEM).body
    assert [p.text for p in body if "em" in p.styles] == ["Journal of Things", "3"]  # APA: journal, volume
    assert [p.url for p in body if p.url] == ["https://doi.org/10.1000/x_1"]


@pytest.mark.parametrize(
    ("name", "label"), [("ieee", "[3]"), ("vancouver", "3."), ("nature", "3."), ("apa", "")]
)
def test_a_numeric_label_carries_the_number_it_is_given(name: str, label: str) -> None:
    formatted = load_style(name, HERE).format(ITEM, number=3)
    assert "".join(p.text for p in formatted.label) == label
    assert not formatted.body[0].text.startswith(("[", "3"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (None, "Zheng, Qinqing, and Jinshuo Dong. 2020. “A Title of Things.”"),
        ("de", "Zheng, Qinqing, und Jinshuo Dong. 2020. „A title of things“."),
        ("fr", "Zheng, Qinqing, et Jinshuo Dong. 2020. «\u00a0A title of things\u00a0»."),
        ("zh_CN", "Zheng, Qinqing, 和 Jinshuo Dong. 2020. 《A title of things》."),
        ("en_GB", "Zheng, Qinqing, and Jinshuo Dong. 2020. ‘A Title of Things’."),
    ],
)
def test_the_locale_follows_sphinx_language(language: str | None, expected: str) -> None:
    text = load_style("chicago-author-date", HERE).format(ITEM, language=language).text
    assert text.startswith(expected), text


def test_a_style_that_names_its_locale_keeps_it() -> None:
    nature = load_style("nature", HERE)
    assert nature.default_locale == "en-GB"
    assert nature.locale("de") == "en-GB"
    assert load_style("apa", HERE).locale("de") == "de"


def test_names_paths_and_the_engine_own_harvard(tmp_path: Path) -> None:
    assert load_style("mla", HERE).path == load_style("modern-language-association", HERE).path
    assert load_style("harvard", HERE).title.startswith("Cite Them Right")
    copy = tmp_path / "journal.csl"
    copy.write_bytes(load_style("ieee", HERE).path.read_bytes())
    assert load_style("journal.csl", tmp_path).title.startswith("IEEE")


def test_a_dependent_style_is_read_through_its_parent(tmp_path: Path) -> None:
    """A journal's style is often a dependent: an id, a locale and a link to its parent."""
    (tmp_path / "journal.csl").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-GB">\n'
        "  <info><title>Journal of Things</title><id>x</id>\n"
        '    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/></info>\n'
        "</style>\n",
        encoding="utf-8",
    )
    style = load_style("journal.csl", tmp_path)
    assert (style.title, style.default_locale, style.path) == (
        "Journal of Things",
        "en-GB",
        load_style("apa", HERE).path,
    )


@pytest.mark.parametrize(
    ("spec", "content", "message"),
    [
        ("apa7", None, "unknown citation style 'apa7': use one of apa, ieee"),
        ("missing.csl", None, "citation style file not found"),
        ("broken.csl", "<style><info>", "broken.csl does not parse: "),
        ("html.csl", "<html><body/></html>", "html.csl is not a CSL style (its root is <html>)"),
        ("empty.csl", '<style xmlns="http://purl.org/net/xbiblio/csl"/>', "has no bibliography"),
    ],
)
def test_a_style_that_cannot_be_used_says_why(
    tmp_path: Path, spec: str, content: str | None, message: str
) -> None:
    from sphinx_cv.core.csl import StyleError

    if content is not None:
        (tmp_path / spec).write_text(content, encoding="utf-8")
    with pytest.raises(StyleError, match=re.escape(message)):
        load_style(spec, tmp_path)


def test_an_entry_the_engine_cannot_format_is_a_format_error() -> None:
    from sphinx_cv.core.csl import FormatError

    with pytest.raises(FormatError, match="TypeError"):
        load_style("apa", HERE).format({"id": "x", "type": "book", "issued": {"date-parts": [["soon"]]}})


def test_marks_cannot_be_forged_and_markup_stays_text() -> None:
    hostile = {**ITEM, "title": "<script>x</script> \ue000b\ue002\ue100bold?\ue001"}
    body = load_style("apa", HERE).format(hostile).body
    text = "".join(p.text for p in body)
    assert "<script>x</script> bbold?" in text  # the marks are gone, their letters stay text
    assert all(p.person is None for p in body if "bold" in p.text)
    assert not any("strong" in p.styles for p in body)


# ---- the Sphinx glue ------------------------------------------------------------------------------


def _build(tmp_path: Path, conf: str, index: str) -> tuple[SphinxTestApp, str]:
    from io import StringIO

    shutil.copy(HERE.parent / "refs.bib", tmp_path / "refs.bib")
    (tmp_path / "conf.py").write_text(f'extensions = ["sphinx_cv"]\nbibtex_bibfiles = ["refs.bib"]\n{conf}\n')
    (tmp_path / "index.rst").write_text(index, encoding="utf-8")
    warning = StringIO()
    app = SphinxTestApp("html", srcdir=tmp_path, status=None, warning=warning)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, re.sub(r"\x1b\[[0-9;]*m", "", warning.getvalue())


def test_an_unknown_configured_style_is_one_located_config_warning(tmp_path: Path) -> None:
    _, warnings = _build(tmp_path, 'cv_citation_style = "apa7"', "Papers\n======\n\n.. cv-publications::\n")
    lines = [w for w in warnings.splitlines() if "cv_citation_style" in w]
    assert len(lines) == 1, warnings
    assert "conf.py" in lines[0] and "[cv.config]" in lines[0] and "unknown citation style 'apa7'" in lines[0]


def test_a_shipped_configured_style_builds_without_a_warning(tmp_path: Path) -> None:
    _, warnings = _build(tmp_path, 'cv_citation_style = "apa"', "Papers\n======\n\n.. cv-publications::\n")
    assert warnings == ""


def test_the_title_is_one_run_for_the_page_link() -> None:
    question = {**ITEM, "title": "Is it a title?"}
    for name, title in [("apa", "Is it a title?"), ("chicago-author-date", "Is It a Title?")]:
        formatted = load_style(name, HERE).format(question)
        assert [p.text for p in formatted.body if p.title] == [title]
        assert "?." not in formatted.text and "?”." not in formatted.text


def test_formatted_runs_become_nodes_every_writer_knows() -> None:
    from docutils import nodes

    from sphinx_cv.core.record import Author
    from sphinx_cv.nodes import cv_cite_title
    from sphinx_cv.publications.cited import cited_nodes

    formatted = load_style("apa", HERE).format(ITEM)
    people = {
        ("author", 0): Author("Qinqing Zheng", is_owner=True, marks=("*",)),
        ("author", 1): Author("Jinshuo Dong", url="https://dong.example/"),
    }
    para = nodes.paragraph("", "", *cited_nodes(formatted.body, people.get))
    assert para.astext().startswith("Zheng, Q.*, & Dong, J. (2020). A title of things.")
    owner = next(n for n in para.findall(nodes.strong))
    assert (owner.astext(), owner["classes"]) == ("Zheng, Q.", ["cv-author-self"])
    refs = {n.astext(): n["refuri"] for n in para.findall(nodes.reference)}
    assert refs == {
        "Dong, J.": "https://dong.example/",
        "https://doi.org/10.1000/x_1": "https://doi.org/10.1000/x_1",
    }
    assert [n.astext() for n in para.findall(cv_cite_title)] == ["A title of things"]
    assert [n.astext() for n in para.findall(nodes.emphasis)] == ["Journal of Things", "3"]
    assert [n.astext() for n in para.findall(nodes.superscript)] == ["*"]


def test_a_hostile_url_in_formatted_text_is_no_link() -> None:
    from docutils import nodes

    from sphinx_cv.publications.cited import cited_nodes

    hostile = {**ITEM, "URL": "https://[x/a"}
    del hostile["DOI"]
    parts = cited_nodes(load_style("apa", HERE).format(hostile).body, lambda _: None)
    para = nodes.paragraph("", "", *parts)
    assert "https://[x/a" in para.astext()
    assert not list(para.findall(nodes.reference))
