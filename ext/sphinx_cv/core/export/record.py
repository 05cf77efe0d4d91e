"""What the exports read: the profile and each timeline as the directives made them, in reading order.

Text fields of the entries and paragraphs here are Markdown of the one
kind data files use (``[text](url)``, ``**strong**``, ``*emphasis*``,
backslash escapes): data-file text as written, directive text converted from
its parsed markup when the document was read. Each target turns it into its
own text (:func:`markdown_to_plain` for JSON Resume, as is for RenderCV).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..dates import CVDate, DateSpan
from ..model import Entry, Person
from ..record import Publication
from ..sources.common import EMPHASIS, MD_LINK
from ..sources.profiles import OtherProfile
from ..urls import safe_url


@dataclass
class Profile:
    """A ``cv-profile``: the person, the body's paragraphs, and links to profiles on other networks."""

    person: Person
    summary: list[str] = field(default_factory=list)  #: paragraphs, Markdown
    others: list[OtherProfile] = field(default_factory=list)
    docname: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Loss:
    """Something a target cannot hold; the builder gives one ``cv.export`` warning per ``kind``."""

    kind: str  #: a short name of the kind of loss ("season", "markup"...)
    message: str  #: what is lost, the same for every loss of this kind
    detail: str = ""  #: which value, for the warning's first example
    docname: str = ""
    line: int | None = None


@dataclass
class Section:
    """A ``cv-timeline`` (its entries as shown, after ``:order:`` and ``:limit:``) or a list of papers,
    and what tells its section."""

    entries: list[Entry] = field(default_factory=list)
    kind: str = ""  #: ``:kind:``; "" when the timeline does not say
    heading: str = ""  #: the title of the document section it is in (plain text)
    caption: str = ""  #: its own caption (plain text)
    source_format: str = ""  #: "JSON Resume", "RenderCV"... when its entries come from a data file
    source_section: str = ""  #: the section of that file (``:section:``)
    docname: str = ""
    line: int | None = None
    #: what the document had that the record cannot hold (an entry's table or nested timeline)
    losses: list[Loss] = field(default_factory=list)
    #: the citation keys of the papers it lists, as shown (a ``cv-publications`` list)
    keys: tuple[str, ...] = ()
    #: their records, looked up by the builder in the publications domain (never read again)
    publications: list[Publication] = field(default_factory=list)
    abstracts: bool = False  #: the list shows abstracts (``:show: abstract``)

    @property
    def label(self) -> str:
        """How warnings name it."""
        return self.heading or self.caption or self.source_section or "a timeline"


@dataclass
class CV:
    """Everything exported: one profile (the first found) and the timelines of every document."""

    profile: Profile | None = None
    sections: list[Section] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)


# ---- text -------------------------------------------------------------------------------------------

_STRONG_OR_EM = re.compile(
    r"\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*|(?<![*\w\\])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![*\w])"
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPECIAL = re.compile(r"([\\`*_\[\]])")


#: what RenderCV would not show as written, whatever Markdown says: a ``<`` that starts an HTML
#: tag (``<b>``, ``</a>``, ``<!--``), a ``#`` that starts a Typst command (``#link(...)``, a
#: hashtag), and ``$$`` that opens Typst math (in which ``#`` runs code)
_NOT_LITERAL = re.compile(r"<(?=[A-Za-z/!?])|#(?=[A-Za-z])|\$(?=\$)")
_ZWSP = "\u200b"
_NOT_LITERAL_MARK = re.compile(r"([<#$])\u200b")
#: any character either of the two above looks at: most texts have none, and pass as they are
_MAYBE_MARKUP = re.compile(r"[\\`*_\[\]<#$]")


def escape_markdown(text: str) -> str:
    """Literal text as Markdown: the characters that would start markup get a backslash.

    A ``<`` before a tag name, a ``#`` before a letter and the first ``$`` of ``$$``
    get an invisible zero-width space after them instead: RenderCV passes HTML
    tags, Typst commands and Typst math through its Markdown to Typst as they
    are, so a title holding ``#link("javascript:...")[x]`` would be a link in the
    PDF, and one holding ``#metoo`` would stop the render.
    """
    if _MAYBE_MARKUP.search(text) is None:
        return text
    return _NOT_LITERAL.sub(lambda m: m[0] + _ZWSP, _SPECIAL.sub(r"\\\1", text))


def data_markdown(text: str) -> str:
    """Data-file text as the Markdown the site shows: its links (safe ones) and emphasis, the rest literal.

    Read as the site reads it (:func:`sphinx_cv.inline.data_text`); every other
    character that Markdown would read as markup is escaped, so RenderCV shows
    what the site shows, and a link the site dropped is no link there either.
    """
    parts: list[str] = []
    last = 0
    for match in MD_LINK.finditer(text):
        parts.append(_emphasis_markdown(text[last : match.start()]))
        url = safe_url(match["url"])
        inner = _emphasis_markdown(match["text"])
        parts.append(f"[{inner}]({url})" if url else inner)
        last = match.end()
    parts.append(_emphasis_markdown(text[last:]))
    return "".join(parts)


def _emphasis_markdown(text: str) -> str:
    parts: list[str] = []
    last = 0
    for match in EMPHASIS.finditer(text):
        parts.append(escape_markdown(text[last : match.start()]))
        if match["strong"] is not None:
            parts.append(f"**{escape_markdown(match['strong'])}**")
        else:
            parts.append(f"*{escape_markdown(match['em'])}*")
        last = match.end()
    parts.append(escape_markdown(text[last:]))
    return "".join(parts)


def markdown_to_plain(text: str) -> str:
    """Markdown as plain text: links keep their text, emphasis its words, escapes their character."""
    text = MD_LINK.sub(lambda m: m["text"], text)
    text = _STRONG_OR_EM.sub(lambda m: m["strong"] or m["em"] or "", text)
    return _NOT_LITERAL_MARK.sub(r"\1", _ESCAPED.sub(r"\1", text))


def has_markup(text: str) -> bool:
    """Whether plain text loses something of ``text`` (a link's address, emphasis)."""
    return bool(MD_LINK.search(text) or _STRONG_OR_EM.search(text))


# ---- dates ------------------------------------------------------------------------------------------


def iso_date(date: CVDate | None) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as written; "" for present or text that is no date."""
    if date is None or date.present:
        return ""
    return date.iso or ""


def is_exact(date: CVDate | None) -> bool:
    """A date an ISO value says whole: not a season, not free text (present is exact too)."""
    return date is None or date.present or (date.known and not date.season)


def span_text(span: DateSpan) -> str:
    """A span as written, for targets that take free text (``Fall 2007 – Spring 2008``)."""
    ends = [d.text for d in (span.start, span.end) if d is not None]
    return " \u2013 ".join(ends)
