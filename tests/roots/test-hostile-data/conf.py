extensions = ["sphinx_cv"]
project = "cv-hostile-data"
exclude_patterns = ["_build"]
smartquotes = False
