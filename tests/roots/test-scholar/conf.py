# sphinx-sitemap is added by the sitemap test, which builds in a subprocess: its Manager
# process would inherit the test session's pipes (Playwright's) and hang the session's end
extensions = ["sphinx_cv", "sphinxext.opengraph"]
project = "Jane Doe"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = ["Jane Doe"]
cv_publication_pages = True
html_baseurl = "https://jane.example.org/"
html_extra_path = ["papers"]
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
