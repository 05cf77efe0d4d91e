"""The website of Qinqing Zheng, built with sphinx-cv (the extension's demo)."""

from __future__ import annotations

import os

project = "Qinqing Zheng"
author = "Qinqing Zheng"
copyright = "2020, Qinqing Zheng"

extensions = ["myst_parser", "sphinx_cv"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]

# sphinx-cv
cv_author = ["Qinqing Zheng", "Q. Zheng"]
cv_date_format = "%b %Y"

# Furo, and no copies of the sources: the address stays out of plain text.
html_theme = "furo"
html_title = "Qinqing Zheng"
html_copy_source = False
html_show_sourcelink = False
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
