extensions = ["sphinx_cv"]
project = "Bad"
latex_documents = [("index", "bad-cv.tex", "Bad", "Bad", "howto")]
cv_variants = {
    "typo": {
        "tags": ["reserch"],
        "exclude_tags": "nothing-like-this",
    },
    "late": {
        "since": "2030",
    },
    "gone": {
        "drop_sections": ["Awards", "Teaching"],
    },
    "rules": {
        "pagez": 2,
        "pages": 0,
        "since": "someday",
    },
    "bad name": {},
    "listed": ["not", "a", "mapping"],
    "count": {"max_publications": 5},
}
