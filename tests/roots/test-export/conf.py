extensions = ["myst_parser", "sphinx_cv"]
project = "cv-export"
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
cv_rendercv_design = {"theme": "sb2nov"}
