extensions = ["sphinx_cv"]
project = "cv-pubs-alfolio-bad"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["papers.bib"]
cv_author = "Albert Einstein"
cv_coauthors_file = "_data/coauthors.yml"
