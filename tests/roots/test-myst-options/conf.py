extensions = ["myst_parser", "sphinx_cv"]
project = "cv-myst-options"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
