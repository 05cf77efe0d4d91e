extensions = ["myst_parser", "sphinx_cv"]
project = "cv-compact"
myst_enable_extensions = ["colon_fence", "substitution"]
myst_substitutions = {"funder": "the Foundation"}
exclude_patterns = ["_build"]
