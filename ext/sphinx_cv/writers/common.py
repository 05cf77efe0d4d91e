"""What more than one writer needs to read sphinx-cv's nodes: numbers, heading parts, contacts."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from docutils import nodes

from ..nodes import cv_contact_label, cv_heading, cv_icon, cv_pub_label


def item_number(node: nodes.Element) -> int | None:
    """The number of a publication or numbered entry: its list's ``start``, counting down when ``reversed``.

    ``None`` for an item of a list without numbers.
    """
    parent = node.parent
    if not isinstance(parent, nodes.enumerated_list):
        return None
    start = int(parent.get("start", 1))
    index = parent.index(node)
    return start - index if parent.get("reversed") else start + index


def pub_label(node: nodes.Element) -> str:
    """The number a publication shows: a numeric style's label ("[3]"), else "3.", else ""."""
    label = next(node.findall(cv_pub_label), None)
    if label is not None:
        return label.astext()
    number = item_number(node)
    return f"{number}." if number is not None else ""


def unlabelled(children: list[nodes.Node]) -> list[nodes.Node]:
    """A part's children without the numeric label (and its space), which goes in the number's place."""
    if children and isinstance(children[0], cv_pub_label):
        rest = children[1:]
        return rest[1:] if rest and isinstance(rest[0], nodes.Text) and not rest[0].strip() else rest
    return children


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


#: query parameters that only choose a language or track a click: left out of a printed address
NOISE_PARAMETERS = frozenset({"hl", "lang", "ref", "view_op"})


def short_url(url: str) -> str:
    """A web address as printed on paper (``github.com/enosair``); "" for other kinds of link.

    Without scheme, ``www.``, trailing slash and parameters that change nothing
    a reader needs (``&hl=en``, ``utm_*``).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    host = parts.netloc.removeprefix("www.")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key not in NOISE_PARAMETERS and not key.startswith("utm_")
    ]
    path = parts.path.rstrip("/")
    return host + path + (f"?{urlencode(query, safe=':/')}" if query else "")
