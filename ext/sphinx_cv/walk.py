"""Finding sphinx-cv's block nodes in a doctree without visiting its every node.

A page's read and write handlers look for the few containers the directives
made (a profile, timelines, lists, papers), and ``Node.findall`` would visit
every node to find them: 14,000 in a timeline of 1,000 entries, once per
handler. Directives make block nodes, and a block node never sits inside a
text element (a paragraph, a title, a heading line: they hold inline markup
only), so :func:`blocks` does not enter those.
"""

from __future__ import annotations

from typing import Any, TypeVar

from docutils import nodes

N = TypeVar("N", bound=nodes.Element)


def blocks(root: nodes.Element, kind: type[N] | tuple[type[N], ...], *, skip: Any = ()) -> list[N]:
    """The nodes of ``kind`` in ``root`` (``root`` too), in document order, as ``findall`` finds them.

    Nodes of ``skip`` are not entered (their own nodes are not wanted); neither are text elements.
    """
    found: list[N] = []
    stack: list[nodes.Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, kind):
            found.append(node)
        if skip and node is not root and isinstance(node, skip):
            continue
        if isinstance(node, nodes.TextElement) or not isinstance(node, nodes.Element):
            continue
        stack.extend(reversed(node.children))
    return found


def enclosing(node: nodes.Node, kind: type[N] | tuple[type[N], ...]) -> N | None:
    """The nearest node of ``kind`` around ``node`` (walking up is cheap: a page is shallow)."""
    parent = node.parent
    while parent is not None and not isinstance(parent, kind):
        parent = parent.parent
    return parent
