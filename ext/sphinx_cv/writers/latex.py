"""LaTeX (PDF) output: a dated CV layout instead of nested bullet lists.

The visitors write semantic macros (``\\sphinxcvtitle``, ``sphinxcventries``...)
defined in the shipped ``texinputs/sphinxcv.sty``, so a site restyles its PDF
by redefining them in ``latex_elements['preamble']``. Entries put their dates
in the item label (a column left of the text); profiles become a header;
publications a numbered list with the owner's name in bold.
Everything else in an entry or profile body goes through Sphinx's own visitors.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file
from sphinx.writers.latex import LaTeXTranslator

from ..nodes import (
    cv_dates,
    cv_details,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_profile,
    cv_pub,
    cv_publications,
    cv_publist,
    cv_timeline,
)

STY = Path(__file__).parent.parent / "texinputs" / "sphinxcv.sty"

PHOTO_HEIGHT = "7em"

#: heading part class -> the macro that typesets it
HEADING_MACROS = {
    "cv-title": "sphinxcvtitle",
    "cv-subtitle": "sphinxcvsubtitle",
    "cv-location": "sphinxcvlocation",
}


def _has_class(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Element) and name in node["classes"]


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


def latex_dates(self: LaTeXTranslator, dates: cv_dates) -> str:
    """``Sep 2019\\sphinxcvto{}Present``: the range dash is a macro, so a site can restyle it."""
    return r"\sphinxcvto{}".join(self.encode(text) for text, _iso in dates["dates"])


def visit_cv_entry(self: LaTeXTranslator, node: cv_entry) -> None:
    """``\\sphinxcventry{dates}`` (an ``\\item``), the heading parts as macros, then the body as usual."""
    children = list(node.children)
    heading = children.pop(0) if children and isinstance(children[0], cv_heading) else None
    parts = list(heading.children) if heading is not None else []
    label = ""
    if parts and isinstance(parts[0], cv_dates):
        label = latex_dates(self, parts.pop(0))
        if parts and isinstance(parts[0], nodes.Text):
            parts.pop(0)  # the space after the dates: they have a column of their own
    self.body.append(f"\\sphinxcventry{{{label}}}" + self.hypertarget_to(node) + "\n")
    if heading is not None:
        self.body.append(r"\sphinxcvheading{")
        for part in parts:
            macro = next((m for c, m in HEADING_MACROS.items() if _has_class(part, c)), None)
            if macro is None:
                part.walkabout(self)  # separators (", ") and anything unforeseen
            else:
                # the part's own strong/emphasis markup is the macro's job
                _wrapped(self, macro, list(part.children))
        self.body.append("}\n")
    _walk(self, children)
    raise nodes.SkipNode


def _contact(self: LaTeXTranslator, para: nodes.Element) -> str:
    """One contact as ``\\sphinxcvcontact{label}{link}`` (or just the link when it is its own label)."""
    label = ""
    rest: list[nodes.Node] = []
    for child in para.children:
        if _has_class(child, "cv-contact-label"):
            label = self.encode(child.astext().rstrip(" :\u00a0"))
        elif not isinstance(child, nodes.Text) or child.strip():
            rest.append(child)
    saved, self.body = self.body, []
    try:
        _walk(self, rest)
        value = "".join(self.body)
    finally:
        self.body = saved
    return f"\\sphinxcvcontact{{{label}}}{{{value}}}" if label else f"\\mbox{{{value}}}"


def visit_cv_profile(self: LaTeXTranslator, node: cv_profile) -> None:
    """A centred header (photo, name, tagline, contacts); the body follows as ordinary text.

    The name is shown even with ``cv-hide-name``: that class defers to an HTML
    page title, which a PDF does not typeset.
    """
    self.body.append("\n\\begin{sphinxcvprofile}" + self.hypertarget_to(node, anchor=True) + "\n")
    body: list[nodes.Node] = []
    for child in node.children:
        if isinstance(child, nodes.image) and _has_class(child, "cv-photo"):
            photo = child.deepcopy()
            photo["height"] = PHOTO_HEIGHT  # a portrait, not a full-width figure
            _wrapped(self, "sphinxcvphoto", [photo])
            self.body.append("\n")
        elif _has_class(child, "cv-name"):
            self.body.append(f"\\sphinxcvname{{{self.encode(child.astext())}}}\n")
        elif _has_class(child, "cv-tagline"):
            _wrapped(self, "sphinxcvtagline", list(child.children))
            self.body.append("\n")
        elif _has_class(child, "cv-contact"):
            items = [_contact(self, item[0]) for item in child.children if len(item)]
            self.body.append("\\sphinxcvcontacts{" + "\\sphinxcvcontactsep\n".join(items) + "}\n")
        else:
            body.append(child)
    self.body.append("\\end{sphinxcvprofile}\n")
    _walk(self, body)
    raise nodes.SkipNode


#: publication paragraph class -> the macro that typesets it
PUB_MACROS = {
    "cv-pub-title": "sphinxcvpubtitle",
    "cv-pub-authors": "sphinxcvpubauthors",
    "cv-pub-venue": "sphinxcvpubvenue",
    "cv-pub-links": "sphinxcvpublinks",
}


def _ancestors(node: nodes.Node) -> list[nodes.Element]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def pub_number(node: nodes.Element) -> int | None:
    """The number a publication shows: its list's ``start``, counting down for ``reversed`` lists."""
    parent = node.parent
    if not isinstance(parent, nodes.enumerated_list):
        return None
    start = int(parent.get("start", 1))
    index = parent.index(node)
    return start - index if parent.get("reversed") else start + index


