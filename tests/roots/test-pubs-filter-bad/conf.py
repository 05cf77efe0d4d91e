extensions = ["sphinx_cv"]
project = "cv-pubs-filter-bad"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
