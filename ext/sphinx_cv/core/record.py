"""The one record of a paper: every face of a publication is derived from a :class:`Publication`.

A bib entry is read into this record once per build (:func:`sphinx_cv.core.bib.read_publication`);
the list item, the publication's own page, Highwire tags, COinS, JSON-LD, BibTeX, RIS, CSL-JSON,
LaTeX and text are all small functions of it (:mod:`sphinx_cv.core.faces`, the renderer), so they
cannot disagree. Text is Unicode (LaTeX decoded) and every decision (an author's name without
note marks, "and others", the date, the venue, the DOI, the PDF, the preview, the thesis label)
is made once, by the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import Problem
from .names import NameKey
from .texmarkup import Span


@dataclass
class Author:
    """One author of a publication, as the reader decided it: no note marks, LaTeX decoded."""

    name: str  #: shown: "First Middle von Last, Jr."
    family: str = ""  #: last name(s) without the "von" part
    given: str = ""  #: first and middle names
    particle: str = ""  #: "von", "van der"
    suffix: str = ""  #: "Jr.", "III"
    is_owner: bool = False  #: the site owner (``cv_author``, or biblatex ``author+an`` ``highlight``)
    url: str = ""  #: a co-author's homepage (checked); "" for the owner and unknown co-authors
    marks: tuple[str, ...] = ()  #: note marks shown as superscripts ("*" equal contribution...)
    key: NameKey | None = None  #: what owner matching compares (``:highlight:`` lists match again)

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}".strip()

    @property
    def inverted(self) -> str:
        """ "von Last, Jr., First": unambiguous for Highwire and RIS readers (they split at the comma)."""
        family = ", ".join(p for p in (self.full_family or self.name, self.suffix) if p)
        return f"{family}, {self.given}" if self.given else family

    @property
    def natural(self) -> str:
        """ "First von Last, Jr." (COinS ``rft.au``, JSON-LD)."""
        return self.name


@dataclass
class PubLink:
    """A link badge of a publication."""

    field: str  #: the bib field it came from (``doi``, ``eprint``, ``pdf``...)
    label: str
    url: str  #: already checked by :func:`~sphinx_cv.core.urls.safe_url`
    site_path: bool = False  #: a path from the site's root (``cv_pdf_folder``, ``/files/x.pdf``), not a URL


@dataclass
class Publication:
    """One bib entry (crossref and xdata resolved), as every face shows it; "" when absent."""

    key: str
    entry_type: str  #: the BibTeX type, lower case (``article``, ``phdthesis``...)
    kind: str  #: group kind: article, inproceedings, thesis, preprint, book, report, other
    title: list[Span] = field(default_factory=list)  #: styled runs, so ``\\emph`` survives
    #: (start, end) in :attr:`title_text` of what the .bib's braces protect from a citation style's
    #: re-casing (``{GPU}``, ``{B}ayesian``); the title itself is shown as written everywhere else
    title_protected: tuple[tuple[int, int], ...] = ()
    authors: list[Author] = field(default_factory=list)  #: authors, else editors
    et_al: bool = False  #: the list ended with "and others"
    year: str = ""  #: as written ("2020", "in press"); see :attr:`year4`
    month: int = 0  #: 1..12, 0 if unknown
    day: int = 0  #: a real day of that month, 0 if unknown
    journal: str = ""
    booktitle: str = ""
    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    publisher: str = ""
    place: str = ""
    institution: str = ""  #: school of a thesis, institution of a report
    number: str = ""  #: report number
    thesis_type: str = ""  #: "Ph.D. thesis", or the ``type`` field as written
    isbn: str = ""
    issn: str = ""
    doi: str = ""  #: bare: ``10.x/y``
    arxiv: str = ""  #: bare arXiv id
    url: str = ""  #: the ``url`` field, checked
    pdf: PubLink | None = None  #: the one PDF (``pdf`` field, ``cv_pdf_folder`` applied)
    venue: str = ""  #: where it appeared, as the list shows it
    note: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()  #: the ``keywords`` field, split
    selected: bool = False  #: "selected" in keywords, or al-folio's ``selected = {true}``
    links: list[PubLink] = field(default_factory=list)  #: badges, in ``cv_link_fields`` order
    abbr: str = ""  #: a short venue name for a badge ("ICML"), al-folio's ``abbr``
    award: str = ""  #: what an award was for (al-folio's ``award``, unless it only says "true")
    award_name: str = ""  #: the badge text (al-folio's ``award_name``)
    has_award: bool = False
    info: str = ""  #: al-folio's ``additional_info`` (Markdown links and emphasis)
    annotation: str = ""  #: al-folio's ``annotation``: what this entry's author marks mean
    preview: str = ""  #: al-folio's ``preview``: a checked path from the source root ("/img/x.png")
    preview_size: tuple[int, int] = (0, 0)  #: its width and height in pixels
    bibtex_show: bool = False  #: al-folio's per-entry switch: show the BibTeX whatever the list shows
    bibtex: str = ""  #: the entry as written in the .bib (less the hidden fields)
    #: (key, text as written) of the crossref/xdata entries it inherits from
    parents: tuple[tuple[str, str], ...] = ()
    source: str = ""  #: ``file:line`` of the entry in its .bib (``file:`` when the line is unknown)
    origin: str = "bib"  #: "bib", or "data" for a paper of a data file (its warnings are ``cv.source``)
    problems: list[Problem] = field(default_factory=list)  #: (field, message)

    @property
    def title_text(self) -> str:
        return "".join(text for _style, text in self.title)

    @property
    def bibtex_whole(self) -> str:
        """The BibTeX to show, copy and download: the entry, then what it inherits from (BibTeX
        wants crossref parents after the entries that name them)."""
        return "\n\n".join([self.bibtex, *(text for _key, text in self.parents)]).strip()

    @property
    def year4(self) -> str:
        """The year as four digits, or "" (machines want a number; people may read "in press")."""
        head = self.year.strip()[:4]
        return head if head.isdigit() and len(head) == 4 else ""

    @property
    def pages(self) -> str:
        return "\u2013".join(p for p in (self.first_page, self.last_page) if p)

    @property
    def sort_key(self) -> tuple[int, int]:
        """(year, month) for newest/oldest ordering; entries without a year sort as oldest."""
        return (int(self.year4 or 0), self.month)

    @property
    def scholar_missing(self) -> list[str]:
        """What Google Scholar needs and this entry lacks, as the tags it will miss."""
        missing = []
        if not self.title_text:
            missing.append("a title (citation_title)")
        if not self.authors:
            missing.append("authors (citation_author)")
        if not self.year4:
            missing.append("a year (citation_publication_date)")
        return missing
