extensions = ["sphinx_cv"]
project = "cv-pubs-hostile"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = "Hans Möller"
