"""The website of Qinqing Zheng, built with sphinx-cv (the extension's demo)."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx

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
if os.environ.get("READTHEDOCS") != "True":
    cv_pdf_url = PDF
    built_pdf = Path(__file__).parent / "_build" / "latex" / PDF
    html_extra_path = [str(built_pdf)] if built_pdf.is_file() else []
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
latex_documents = [("cv", "qinqing-zheng-cv.tex", "Qinqing Zheng", author, "howto")]
latex_domain_indices = False
latex_elements = {
    "papersize": "letterpaper",
    "pointsize": "11pt",
    "sphinxsetup": "hmargin=2cm, vmargin=1.8cm",
    # no title block, only the PDF's metadata (the profile is the header)
    "maketitle": rf"\hypersetup{{pdftitle={{{author}: curriculum vitae}}, pdfauthor={{{author}}}}}",
    "tableofcontents": "",
    "printindex": "",
}


def _no_search(app: Sphinx) -> None:
    """Three pages and no search box: no search page (it is noindex, an orphan) and no search index."""
    if getattr(app.builder, "search", False):
        app.builder.search = False  # type: ignore[attr-defined]  # StandaloneHTMLBuilder's own switch


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _no_search)
