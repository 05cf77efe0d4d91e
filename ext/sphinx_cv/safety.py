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

from .directive import warn
from .core.dates import shorten
from .nodes import cv_email, cv_profile, cv_timeline
from .core.urls import safe_url

#: top-level sphinx-cv containers; other modules add theirs with :func:`guard`
GUARDED: list[type[nodes.Element]] = [cv_timeline, cv_profile]


def guard(node_class: type[nodes.Element]) -> None:
    """Check links inside ``node_class`` too (for directives defined in other modules)."""
    if node_class not in GUARDED:
        GUARDED.append(node_class)


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
        guarded = tuple(GUARDED)
        for ref in list(self.document.findall(nodes.reference)):
            if _acceptable(ref) or not _inside(ref, guarded):
                continue
            warn(
                f"dropped the link {shorten(ref['refuri'])}: only http(s) and relative URLs are allowed",
                ref if ref.line else _inside(ref, guarded),
                "option",
            )
            ref.replace_self(ref.children or [nodes.Text(ref.astext())])


def _inside(node: nodes.Node, kinds: tuple[type[nodes.Element], ...]) -> nodes.Element | None:
    """The nearest enclosing sphinx-cv container (references are few: walking up is cheap)."""
    parent = node.parent
    while parent is not None and not isinstance(parent, kinds):
        parent = parent.parent
    return parent


def setup_safety(app: Sphinx) -> None:
    app.add_transform(DropUnsafeLinks)
