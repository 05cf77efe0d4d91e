"""The website of Qinqing Zheng, built with sphinx-cv (the extension's demo)."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

project = "Qinqing Zheng"
author = "Qinqing Zheng"
copyright = "2020, Qinqing Zheng"
version = "2020"  # EPUB3 wants one; neither the site nor the PDF shows it

extensions = ["myst_parser", "sphinx_cv", "sphinxext.opengraph", "sphinx_sitemap"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "_parts"]

# sphinx-cv
cv_author = ["Qinqing Zheng", "Q. Zheng"]
bibtex_bibfiles = ["../refs.bib"]
cv_date_format = "%b %Y"
# The PDF CV (python3 -m nox -s pdf). On Read the Docs, which builds it (formats: [pdf]),
# sphinx-cv links the project's own PDF download. Elsewhere the site links the PDF
# next to its pages, copied there when `nox -s pdf` has built it.
PDF = "qinqing-zheng-cv.pdf"
BUILT_PDFS = Path(__file__).parent / "_build" / "latex"  # where `nox -s pdf` makes them
if os.environ.get("READTHEDOCS") != "True":
    cv_pdf_url = PDF
cv_publication_pages = True  # a page per paper, with the metadata Google Scholar and Zotero read
cv_feed = True  # feed.xml: the papers, newest first, for feed readers (needs html_baseurl, set below)

# Furo, and no copies of the sources: the address stays out of plain text.
html_theme = "furo"
html_title = "Qinqing Zheng"
html_copy_source = False
html_show_sourcelink = False
html_favicon = "favicon.svg"  # else browsers ask for /favicon.ico and log a 404
# A person's site, not a manual: no index page, no search box (Furo's own sidebar
# parts, minus search), headings sized for a page of one person (_static/homepage.css).
html_use_index = False
html_sidebars = {
    "**": [f"sidebar/{part}.html" for part in ("brand", "scroll-start", "navigation", "scroll-end")]
}
html_static_path = ["_static"]
html_css_files = ["homepage.css"]
html_theme_options = {"navigation_with_keys": True, "top_of_page_buttons": []}

# Canonical URLs, OpenGraph and sitemap.xml need the address the site is served at.
# Read the Docs sets it; elsewhere example.org (reserved, RFC 2606) marks a local
# build whose links must never point at a real site, not even the owner's.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://example.org/")
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}  # no image rendering (matplotlib) in the build
sitemap_url_scheme = "{link}"  # html_baseurl already holds any language/version path

# The PDF (python3 -m nox -s pdf; Read the Docs "formats: [pdf]"): one short
# document, a CV rather than a manual: no title page, contents, index or
# "Release", narrow margins. sphinx-cv's CV style (cv_latex_style) does the rest:
# headings, links, the footer with the name and "page N of M".
latex_engine = "xelatex"
latex_documents = [("cv", "qinqing-zheng-cv.tex", f"{author}: curriculum vitae", author, "howto")]
latex_domain_indices = False
latex_elements = {
    "papersize": "letterpaper",
    "pointsize": "11pt",
    "sphinxsetup": "hmargin=2cm, vmargin=1.8cm",
    # no title block, only the PDF's metadata (the profile is the header): the document's
    # title, so each variant's PDF carries its own ("Qinqing Zheng: short CV")
    "maketitle": r"\makeatletter\hypersetup{pdftitle={\@title}, pdfauthor={\@author}}\makeatother",
    "tableofcontents": "",
    "printindex": "",
}


# Variants of the PDF CV, each its own PDF beside the full one (qinqing-zheng-cv-short.pdf), built
# by `nox -s pdf` and on Read the Docs by .readthedocs.yaml's post_build: the same sources with
# parts left out, nothing added. "short": one page, the five years before the CV was last updated
# (July 2020), and the selected publications: the three that refs.bib marks keywords = {selected},
# its peer-reviewed conference papers (the seed CV itself marks none).
cv_variants = {
    "short": {
        "title": "Qinqing Zheng: short CV",
        "since": "2015-07",
        "max_publications": 3,
        "drop_sections": ["Overview", "Mentorship", "Skills"],
        "pages": 1,
    },
}


def _no_search(app: Sphinx) -> None:
    """Three pages and no search box: no search page (it is noindex, an orphan) and no search index."""
    if getattr(app.builder, "search", False):
        app.builder.search = False  # type: ignore[attr-defined]  # StandaloneHTMLBuilder's own switch


def _site_pdfs(app: Sphinx, config: Config) -> None:
    """The full CV and its variants (qinqing-zheng-cv-short.pdf) beside the pages, once `nox -s pdf`
    has made them; not in a build that writes where they are (Sphinx warns of extra files
    inside its output folder, and `nox -s pdf` builds LaTeX there again)."""
    writing_them = BUILT_PDFS.resolve().is_relative_to(Path(app.outdir).resolve())
    if os.environ.get("READTHEDOCS") == "True" or writing_them:
        return
    config.html_extra_path = sorted(str(pdf) for pdf in BUILT_PDFS.glob(PDF.replace(".pdf", "*.pdf")))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _site_pdfs, priority=400)  # before Sphinx checks html_extra_path (800)
    app.connect("builder-inited", _no_search)
