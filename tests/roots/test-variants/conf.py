extensions = ["myst_parser", "sphinx_cv"]
myst_enable_extensions = ["colon_fence"]
project = "Jane Doe"
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "jane-doe-cv.tex", "Jane Doe", "Jane Doe", "howto")]
cv_variants = {
    "short": {
        "title": "Jane Doe: short CV",
        "since": "2019",
        "drop_sections": ["Teaching"],
        "pages": 1,
    },
    "industry": {
        "label": "industry resume",
        "tags": ["industry"],
        "exclude_tags": ["Teaching"],
    },
    "same": {},
}
