"""Walking a page's doctree cheaply: finding our blocks, and keeping the nodes walked side by side.

A page's read and write handlers look for the few containers the directives
made (a profile, timelines, lists, papers), and ``Node.findall`` would visit
every node to find them: 14,000 in a timeline of 1,000 entries, once per
handler. Directives make block nodes, and a block node never sits inside a
text element (a paragraph, a title, a heading line: they hold inline markup
only), so :func:`blocks` does not enter those.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from docutils import nodes

N = TypeVar("N", bound=nodes.Element)
T = TypeVar("T", bound=nodes.Node)


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


#: nodes the document (or a transform still to run) keeps a reference to while the page is read
_NOTED = (
    nodes.pending,
    nodes.target,
    nodes.footnote,
    nodes.footnote_reference,
    nodes.citation,
    nodes.citation_reference,
    nodes.substitution_definition,
    nodes.substitution_reference,
    nodes.system_message,
)
#: what docutils keeps on a node besides its attributes: a copy made by ``Node.copy`` keeps all of it
_STATE = frozenset(
    {"_document", "attributes", "children", "line", "parent", "rawsource", "source", "tagname"}
)


def _copyable(node: nodes.Element) -> bool:
    """Nothing in ``node`` is held by the document (an id, a name, a target, a note) or holds more state
    than ``Node.copy`` copies (a third-party node's own fields)."""
    for part in node.findall():
        if not _STATE.issuperset(vars(part)):
            return False
        if isinstance(part, nodes.Element) and (
            isinstance(part, _NOTED) or part["ids"] or part["names"] or "refid" in part or "refname" in part
        ):
            return False
    return True


def _clone(node: T, parent: nodes.Element | None) -> T:
    """``node`` made anew through its class's own ``copy``, with its children's source and line kept.

    Not ``Node.deepcopy``: its ``setup_child`` gives a child without a line the
    document's current one, and a text node's copy forgets its own.
    """
    new = node.copy()
    new.parent = parent
    if isinstance(node, nodes.Element) and isinstance(new, nodes.Element):
        new.children = [_clone(child, new) for child in node.children]
    else:
        new.source, new.line = node.source, node.line
        if node.document is not None:
            new.document = node.document
    return new


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while many nodes that stay in the page are made.

    CPython's collector counts allocations, not garbage: a 3,000-paper list
    (75,000 nodes made in one go) brought on four full collections over the
    whole heap, 0.7 s, finding nothing to free. Reference counting still frees
    what dies, and the collector runs as before afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compacted(items: list[N]) -> list[N]:
    """``items`` made anew, so that their nodes lie side by side in memory, when nothing refers to them.

    A timeline's entries are made one directive at a time, each between the
    parser's short-lived objects (MyST's tokens, its stand-in state), so their
    nodes end up scattered across the heap; every later walk of the page
    (Sphinx's 45 read transforms, the pickle, each writer) then misses the
    CPU's caches. With collection off, the read transforms of a 1,000-entry
    MyST timeline took 0.54 s over the list as parsed and 0.44 s over a copy,
    the copy included. The copy is made with the collector paused: its 100,000
    allocations would otherwise bring on a full collection that costs what
    the copy saves. A part of the page the document holds by reference (an
    id, a target, a footnote, a pending transform) must stay the node it
    holds: then the items are kept as made.
    """
    if not all(_copyable(item) for item in items):
        return items
    with paused_gc():
        return [_clone(item, None) for item in items]
