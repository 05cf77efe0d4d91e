extensions = ["myst_parser", "sphinx_cv"]
project = "cv-source-realworld"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "**/SOURCES.md"]
