"""LaTeX (PDF) output: a CV on a grid instead of nested bullet lists.

The visitors write semantic macros (``\\sphinxcvtitle``, ``sphinxcventries``...)
defined in the shipped ``texinputs/sphinxcv.sty``, so a site restyles its PDF
by redefining them in ``latex_elements['preamble']``. Entries put their dates
in the item label (a column left of the text), publications their year and
number, label lists (``**Skills:** ...``) their label; each entry is wrapped
in ``sphinxcvkeep`` so it is not split across pages. Profiles become a header
whose links show a readable address on paper.
Everything else in an entry or profile body goes through Sphinx's own visitors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.writers.latex import LaTeXTranslator

from ..nodes import (
    cv_contact,
    cv_contacts,
    cv_details,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_labelled,
    cv_location,
    cv_ltr,
    cv_name,
    cv_photo,
    cv_profile,
    cv_pub,
    cv_pub_authors,
    cv_pub_award,
    cv_pub_cite,
    cv_pub_group,
    cv_pub_links,
    cv_pub_title,
    cv_pub_venue,
    cv_publications,
    cv_subtitle,
    cv_tagline,
    cv_timeline,
    cv_title,
)
from .common import contact_parts, heading_dates, item_number, pub_label, short_url, unlabelled

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
    (cv_pub_cite, "sphinxcvpubcite"),
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


def _captured(self: LaTeXTranslator, children: list[nodes.Node]) -> str:
    """What Sphinx's visitors write for ``children``, as a string."""
    saved, self.body = self.body, []
    try:
        _walk(self, children)
        return "".join(self.body)
    finally:
        self.body = saved


def _caption(self: LaTeXTranslator, node: nodes.Element) -> None:
    """A timeline's or publication list's caption (a rubric) as ``\\sphinxcvcaption``, the rest as usual.

    Sphinx would make the rubric a ``\\subsubsection*``, a heading of the document's
    outline; a caption is a small heading inside its section.
    """
    for child in node.children:
        if isinstance(child, nodes.rubric):
            self.body.append(f"\\sphinxcvcaption{{{_captured(self, list(child.children))}}}\n")
        else:
            child.walkabout(self)


def visit_cv_timeline(self: LaTeXTranslator, node: cv_timeline) -> None:
    # the label makes :ref: to a named timeline land on it
    self.body.append("\n\\begin{sphinxcvtimeline}" + self.hypertarget_to(node, anchor=True) + "\n")
    _caption(self, node)
    self.body.append("\n\\end{sphinxcvtimeline}\n")
    raise nodes.SkipNode


def visit_cv_entries(self: LaTeXTranslator, node: cv_entries) -> None:
    self.body.append("\\begin{sphinxcventries}\n")


def depart_cv_entries(self: LaTeXTranslator, node: cv_entries) -> None:
    self.body.append("\\end{sphinxcventries}\n")


def visit_cv_entry(self: LaTeXTranslator, node: cv_entry) -> None:
    """``\\sphinxcventry{dates}`` (an ``\\item``), the heading parts as macros, then the body as usual,
    all in ``sphinxcvkeep`` (one page, unless the entry is long).

    The range dash is ``\\sphinxcvto``, so a site can restyle it.
    """
    children = list(node.children)
    heading = children[0] if children and isinstance(children[0], cv_heading) else None
    if heading is not None:
        children.pop(0)
    label = ""
    if heading is not None:
        label = r"\sphinxcvto{}".join(self.encode(text) for text, _iso in heading_dates(heading))
    number = item_number(node)
    if not label and number is not None:
        label = f"{number}."  # a numbered timeline (RenderCV's numbered kinds): the number in the column
    self.body.append(f"\\sphinxcventry{{{label}}}\\begin{{sphinxcvkeep}}" + self.hypertarget_to(node) + "\n")
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
    self.body.append("\\end{sphinxcvkeep}\n")
    raise nodes.SkipNode


def visit_cv_labelled(self: LaTeXTranslator, node: cv_labelled) -> None:
    """Each item's leading bold label in the column (``\\item[Language:]``), the rest of it as usual."""
    self.body.append("\n\\begin{sphinxcvlabels}\n")
    for item in node.children:
        para = item.children[0] if isinstance(item, nodes.Element) and item.children else None
        if not isinstance(para, nodes.paragraph):
            continue
        label = next((child for child in para.children if isinstance(child, nodes.strong)), None)
        if label is None:
            continue
        # the label, and the blank before the text, leave the paragraph (the assembled tree is ours)
        for child in para.children[: para.index(label) + 1]:
            para.remove(child)
        if para.children and isinstance(para.children[0], nodes.Text):
            para.replace(para.children[0], nodes.Text(para.children[0].lstrip()))
        self.body.append(f"\\item[{{{_captured(self, list(label.children))}}}]\\begin{{sphinxcvkeep}}\n")
        _walk(self, list(item.children))
        self.body.append("\\end{sphinxcvkeep}\n")
    self.body.append("\\end{sphinxcvlabels}\n")
    raise nodes.SkipNode


