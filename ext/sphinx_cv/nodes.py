"""Docutils node classes of sphinx-cv.

Each subclasses a standard node, so a builder without a visitor of ours
(text, man, texinfo, a third-party one) falls back to the standard visitor
(Sphinx looks visitors up along the class's MRO). Visitors that add what
HTML needs (``<time datetime>``, JSON-LD) live in :mod:`sphinx_cv.html`.
"""

from __future__ import annotations

from docutils import nodes


class cv_timeline(nodes.container):
    """A timeline: optional caption (``rubric``) and a ``cv_entries`` list."""


class cv_entries(nodes.bullet_list):
    """The list of entries of one timeline."""


class cv_entry(nodes.list_item):
    """One entry; ``sort_key`` holds its date order."""


class cv_heading(nodes.paragraph):
    """Title, subtitle, location; ``dates`` holds ``(text, iso)`` pairs (``iso`` empty for Present).

    HTML writes the dates from the attribute; for other builders a
    :class:`cv_dates` node is put first at write time, and for plain formats
    separators between the parts.
    """


class cv_dates(nodes.inline):
    """A date or range as one node with its text, made at write time for non-HTML builders.

    ``dates`` holds the heading's ``(text, iso)`` pairs.
    """


class cv_profile(nodes.container):
    """The site owner's profile block."""


class cv_email(nodes.reference):
    """A mailto link whose ``address`` is an attribute, not text.

    Anything that reads the doctree's text (search index, OpenGraph
    descriptions, other extensions) never sees it; HTML writes it as
    character references, and plain formats get it as text at write time.
    """


class cv_jsonld(nodes.General, nodes.Element):
    """schema.org JSON-LD (``data`` attribute, already escaped); skipped by non-HTML builders."""


class cv_publications(nodes.container):
    """A publication list: optional caption (``rubric``), groups, JSON-LD."""


class cv_pub_group(nodes.container):
    """The entries of one year or type, under a ``rubric`` heading."""


class cv_publist(nodes.enumerated_list):
    """Numbered entries; ``reversed`` (bool) makes HTML count down from ``start``."""


class cv_pub(nodes.list_item):
    """One publication; its ``ids`` start with the citation key."""


class cv_details(nodes.container):
    """Disclosure block: HTML ``<details>``, elsewhere a plain container (everything shown)."""


class cv_summary(nodes.paragraph):
    """The always-visible label of a :class:`cv_details`: HTML ``<summary>``."""
