extensions = ["sphinx_cv"]
project = "cv-pubs-encoding"
exclude_patterns = ["_build", "**/SOURCES.md"]
bibtex_bibfiles = [
    "realworld/jabref-windows-1252.bib",
    "realworld/sphinxcontrib-bibtex-latin1.bib",
    "utf8.bib",
    "declared.bib",
]