def _contact(self: LaTeXTranslator, contact: nodes.Element) -> str:
    """One contact as ``\\sphinxcvcontact{label}{link}``, the link showing its address.

    On paper a link is only its text: a web link shows its short address
    (``github.com/enosair``), and a link that was its own label (Google Scholar)
    keeps that text as the label.
    """
    label = contact_parts(contact)[0]
    for ref in list(contact.findall(nodes.reference)):  # the assembled tree is the writer's own
        address = short_url(ref.get("refuri", ""))
        if address:
            label = label or ref.astext()
            ref.replace_self(nodes.reference(address, address, refuri=ref["refuri"]))
    value = contact_parts(contact)[1]
    written = _captured(self, value)
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
            name = self.encode(child.astext())
            if next(child.findall(cv_ltr), None) is not None:  # a Latin name in a right-to-left PDF
                name = rf"\sphinxcvltr{{{name}}}"
            self.body.append(f"\\sphinxcvperson{{{name}}}\\sphinxcvname{{{name}}}\n")
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
    _caption(self, node)
    self.body.append("\n\\end{sphinxcvpublications}\n")
    raise nodes.SkipNode


def visit_cv_pub_group(self: LaTeXTranslator, node: cv_pub_group) -> None:
    """``\\sphinxcvpubgroup{2020}`` (a year goes in the column of the group's first entry), then
    one ``sphinxcvpublist`` of all the group's entries, numbered or not.

    Counting down, the entries arrive as one list each; here they are one list again.
    """
    for child in node.children:
        if isinstance(child, nodes.rubric):
            self.body.append(f"\\sphinxcvpubgroup{{{_captured(self, list(child.children))}}}\n")
    self.body.append("\\begin{sphinxcvpublist}\n")
    for child in node.children:
        if isinstance(child, nodes.Sequential):
            _walk(self, list(child.children))
        elif not isinstance(child, nodes.rubric):
            child.walkabout(self)
    self.body.append("\\end{sphinxcvpublist}\n")
    raise nodes.SkipNode


def visit_cv_pub(self: LaTeXTranslator, node: cv_pub) -> None:
    """``\\sphinxcvpubitem{3.}`` (numbers written out: reversed and continued lists need no counter;
    a numeric citation style's own label, ``[3]``, takes the number's place), then title,
    authors (the owner in bold), venue and links, or the style's text, as macros, kept on one
    page; an abstract is kept, the BibTeX source is not (a printed CV is for reading)."""
    label = pub_label(node)
    self.body.append(
        f"\\sphinxcvpubitem{{{label}}}\\begin{{sphinxcvkeep}}"
        + self.hypertarget_to(node)
        + "\n\\begin{sphinxcvpub}\n"
    )
    for child in node.children:
        macro = _macro(child, PUB_MACROS)
        if macro is not None:
            _wrapped(self, macro, unlabelled(list(child.children)))
            self.body.append("\n")
        elif isinstance(child, cv_details):
            if child.get("kind") != "bibtex":
                # the body without its "Abstract" label: shown as a smaller paragraph
                _wrapped(self, "sphinxcvpubdetails", list(child.children[1:]))
                self.body.append("\n")
        else:
            self.body.append("\\par\n")  # the venue's line may still be open for the links
            child.walkabout(self)
    self.body.append("\\end{sphinxcvpub}\\end{sphinxcvkeep}\n")
    raise nodes.SkipNode


def visit_cv_ltr(self: LaTeXTranslator, node: cv_ltr) -> None:
    self.body.append(r"\sphinxcvltr{")


def depart_cv_ltr(self: LaTeXTranslator, node: cv_ltr) -> None:
    self.body.append("}")


def add_package(app: Sphinx, config: Config) -> None:
    """Load ``sphinxcv.sty``, with the whole-document CV style unless ``cv_latex_style = False``.

    Here, not in ``setup()``: the option depends on the project's configuration.
    """
    app.add_latex_package("sphinxcv", "cvstyle" if config.cv_latex_style else None)


def copy_sty(app: Sphinx, exception: Exception | None) -> None:
    """Put ``sphinxcv.sty`` next to the .tex files (where latexmk and Read the Docs look).

    A plain copy: Sphinx's ``copy_asset_file`` changed its signature between 7.4 and 8.
    """
    if exception is None and app.builder.format == "latex":
        shutil.copyfile(STY, Path(app.builder.outdir) / STY.name)
