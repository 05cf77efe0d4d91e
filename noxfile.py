"""Developer tasks. ``python3 -m nox -s build`` builds the site, ``-s tests`` runs the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

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
    """Build the demo's PDF CV and its variants into docs/_build/latex (LaTeX builders, xelatex, latexmk).

    TeX itself is not a Python package: install it first (README, section "PDF").
    """
    missing = [tool for tool in ("latexmk", "xelatex") if shutil.which(tool) is None]
    if missing:
        session.error(f"{' and '.join(missing)} not found: install TeX first (README, section 'PDF')")
    session.install(".[docs]")
    # Doctrees of its own: an environment pickled by another session's venv differs in
    # html_static_path, and Sphinx then loses track of the toctree.
    build = ["sphinx-build", "-W", "--keep-going", "-d", f"{DOCTREES}-pdf"]
    session.run(*build, "-b", "latex", DOCS, LATEX, *session.posargs)
    # the variants of docs/conf.py's cv_variants, from the same read of the sources (its doctrees)
    session.run(*build, "-b", "cvvariants", DOCS, LATEX, *session.posargs)
    session.run("make", "-C", LATEX, "all-pdf", external=True)
    # each variant's page count; fails naming a variant over its page budget
    session.run("python", "-m", "sphinx_cv", "pages", LATEX)
    session.log(f"{LATEX}/qinqing-zheng-cv.pdf and its variants")


def _npm_ci(session: nox.Session, folder: str) -> None:
    """The npm packages a folder's committed package-lock.json pins (nothing else is installed by hand)."""
    if shutil.which("npm") is None:
        session.warn(f"npm not found: {folder}'s packages are not installed, the tests that need them skip")
        return
    session.run("npm", "ci", "--prefix", folder, "--ignore-scripts", "--no-audit", "--no-fund", external=True)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite: real Sphinx builds, and the demo site in Chromium (tests/test_browser.py).

    citeproc-js, the reference the CSL styles are checked against (tests/test_styles.py), comes
    from npm at the versions pinned in tests/csl/package-lock.json.
    """
    session.install(".[test]")
    _npm_ci(session, "tests/npm")  # the official JSON Resume schema (tests/test_export.py)
    _npm_ci(session, "tests/csl")  # citeproc-js, the reference of the CSL styles (tests/test_styles.py)
    session.run("pytest", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """Hostile input, many random examples: tests/test_fuzz_hostile.py beyond the few ``tests`` runs.

    ``SPHINX_CV_FUZZ_EXAMPLES`` sets how many (default 300, about ten minutes); each is a whole build.
    """
    session.install(".[test]")
    env = {"SPHINX_CV_FUZZ_EXAMPLES": os.environ.get("SPHINX_CV_FUZZ_EXAMPLES") or "300"}
    session.run("pytest", "tests/test_fuzz_hostile.py", *session.posargs, env=env)


@nox.session
def lighthouse(session: nox.Session) -> None:
    """Lighthouse 12.2.3 (tools/lighthouse/package-lock.json) on every page of the demo, phone and
    desktop: accessibility, best practices and SEO must each score 100 (tools/lighthouse.py).

    Needs node and npm, and Chromium (``CHROME_PATH``, default /usr/bin/chromium); about 20 s a page.
    """
    session.install(".[docs]")
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "-d", DOCTREES, DOCS, HTML)
    _npm_ci(session, "tools/lighthouse")
    session.run("python", "tools/lighthouse.py", HTML, *session.posargs)


def _rendercv_python() -> str:
    """A Python 3.12 or newer, which RenderCV 2.4+ needs: on PATH, else one pyenv has installed.

    "3.12" when there is none: nox then skips the session ("Python interpreter 3.12 not found").
    """
    for name in ("python3.12", "python3.13"):
        found = shutil.which(name)
        if found and subprocess.run([found, "-c", ""], capture_output=True, check=False).returncode == 0:
            return found
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for found in sorted(pyenv.glob("versions/3.1[2-9]*/bin/python3")):
        return str(found)
    return "3.12"


RENDERCV = "docs/_build/rendercv"


@nox.session(python=_rendercv_python())
def rendercv(session: nox.Session) -> None:
    """The demo's CV as a RenderCV PDF (Typst: no TeX) in docs/_build/rendercv; the tests that need RenderCV.

    RenderCV's template imports Typst's @preview/fontawesome, which Typst would download:
    tools/rendercv_offline.py writes a stand-in into a cache of this session's own.
    """
    session.install(".[test]", "rendercv[full]==2.8")
    _npm_ci(session, "tools/rendercv")  # Font Awesome Free: fonts and icon names for the stand-in
    _npm_ci(session, "tests/npm")
    cache = Path(session.create_tmp()).resolve() / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    session.run("python", "tools/rendercv_offline.py", str(cache), f"{RENDERCV}/fonts")
    # no -W: the demo's export warns about what RenderCV cannot hold (cv.export)
    session.run(
        "sphinx-build", "--keep-going", "-b", "rendercv", "-d", f"{DOCTREES}-rendercv", DOCS, RENDERCV
    )
    session.run(
        "rendercv",
        "render",
        f"{RENDERCV}/cv.yaml",
        "--pdf-path",
        "qinqing-zheng-cv.pdf",
        "--dont-generate-png",
        "--dont-generate-html",
        "--dont-generate-markdown",
        env=env,
    )
    session.log(f"{RENDERCV}/qinqing-zheng-cv.pdf")
    session.run("pytest", "-m", "rendercv", *session.posargs, env=env)


@nox.session(name="tests-oldest")
def tests_oldest(session: nox.Session) -> None:
    """The tests against the oldest versions pyproject.toml allows (tests/constraints-oldest.txt).

    The browser tests are left out: they check the stylesheet and the page in Chromium,
    which ``nox -s tests`` already does on the newest Sphinx and Furo.
    """
    session.install("-c", "tests/constraints-oldest.txt", ".[test]")
    session.run("python", "-m", "pip", "list", "--format=freeze", silent=False)
    _npm_ci(session, "tests/npm")
    _npm_ci(session, "tests/csl")
    session.run("pytest", "-m", "not browser", *session.posargs)


#: what the wheel must carry besides Python code (the .mo catalogs are committed, not built)
WHEEL_DATA = (
    "sphinx_cv/static/sphinx-cv.css",
    "sphinx_cv/static/sphinx-cv.js",
    "sphinx_cv/texinputs/sphinxcv.sty",
    "sphinx_cv/templates/sphinx-cv-rtl.html",
    "sphinx_cv/styles/apa.csl",
    "sphinx_cv/styles/SOURCES.md",
    "sphinx_cv/locales/de/LC_MESSAGES/sphinx_cv.mo",
)
#: what the sdist must carry so that its own tests pass once unpacked
SDIST_DATA = ("LICENSE", "README.md", "noxfile.py", "refs.bib", ".readthedocs.yaml", ".ci/run")
SDIST_DIRS = ("ext/sphinx_cv/", "tests/roots/", "docs/")


@nox.session
def package(session: nox.Session) -> None:
    """Build the sdist and wheel into dist/, check them with twine, install the wheel in a fresh venv."""
    dist = Path("dist")
    shutil.rmtree(dist, ignore_errors=True)
    session.install("build", "twine")
    session.run("python", "-m", "build", "--outdir", str(dist))
    session.run("twine", "check", "--strict", *map(str, sorted(dist.iterdir())))

    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    missing = [name for name in WHEEL_DATA if name not in in_wheel]
    catalogs = sorted(n for n in in_wheel if n.endswith(".mo"))
    if missing or len(catalogs) < len(list(Path("ext/sphinx_cv/locales").glob("*/LC_MESSAGES/*.po"))):
        session.error(f"wheel lacks {missing or 'message catalogs'}: {sorted(in_wheel)}")
    root = sdist.name.removesuffix(".tar.gz") + "/"
    with tarfile.open(sdist) as archive:
        in_sdist = {name.removeprefix(root) for name in archive.getnames()}
    missing = [n for n in SDIST_DATA if n not in in_sdist]
    missing += [d for d in SDIST_DIRS if not any(n.startswith(d) for n in in_sdist)]
    if missing or any(n.startswith("docs/_build") for n in in_sdist):
        session.error(f"sdist lacks {missing} or carries docs/_build: {sorted(in_sdist)}")
    session.log(f"{wheel.name}: {len(catalogs)} catalogs; {sdist.name}: {len(in_sdist)} files")

    # a venv of its own, and -I keeps the checkout off sys.path: the wheel is all it can import
    venv = Path(session.create_tmp()) / "wheel-venv"
    shutil.rmtree(venv, ignore_errors=True)
    session.run("python", "-m", "venv", str(venv))
    python = str(venv / "bin" / "python")
    session.run(python, "-m", "pip", "install", "--quiet", str(wheel.resolve()), external=True)
    check = """
import importlib.metadata, pathlib, sphinx_cv
version = importlib.metadata.version("sphinx-cv")
assert sphinx_cv.__version__ == version, (sphinx_cv.__version__, version)
here = pathlib.Path(sphinx_cv.__file__).parent
assert "site-packages" in str(here), here
assert (here / "static" / "sphinx-cv.css").is_file()
assert sorted(here.glob("locales/*/LC_MESSAGES/sphinx_cv.mo"))
print("sphinx_cv", version, "imported from", here)
"""
    session.run(python, "-I", "-c", check, external=True)
    session.run(python, "-I", "-m", "sphinx_cv", "--version", external=True)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and formatting) and mypy --strict over the package (settings in pyproject.toml)."""
    session.install(".", "ruff>=0.6", "mypy>=1.10", "types-PyYAML", "types-docutils")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


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
