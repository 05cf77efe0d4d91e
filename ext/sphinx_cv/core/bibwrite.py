"""A :class:`~.works.Work` as a BibTeX entry written the way its file already writes them; no Sphinx.

The entry follows the file's habits (:class:`~.bibstyle.Style`, read by
:func:`~.bibstyle.detect_style`): field order, field-name and entry-type case,
indentation, ``=`` spacing or alignment, a trailing comma, month macros or
numbers, line endings. Titles keep the case the service gives: acronyms and
words with inner capitals (``ADMM``, ``GPT-4``, ``McKean``) are braced, and
in a sentence-case title so are the capitalised words after the first
(proper nouns), so a style that lower-cases titles leaves them alone.
Keys are the usual readable ``zheng2020sharp``: first author's family name,
year, first significant word of the title.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from html.parser import HTMLParser

from .bibstyle import DEFAULT_ORDER, Style, recase
from .works import MONTHS, Name, Work

#: the usual spelling of field names that are not all lower case
CAMEL = {"archiveprefix": "archivePrefix", "primaryclass": "primaryClass"}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "to",
        "and",
        "or",
        "with",
        "from",
        "by",
        "at",
        "as",
        "is",
        "are",
        "via",
        "towards",
        "toward",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "beyond",
        "without",
        "within",
        "between",
        "through",
        "using",
        "based",
    ]
)
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_HTML_STYLES = {
    "i": r"\emph",
    "em": r"\emph",
    "b": r"\textbf",
    "strong": r"\textbf",
    "sub": r"\textsubscript",
    "sup": r"\textsuperscript",
    "scp": r"\textsc",
    "sc": r"\textsc",
}


def escape(text: str) -> str:
    """Plain text as BibTeX field text: TeX's special characters escaped, Unicode kept."""
    return "".join(_TEX_SPECIAL.get(char, char) for char in text)


class _Markup(HTMLParser):
    """Crossref's inline markup (``<i>``, ``<sub>``, JATS ``<jats:italic>``, MathML) -> TeX segments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, str]] = []  #: (kind, text): "text" to escape and brace, "tex" as is

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        command = _HTML_STYLES.get(tag.rpartition(":")[2].replace("italic", "i").replace("bold", "b"))
        if command:
            self.parts.append(("tex", command + "{"))
        else:
            self.parts.append(("tex", ""))

    def handle_endtag(self, tag: str) -> None:
        if _HTML_STYLES.get(tag.rpartition(":")[2].replace("italic", "i").replace("bold", "b")):
            self.parts.append(("tex", "}"))

    def handle_data(self, data: str) -> None:
        self.parts.append(("text", data))


def _sentence_case(words: list[str]) -> bool:
    """Most words after the first start lower case (so a capitalised one there is a proper noun)."""
    later = [w for w in words[1:] if w[:1].isalpha() and w.lower() not in STOPWORDS]
    return bool(later) and sum(w[:1].isupper() for w in later) * 2 < len(later)


def _protect(text: str, sentence_case: bool, first: bool) -> str:
    """Escape ``text`` and brace the words a lower-casing style must keep."""
    out: list[str] = []
    start_of_title = first
    after_colon = False
    for token in re.split(r"(\s+)", text):
        if not token or token.isspace():
            out.append(token)
            continue
        core = token.strip(".,;:!?()[]\"'")
        lead = token[: token.find(core)] if core else token
        tail = token[len(lead) + len(core) :]
        inner_capital = _inner_capital(core)
        proper = sentence_case and core[:1].isupper() and not start_of_title and not after_colon
        if core and (inner_capital or proper):
            out.append(f"{escape(lead)}{{{escape(core)}}}{escape(tail)}")
        else:
            out.append(escape(token))
        start_of_title = False
        after_colon = token.endswith((":", ".", "?", "!")) or token in ("--", "---", "\u2013", "\u2014")
    return "".join(out)


def _inner_capital(word: str) -> bool:
    """A capital letter after the first one that does not start a hyphenated part: ``SGD``, ``McKean``,
    ``k-NN`` (but not ``Multi-Electron``)."""
    return any(c.isupper() and word[i - 1] != "-" for i, c in enumerate(word) if i > 0)


def _protect_tex(title: str) -> str:
    """arXiv's TeX title: acronyms braced outside math and commands, everything else as written."""
    out: list[str] = []
    math = False
    for token in re.split(r"(\s+)", title):
        dollars = token.count("$")
        plain = not math and not dollars and not set(token) & set("\\{}")
        core = token.strip(".,;:!?()[]\"'")
        if plain and core and _inner_capital(core):
            start = token.find(core)
            token = f"{token[:start]}{{{core}}}{token[start + len(core) :]}"
        out.append(token)
        math ^= dollars % 2 == 1
    return " ".join("".join(out).split())


