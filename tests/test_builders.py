"""Every builder: the test projects build without a warning and read well in each format.

LaTeX is checked as source (TeX is not installed where the tests run);
``nox -s pdf`` compiles the demo.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, warnings_of
from sphinx.testing.util import SphinxTestApp

STATIC = Path(__file__).parent.parent / "ext" / "sphinx_cv" / "static"
STY = Path(__file__).parent.parent / "ext" / "sphinx_cv" / "texinputs" / "sphinxcv.sty"
BUILDERS = ("html", "dirhtml", "singlehtml", "epub", "latex", "text", "man")
PUB_PROJECTS = ("test-pubs", "test-pubs-myst")
PROJECTS = ("test-rst", "test-myst", *PUB_PROJECTS)
# EPUB3 wants both; the test projects, written for HTML, set neither
EPUB_CONF = {"version": "1.0", "copyright": "2020, Jane Doe"}


def _build(project: str, builder: str, tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp(f"{project}-{builder}") / "src"
    shutil.copytree(ROOTS / project, srcdir)
    app = SphinxTestApp(builder, srcdir=srcdir, confoverrides=EPUB_CONF)
    app.build()
    return app


@pytest.fixture(scope="module", params=[(p, b) for p in PROJECTS for b in BUILDERS], ids="-".join)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SphinxTestApp]:
    """One test project built with one builder (once per module; one app alive at a time)."""
    app = _build(*request.param, tmp_path_factory)
    yield app
    app.cleanup()


def _one(outdir: Path, pattern: str) -> str:
    (path,) = outdir.glob(pattern)
    return path.read_text(encoding="utf-8")


def test_no_warnings(built: SphinxTestApp) -> None:
    assert warnings_of(built) == ""


def test_output_reads_well(built: SphinxTestApp) -> None:
    """The builder's own format carries the CV: a check per builder below."""
    project = Path(built.srcdir).parent.name.rsplit("-", 1)[0]
    if project in PUB_PROJECTS:
        PUB_CHECKS[built.builder.name](Path(built.outdir), project)
    else:
        CHECKS[built.builder.name](Path(built.outdir))


def _check_html(page: str) -> None:
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select_one(".cv-profile .cv-name").get_text() == "Jane Doe"
    titles = [t.get_text() for t in soup.select(".cv-timeline .cv-entry .cv-title")]
    # epub spells out external link targets: "Postdoc Researcher [https://www.upenn.edu]"
    assert titles[0].startswith("Postdoc Researcher") and titles[1] == "Research Scientist"
    assert soup.select_one('.cv-entry .cv-dates time[datetime="2019-09"]').get_text() == "Sep 2019"


def check_html(outdir: Path) -> None:
    _check_html(_one(outdir, "index.html"))


def check_epub(outdir: Path) -> None:
    _check_html(_one(outdir, "index.xhtml"))
    assert (outdir / "_static" / "sphinx-cv.css").is_file()


def check_text(outdir: Path) -> None:
    text = _one(outdir, "index.txt")
    # a profile header and one contact per line, no bullets or markup
    assert "\nJane Doe\nPostdoc Researcher, University of Pennsylvania\n\nEmail: jane@example.org\n" in text
    assert "\nGoogle Scholar: https://scholar.google.com/citations?user=ABCDEF\n" in text
    assert "\nLocation: Philadelphia, PA\n" in text
    # entries: "dates  title, subtitle, location", wrapped lines and body indented under it
    assert (
        "\nSep 2019 – Present  Postdoc Researcher, University of\n"
        "    Pennsylvania, Department of Statistics, Philadelphia, PA\n"
    ) in text
    assert "\nOct 2017 – Sep 2019  Research Scientist, Facebook, Menlo Park, CA\n" in text
    assert "\n    Built the *distributed training* platform.\n" in text
    assert "\n    * Scalable distributed optimization algorithms.\n" in text
    # a nested timeline is indented once more
    nested = "\n2018  Intern Manager\n\n    Aug 2018 – Nov 2018  T. Yu, Software Engineer Intern, Facebook\n"
    assert nested in text
    assert "**" not in text.split("Employment", 1)[1].split("Built", 1)[0]


