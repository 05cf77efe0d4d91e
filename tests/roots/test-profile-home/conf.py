extensions = ["myst_parser", "sphinx_cv"]
myst_enable_extensions = ["colon_fence"]
project = "profile-home"
exclude_patterns = ["_build", "_parts"]
