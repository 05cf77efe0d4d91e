extensions = ["sphinx_cv"]
