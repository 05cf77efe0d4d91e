extensions = ["myst_parser", "sphinx_cv"]
myst_enable_extensions = ["colon_fence"]
project = "Data pubs"
exclude_patterns = ["_build", "**/SOURCES.md"]
cv_author = "John Doe"
cv_publication_pages = True
html_baseurl = "https://john.example.org/"
latex_documents = [("index", "datapubs.tex", "Data pubs", "John Doe", "howto")]