def check_man(outdir: Path) -> None:
    page = _one(outdir, "*.1")
    assert page.startswith('.\\" Man page generated')
    assert "Jane Doe" in page
    assert "Postdoc Researcher" in page and "Sep 2019" in page
    assert "application/ld+json" not in page and "schema.org" not in page


def check_latex(outdir: Path) -> None:
    tex = _one(outdir, "*.tex")
    assert "\\usepackage[cvstyle]{sphinxcv}" in tex  # cv_latex_style is on by default
    assert (outdir / "sphinxcv.sty").read_text(encoding="utf-8") == STY.read_text(encoding="utf-8")
    # profile: a header with the name, tagline and contact links; no JSON-LD
    assert "\\sphinxcvperson{Jane Doe}\\sphinxcvname{Jane Doe}" in tex  # the footer's name, the header
    assert "\\sphinxcvtagline{Postdoc Researcher, \\sphinxstyleemphasis{University of Pennsylvania}}" in tex
    assert "\\sphinxcvcontact{Email}{\\sphinxhref{mailto:jane@example.org}{jane@example.org}}" in tex
    # on paper a web link shows its address; Google Scholar's own text becomes its label
    scholar = "https://scholar.google.com/citations?user=ABCDEF"
    assert f"\\sphinxcvcontact{{Google Scholar}}{{\\sphinxhref{{{scholar}}}{{{scholar[8:]}}}}}" in tex
    assert "\\sphinxcvcontact{GitHub}{\\sphinxhref{https://github.com/janedoe}{github.com/janedoe}}" in tex
    assert "schema.org" not in tex
    # timelines: dates as item labels, title/subtitle/location macros, bullets inside
    assert tex.count("\\begin{sphinxcventries}") == tex.count("\\end{sphinxcventries}") == 5
    # each entry kept on one page (sphinxcvkeep); a caption is a small heading, not \subsubsection*
    assert "\\sphinxcventry{Sep 2019\\sphinxcvto{}Present}\\begin{sphinxcvkeep}" in tex
    keeps = tex.count("\\begin{sphinxcvkeep}")
    assert keeps == tex.count("\\end{sphinxcvkeep}") == tex.count("\\sphinxcventry")
    assert "\\sphinxcvcaption{Employment}" in tex
    assert (
        "\\sphinxcvheading{\\sphinxcvtitle{\\sphinxhref{https://www.upenn.edu}{Postdoc Researcher}}, "
        "\\sphinxcvsubtitle{University of Pennsylvania, Department of Statistics}, "
        "\\sphinxcvlocation{Philadelphia, PA}}"
    ) in tex
    fall = "\\sphinxcventry{Fall 2007}\\begin{sphinxcvkeep}\n"
    assert fall + "\\sphinxcvheading{\\sphinxcvtitle{Visiting Student}}" in tex
    assert "\\item {} \n\\sphinxAtStartPar\nScalable distributed optimization algorithms." in tex
    assert "\\sphinxcvcontact{Location}{\\DUrole{cv-location}{Philadelphia, PA}}" in tex
    # :ref: to a named timeline lands on its label
    (target,) = re.findall(r"See \{\\hyperref\[(.*?)\]", tex)
    assert f"\\label{{{target}}}" in tex


CHECKS = {
    "html": check_html,
    "dirhtml": check_html,
    "singlehtml": check_html,
    "epub": check_epub,
    "latex": check_latex,
    "text": check_text,
    "man": check_man,
}


def check_pubs_html(outdir: Path, project: str) -> None:
    page = _one(outdir, "index.xhtml" if (outdir / "index.xhtml").exists() else "index.html")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.select("ol.cv-publist > li.cv-pub")
    assert soup.select(".cv-pub .cv-author-self")


