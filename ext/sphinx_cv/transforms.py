"""Fix-ups for output formats without a stylesheet, all in one place, applied at write time.

HTML lays out dates, separators and countdown numbers with markup and CSS,
and the LaTeX and text writers of :mod:`sphinx_cv.writers` write them
themselves. What remains are small rewrites of the resolved doctree for the
other formats, each a post-transform limited to the formats it serves, so the
doctree every build reads and pickles stays small.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from .core.dates import RANGE_DASH
from .i18n import _
from .nodes import (
    DATES_CLASS,
    cv_authors_more,
    cv_authors_short,
    cv_contact,
    cv_dates,
    cv_email,
    cv_heading,
    cv_labelled,
    cv_numbered_entries,
    cv_pub,
    cv_publist,
)
from .publications.domain import domain_of

#: output formats without a stylesheet
PLAIN_FORMATS = ("text", "latex", "man", "texinfo")
#: formats whose writers (``sphinx_cv.writers``) read a heading's ``dates`` attribute themselves
WRITTEN_FORMATS = ("html", "latex", "text")


def _builder_format(transform: SphinxPostTransform) -> str:
    """The output format, as Sphinx's own ``is_supported`` reads it (``app`` is deprecated in 9)."""
    builder_cls = getattr(transform.env, "_builder_cls", None)
    return str(builder_cls.format if builder_cls is not None else transform.app.builder.format)


class HeadingsAsText(SphinxPostTransform):
    """Entry dates as a text node, plus separators in plain formats, for builders we write nothing for.

    Man, Texinfo and third-party builders then need no visitor of ours:
    ``Sep 2019 – Present Title, Subtitle, Location``.
    """

    default_priority = 200

    def is_supported(self) -> bool:
        return _builder_format(self) not in WRITTEN_FORMATS

    def run(self, **kwargs: Any) -> None:
        plain = _builder_format(self) in PLAIN_FORMATS
        for heading in self.document.findall(cv_heading):
            pairs = heading.get("dates")
            if pairs:
                text = RANGE_DASH.join(shown for shown, _iso in pairs)
                heading.insert(0, cv_dates(text, text, classes=[DATES_CLASS]))
            if plain:
                for before, part in pairwise(list(heading.children)):
                    sep = " " if isinstance(before, cv_dates) else ", "
                    heading.insert(heading.index(part), nodes.Text(sep))


class ShowEmailAddress(SphinxPostTransform):
    """Plain formats show the address as text: a PDF or a text CV is for people."""

    default_priority = 200
    formats = PLAIN_FORMATS

    def run(self, **kwargs: Any) -> None:
        for link in self.document.findall(cv_email):
            if not link.children:
                link += nodes.Text(link["address"])


class NoLinkToThePdf(SphinxPostTransform):
    """A PDF, text or man page is the CV itself: its profile does not point to the PDF of it."""

    default_priority = 200
    formats = PLAIN_FORMATS

    def run(self, **kwargs: Any) -> None:
        for contact in list(self.document.findall(cv_contact)):
            if contact.get("kind") == "pdf" and isinstance(contact.parent, nodes.list_item):
                contact.parent.parent.remove(contact.parent)


class CountDownElsewhere(SphinxPostTransform):
    """Formats without ``<ol reversed>`` get one list per entry, each starting at its own number.

    Text, LaTeX, man and Texinfo only number upwards from ``start``; this keeps
    ``:numbered: reverse`` (and RenderCV's ``reversed_number``) showing N..1 there
    too. HTML keeps one real list.
    """

    default_priority = 200
    formats = PLAIN_FORMATS

    def run(self, **kwargs: Any) -> None:
        lists = [*self.document.findall(cv_publist), *self.document.findall(cv_numbered_entries)]
        for publist in lists:
            if not publist.get("reversed"):
                continue
            start = int(publist.get("start", len(publist)))
            singles: list[nodes.Node] = []
            for offset, item in enumerate(list(publist.children)):
                single = publist.copy()
                single["start"], single["reversed"] = start - offset, False
                single += item
                singles.append(single)
            publist.replace_self(singles)


