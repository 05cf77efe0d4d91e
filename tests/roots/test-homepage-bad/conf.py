extensions = ["sphinx_cv"]
project = "cv-homepage-bad"
exclude_patterns = ["_build"]
cv_author = "Jane Doe"
cv_feed = True  # without html_baseurl: a cv.config warning, no feed
