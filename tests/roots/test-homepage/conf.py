extensions = ["myst_parser", "sphinx_cv"]
project = "cv-homepage"
author = "Jane Doe"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
cv_author = ["Jane Doe", "J. Doe"]
html_baseurl = "https://jane.example.org/"
cv_feed = True
