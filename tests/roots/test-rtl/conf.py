extensions = ["sphinx_cv"]
project = "cv-rtl"
exclude_patterns = ["_build"]
language = "ar"  # the tests also build it as he and fa (confoverrides)
html_theme = "furo"
bibtex_bibfiles = ["refs.bib"]
cv_author = "Jane Doe"
cv_max_authors = 3
cv_pdf_url = "jane-doe-cv.pdf"
latex_engine = "xelatex"
latex_documents = [("index", "cv-rtl.tex", "Jane Doe", "Jane Doe", "howto")]
# a CV, not a manual (as docs/conf.py): no title page, contents or index
latex_elements = {"maketitle": "", "tableofcontents": "", "printindex": ""}
