extensions = ["sphinx_cv"]
project = "cv-pubs-alfolio-fields"
exclude_patterns = ["_build"]
bibtex_bibfiles = ["papers.bib"]
cv_author = "Albert Einstein"
cv_pdf_folder = "assets/pdf"
cv_scholar_user = "https://scholar.google.com/citations?user=qc6CJjYAAAAJ&hl=en"
