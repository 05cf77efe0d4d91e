extensions = ["sphinx_cv"]
project = "Pubs"
bibtex_bibfiles = ["refs.bib"]
cv_author = "Jane Doe"
latex_documents = [("index", "pubs.tex", "Pubs", "Jane Doe", "howto")]
cv_variants = {
    "top2": {"max_publications": 2},
    "ml": {"tags": ["ml"]},
    "recent": {"since": "2019-06"},
}
