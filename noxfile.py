"""Developer tasks. ``python3 -m nox -s build`` builds the site, ``-s tests`` runs the tests."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]

DOCS = "docs"
HTML = "docs/_build/html"
DOCTREES = "docs/_build/doctrees"  # outside the HTML, so the pickles are never published
LATEX = "docs/_build/latex"


@nox.session
def build(session: nox.Session) -> None:
    """Build the demo site with warnings as errors into docs/_build/html."""
    session.install(".[docs]")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "-d", DOCTREES, DOCS, HTML, *session.posargs
    )


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the demo's PDF CV into docs/_build/latex with the LaTeX builder, xelatex and latexmk.

    TeX itself is not a Python package: install it first (README, section "PDF").
    """
    session.install(".[docs]")
    # Doctrees of its own: an environment pickled by another session's venv differs in
    # html_static_path, and Sphinx then loses track of the toctree.
    latex = ["-b", "latex", "-d", f"{DOCTREES}-pdf", DOCS, LATEX]
    session.run("sphinx-build", "-W", "--keep-going", *latex, *session.posargs)
    session.run("make", "-C", LATEX, "all-pdf", external=True)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite: real Sphinx builds, and the demo site in Chromium (tests/test_browser.py)."""
    session.install(".[test]")
    session.run("pytest", *session.posargs)


@nox.session(name="tests-oldest")
def tests_oldest(session: nox.Session) -> None:
    """The tests against the oldest versions pyproject.toml allows (tests/constraints-oldest.txt).

    The browser tests are left out: they check the stylesheet and the page in Chromium,
    which ``nox -s tests`` already does on the newest Sphinx and Furo.
    """
    session.install("-c", "tests/constraints-oldest.txt", ".[test]")
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    session.run("pytest", "-m", "not browser", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", ".")


@nox.session
def serve(session: nox.Session) -> None:
    """Rebuild and reload the site in a browser on every save."""
    session.install(".[docs]", "sphinx-autobuild")
    session.run("sphinx-autobuild", DOCS, HTML, "--watch", "ext", "--watch", "refs.bib", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmark against baselines in the same run; prints a table, writes bench-results/bench.json."""
    session.install(".")
    session.run("python", "bench/run.py", *session.posargs)
