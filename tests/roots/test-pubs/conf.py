extensions = ["sphinx_cv"]
project = "cv-pubs"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = ["Qinqing Zheng", "Q. Zheng"]
