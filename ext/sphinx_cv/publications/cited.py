"""The renderer's styled half: an entry as a citation style wrote it (:class:`~sphinx_cv.core.csl.Formatted`)
to nodes, with what the CV adds inside it.

The text is the style's; the record says who each name is, so the site
owner's name is a ``strong.cv-author-self`` inside the formatted text,
co-authors with a homepage are links, note marks follow their names, and the
title is a :class:`cv_cite_title` that the paper's page link wraps later.
Every node is a standard docutils node (or a subclass), so HTML, LaTeX and
text all show it; run text is data, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes

from ..core.csl import Formatted, Piece
from ..core.record import Author, Publication
from ..core.urls import safe_url
from ..inline import link_node
from ..nodes import cv_author_note, cv_cite_title, cv_pub_cite, cv_pub_label

_STYLE_NODES: dict[str, Callable[..., nodes.Element]] = {
    "em": nodes.emphasis,
    "strong": nodes.strong,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
}


def author_marks(marks: Sequence[str]) -> cv_author_note:
    """``*†`` as one superscript; numbers (affiliations) separated by commas."""
    text = ("," if any(m.isalnum() for m in marks) else "").join(marks)
    return cv_author_note(text, text, classes=["cv-author-note"])


def render_cite(pub: Publication, cited: Formatted, *, label: bool) -> cv_pub_cite:
    """The formatted entry as one paragraph, its numeric label first when the list is numbered."""
    node = cv_pub_cite(classes=["cv-pub-cite"])
    text = "".join(piece.text for piece in cited.label)
    if label and text:
        node += cv_pub_label(text, text, classes=["cv-pub-label"])
        node += nodes.Text(" ")
    node.extend(cited_nodes(cited.body, lambda person: _author(pub, person)))
    return node


def _author(pub: Publication, person: tuple[str, int]) -> Author | None:
    """The record's author a formatted name stands for (the CSL-JSON face lists them in order)."""
    role, index = person
    return pub.authors[index] if role == "author" and index < len(pub.authors) else None


AuthorOf = Callable[[tuple[str, int]], Author | None]


def cited_nodes(pieces: Sequence[Piece], author_of: AuthorOf) -> list[nodes.Node]:
    """Formatted runs as inline nodes: styles, links, the owner strong, co-authors linked, the title.

    Plain runs next to each other (names of co-authors without a homepage, the
    punctuation between) are one text node, as in the built-in look: a long
    list is then a few nodes for every transform and writer to walk.
    """
    out: list[nodes.Node] = []
    for index, piece in enumerate(pieces):
        author = author_of(piece.person) if piece.person else None
        plain = not (piece.styles or piece.url or piece.title or (author and (author.is_owner or author.url)))
        if plain and out and type(out[-1]) is nodes.Text:
            out[-1] = nodes.Text(out[-1] + piece.text)
        else:
            _append(out, piece, author)
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if author is not None and author.marks and (following is None or following.person != piece.person):
            out.append(author_marks(author.marks))
    return out


def _append(out: list[nodes.Node], piece: Piece, author: Author | None) -> None:
    """One run as its node, after ``out`` (a title's runs all go into one title node)."""
    node: nodes.Node = nodes.Text(piece.text)
    for style in sorted(piece.styles):
        maker = _STYLE_NODES.get(style)
        wrapper = maker() if maker else nodes.inline(classes=[f"cv-cite-{style}"])
        wrapper += node
        node = wrapper
    url = _safe(piece.url)
    if url:
        node = link_node([node], url)
    elif author is not None and author.is_owner:
        node = nodes.strong("", "", node, classes=["cv-author-self"])
    elif author is not None and author.url:
        node = link_node([node], author.url)
        node["classes"].append("cv-author-link")
    if piece.title and not url:
        title = out[-1] if out and isinstance(out[-1], cv_cite_title) else None
        if title is None:
            title = cv_cite_title(classes=["cv-cite-title"])
            out.append(title)
        title += node
    else:
        out.append(node)


def _safe(url: str) -> str:
    try:
        return safe_url(url) or "" if url else ""
    except ValueError:  # a URL urllib cannot split (an unclosed IPv6 bracket) is no link
        return ""
