extensions = ["sphinx_cv"]
project = "cv-multi"
exclude_patterns = ["_build"]
