extensions = ["sphinx_cv"]
project = "cv-feed-pubs"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = "Jane Doe"
html_baseurl = "https://jane.example.org/"
cv_feed = True
