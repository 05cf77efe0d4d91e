extensions = ["sphinx_cv"]
project = "cv-warnings"
exclude_patterns = ["_build"]
