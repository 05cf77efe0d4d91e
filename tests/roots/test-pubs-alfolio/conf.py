extensions = ["sphinx_cv"]
project = "cv-pubs-alfolio"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["papers.bib"]
cv_author = "Albert Einstein"