def _has_label(item: nodes.Node) -> bool:
    """Does the list item begin with a bold label ending in a colon ("**Language:** C, C++")?"""
    para = item.children[0] if isinstance(item, nodes.list_item) and item.children else None
    if not isinstance(para, nodes.paragraph) or not para.children:
        return False
    shown = [child for child in para.children if not isinstance(child, nodes.Text) or child.strip()]
    first = shown[0] if shown else None
    return isinstance(first, nodes.strong) and first.astext().rstrip().endswith(":")


class LabelLists(SphinxPostTransform):
    """In the CV-styled PDF, a bullet list of "**Label:** text" items (skills) joins the timeline's grid.

    Only plain bullet lists whose every item starts with such a label; a site that set
    ``cv_latex_style = False`` keeps its lists as they are.
    """

    default_priority = 200
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        if not self.config.cv_latex_style:
            return
        for bullets in list(self.document.findall(nodes.bullet_list)):
            if type(bullets) is nodes.bullet_list and len(bullets) and all(map(_has_label, bullets)):
                labelled = cv_labelled()
                labelled.update_all_atts(bullets)
                labelled.extend(bullets.children)
                bullets.replace_self(labelled)


class LongAuthorListsElsewhere(SphinxPostTransform):
    """Without ``<details>``, a cut author list ends in ``cv_et_al`` ("et al."), or is shown whole.

    HTML keeps "and 7 more" as a disclosure; a PDF or a text CV cannot unfold.
    """

    default_priority = 200

    def is_supported(self) -> bool:
        return _builder_format(self) != "html"

    def run(self, **kwargs: Any) -> None:
        et_al = _(self.config.cv_et_al) if self.config.cv_et_al else ""  # "et al." in the page's language
        for more in list(self.document.findall(cv_authors_more)):
            parent = more.parent
            if parent is None:
                continue
            if et_al:
                short = parent[parent.index(more) - 1] if parent.index(more) else None
                if isinstance(short, cv_authors_short) and len(short):
                    last = short[-1]
                    if isinstance(last, nodes.Text) and last.endswith(", "):
                        short[-1] = nodes.Text(last[:-2] + " ")  # "A, B, C et al.", not "C, et al."
                parent[parent.index(more)] = nodes.Text(et_al)
            else:
                parent.children = []
                parent.extend(more.children)


class SitePaths(SphinxPostTransform):
    """Links to files of the site (relative bib fields, ``cv_pdf_folder``) made relative to each page.

    Done at write time: only the builder knows where a page lands (``dirhtml``
    puts ``pubs.rst`` in ``pubs/index.html``). Formats that are not web pages
    get the path under ``html_baseurl`` when one is set.
    """

    default_priority = 200

    def is_supported(self) -> bool:
        # only documents listing a record with such a link are walked
        records = domain_of(self.env).listed.get(self.env.docname, {})
        return any(link.site_path for pub in records.values() for link in pub.links)

    def run(self, **kwargs: Any) -> None:
        html = _builder_format(self) == "html"
        base = "" if html else str(self.config.html_baseurl or "").rstrip("/")
        for pub in self.document.findall(cv_pub):
            paths = set(pub.get("site_paths") or ())
            if not paths or (not html and not base):
                continue
            # the builder as Sphinx's own post-transforms reach it (``app`` is deprecated in 9)
            app = getattr(self.env, "_app", None) or self.app
            page = app.builder.get_target_uri(self.env.docname) if html else ""
            for ref in pub.findall(nodes.reference):
                if ref.get("refuri") in paths:
                    path = ref["refuri"]
                    ref["refuri"] = relative_uri(page, path) if html else f"{base}/{path}"


def setup_transforms(app: Sphinx) -> None:
    app.add_post_transform(HeadingsAsText)
    app.add_post_transform(ShowEmailAddress)
    app.add_post_transform(NoLinkToThePdf)
    app.add_post_transform(CountDownElsewhere)
    app.add_post_transform(LabelLists)
    app.add_post_transform(LongAuthorListsElsewhere)
    app.add_post_transform(SitePaths)
