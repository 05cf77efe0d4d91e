extensions = ["sphinx_cv", "myst_parser"]
project = "cv-pubs-filter"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
cv_author = ["Qinqing Zheng"]
html_theme = "furo"
html_show_sourcelink = False  # as the demo: Furo's "View this page" link sits outside any landmark
