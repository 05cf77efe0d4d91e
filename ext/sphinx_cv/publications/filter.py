"""The filter of a publication list (``:controls:``): its facets and each entry's values, from the records.

The list gets a :class:`~sphinx_cv.nodes.cv_pub_filter` (HTML: the controls in
a ``<template>``, inert until ``sphinx-cv.js`` puts them on the page, so a
page read without JavaScript shows every entry and no control that cannot
work), and each entry its values as ``data-year``, ``data-type``,
``data-tags``, ``data-selected``, and its number as ``<li value>``. The
script writes the choices to the address when they change, not at load: a
second filtered list on the page reads the same address. A value is a token without spaces (the
script splits on them, and they are the URL's query values): the four-digit
year (or ``undated``), the record's kind, a tag folded to lower case with
dashes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ..core.bib import KIND_LABELS
from ..core.record import Publication
from ..nodes import cv_pub_filter, cv_publications

#: what ``:controls:`` may name, in the order the controls are shown (search box first)
CONTROLS = ("search", "year", "type", "tags", "selected")
#: the facets' headings; "selected" is one button without a heading
LEGENDS = {"year": "Year", "type": "Type", "tags": "Tags", "selected": ""}
UNDATED = "undated"


def tag_token(tag: str) -> str:
    """ "Differential Privacy" -> "differential-privacy": one tag however it is capitalised."""
    return "-".join(tag.casefold().split())


def _tags(pub: Publication) -> dict[str, str]:
    """token -> the tag as first written; "selected" is a control of its own, not a tag."""
    found: dict[str, str] = {}
    for tag in pub.keywords:
        token = tag_token(tag)
        if token and token != "selected":
            found.setdefault(token, tag)
    return found


def item_values(pub: Publication, facets: Sequence[str]) -> dict[str, str]:
    """One entry's ``data-*`` for the list's facets: space-separated tokens (none: left out)."""
    values = {
        "year": pub.year4 or UNDATED,
        "type": pub.kind,
        "tags": " ".join(_tags(pub)),
        "selected": "1" if pub.selected else "",
    }
    return {name: values[name] for name in facets if values[name]}


def _values(facet: str, pubs: Sequence[Publication], label: Callable[[str], str]) -> list[list[str]]:
    """(token, button text) of a facet, in the order shown: newest year, the type order of
    ``:group-by: type``, tags alphabetically."""
    if facet == "year":
        years = sorted({pub.year4 for pub in pubs if pub.year4}, reverse=True)
        undated = [[UNDATED, label("Undated")]] if any(not pub.year4 for pub in pubs) else []
        return [[year, year] for year in years] + undated
    if facet == "type":
        kinds = {pub.kind for pub in pubs}
        return [[kind, label(text)] for kind, text in KIND_LABELS.items() if kind in kinds]
    if facet == "tags":
        tags: dict[str, str] = {}
        for pub in pubs:
            for token, tag in _tags(pub).items():
                tags.setdefault(token, tag)
        return [[token, tags[token]] for token in sorted(tags, key=lambda t: (tags[t].casefold(), t))]
    return [["1", label("Selected")]] if any(pub.selected for pub in pubs) else []


def _narrows(facet: str, values: list[list[str]], pubs: Sequence[Publication]) -> bool:
    """Whether some button of the facet would hide an entry: a facet every entry passes is left out."""
    held = Counter(token for pub in pubs for token in set(item_values(pub, [facet]).get(facet, "").split()))
    return any(held[token] < len(pubs) for token, _text in values)


def add_filter(
    node: cv_publications, pubs: Sequence[Publication], controls: Sequence[str], label: Callable[[str], str]
) -> tuple[str, ...] | None:
    """Put the controls after the list's caption; the facets whose values each entry carries
    (``None``: no controls). The entries take their values (:func:`item_values`) and their
    numbers when they are rendered (:mod:`.deferred`): hiding the entries before one must not
    renumber it, so each number is written out (``<li value>``)."""
    facets: list[list[Any]] = []
    for facet in (c for c in CONTROLS if c in controls and c in LEGENDS):
        values = _values(facet, pubs, label)
        if values and _narrows(facet, values, pubs):
            legend = LEGENDS[facet]
            facets.append([facet, label(legend) if legend else "", values])
    if not facets and "search" not in controls:
        return None  # nothing would narrow this list: no controls
    controls_node = cv_pub_filter(
        facets=facets,
        search=label("Search") if "search" in controls else "",
        count=label("Publications shown: {shown} of {total}").replace("{total}", str(len(pubs))),
    )
    node.insert(1 if node.get("caption") else 0, controls_node)
    return tuple(facet for facet, _legend, _values in facets)