def visit_cv_publications(self: LaTeXTranslator, node: cv_publications) -> None:
    self.body.append("\n\\begin{sphinxcvpublications}" + self.hypertarget_to(node, anchor=True) + "\n")


def depart_cv_publications(self: LaTeXTranslator, node: cv_publications) -> None:
    self.body.append("\n\\end{sphinxcvpublications}\n")


def visit_cv_publist(self: LaTeXTranslator, node: cv_publist) -> None:
    """A list whose labels are as wide as the widest number of the whole publication list.

    Counting down, the list arrives split into one list per entry; a common
    width keeps their titles aligned.
    """
    scope = next((a for a in _ancestors(node) if isinstance(a, cv_publications)), node)
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
        macro = next((m for c, m in PUB_MACROS.items() if _has_class(child, c)), None)
        if macro is not None:
            _wrapped(self, macro, list(child.children))
            self.body.append("\n")
        elif isinstance(child, cv_details):
            if not _has_class(child, "cv-pub-bibtex"):
                # the body without its "Abstract" label: shown as a smaller paragraph
                _wrapped(self, "sphinxcvpubdetails", list(child.children[1:]))
                self.body.append("\n")
        else:
            child.walkabout(self)
    self.body.append("\\end{sphinxcvpub}\n")
    raise nodes.SkipNode


def _copy_sty(app: Sphinx, exception: Exception | None) -> None:
    """Put ``sphinxcv.sty`` next to the .tex files (where latexmk and Read the Docs look)."""
    if exception is None and app.builder.format == "latex":
        copy_asset_file(STY, app.builder.outdir, force=True)


def setup_latex(app: Sphinx) -> None:
    app.add_latex_package("sphinxcv")
    app.add_node(cv_timeline, override=True, latex=(visit_cv_timeline, depart_cv_timeline))
    app.add_node(cv_entries, override=True, latex=(visit_cv_entries, depart_cv_entries))
    app.add_node(cv_entry, override=True, latex=(visit_cv_entry, None))
    app.add_node(cv_profile, override=True, latex=(visit_cv_profile, None))
    app.add_node(cv_publications, override=True, latex=(visit_cv_publications, depart_cv_publications))
    app.add_node(cv_publist, override=True, latex=(visit_cv_publist, depart_cv_publist))
    app.add_node(cv_pub, override=True, latex=(visit_cv_pub, None))
    app.connect("build-finished", _copy_sty)
