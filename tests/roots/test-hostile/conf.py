extensions = ["sphinx_cv"]
project = "cv-hostile"
exclude_patterns = ["_build"]
smartquotes = False
