"""Text rules where citeproc-py departs from citeproc-js: cases, quotes, seams, number ranges; no Sphinx.

The text half of :mod:`.cslfix` (which applies these): how words are
capitalised (``capitalize-first``, CSL title case), quotes nested and
punctuation joined, and when a number is a range. Each rule is the one the
CSL 1.0.2 specification and citeproc-js follow, and ``tests/test_styles.py``
shows where citeproc-py alone wrote otherwise.

Also the marks sphinx-cv puts in the engine's output (private-use
characters, stripped from any input): styles, each person's name, a numeric
style's label.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc import string as cslstring
from citeproc.string import MixedString, String

from .cslmarks import CLOSE, LABEL_END, OPEN, PERSON, PERSON_END, TITLE_END


def _capitalize_first(self: Any) -> Any:
    """``capitalize-first`` changes a lowercase first word only ("arXiv:2006.05022" stays)."""
    text = str(self)
    match = re.match(rf"((?:{OPEN}.|{PERSON}.|[^\w\s])*)(\S*)", text)
    if match is None or not match[2] or not match[2].islower():
        return self
    at = match.end(1)
    return self.__class__(text[:at] + text[at].upper() + text[at + 1 :])


def _mixed_capitalize_first(self: Any) -> Any:
    parts = list(self)
    if parts:
        parts[0] = parts[0].capitalize_first() if hasattr(parts[0], "capitalize_first") else parts[0]
    return self.__class__(parts)


_CLOSERS = CLOSE + PERSON_END + LABEL_END + TITLE_END


#: the first characters of a piece that a seam can change (citeproc-py: a space or punctuation)
_SEAM_FIRST = frozenset(" .,;:!?")


def _first_char(text: Any) -> str:
    """The first character of a (mixed) string, without joining the whole of it."""
    if isinstance(text, MixedString):
        for part in text:
            first = _first_char(part)
            if first:
                return first
        return ""
    return str(text)[:1]


def _last_bare_char(text: Any) -> str:
    """The last character of a (mixed) string before its closing marks, without joining it."""
    if isinstance(text, MixedString):
        for part in reversed(text):
            last = _last_bare_char(part)
            if last:
                return last
        return ""
    return str(text).rstrip(_CLOSERS)[-1:]


def _seam(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """No doubled "." where a name or a style ends ("Su, W. J." + "." is one period).

    Only the two characters at the seam matter, so neither side is joined into
    one string (citeproc-py did, for every piece appended: a fifth of a list's time).
    """

    def normalize_seam(left: Any, other: Any) -> Any:
        first = _first_char(other)
        if first not in _SEAM_FIRST or not first:
            return other
        last = _last_bare_char(left)
        if last in ("?", "!") and first == ".":
            return cslstring._strip_first_char(other)
        return original(last, other)

    return normalize_seam


#: CSL 1.0.2's stop words for title case (section "Title-case conversion"), single words
_STOP_WORDS_TEXT = (
    "Title-case conversion a across afore after against along alongside amid amidst among "
    "amongst an and anenst apropos apud around as aside astride at athwart atop barring before "
    "behind below beneath beside besides between beyond but by c ca circa d' de despite down "
    "during et except for forenenst from given in inside into lest like modulo near next nor "
    "notwithstanding of off on onto or out over per plus pro qua sans since so than the through "
    "throughout thru thruout till to toward towards under underneath until unto up upon v. van "
    "versus via vis-à-vis von vs. with within without yet "
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_WORD = re.compile(r"([\s\-/\u2013\u2014]+)")


def _title_case(text: Any) -> Any:
    """Title case as CSL 1.0.2 and citeproc-js write it: lowercase words only, stop words kept low.

    The first and last words and a word after a colon, ``?`` or ``!`` are
    capitalised even when stop words; each part of a hyphenated word is a word.
    """
    parts = list(text) if isinstance(text, MixedString) else [text]
    words = [(n, m) for n, part in enumerate(parts) for m, _ in enumerate(_WORD.split(str(part)))]
    tokens = [_WORD.split(str(part)) for part in parts]
    real = [(n, m) for n, m in words if tokens[n][m].strip() and not _WORD.fullmatch(tokens[n][m])]
    after = True
    for index, (n, m) in enumerate(real):
        word = tokens[n][m]
        core = re.sub(rf"^(?:{OPEN}.|{PERSON}.|[^\w])+", "", word)
        lower = core.lower()
        short = re.match(r"\w[\u2019']", core) is not None  # d’un, l’étage: a one-letter word
        word_counts = len(core) > 1 and not short
        last = index == len(real) - 1
        wanted = after or (word_counts and (last or lower.rstrip(",.;:?!") not in STOP_WORDS))
        if wanted and core and lower == core and not isinstance(parts[n], cslstring.NoCase):
            at = len(word) - len(core)
            tokens[n][m] = word[:at] + word[at].upper() + word[at + 1 :]
        after = bool(re.search(r"[:?!][^\w]*$", word))
    cased = [part.__class__("".join(tokens[n])) for n, part in enumerate(parts)]
    return MixedString(cased) if isinstance(text, MixedString) else cased[0]


def _case(original: Callable[..., Any]) -> Callable[..., Any]:
    def case(self: Any, text: Any, language: Any = None) -> Any:
        if self.get("text-case") == "title" and (language or "en") == "en":
            return _title_case(text)
        return original(self, text, language)

    return case


#: number variables whose "3-5" is a range, set with an en dash as citeproc-js does
_RANGED = {"number", "volume", "issue", "edition", "chapter-number", "collection-number", "part-number"}
_RANGE = re.compile(r"([A-Za-z]*\d+[A-Za-z]*)\s*-+\s*([A-Za-z]*\d+[A-Za-z]*)")


def _ranges(original: Callable[..., Any]) -> Callable[..., Any]:
    def variable(self: Any, item: Any, context: Any) -> Any:
        text = original(self, item, context)
        if self.get("variable") in _RANGED and text is not None and _RANGE.fullmatch(str(text)):
            return String(_RANGE.sub("\\1\u2013\\2", str(text)))
        return text

    return variable


def _quote(self: Any, string: Any) -> Any:
    """Quotes inside a quoted text become inner quotes ("“Intention”" in a quoted title is ‘Intention’)."""
    if self.get("quotes", "false").lower() != "true":
        return string
    outer = (str(self.get_single_term(name="open-quote")), str(self.get_single_term(name="close-quote")))
    inner = (
        str(self.get_single_term(name="open-inner-quote")),
        str(self.get_single_term(name="close-inner-quote")),
    )
    if all(outer + inner) and (outer[0] in str(string) or outer[1] in str(string)):
        table = (
            str.maketrans({outer[0]: inner[0], outer[1]: inner[1]}) if len(outer[0] + outer[1]) == 2 else {}
        )
        if table:
            string = (
                string.translate(table)
                if isinstance(string, MixedString)
                else string.__class__(str(string).translate(table))
            )
    return outer[0] + string + outer[1]


def _last_page(original: Callable[..., Any]) -> Callable[..., Any]:
    """Page ranges compare digits aligned from the right: "9-27" stays "9–27" ("1–163", not "1–63")."""

    def format_last_page(self: Any, first: str, last: str) -> Any:
        if first.isdigit() and last.isdigit():
            if len(last) < len(first):
                last = first[: len(first) - len(last)] + last
            elif len(last) > len(first):
                return last
        return original(self, first, last)

    return format_last_page


_NUMERIC = re.compile(r"^[A-Z]*\d+[A-Z]*(?:\s*(?:[-\u2013&,]|and)\s*[A-Z]*\d+[A-Z]*)*$", re.I)
_SEVERAL = re.compile(r"\d[A-Z]*\s*(?:[-\u2013&,]|and)\s*[A-Z]*\d", re.I)


def _is_plural(original: Callable[..., bool]) -> Callable[..., bool]:
    """A label is plural for a list or range of numbers only ("arXiv:1008.2849v1" is one: "No.")."""

    def is_plural(self: Any, item: Any) -> bool:
        variable = self.get("variable")
        if variable == "locator" or (variable or "").startswith("number-of"):
            return original(self, item)
        try:
            value = str(item.reference[(variable or "").replace("-", "_")])
        except model.VariableError:
            return False
        return bool(_NUMERIC.match(value) and _SEVERAL.search(value))

    return is_plural


def apply() -> None:
    """Install these rules in citeproc-py's classes (called once, by :func:`.cslfix.apply`)."""
    String.capitalize_first = _capitalize_first
    MixedString.capitalize_first = _mixed_capitalize_first
    model.TextCased.case = _case(model.TextCased.case)
    model.Quoted.quote = _quote
    model.Text._variable = _ranges(model.Text._variable)
    model.If.re_numeric = _NUMERIC
    model.Label._is_plural = _is_plural(model.Label._is_plural)
    model.FormatNumber._format_last_page = _last_page(model.FormatNumber._format_last_page)
    seam = _seam(cslstring.normalize_seam)
    cslstring.normalize_seam = model.normalize_seam = seam
