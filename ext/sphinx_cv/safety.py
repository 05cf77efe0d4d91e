"""The last line of defence: no unsafe link inside sphinx-cv's output, whoever made it.

Docutils itself turns ``javascript:...`` in text into a link (the scheme is in
its list of standalone URIs), so option text parsed as inline markup can carry
one past :func:`~sphinx_cv.urls.safe_url`. This transform unwraps such links
inside every sphinx-cv node, keeping their text, and says so.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .core.dates import shorten
from .core.urls import safe_url, url_problem
from .directive import warn
from .nodes import cv_email, cv_profile, cv_publications, cv_timeline
from .walk import enclosing

#: the top-level node of each directive: links anywhere inside are checked
GUARDED: tuple[type[nodes.Element], ...] = (cv_timeline, cv_profile, cv_publications)


def _acceptable(ref: nodes.reference) -> bool:
    uri = ref.get("refuri")
    if uri is None or isinstance(ref, cv_email):
        return True
    if uri.startswith(("mailto:", "tel:")):
        return not any(ch in uri for ch in "<>\"'` ")
    return safe_url(uri) is not None


class DropUnsafeLinks(SphinxTransform):
    """Replace each unsafe reference inside a sphinx-cv node by its text."""

    default_priority = 210

    def apply(self, **kwargs: Any) -> None:
        drop_unsafe_links(self.document)


def drop_unsafe_links(root: nodes.Element) -> None:
    """:class:`DropUnsafeLinks` in ``root`` (also run on a list's entries once they are back in the page)."""
    for ref in list(root.findall(nodes.reference)):
        if _acceptable(ref) or not enclosing(ref, GUARDED):
            continue
        warn(
            f"dropped the link {shorten(ref['refuri'])}: {url_problem(ref['refuri'])}",
            ref if ref.line else enclosing(ref, GUARDED),
            "option",
        )
        ref.replace_self(ref.children or [nodes.Text(ref.astext())])


def setup_safety(app: Sphinx) -> None:
    app.add_transform(DropUnsafeLinks)
