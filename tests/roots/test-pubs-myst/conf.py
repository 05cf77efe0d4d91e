extensions = ["sphinx_cv", "myst_parser"]
project = "cv-pubs-myst"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
cv_author = ["Qinqing Zheng", "Q. Zheng"]
