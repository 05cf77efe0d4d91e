"""The website of Qinqing Zheng, built with sphinx-cv (the extension's demo)."""

from __future__ import annotations

import os

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
cv_publication_pages = True  # a page per paper, with the metadata Google Scholar and Zotero read

# Furo, and no copies of the sources: the address stays out of plain text.
html_theme = "furo"
html_title = "Qinqing Zheng"
html_copy_source = False
html_show_sourcelink = False
html_favicon = "favicon.svg"  # else browsers ask for /favicon.ico and log a 404

# Canonical URLs, OpenGraph and sitemap.xml need the address the site is served at.
# Read the Docs sets it; elsewhere example.org (reserved, RFC 2606) marks a local
# build whose links must never point at a real site, not even the owner's.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://example.org/")
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}  # no image rendering (matplotlib) in the build
sitemap_url_scheme = "{link}"  # html_baseurl already holds any language/version path
sitemap_excludes = ["search.html", "genindex.html"]

# The PDF (python3 -m nox -s pdf; Read the Docs "formats: [pdf]"): one short
# document, a CV rather than a manual: no title page, contents, index or
# "Release", unnumbered sections, narrow margins.
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
    "preamble": r"""
\setcounter{secnumdepth}{0}
\fancypagestyle{normal}{\fancyhf{}\fancyfoot[C]{\small\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
""",
}
