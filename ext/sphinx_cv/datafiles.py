"""Sphinx glue for ``cv-timeline :source:`` (entries from data files)."""

from __future__ import annotations

from sphinx.util.docutils import SphinxDirective

from .context import warn
from .model import Entry


def entries_from_source(directive: SphinxDirective) -> list[Entry]:
    """Entries of the data file named by ``:source:``/``:section:``."""
    warn("cv-timeline :source: is not supported yet", directive.get_location(), "source")
    return []
