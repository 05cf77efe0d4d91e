"""The demo's PDF CV, compiled as ``nox -s pdf`` and Read the Docs do (LaTeX builder, latexmk, xelatex).

Read page by page with poppler (``pdfinfo``, ``pdftotext -layout``): two pages on
letter and on A4 paper, no entry split across pages, a footer with the person's name.
Needs TeX (README, section "PDF"): skipped without it, except under CI, where
``.ci/run`` installs it and a missing TeX is a failure.
"""

from __future__ import annotations

import os
import pickle
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import sphinx
import yaml
from docutils import nodes

from sphinx_cv.nodes import cv_details, cv_entry, cv_labelled, cv_name, cv_pub, cv_pub_title, cv_title
from sphinx_cv.publications.deferred import render_entries

DOCS = Path(__file__).parent.parent / "docs"
TOOLS = ("xelatex", "latexmk", "pdfinfo", "pdftotext", "pdffonts")
PAGES = 2


def _need_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not found: install TeX and poppler (README, section 'PDF')"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (.ci/run installs them)")
    pytest.skip(message)


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _text(text: str) -> str:
    """The words only: ligatures as letters, words hyphenated at a line end joined, no punctuation."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    return " ".join(re.findall(r"\w+", text))


def _pdfinfo(pdf: Path) -> dict[str, str]:
    """What ``pdfinfo`` says of a PDF: ``Title``, ``Pages``, ``Page size``..."""
    lines = _run(["pdfinfo", str(pdf)]).splitlines()
    return {key.strip(): value.strip() for key, _colon, value in (line.partition(":") for line in lines)}


def _pdf_pages(pdf: Path) -> int:
    return int(_pdfinfo(pdf)["Pages"])


def _fonts(pdf: Path) -> set[str]:
    table = _run(["pdffonts", str(pdf)]).splitlines()[2:]
    return {line.split()[0].split("+")[-1].removesuffix("-Identity-H") for line in table}


def _page_as_written(doctrees: Path, docname: str) -> nodes.document:
    """A page's doctree as the build kept it, its publication lists' entries rendered as the
    builder renders them when the page is written (the pickle holds their plan)."""
    doctree: nodes.document = pickle.loads((doctrees / f"{docname}.doctree").read_bytes())
    config = pickle.loads((doctrees / "environment.pickle").read_bytes()).config
    render_entries(doctree, config)
    return doctree


class DemoPdf:
    """The built PDF's pages as text, and the demo's CV page as a doctree."""

    def __init__(self, out: Path) -> None:
        (self.pdf,) = (out / "latex").glob("*.pdf")
        self.tex = self.pdf.with_suffix(".tex").read_text(encoding="utf-8")
        self.pages = _pdf_pages(self.pdf)
        self.raw = [
            _run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(self.pdf), "-"])
            for n in range(1, self.pages + 1)
        ]
        self.text = [_text(page) for page in self.raw]
        self.doctree = _page_as_written(out / "doctrees", "cv")

    def pages_of(self, phrase: str) -> list[int]:
        """The pages (1-based) on which ``phrase`` is printed."""
        wanted = _text(phrase)
        return [n for n, text in enumerate(self.text, 1) if wanted in text]


@pytest.fixture(scope="module", params=["letterpaper", "a4paper"])
def demo_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> DemoPdf:
    """docs/ built by the LaTeX builder (network cut off), then compiled by latexmk as make all-pdf does."""
    _need_tools()
    out = tmp_path_factory.mktemp(f"pdf-{request.param}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
    cmd = [sys.executable, str(Path(__file__).parent / "build_offline.py"), "-q", "-W", "--keep-going"]
    cmd += ["-b", "latex", "-D", f"latex_elements.papersize={request.param}"]
    cmd += ["-d", str(out / "doctrees"), str(DOCS), str(out / "latex")]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"LaTeX build failed:\n{done.stdout}\n{done.stderr}"
    (tex,) = (out / "latex").glob("*.tex")
    latexmk = ["latexmk", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode", "-halt-on-error"]
    _run([*latexmk, tex.name], out / "latex")
    return DemoPdf(out)


def _words(node: nodes.Element) -> list[str]:
    """The words a reader sees in an entry (BibTeX source is not printed)."""
    shown = node.deepcopy()
    for details in list(shown.findall(cv_details)):
        if details.get("kind") == "bibtex":
            details.parent.remove(details)
    return " ".join(text.astext() for text in shown.findall(nodes.Text)).split()


def test_two_pages(demo_pdf: DemoPdf, request: pytest.FixtureRequest) -> None:
    """The seed CV fits on two pages at 11 pt, letter and A4."""
    if sphinx.version_info < (8,) and "letter" in request.node.name:
        # Sphinx 7.4's list and paragraph spacing is a little looser: the last employment
        # entry moves, whole, to a second page and the CV ends on a third (seen, not fixed)
        request.applymarker(pytest.mark.xfail(reason="3 pages on letter with Sphinx 7.4", strict=True))
    assert demo_pdf.pages == PAGES
    assert re.search(r"\\documentclass\[(letter|a4)paper,11pt,", demo_pdf.tex)


def test_one_type_family(demo_pdf: DemoPdf) -> None:
    """Headings, body, dates and footer in one family (Sphinx's default sets headings in FreeSans)."""
    assert _fonts(demo_pdf.pdf) == {"FreeSerif", "FreeSerifBold", "FreeSerifItalic"}


def test_no_entry_split_across_pages(demo_pdf: DemoPdf) -> None:
    """Every entry's title and its last line are on the same page: timelines, publications, skills."""
    parts: list[tuple[str, str]] = []
    for entry in demo_pdf.doctree.findall(cv_entry):
        parts.append((next(entry.findall(cv_title)).astext(), " ".join(_words(entry)[-3:])))
    for pub in demo_pdf.doctree.findall(cv_pub):
        parts.append((next(pub.findall(cv_pub_title)).astext(), " ".join(_words(pub)[-3:])))
    skills = [item for item in demo_pdf.doctree.findall(nodes.list_item) if "Language:" in item.astext()]
    parts += [(" ".join(_words(item)[:2]), " ".join(_words(item)[-2:])) for item in skills]
    assert len(parts) >= 4 + 4 + 1 + 7 + 1  # education, employment, mentorship, publications, skills
    for first, last in parts:
        first_pages, last_pages = demo_pdf.pages_of(first), demo_pdf.pages_of(last)
        assert first_pages and last_pages, f"{first!r} or {last!r} not found in the PDF"
        # (a thesis title is also a publication's: some page has both ends)
        assert set(first_pages) & set(last_pages), f"{first!r}: page {first_pages}, its end: {last_pages}"


def test_footer_names_the_person(demo_pdf: DemoPdf) -> None:
    """Each page ends with the profile's name, "Curriculum Vitae" and "page N of M"."""
    name = next(demo_pdf.doctree.findall(cv_name)).astext()
    for number, raw in enumerate(demo_pdf.raw, 1):
        footer = _text([line for line in raw.splitlines() if line.strip()][-1])
        assert footer == _text(f"{name} Curriculum Vitae page {number} of {demo_pdf.pages}")


def test_skills_share_the_grid(demo_pdf: DemoPdf) -> None:
    """A "**Label:** text" list is a label list in the CV style: no bullets, the label in the date column."""
    assert not list(demo_pdf.doctree.findall(cv_labelled))  # made at write time, for LaTeX only
    (line,) = [line for page in demo_pdf.raw for line in page.splitlines() if "Language:" in line]
    (entry,) = [line for page in demo_pdf.raw for line in page.splitlines() if "Ph.D. in Computer" in line]
    assert "•" not in line
    # the text starts where entry titles start (pdftotext's columns are accurate to a character or two)
    assert abs(line.index("C, C++") - entry.index("Ph.D.")) <= 2


def test_contacts_readable_on_paper(demo_pdf: DemoPdf) -> None:
    """Web links show their address: the profile's GitHub and Google Scholar are readable when printed."""
    header = " ".join(unicodedata.normalize("NFKC", demo_pdf.raw[0]).split()).lower()  # labels in small caps
    assert "github github.com/enosair" in header
    assert "google scholar scholar.google.com/citations?user=jwnl3v0aaaaj" in header


# ---- Read the Docs and the CV's variants ----------------------------------------------------------

RTD_SLUG = "sphinx-cv"  # Read the Docs names the PDF after the project's slug
REPO = DOCS.parent


def _post_build_commands() -> list[str]:
    """``build.jobs.post_build`` of the repository's ``.readthedocs.yaml``."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    return [str(command) for command in config["build"]["jobs"]["post_build"]]


def _local(command: str, offline: list[str]) -> str:
    """A post_build command run here: Sphinx cut off from the network, Python of this test run."""
    for prefix, local in (("python -m sphinx ", offline), ("python ", [sys.executable])):
        if command.startswith(prefix):
            return f"{shlex.join(local)} {command.removeprefix(prefix)}"
    return command


class ReadTheDocs:
    """The demo built as Read the Docs builds it: its PDF commands, then the project's post_build."""

    def __init__(self, root: Path) -> None:
        self.checkout, self.output = root / "checkout", root / "_readthedocs"
        shutil.copytree(DOCS, self.checkout / "docs", ignore=shutil.ignore_patterns("_build"))
        for name in ("refs.bib", ".readthedocs.yaml"):
            shutil.copyfile(REPO / name, self.checkout / name)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("READTHEDOCS")}
        self.env |= {"READTHEDOCS": "True", "READTHEDOCS_OUTPUT": str(self.output)}
        self.env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{self.env['PATH']}"
        offline = [sys.executable, str(Path(__file__).parent / "build_offline.py")]
        # readthedocs.org, doc_builder/backends/sphinx.py, PdfBuilder: the LaTeX builder in the
        # folder of conf.py, then latexmk with the project's slug as the job name
        pdf = self.output / "pdf"
        latex = [*offline, "-T", "-b", "latex", "-d", "_build/doctrees", "-D", "language=en", ".", str(pdf)]
        self.latex_log = self.run(latex, self.checkout / "docs")
        self.tex_files = sorted(p.name for p in pdf.glob("*.tex"))
        latexmk = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", f"-jobname={RTD_SLUG}"]
        self.run([*latexmk, "-interaction=nonstopmode"], pdf)
        self.pdfs = sorted(p.name for p in pdf.glob("*.pdf"))
        # the HTML build's folder, which post_build copies the variants into
        (self.output / "html").mkdir(parents=True)
        # each command's exit status and output, for the tests to judge
        self.post_build = [
            self.run(_local(command, offline), self.checkout, check=False)
            for command in _post_build_commands()
        ]

    def run(self, cmd: list[str] | str, cwd: Path, *, check: bool = True) -> str:
        """The command's output; with ``check``, it must succeed. Without, "exit N" starts the output."""
        done = subprocess.run(
            cmd,
            cwd=cwd,
            env=self.env,
            shell=isinstance(cmd, str),
            capture_output=True,
            text=True,
            check=False,
        )
        if check:
            assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            return done.stdout + done.stderr
        return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


