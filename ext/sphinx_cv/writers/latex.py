"""LaTeX (PDF) output: a dated CV layout instead of nested bullet lists.

The visitors write semantic macros (``\\sphinxcvtitle``, ``sphinxcventries``...)
defined in the shipped ``texinputs/sphinxcv.sty``, so a site restyles its PDF
by redefining them in ``latex_elements['preamble']``. Entries put their dates
in the item label (a column left of the text); profiles become a header;
publications a numbered list with the owner's name in bold.
Everything else in an entry or profile body goes through Sphinx's own visitors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator

from ..nodes import (
    cv_contact,
    cv_contacts,
    cv_details,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_location,
    cv_name,
    cv_photo,
    cv_profile,
    cv_pub,
    cv_pub_authors,
    cv_pub_award,
    cv_pub_links,
    cv_pub_title,
    cv_pub_venue,
    cv_publications,
    cv_publist,
    cv_subtitle,
    cv_tagline,
    cv_timeline,
    cv_title,
)
from .common import contact_parts, heading_dates, pub_number

STY = Path(__file__).parent.parent / "texinputs" / "sphinxcv.sty"

PHOTO_HEIGHT = "7em"

#: heading part -> the macro that typesets it
HEADING_MACROS: tuple[tuple[type[nodes.Element], str], ...] = (
    (cv_title, "sphinxcvtitle"),
    (cv_subtitle, "sphinxcvsubtitle"),
    (cv_location, "sphinxcvlocation"),
)
#: publication part -> the macro that typesets it
PUB_MACROS: tuple[tuple[type[nodes.Element], str], ...] = (
    (cv_pub_title, "sphinxcvpubtitle"),
    (cv_pub_authors, "sphinxcvpubauthors"),
    (cv_pub_venue, "sphinxcvpubvenue"),
    (cv_pub_award, "sphinxcvpubaward"),
    (cv_pub_links, "sphinxcvpublinks"),
)


def _macro(node: nodes.Node, table: tuple[tuple[type[nodes.Element], str], ...]) -> str | None:
    return next((macro for cls, macro in table if isinstance(node, cls)), None)


def _walk(self: LaTeXTranslator, children: list[nodes.Node]) -> None:
    for child in children:
        child.walkabout(self)


def _wrapped(self: LaTeXTranslator, macro: str, children: list[nodes.Node]) -> None:
    self.body.append(f"\\{macro}{{")
    _walk(self, children)
    self.body.append("}")


def visit_cv_timeline(self: LaTeXTranslator, node: cv_timeline) -> None:
    # the label makes :ref: to a named timeline land on it
    self.body.append("\n\\begin{sphinxcvtimeline}" + self.hypertarget_to(node, anchor=True) + "\n")


def depart_cv_timeline(self: LaTeXTranslator, node: cv_timeline) -> None:
    self.body.append("\n\\end{sphinxcvtimeline}\n")


def visit_cv_entries(self: LaTeXTranslator, node: cv_entries) -> None:
    self.body.append("\\begin{sphinxcventries}\n")


def depart_cv_entries(self: LaTeXTranslator, node: cv_entries) -> None:
    self.body.append("\\end{sphinxcventries}\n")


def visit_cv_entry(self: LaTeXTranslator, node: cv_entry) -> None:
    """``\\sphinxcventry{dates}`` (an ``\\item``), the heading parts as macros, then the body as usual.

    The range dash is ``\\sphinxcvto``, so a site can restyle it.
    """
    children = list(node.children)
    heading = children[0] if children and isinstance(children[0], cv_heading) else None
    if heading is not None:
        children.pop(0)
    label = ""
    if heading is not None:
        label = r"\sphinxcvto{}".join(self.encode(text) for text, _iso in heading_dates(heading))
    self.body.append(f"\\sphinxcventry{{{label}}}" + self.hypertarget_to(node) + "\n")
    if heading is not None:
        self.body.append(r"\sphinxcvheading{")
        for index, part in enumerate(heading.children):
            if index:
                self.body.append(", ")
            macro = _macro(part, HEADING_MACROS)
            if macro is None:
                part.walkabout(self)  # anything unforeseen
            else:
                # the part's own strong/emphasis markup is the macro's job
                _wrapped(self, macro, list(part.children))
        self.body.append("}\n")
    _walk(self, children)
    raise nodes.SkipNode


def _contact(self: LaTeXTranslator, contact: nodes.Element) -> str:
    """One contact as ``\\sphinxcvcontact{label}{link}`` (or just the link when it is its own label)."""
    label, value = contact_parts(contact)
    saved, self.body = self.body, []
    try:
        _walk(self, value)
        written = "".join(self.body)
    finally:
        self.body = saved
    return f"\\sphinxcvcontact{{{self.encode(label)}}}{{{written}}}" if label else f"\\mbox{{{written}}}"


def visit_cv_profile(self: LaTeXTranslator, node: cv_profile) -> None:
    """A centred header (photo, name, tagline, contacts); the body follows as ordinary text.

    The name is shown even with ``cv-hide-name``: that class defers to an HTML
    page title, which a PDF does not typeset.
    """
    self.body.append("\n\\begin{sphinxcvprofile}" + self.hypertarget_to(node, anchor=True) + "\n")
    body: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, cv_photo):
            photo = child.deepcopy()
            photo["height"] = PHOTO_HEIGHT  # a portrait, not a full-width figure
            _wrapped(self, "sphinxcvphoto", [photo])
            self.body.append("\n")
        elif isinstance(child, cv_name):
            self.body.append(f"\\sphinxcvname{{{self.encode(child.astext())}}}\n")
        elif isinstance(child, cv_tagline):
            _wrapped(self, "sphinxcvtagline", list(child.children))
            self.body.append("\n")
        elif isinstance(child, cv_contacts):
            items = [_contact(self, contact) for contact in child.findall(cv_contact)]
            self.body.append("\\sphinxcvcontacts{" + "\\sphinxcvcontactsep\n".join(items) + "}\n")
        else:
            body.append(child)
    self.body.append("\\end{sphinxcvprofile}\n")
    _walk(self, body)
    raise nodes.SkipNode


def visit_cv_publications(self: LaTeXTranslator, node: cv_publications) -> None:
    self.body.append("\n\\begin{sphinxcvpublications}" + self.hypertarget_to(node, anchor=True) + "\n")


def depart_cv_publications(self: LaTeXTranslator, node: cv_publications) -> None:
    self.body.append("\n\\end{sphinxcvpublications}\n")


def visit_cv_publist(self: LaTeXTranslator, node: cv_publist) -> None:
    """A list whose labels are as wide as the widest number of the whole publication list.

    Counting down, the list arrives split into one list per entry; a common
    width keeps their titles aligned.
    """
    scope: nodes.Element = node
    parent = node.parent
    while parent is not None:
        if isinstance(parent, cv_publications):
            scope = parent
            break
        parent = parent.parent
    widest = max((pub_number(item) or 0 for item in scope.findall(cv_pub)), default=0)
    self.body.append(f"\\begin{{sphinxcvpublist}}{{{widest}.}}\n")


def depart_cv_publist(self: LaTeXTranslator, node: cv_publist) -> None:
    self.body.append("\\end{sphinxcvpublist}\n")


def visit_cv_pub(self: LaTeXTranslator, node: cv_pub) -> None:
    """``\\item[3.]`` (numbers written out: reversed and continued lists need no counter), then
    title, authors (the owner in bold), venue and links as macros; an abstract is kept, the
    BibTeX source is not (a printed CV is for reading)."""
    number = pub_number(node)
    label = f"[{number}.]" if number is not None else ""
    self.body.append(f"\\item{label}" + self.hypertarget_to(node) + "\n\\begin{sphinxcvpub}\n")
    for child in node.children:
        macro = _macro(child, PUB_MACROS)
        if macro is not None:
            _wrapped(self, macro, list(child.children))
            self.body.append("\n")
        elif isinstance(child, cv_details):
            if child.get("kind") != "bibtex":
                # the body without its "Abstract" label: shown as a smaller paragraph
                _wrapped(self, "sphinxcvpubdetails", list(child.children[1:]))
                self.body.append("\n")
        else:
            child.walkabout(self)
    self.body.append("\\end{sphinxcvpub}\n")
    raise nodes.SkipNode


def copy_sty(app: Sphinx, exception: Exception | None) -> None:
    """Put ``sphinxcv.sty`` next to the .tex files (where latexmk and Read the Docs look).

    A plain copy: Sphinx's ``copy_asset_file`` changed its signature between 7.4 and 8.
    """
    if exception is None and app.builder.format == "latex":
        shutil.copyfile(STY, Path(app.builder.outdir) / STY.name)
