"""What more than one writer needs to read sphinx-cv's nodes: numbers, heading parts, contacts."""

from __future__ import annotations

from docutils import nodes

from ..nodes import cv_contact_label, cv_heading, cv_icon


def pub_number(node: nodes.Element) -> int | None:
    """The number a publication shows: its list's ``start``, counting down for ``reversed`` lists."""
    parent = node.parent
    if not isinstance(parent, nodes.enumerated_list):
        return None
    start = int(parent.get("start", 1))
    index = parent.index(node)
    return start - index if parent.get("reversed") else start + index


def heading_dates(heading: cv_heading) -> list[tuple[str, str]]:
    """The heading's ``(shown, iso)`` date pairs (none for an undated entry)."""
    return list(heading.get("dates") or [])


def contact_parts(contact: nodes.Element) -> tuple[str, list[nodes.Node]]:
    """A contact's label without its colon ("" when the link is its own label), and its value nodes.

    The icon is neither: it stands for the label in HTML only.
    """
    label = ""
    value: list[nodes.Node] = []
    for child in contact.children:
        if isinstance(child, cv_contact_label):
            label = child.astext().rstrip(" :\u00a0")
        elif isinstance(child, cv_icon):
            continue
        elif not isinstance(child, nodes.Text) or child.strip():
            value.append(child)
    return label, value