@pytest.fixture(scope="module")
def rtd(tmp_path_factory: pytest.TempPathFactory) -> ReadTheDocs:
    _need_tools()
    return ReadTheDocs(tmp_path_factory.mktemp("rtd"))


def test_read_the_docs_makes_one_pdf(rtd: ReadTheDocs) -> None:
    """With variants in conf.py, Read the Docs' own commands still make exactly one PDF: the full CV.

    (Several .tex files would stop its latexmk: "at most one filename if jobname specified".)
    """
    assert rtd.tex_files == ["qinqing-zheng-cv.tex"]
    assert rtd.pdfs == [f"{RTD_SLUG}.pdf"]
    info = _pdfinfo(rtd.output / "pdf" / f"{RTD_SLUG}.pdf")
    # letter paper: 3 pages with Sphinx 7.4's looser spacing (see test_two_pages)
    assert info["Pages"] == str(PAGES if sphinx.version_info >= (8,) else PAGES + 1)
    assert info["Title"] == "Qinqing Zheng: curriculum vitae"


def test_readme_shows_the_tested_read_the_docs_config() -> None:
    """The README's ``.readthedocs.yaml`` for variants is the repository's, which the tests here run."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (shown,) = re.findall(r"```yaml\n# \.readthedocs\.yaml\n(.*?)```", readme, flags=re.S)
    config = yaml.safe_load(shown)
    assert config["formats"] == ["pdf"]
    assert config["build"]["jobs"]["post_build"] == _post_build_commands()


def test_post_build_puts_the_variants_in_the_site(rtd: ReadTheDocs) -> None:
    """post_build reuses the PDF build's doctrees (no second read), compiles the variants, checks
    their budgets and copies them beside the pages, where the profile links them."""
    for command, output in zip(_post_build_commands(), rtd.post_build, strict=True):
        assert output.startswith("exit 0\n"), f"{command}:\n{output[-3000:]}"
    build, _make, pages, _copy = (output.removeprefix("exit 0\n") for output in rtd.post_build)
    assert "loading pickled environment" in build and "0 added, 0 changed, 0 removed" in build
    assert sorted(p.name for p in (rtd.output / "html").glob("*.pdf")) == ["qinqing-zheng-cv-short.pdf"]
    assert pages.strip() == "short: qinqing-zheng-cv-short.pdf: 1 page (budget 1)"


def test_short_variant(rtd: ReadTheDocs) -> None:
    """The demo's short CV: one page, the five years before July 2020, its CV style; nothing added."""
    pdf, main = rtd.output / "html" / "qinqing-zheng-cv-short.pdf", rtd.output / "pdf" / f"{RTD_SLUG}.pdf"
    info = _pdfinfo(pdf)
    assert info["Pages"] == "1" and info["Title"] == "Qinqing Zheng: short CV"  # the variant's title
    # the main CV's style: its paper, its one type family
    assert info["Page size"] == _pdfinfo(main)["Page size"] and _fonts(pdf) == _fonts(main)
    text = _text(_run(["pdftotext", "-layout", str(pdf), "-"]))
    full = _text(_run(["pdftotext", "-layout", str(main), "-"]))
    for kept in (
        "Ph.D. in Computer Science",
        "Postdoc Researcher",
        "Research Scientist",
        "Software Engineering Intern",
    ):
        assert _text(kept) in text and _text(kept) in full
    for left_out in (
        "M.S. in Computer Science",
        "B.Eng. in Digital Media",
        "Visiting Student",
        "Data Analysis Intern",
    ):
        assert _text(left_out) not in text and _text(left_out) in full
    # the three selected publications (keywords = {selected}), not the four others
    for kept in (
        "Sharp Composition Bounds",
        "A Convergent Gradient Descent",
        "Interpolating Convex and Non-Convex",
    ):
        assert _text(kept) in text
    for left_out in (
        "Near-Optimal Confidence",
        "ShadowSync",
        "Convergence Analysis for Rectangular",
        "Ph.D. thesis, The",
    ):
        assert _text(left_out) not in text and _text(left_out) in full
    for dropped in ("OVERVIEW", "MENTORSHIP", "SKILLS", "Last updated"):  # headings in small caps
        assert _text(dropped) not in text and _text(dropped) in full
    assert set(text.split()) <= set(full.split()) | {"of", "1"}  # nothing that the full CV does not say
    assert "Qinqing Zheng Curriculum Vitae page 1 of 1" in text


