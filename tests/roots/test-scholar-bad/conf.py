extensions = ["sphinx_cv", "sphinxext.opengraph"]
project = "bad"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = ["Jane Doe"]
cv_publication_pages = True
ogp_site_url = "https://jane.example.org/"
ogp_social_cards = {"enable": False}