def check_pubs_latex(outdir: Path, project: str) -> None:
    tex = _one(outdir, "*.tex")
    assert "@inproceedings" not in tex  # no BibTeX source in a printed CV
    if project.endswith("myst"):
        # :highlight: names the authors to set in bold
        authors = "\\sphinxcvpubauthors{Qinqing Zheng, \\sphinxstylestrong{Jinshuo Dong}"
        assert authors in tex
        return
    full = tex.split("\\sphinxcvcaption{All publications}")[1].split("\\end{sphinxcvpublications}")[0]
    # numbered 1..5 across the year groups; each year goes in the column of its group's first entry
    assert re.findall(r"\\sphinxcvpubitem\{(\d+)\.\}", full) == ["1", "2", "3", "4", "5"]
    assert re.findall(r"\\sphinxcvpubgroup\{(.*?)\}", full) == ["2020", "2017", "2016", "2015"]
    assert full.count("\\begin{sphinxcvpublist}") == 4
    assert (
        "\\sphinxcvpubgroup{2020}\n\\begin{sphinxcvpublist}\n"
        "\\sphinxcvpubitem{1.}\\begin{sphinxcvkeep}\\label{\\detokenize{index:zheng2020sharp}}\n"
        "\\begin{sphinxcvpub}\n"
        "\\sphinxcvpubtitle{Sharp Composition Bounds for Gaussian Differential Privacy via "
        "\\sphinxstyleemphasis{Edgeworth} Expansion}\n"
        "\\sphinxcvpubauthors{\\sphinxstylestrong{Qinqing Zheng}, Jinshuo Dong, "
    ) in full
    venue = "\\sphinxcvpubvenue{\\sphinxstyleemphasis{International Conference on Machine Learning (ICML)}"
    assert venue in full
    assert "\\sphinxcvpubdetails{\n\\sphinxAtStartPar\nWe bound the composition" in full
    # :numbered: reverse counts down, one list again (not one per entry)
    selected = tex.split("\\sphinxcvcaption{Selected publications}")[1]
    selected = selected.split("\\end{sphinxcvpublications}")[0]
    assert re.findall(r"\\sphinxcvpubitem\{(\d+)\.\}", selected) == ["2", "1"]
    assert selected.count("\\begin{sphinxcvpublist}") == 1


def check_pubs_text(outdir: Path, project: str) -> None:
    text = _one(outdir, "index.txt")
    if project.endswith("myst"):
        assert "\n   Qinqing Zheng, **Jinshuo Dong**, Qi Long, Weijie J Su\n" in text
        return
    assert (
        "\n1. Sharp Composition Bounds for Gaussian Differential Privacy via\n"
        "   Edgeworth Expansion\n"
        "   **Qinqing Zheng**, Jinshuo Dong, Qi Long, Weijie J Su\n"
        "   International Conference on Machine Learning (ICML), 2020\n"
        "   PDF: papers/sharp.pdf\n"
        "   DOI: https://doi.org/10.0000/example.sharp\n"
    ) in text
    assert re.findall(r"^(\d+)\. ", text, flags=re.M) == ["1", "2", "3", "4", "5", "2", "1"]


def check_pubs_man(outdir: Path, project: str) -> None:
    page = _one(outdir, "*.1")
    assert "Sharp Composition Bounds" in page and "Qinqing Zheng" in page
    if not project.endswith("myst"):
        assert re.findall(r"^\.IP (\d+)\.", page, flags=re.M)[-2:] == ["2", "1"]


PUB_CHECKS = {
    "html": check_pubs_html,
    "dirhtml": check_pubs_html,
    "singlehtml": check_pubs_html,
    "epub": check_pubs_html,
    "latex": check_pubs_latex,
    "text": check_pubs_text,
    "man": check_pubs_man,
}


