"""A publication list's entries are rendered when its page is written, from a plan read with the page.

``bibliography :all:`` builds its list when the page is written, from data
kept aside; a list rendered while the page is read costs more than its
rendering: its nodes (75,000 in a 3,000-paper list) are walked by the forty
transforms Sphinx and docutils run over a read page, by every full garbage
collection while they are live, and are pickled and unpickled. So the
directive decides everything at read time (records, order, numbers, each
entry's id, a citation style's text and its warnings) and keeps that as a
plan (:class:`Planned`, one per entry) in a :class:`~sphinx_cv.nodes.cv_parked`
where the group's entries go; :class:`RenderEntries`, the first
post-transform of every builder, renders the entries there with the one
renderer and puts them in place, before any post-transform or writer that
reads them. A paper's preview thumbnail is made at read time, as a child of
the placeholder, so that Sphinx's image collector finds and copies it; the
entry takes that very node when it is rendered. Read-time readers of a list
ask the plan: the exports domain (:func:`planned_papers`), the filter
controls (made at read time from the records).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from docutils import nodes
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.csl import Formatted
from ..core.metrics import Count
from ..core.record import Publication
from ..labels import render_context, translated_labels
from ..nodes import cv_parked, cv_pub_preview, cv_publist
from ..render import RenderContext
from ..safety import drop_unsafe_links
from ..walk import blocks, paused_gc
from .filter import item_values
from .render import preview_node, render_publication


@dataclass(frozen=True)
class Planned:
    """One entry as the directive decided it: what rendering it needs, and nothing else."""

    pub: Publication  #: the record (with the list's ``:highlight:`` owner)
    node_id: str  #: its id on the page, reserved when the page was read
    count: Count | None  #: its citations, for "Cited by N"
    cited: Formatted | None  #: the citation style's text, else the built-in look
    label: str  #: a numeric style's label, shown first ("" for none)


@dataclass(frozen=True)
class ListSettings:
    """What a list's entries share: its ``:show:``, ``:max-authors:``, and filter facets (or none)."""

    show: tuple[str, ...]
    max_authors: int
    facets: tuple[str, ...] | None = None


def plan_group(plan: Sequence[Planned], settings: ListSettings) -> cv_parked:
    """The placeholder of a group's entries, with their preview thumbnails as its children."""
    parked = cv_parked()
    parked.plan = tuple(plan)
    parked.settings = settings
    parked.extend(preview_node(entry.pub) for entry in plan if entry.pub.preview)
    return parked


def planned_papers(parked: cv_parked) -> tuple[list[str], bool]:
    """The keys of the papers a placeholder will show, in order, and whether an abstract is among them."""
    abstracts = "abstract" in parked.settings.show and any(entry.pub.abstract for entry in parked.plan)
    return [entry.pub.key for entry in parked.plan], abstracts


def render_parked(parked: cv_parked, document: nodes.document, context: RenderContext) -> None:
    """Render the entries into the group's list and put it where the placeholder stands."""
    settings: ListSettings = parked.settings
    ctx = replace(context, max_authors=settings.max_authors)
    entries = parked.held
    previews = iter([child for child in parked.children if isinstance(child, cv_pub_preview)])
    parked.clear()
    start, step = int(entries.get("start", 1)), -1 if entries.get("reversed") else 1
    numbered = isinstance(entries, cv_publist)
    for index, entry in enumerate(parked.plan):
        preview = next(previews) if entry.pub.preview else None
        node = render_publication(
            entry.pub,
            ctx,
            node_id=entry.node_id,
            show=settings.show,
            count=entry.count,
            cited=entry.cited,
            label=entry.label,
            preview=preview,
        )
        if settings.facets is not None:  # the filter's values, and the number hiding must not change
            node["data"] = item_values(entry.pub, settings.facets)
            if numbered:
                node["value"] = start + step * index
        entries += node
        if document.ids.get(entry.node_id) is parked:
            document.ids[entry.node_id] = node
    parked.replace_self(entries)
    drop_unsafe_links(entries)


def render_entries(document: nodes.document, config: Config) -> None:
    """Render every placeholder of a page, in the project's labels and settings."""
    parked = blocks(document, cv_parked, skip=cv_parked)
    if parked:
        context = render_context(config, translated_labels())
        with paused_gc():
            for node in parked:
                render_parked(node, document, context)


class RenderEntries(SphinxPostTransform):
    """The first post-transform: the lists' entries, before anything reads or converts them."""

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        render_entries(self.document, self.config)
