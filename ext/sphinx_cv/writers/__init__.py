"""Builder-specific output: HTML, LaTeX and plain text visitors of sphinx-cv's nodes."""
