"""The Sphinx-free core: dates, names, URLs, LaTeX text, the entry model, bib entries and data files.

Nothing here imports Sphinx or docutils (``tests/test_core.py`` proves it),
so every rule can be tested without a build and reused by the CLI.
"""
