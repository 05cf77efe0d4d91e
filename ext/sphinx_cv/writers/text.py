"""Plain-text output: a CV that reads well in a terminal or an e-mail.

The standard fallback would print every entry as a ``*`` bullet with
``**title**`` markup. Here an entry is its heading line (dates, two spaces,
title, subtitle, location) with the body indented under it, and a profile is
the name, the tagline and one contact per line; a publication is its
number and title with the authors, venue and links on the lines under it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.text import TextTranslator

from .latex import pub_number
from ..nodes import cv_dates, cv_entry, cv_heading, cv_profile, cv_pub

#: indentation of an entry's body (and of its heading's wrapped lines)
INDENT = 4


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node["classes"]


def heading_text(heading: cv_heading) -> str:
    """``Sep 2019 – Present  Postdoc Researcher, University, Place``."""
    parts = list(heading.children)
    dates = ""
    if parts and isinstance(parts[0], cv_dates):
        dates = parts.pop(0).astext() + "  "
        if parts and isinstance(parts[0], nodes.Text):
            parts.pop(0)  # the single space the heading has there
    return dates + "".join(p.astext() for p in parts)


def visit_cv_entry(self: TextTranslator, node: cv_entry) -> None:
    """The heading at the list's margin; its wrapped lines and the body indented under it."""
    children = list(node.children)
    self.new_state(INDENT)
    if children and isinstance(children[0], cv_heading):
        self.new_state(0)
        self.add_text(heading_text(children.pop(0)))
        self.end_state()
    for child in children:
        child.walkabout(self)
    self.end_state(first="")
    raise nodes.SkipNode


def _contact_line(para: nodes.Element) -> str:
    """``Label: value``; a link that is its own label (Google Scholar) shows its URL."""
    links = [c for c in para.children if isinstance(c, nodes.reference)]
    if len(para.children) == 1 and links:
        return f"{links[0].astext()}: {links[0].get('refuri', '')}"
    return para.astext()


def visit_cv_profile(self: TextTranslator, node: cv_profile) -> None:
    """Name and tagline, a block of contact lines, then the body as ordinary text."""
    header: list[str] = []
    contacts: list[str] = []
    body: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, nodes.image):
            continue  # a photo has no text form
        if _has_class(child, "cv-name") or _has_class(child, "cv-tagline"):
            header.append(child.astext())
        elif _has_class(child, "cv-contact"):
            contacts += [_contact_line(item[0]) for item in child.children if len(item)]
        else:
            body.append(child)
    for block in (header, contacts):
        if block:
            self.new_state(0)
            self.add_text("\n".join(block))
            self.end_state(wrap=False)
    for child in body:
        child.walkabout(self)
    raise nodes.SkipNode


def _line(self: TextTranslator, text: str = "", children: list[nodes.Node] | None = None) -> None:
    """One block of the current item, wrapped, with no blank line after it."""
    self.new_state(0)
    if children is None:
        self.add_text(text)
    else:
        for child in children:
            child.walkabout(self)
    self.end_state(end=None)


def visit_cv_pub(self: TextTranslator, node: cv_pub) -> None:
    """``3. Title`` with authors (the owner in ``**bold**``), venue and one link per line under it."""
    number = pub_number(node)
    prefix = f"{number}. " if number is not None else "* "
    self.new_state(len(prefix))
    for child in node.children:
        if _has_class(child, "cv-pub-authors"):
            _line(self, children=list(child.children))
        elif _has_class(child, "cv-pub-links"):
            for ref in child.findall(nodes.reference):
                _line(self, f"{ref.astext()}: {ref.get('refuri', '')}")
        elif _has_class(child, "cv-pub-title") or _has_class(child, "cv-pub-venue"):
            _line(self, child.astext())
        else:
            self.states[-1].append((0, [""]))  # abstract, BibTeX: blocks of their own
            child.walkabout(self)
    self.states[-1].append((0, [""]))
    self.end_state(first=prefix)
    raise nodes.SkipNode


def setup_text(app: Sphinx) -> None:
    app.add_node(cv_entry, override=True, text=(visit_cv_entry, None))
    app.add_node(cv_profile, override=True, text=(visit_cv_profile, None))
    app.add_node(cv_pub, override=True, text=(visit_cv_pub, None))