def test_budget_overflow_fails_naming_the_variant(tmp_path: Path) -> None:
    """``python -m sphinx_cv pages`` after LaTeX: each variant's count, and a failure for one over budget."""
    _need_tools()
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["sphinx_cv"]\nproject = "Long"\n'
        'latex_documents = [("index", "long.tex", "Long", "A. Person", "howto")]\n'
        'cv_variants = {"fits": {"since": "2021", "pages": 1}, "long": {"pages": 1}}\n',
        encoding="utf-8",
    )
    entries = "".join(
        f"   .. cv-entry:: Position {n}\n      :start: {2000 + n}\n\n      - {'A line of work. ' * 12}\n\n"
        for n in range(25)
    )
    (src / "index.rst").write_text(
        f"Long\n====\n\nMany\n----\n\n.. cv-timeline::\n\n{entries}", encoding="utf-8"
    )
    out = tmp_path / "out"
    _run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "cvvariants", str(src), str(out)])
    _run(["make", "-C", str(out), "all-pdf"])
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_cv", "pages", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    over = _pdf_pages(out / "long-long.pdf") - 1
    assert over >= 1 and _pdf_pages(out / "long-fits.pdf") == 1
    assert done.stderr.strip() == (
        f"error: long: long-long.pdf has {over + 1} pages, {over} over its budget of 1 "
        "(cv_variants['long']['pages'])"
    )
    assert "fits: long-fits.pdf: 1 page (budget 1)" in done.stdout
    fits = _text(_run(["pdftotext", str(out / "long-fits.pdf"), "-"]))
    assert "Position 24" in fits and "Position 21" in fits and "Position 20" not in fits
