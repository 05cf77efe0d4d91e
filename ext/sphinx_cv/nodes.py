"""Docutils node classes of sphinx-cv, and the CSS classes more than one module uses.

Each node subclasses a standard node, so a builder without a visitor of ours
(man, texinfo, a third-party one) falls back to the standard visitor
(Sphinx looks visitors up along the class's MRO). The parts of an entry,
profile or publication have node types of their own, so writers recognise
them by type, never by class strings. Every class a writer meets is registered
once, with all its visitors, in :func:`sphinx_cv.writers.setup_writers`
(:class:`cv_parked` stands for a group of entries until the page is written, and never does).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

#: CSS classes written by one module and read by another (the renderer, a writer, a transform)
DATES_CLASS = "cv-dates"
PUB_LINK_CLASS = "cv-pub-link"
EXTERNAL_CLASS = "external"
#: a timeline none of whose entries has a date: the stylesheet gives it no date column
UNDATED_CLASS = "cv-undated"
#: the Cite block of a publication's own page (made by the renderer, left out of its description)
CITE_CLASS = "cv-pub-cite"


class cv_timeline(nodes.container):
    """A timeline: optional caption (``rubric``) and a ``cv_entries`` list; ``caption`` for ``:ref:``."""


class cv_entries(nodes.bullet_list):
    """The list of entries of one timeline."""


class cv_numbered_entries(nodes.enumerated_list):
    """The entries of a numbered timeline (RenderCV's numbered kinds); ``reversed`` counts down."""


class cv_entry(nodes.list_item):
    """One entry: a :class:`cv_heading`, then its summary, highlights and body."""


class cv_heading(nodes.paragraph):
    """Title, subtitle, location; ``dates`` holds ``(text, iso)`` pairs (``iso`` empty for Present).

    The dates are an attribute, not a child: HTML writes them as ``<time>``
    elements, the LaTeX and text writers as their own column, and any other
    builder gets a :class:`cv_dates` node from a post-transform.
    """


class cv_title(nodes.strong):
    """An entry's title (a link inside when the entry has a URL)."""


class cv_subtitle(nodes.emphasis):
    """An entry's institution, employer or department."""


class cv_location(nodes.inline):
    """Where an entry (or the person) is."""


class cv_entry_links(nodes.paragraph):
    """An entry's row of links (a talk's slides, video and event page): HTML writes it as a
    publication's action row, every other builder as a paragraph of links."""


class cv_entry_meta(nodes.paragraph):
    """What an entry of a homepage kind says besides its heading: role, funder, amount."""


class cv_dates(nodes.inline):
    """A date or range as text, for builders without a writer of ours (see ``transforms``)."""


class cv_labelled(nodes.bullet_list):
    """A list whose items each begin with a bold label ("**Language:** C, C++"), as in a skills list.

    Made from a plain bullet list by a LaTeX-only post-transform (``transforms.LabelLists``),
    so the PDF sets the labels in the timeline's date column.
    """


class cv_profile(nodes.container):
    """The site owner's profile block."""


class cv_photo(nodes.image):
    """The profile's portrait."""


class cv_name(nodes.paragraph):
    """The person's name."""


class cv_tagline(nodes.paragraph):
    """The line under the name: position, institution."""


class cv_contacts(nodes.bullet_list):
    """The contact links, one :class:`cv_contact` paragraph per item."""


class cv_contact(nodes.paragraph):
    """One contact: an optional :class:`cv_contact_label`, then the link (or text); ``kind`` names it."""


class cv_icon(nodes.inline):
    """A contact's icon; ``kind`` names it. HTML writes an inline SVG, other builders nothing.

    It has no children, so its text is empty everywhere (``astext()``, search, plain formats).
    """


class cv_contact_text(nodes.inline):
    """A contact link's text, apart from its icon: HTML may show only the icon (GitHub, ORCID)."""


class cv_contact_label(nodes.inline):
    """The label in front of a contact ("Email:", "Mobile:")."""


class cv_email(nodes.reference):
    """A mailto link whose ``address`` is an attribute, not text.

    Anything that reads the doctree's text (search index, OpenGraph
    descriptions, other extensions) never sees it; HTML writes it as
    character references, and plain formats get it as text at write time.
    """


class cv_jsonld(nodes.General, nodes.Element):
    """schema.org data (``data``: a JSON-able dict; ``hidden``: strings never written as plain text).

    The HTML writer serialises and escapes it; other builders skip it.
    """


class _Unquoted(nodes.Special):
    """Mixed into a publication's paragraphs, whose text is as the record says it: docutils'
    SmartQuotes skips ``Special`` elements whole, where ``support_smartquotes`` off alone still
    has it walk and replace every text node (a tenth of a 3,000-entry list's build)."""


class cv_publications(nodes.container):
    """A publication list: optional caption (``rubric``), groups, JSON-LD."""


class cv_pub_filter(nodes.comment):
    """A list's controls (``:controls:``): ``facets`` [(name, legend, [(value, text)])], ``search``
    and ``count`` labels. HTML writes them in a ``<template>`` that sphinx-cv.js brings to life;
    every other builder skips it as the comment it is."""


class cv_pub_group(nodes.container):
    """The entries of one year or type, under a ``rubric`` heading."""


class cv_publist(nodes.enumerated_list):
    """Numbered entries; ``reversed`` (bool) makes HTML count down from ``start``."""


class cv_pub(nodes.list_item):
    """One publication; its ``ids`` start with the citation key."""


class cv_pub_title(nodes.paragraph, _Unquoted):
    """A publication's title."""


class cv_pub_cite(nodes.paragraph, _Unquoted):
    """A publication as a citation style writes it (``:style:``): one paragraph of styled runs."""


class cv_pub_label(nodes.inline):
    """A numeric style's label ("[3]") carrying the list's number, at the start of a :class:`cv_pub_cite`.

    HTML shows it in the entry (the list's markers are hidden); LaTeX and text
    put it where they put a list's number.
    """


class cv_cite_title(nodes.inline):
    """The title inside a :class:`cv_pub_cite`: where the link to the paper's own page goes."""


class cv_pub_abbr(nodes.inline):
    """A venue badge ("ICML", from the bib's ``abbr``) held in ``abbr``, written by HTML only.

    No children: the title's text stays the title in every other format.
    """


class cv_pub_authors(nodes.paragraph, _Unquoted):
    """The authors, the owner's name as a ``strong`` with class ``cv-author-self``."""


class cv_authors_short(nodes.inline):
    """A long author list cut to ``max_authors`` (the owner kept): the part always shown."""


class cv_authors_more(nodes.inline):
    """The whole author list behind a long list's ``label`` ("and 7 more"): HTML ``<details>``.

    Other formats never see it: a post-transform makes it "et al." or the full list.
    """


class cv_author_note(nodes.superscript):
    """Note marks after an author's name ("*", "†"), and in the legend under a list."""


class cv_pub_legend(nodes.paragraph, _Unquoted):
    """What note marks mean: under a list, or under one entry's authors (al-folio's ``annotation``)."""


class cv_pub_preview(nodes.image):
    """al-folio's ``preview`` thumbnail; ``size`` is its (width, height), so nothing shifts as it loads.

    Its size is not ``width``/``height``: the standard visitors would write those as inline styles.
    """


class cv_pub_award(nodes.paragraph, _Unquoted):
    """An award: its name as a badge (``strong``), then what it was for."""


class cv_pub_venue(nodes.paragraph, _Unquoted):
    """Venue, year and note."""


class cv_pub_links(nodes.paragraph, _Unquoted):
    """The link badges."""


class cv_pub_cited(nodes.inline):
    """ "Cited by 12", the last of the link badges: ``refuri`` (the work's page at the source, or "")
    and ``title`` (source and date: "OpenAlex, 2026-12-01").

    Not a reference: with no page at the source it is a badge all the same, and
    the text writer puts its source and date next to it.
    """


class cv_details(nodes.container):
    """Disclosure block: HTML ``<details>``, elsewhere a plain container; ``kind``: abstract or bibtex."""


class cv_summary(nodes.paragraph):
    """The always-visible label of a :class:`cv_details`: HTML ``<summary>``."""


class cv_coins(nodes.inline):
    """A COinS span (``span.Z3988``): ``kev`` holds the OpenURL ContextObject; HTML only, empty."""


class cv_pub_downloads(nodes.paragraph, _Unquoted):
    """Links to a list's exports (BibTeX, RIS, CSL-JSON).

    Empty when read; filled with links for the HTML and dirhtml builds, which
    write the files, and removed for every other builder (see ``pages``).
    """


class cv_ltr(nodes.inline):
    """Left-to-right text in a right-to-left PDF (``\\sphinxcvltr``): XeTeX orders words, not phrases.

    Made at write time for LaTeX only (:mod:`sphinx_cv.i18n`); never pickled.
    """


class cv_parked(nodes.Invisible, nodes.Element):
    """Where a publication list's group of entries goes: their plan, rendered when the page is written.

    The directive decides every entry at read time and keeps that here
    (``plan``, ``settings``: :mod:`.publications.deferred`); the first
    post-transform renders them into ``held``, the group's empty list, which
    takes this node's place. ``held`` is not a child; the children are the
    entries' preview thumbnails, made at read time for Sphinx's image
    collector. It never reaches a writer, so it has no visitors: one left in
    a page fails loudly.
    """

    def __init__(self, rawsource: str = "", *children: nodes.Node, **attributes: Any) -> None:
        super().__init__(rawsource, *children, **attributes)
        self.held: nodes.Element = nodes.bullet_list()
        self.plan: tuple[Any, ...] = ()
        self.settings: Any = None

    def copy(self) -> cv_parked:
        new = super().copy()
        new.held, new.plan, new.settings = self.held.deepcopy(), self.plan, self.settings
        return new
