extensions = ["sphinx_cv"]
bibtex_bibfiles = ["refs.bib"]
cv_author = "Jane Doe"
