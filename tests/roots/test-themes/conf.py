extensions = ["sphinx_cv"]
project = "cv-themes"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
cv_author = "Jane Doe"
cv_pdf_url = "jane-doe-cv.pdf"
# html_theme comes from the test (confoverrides): alabaster, sphinx_rtd_theme, pydata_sphinx_theme,
# sphinx_book_theme, furo
cv_max_authors = 3  # "and N more" is drawn and measured too
