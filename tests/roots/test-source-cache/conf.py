extensions = ["sphinx_cv"]
project = "cv-source-cache"
exclude_patterns = ["_build"]
