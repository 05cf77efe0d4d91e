extensions = ["sphinx_cv"]
project = "cv-export-pubs"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = ["Jane Doe"]
cv_coauthors = {"Bo Li": "https://boli.example.org"}
cv_preview_folder = "img"
