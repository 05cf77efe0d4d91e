"""A malformed .bib is a warning, not a traceback.

sphinxcontrib-bibtex parses ``bibtex_bibfiles`` at ``builder-inited`` with
pybtex in strict mode, so one missing brace in an exported .bib ends the
build. pybtex can instead capture its errors and recover (skipping the bad
entry); these two handlers, one just before and one just after
sphinxcontrib-bibtex's, switch that on for its parse and turn each captured
error into a located ``cv.bib`` warning. The .bib is still parsed once, by
sphinxcontrib-bibtex.
"""

from __future__ import annotations

import pybtex.errors
from sphinx.application import Sphinx

from .directive import warn

BIBTEX_PRIORITY = 500  #: sphinxcontrib-bibtex's builder-inited handlers use the default


def _start_capture(app: Sphinx) -> None:
    pybtex.errors.captured_errors = []


def _report_captured(app: Sphinx) -> None:
    captured = pybtex.errors.captured_errors or []
    pybtex.errors.captured_errors = None
    for error in captured:
        # not error.get_filename(): pybtex tries to .decode() the Path sphinxcontrib-bibtex gives it
        filename = getattr(error, "filename", None)
        line = getattr(error, "lineno", None)
        # "path:" is Sphinx's own form of a location without a line (a bare path reads as a docname)
        location = f"{filename}:{line}" if filename and line else f"{filename or _file_with_key(app, error)}:"
        try:
            message = str(error)
        except Exception:  # a message that cannot be formatted still deserves a warning
            message = type(error).__name__
        if len(message) > 200:
            message = message[:199] + "\u2026"
        warn(f"malformed .bib, the entry was skipped: {message}", location, "bib")


def _file_with_key(app: Sphinx, error: Exception) -> str:
    """The .bib that holds the key an error names (pybtex's duplicate-key error carries no file)."""
    bibfiles = app.env.get_domain("cite").bibdata.bibfiles  # type: ignore[attr-defined]
    key = str(error).rsplit(": ", 1)[-1].strip()
    for path, bibfile in bibfiles.items():
        if key in bibfile.keys:
            return str(path)
    return str(next(iter(bibfiles), app.confdir))


def setup_bibcheck(app: Sphinx) -> None:
    app.connect("builder-inited", _start_capture, priority=BIBTEX_PRIORITY - 1)
    app.connect("builder-inited", _report_captured, priority=BIBTEX_PRIORITY + 1)
