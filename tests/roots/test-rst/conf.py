extensions = ["sphinx_cv"]
project = "cv-rst"
exclude_patterns = ["_build"]