def test_every_latex_macro_is_defined(tmp_path: Path) -> None:
    """What the writer emits, sphinxcv.sty defines (a typo would only show when compiling)."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-rst", srcdir)
    app = SphinxTestApp("latex", srcdir=srcdir)
    try:
        app.build()
        used = set(re.findall(r"\\(sphinxcv\w+)|\{(sphinxcv\w+)\}", _one(Path(app.outdir), "*.tex")))
    finally:
        app.cleanup()
    sty = STY.read_text(encoding="utf-8")
    defined = set(re.findall(r"\\(?:newcommand\{\\|newenvironment\{|newlength\{\\)(sphinxcv\w+)", sty))
    names = {a or b for a, b in used}
    assert names and names <= defined


def test_stylesheet_and_scripts_stay_small() -> None:
    """The extension's CSS and JS, print styles, icon layout and the publication filter included,
    stay under 12 KB uncompressed."""
    size = sum(p.stat().st_size for p in STATIC.rglob("*") if p.suffix in {".css", ".js"})
    assert size < 12 * 1024


def test_print_stylesheet() -> None:
    """Printing drops the theme's chrome Furo leaves (it hides its header, sidebar and related-page
    links itself at print widths), lets timelines break between entries only, and spells out
    external profile and entry links (not internal ones)."""
    css = (STATIC / "sphinx-cv.css").read_text(encoding="utf-8")
    (print_css,) = re.findall(r"@media print ?\{(.*)\}\s*$", css, flags=re.S)
    chrome = (".toc-drawer", ".bottom-of-page", ".back-to-top", ".skip-to-content")
    assert all(selector in print_css for selector in chrome)
    assert ".cv-entries,.cv-publist{break-inside:auto}" in print_css
    assert ".cv-contact a[href^=http]::after,.cv-title a[href^=http]::after" in print_css


def test_latex_profile_photo_and_name(tmp_path: Path) -> None:
    """A portrait-sized photo, and the name even with cv-hide-name (a PDF has no page title to defer to)."""
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "me.png").write_bytes(PNG)
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_cv"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "Jane\n====\n\n.. cv-profile:: Jane Doe\n   :class: cv-hide-name\n   :photo: _static/me.png\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("latex", srcdir=tmp_path)
    try:
        app.build()
        assert warnings_of(app) == ""
        tex = _one(Path(app.outdir), "*.tex")
    finally:
        app.cleanup()
    assert "\\sphinxcvphoto{\n\\noindent\\sphinxincludegraphics[height=7em]{{me}.png}\n}" in tex
    assert "\\sphinxcvname{Jane Doe}" in tex


@pytest.mark.parametrize("style", [True, False])
def test_latex_cv_style_and_opt_out(tmp_path: Path, style: bool) -> None:
    """The CV style (and its label lists) by default; ``cv_latex_style = False`` keeps a manual's own look
    and its lists, while the directives keep their layout."""
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_cv"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(
        "Jane\n====\n\n.. cv-profile:: Jane Doe\n\n"
        "Skills\n------\n\n- **Language:** C, Python\n- **Framework:** PyTorch\n\n"
        "Steps\n-----\n\n- **Bold** but no label\n- plain\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("latex", srcdir=tmp_path, confoverrides={"cv_latex_style": style})
    try:
        app.build()
        assert warnings_of(app) == ""
        tex = _one(Path(app.outdir), "*.tex")
    finally:
        app.cleanup()
    assert ("\\usepackage[cvstyle]{sphinxcv}" in tex) is style
    assert ("\\usepackage{sphinxcv}" in tex) is not style
    assert "\\sphinxcvperson{Jane Doe}\\sphinxcvname{Jane Doe}" in tex
    labels = "\\begin{sphinxcvlabels}\n\\item[{Language:}]\\begin{sphinxcvkeep}\n"
    labels += "\n\\sphinxAtStartPar\nC, Python\n"
    assert (labels in tex) is style
    assert tex.count("\\begin{itemize}") == (1 if style else 2)  # a list without labels stays a list


#: the smallest valid PNG (1x1, grey)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a49444154789c63600000000200015d0bb9e80000000049454e44ae426082"
)
