extensions = ["sphinx_cv"]
project = "cv-pubs-realworld"
exclude_patterns = ["_build", "**/SOURCES.md"]
bibtex_bibfiles = [
    "realworld/biblatex-examples.bib",
    "realworld/zotero-bbt-capital-delta.bib",
    "latex.bib",
]
cv_author = "Donald E. Knuth"
