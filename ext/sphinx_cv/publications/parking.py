"""A publication list's entries are held out of the page while Sphinx's read-time transforms run.

The entries of a 3,000-paper list are 75,000 of its page's nodes, and each of
the forty transforms Sphinx and docutils run over a page once it is parsed
walks all of them, though none has anything to do there (references,
footnotes, targets, numbering, translation, source workarounds): 30% of such
a build (py-spy). The directive renders the list as ever, then parks each
group's entries (:func:`park_entries`); :class:`UnparkEntries` puts them back
after the domains have read the page (the exports domain finds the papers where
they are parked, through :func:`.walk.blocks`) and before the ``doctree-read``
handlers (image collection among them) and the environment's pickle, which
then see the page as it always was. The one transform whose work the entries
need, the link check, is run on them there.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..nodes import cv_parked, cv_pub_group, cv_publications
from ..safety import drop_unsafe_links
from ..walk import blocks

#: ``env.temp_data`` key: this page has parked entries
PARKED = "cv_parked"


def park_entries(node: cv_publications, env: BuildEnvironment) -> None:
    """Hold each group's list of entries out of the page until :class:`UnparkEntries` runs."""
    for group in node.children:
        if not isinstance(group, cv_pub_group) or not group.children:
            continue
        entries = group.children[-1]
        if isinstance(entries, nodes.bullet_list | nodes.enumerated_list):
            group.replace(entries, cv_parked(entries))
            env.temp_data[PARKED] = True


class UnparkEntries(SphinxTransform):
    """Put parked entries back: after the domains' ``process_doc`` (850), before ``doctree-read`` (880)."""

    default_priority = 879

    def apply(self, **kwargs: Any) -> None:
        if not self.env.temp_data.pop(PARKED, False):
            return
        for parked in blocks(self.document, cv_parked, skip=cv_parked):
            parked.parent.replace(parked, parked.held)
            drop_unsafe_links(parked.held)
