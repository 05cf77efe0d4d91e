"""Plain-text output: a CV that reads well in a terminal or an e-mail.

The standard fallback would print every entry as a ``*`` bullet with
``**title**`` markup. Here an entry is its heading line (dates, two spaces,
title, subtitle, location) with the body indented under it, and a profile is
the name, the tagline and one contact per line; a publication is its
number and title with the authors, venue and links on the lines under it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.text import TextTranslator

from ..core.dates import RANGE_DASH
from ..nodes import (
    cv_author_note,
    cv_contact,
    cv_contacts,
    cv_entry,
    cv_heading,
    cv_name,
    cv_photo,
    cv_profile,
    cv_pub,
    cv_pub_authors,
    cv_pub_award,
    cv_pub_cite,
    cv_pub_cited,
    cv_pub_legend,
    cv_pub_links,
    cv_pub_preview,
    cv_pub_title,
    cv_pub_venue,
    cv_tagline,
)
from .common import contact_parts, heading_dates, item_number, pub_label, unlabelled

#: indentation of an entry's body (and of its heading's wrapped lines)
INDENT = 4


def heading_text(heading: cv_heading) -> str:
    """``Sep 2019 – Present  Postdoc Researcher, University, Place``."""
    dates = RANGE_DASH.join(shown for shown, _iso in heading_dates(heading))
    parts = ", ".join(part.astext() for part in heading.children)
    return f"{dates}  {parts}" if dates else parts


def visit_cv_entry(self: TextTranslator, node: cv_entry) -> None:
    """The heading at the list's margin; its wrapped lines and the body indented under it."""
    children = list(node.children)
    self.new_state(INDENT)
    if children and isinstance(children[0], cv_heading):
        number = item_number(node)
        self.new_state(0)
        self.add_text(("" if number is None else f"{number}. ") + heading_text(children[0]))
        self.end_state()
        children.pop(0)
    for child in children:
        child.walkabout(self)
    self.end_state(first="")
    raise nodes.SkipNode


def _contact_line(contact: nodes.Element) -> str:
    """``Label: value``; a link that is its own label (Google Scholar) shows its URL."""
    label, value = contact_parts(contact)
    if not label and len(value) == 1 and isinstance(value[0], nodes.reference):
        return f"{value[0].astext()}: {value[0].get('refuri', '')}"
    return contact.astext()


def visit_cv_profile(self: TextTranslator, node: cv_profile) -> None:
    """Name and tagline, a block of contact lines, then the body as ordinary text."""
    header: list[str] = []
    contacts: list[str] = []
    body: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, cv_photo):
            continue  # a photo has no text form
        if isinstance(child, cv_name | cv_tagline):
            header.append(child.astext())
        elif isinstance(child, cv_contacts):
            contacts += [_contact_line(contact) for contact in child.findall(cv_contact)]
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
    label = pub_label(node)
    prefix = f"{label} " if label else "* "
    self.new_state(len(prefix))
    for child in node.children:
        if isinstance(child, cv_pub_authors | cv_pub_cite):
            _line(self, children=unlabelled(list(child.children)))
        elif isinstance(child, cv_pub_links):
            for ref in child.findall(nodes.Element):
                if isinstance(ref, nodes.reference | cv_pub_cited):
                    _line(self, _link_line(ref))
        elif isinstance(child, cv_pub_title):
            _line(self, "".join(n.astext() for n in unlabelled(list(child.children))))
        elif isinstance(child, cv_pub_venue | cv_pub_award | cv_pub_legend):
            _line(self, child.astext())
        elif isinstance(child, cv_pub_preview):
            continue  # a thumbnail has no text form
        else:
            self.states[-1].append((0, [""]))  # abstract, BibTeX: blocks of their own
            child.walkabout(self)
    self.states[-1].append((0, [""]))
    self.end_state(first=prefix)
    raise nodes.SkipNode


def _link_line(ref: nodes.Element) -> str:
    """``DOI: https://doi.org/...``; ``Cited by 12 (OpenAlex, 2026-12-01): https://openalex.org/W...``."""
    label = ref.astext()
    if isinstance(ref, cv_pub_cited) and ref.get("title"):
        label += f" ({ref['title']})"
    url = str(ref.get("refuri", ""))
    return f"{label}: {url}" if url else label


def visit_cv_author_note(self: TextTranslator, node: cv_author_note) -> None:
    """``Q. Zheng*`` as written, not the standard ``Q. Zheng^*``."""
    self.add_text(node.astext())
    raise nodes.SkipNode