def title_field(work: Work) -> str:
    """The title as BibTeX text: arXiv's TeX as written; Crossref's markup as TeX; case protected."""
    if work.title_format == "latex":
        return _protect_tex(work.title)
    parser = _Markup()
    parser.feed(work.title if work.title_format == "html" else html.escape(work.title))
    parser.close()
    plain = "".join(text for kind, text in parser.parts if kind == "text")
    words = plain.split()
    shouting = plain.upper() == plain
    sentence = not shouting and _sentence_case(words)
    out: list[str] = []
    first = True
    for kind, text in parser.parts:
        if kind == "tex":
            out.append(text)
        elif shouting:
            out.append(escape(text))
        else:
            out.append(_protect(text, sentence, first))
        first = first and not text.strip()
    return " ".join("".join(out).split())


def _name(person: Name, literal: set[str], family_first: bool) -> str:
    family, given = person
    if family in literal or not given:
        return f"{{{escape(family)}}}" if family in literal else escape(family)
    if family_first or " " in family:  # "van der Berg" needs the comma form to stay one family name
        return f"{escape(family)}, {escape(given)}"
    return f"{escape(given)} {escape(family)}"


#: letters that Unicode does not decompose into an ASCII base letter
_TRANSLITERATE = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th", "ı": "i"}
)


def _ascii_word(text: str) -> str:
    text = text.lower().translate(_TRANSLITERATE)
    return re.sub(
        r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    )


def make_key(work: Work, taken: Iterable[str] = ()) -> str:
    """``zheng2020sharp``, or ``zheng2020sharpa``, ``...b`` when taken (compared case-insensitively)."""
    family = work.authors[0][0] if work.authors else ""
    if family in work.literal:
        family = family.split()[0] if family.split() else family
    plain = re.sub(r"<[^>]+>|\$[^$]*\$|\\[a-zA-Z]+", " ", work.title)
    words = [_ascii_word(w) for w in plain.split()]
    word = next((w for w in words if w and w not in STOPWORDS), "")
    base = f"{_ascii_word(family) or 'anon'}{work.year}{word}"
    used = {key.lower() for key in taken}
    if base not in used:
        return base
    suffix = 0
    while True:
        candidate = base + "".join(chr(ord("a") + digit) for digit in _letters(suffix))
        if candidate not in used:
            return candidate
        suffix += 1


def _letters(number: int) -> list[int]:
    """0 -> a, 25 -> z, 26 -> aa ..."""
    digits = [number % 26]
    number //= 26
    while number:
        number -= 1
        digits.insert(0, number % 26)
        number //= 26
    return digits


def fields_of(work: Work, style: Style) -> dict[str, str]:
    """Field name (lower case) -> the value as written after ``=`` (braced, or a month macro)."""
    values: dict[str, str] = {}
    if work.authors:
        values["author"] = " and ".join(_name(p, work.literal, style.family_first) for p in work.authors)
    if work.editors:
        values["editor"] = " and ".join(_name(p, work.literal, style.family_first) for p in work.editors)
    values["title"] = title_field(work)
    for name in ("journal", "booktitle", "school", "institution", "publisher", "year", "volume", "number",
                 "pages", "note"):  # fmt: skip
        text = getattr(work, name)
        if text:
            values[name] = text if name == "pages" else escape(text)
    for name in ("doi", "eprint"):
        if getattr(work, name):
            values[name] = getattr(work, name)
    if work.eprint:
        values["archiveprefix"] = "arXiv"
        if work.primary_class:
            values["primaryclass"] = work.primary_class
    if work.url and not work.doi and not work.eprint:
        values["url"] = work.url
    written = {name: f"{{{value}}}" for name, value in values.items()}
    if work.month:
        written["month"] = work.month if style.month_macros else f"{{{MONTHS.index(work.month) + 1}}}"
    return written


def format_entry(work: Work, key: str, style: Style) -> str:
    """The whole entry, ending with a newline, in the file's line endings."""
    fields = fields_of(work, style)
    rank = {name: i for i, name in enumerate(style.order)}
    names = sorted(fields, key=lambda n: (rank.get(n, len(rank)), DEFAULT_ORDER.index(n)))
    spelled = {n: style.spelling.get(n) or CAMEL.get(n) or recase(n, style.name_case) for n in names}
    column = max(style.eq_column, len(style.indent) + max(len(s) for s in spelled.values()) + 1)
    lines = []
    for i, name in enumerate(names):
        start = f"{style.indent}{spelled[name]}"
        gap = " " * (column - len(start)) if style.aligned else style.before_eq
        comma = "," if i < len(names) - 1 or style.trailing_comma else ""
        lines.append(f"{start}{gap}={style.after_eq}{fields[name]}{comma}")
    head = f"@{recase(work.type, style.type_case)}{{{key},"
    return style.newline.join([head, *lines, "}"]) + style.newline
