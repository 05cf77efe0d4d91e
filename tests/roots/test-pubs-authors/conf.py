extensions = ["sphinx_cv"]
project = "cv-pubs-authors"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = "Qinqing Zheng"
# one person, three ways of naming them: "First Last", "Last, First", accents folded
cv_coauthors = {"Jinshuo Dong": "https://dong.example/", "Su, Weijie": "https://su.example/"}
