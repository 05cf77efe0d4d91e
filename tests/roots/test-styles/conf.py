extensions = ["sphinx_cv"]
project = "styles"
bibtex_bibfiles = ["refs.bib"]
cv_author = "Qinqing Zheng"
cv_coauthors = {"Jinshuo Dong": "https://dong.example/"}
cv_publication_pages = True
