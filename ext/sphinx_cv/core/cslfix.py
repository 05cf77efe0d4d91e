"""Where citeproc-py departs from citeproc-js, the reference CSL processor: small corrections; no Sphinx.

citeproc-py (PyPI) is the maintained CSL processor for Python, but on the
official APA, IEEE and Chicago styles it differs from citeproc-js, which
Zotero, Mendeley and the CSL test suite follow, in a few rules of the
specification. Each function here corrects one of them, and
``tests/test_styles.py`` shows each difference on a real entry. They are
applied once, by :func:`apply`, to the classes of the installed citeproc-py
(``pyproject.toml`` pins the minor version these were written against).

Also here: the two hooks sphinx-cv needs from the engine, the marks around
each person's name (so the renderer can highlight the owner and link
co-authors inside formatted text) and around a numeric style's label (so the
label can follow the list's numbering).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc import string as cslstring
from citeproc.source import CitationItem
from citeproc.string import MixedString, String

#: private-use characters: styles open with OPEN + a code and close with CLOSE
OPEN, CLOSE = "\ue000", "\ue001"
#: a person's name parts: PERSON + chr(PERSON_BASE + n) ... PERSON_END
PERSON, PERSON_END, PERSON_BASE = "\ue002", "\ue003", 0xE100
#: around the first field of a ``second-field-align`` bibliography (a numeric label)
LABEL, LABEL_END = "\ue004", "\ue005"
#: every mark, so that input text cannot forge one
MARKS = re.compile("[\ue000-\ue0ff\ue100-\ue8ff]")
#: name variables whose persons are marked, and the offset of each in the mark's code
PERSON_ROLES = {"author": 0, "editor": 1024}


def _wrapper(code: str) -> Callable[[Any], str]:
    def wrap(text: Any) -> str:
        return f"{OPEN}{code}{text}{CLOSE}"

    return wrap


class MarkedFormatter:
    """A citeproc-py formatter whose styles are marks, parsed into runs afterwards (``csl.pieces``)."""

    Italic = staticmethod(_wrapper("i"))
    Oblique = staticmethod(_wrapper("i"))
    Bold = staticmethod(_wrapper("b"))
    Light = staticmethod(str)
    Underline = staticmethod(_wrapper("u"))
    Superscript = staticmethod(_wrapper("^"))
    Subscript = staticmethod(_wrapper("_"))
    SmallCaps = staticmethod(_wrapper("c"))

    @staticmethod
    def preformat(text: Any) -> str:
        return str(text)


class NumberedItem(CitationItem):  # type: ignore[misc]
    """A citation item whose ``citation-number`` is the list's number, not its place in the engine."""

    @property
    def number(self) -> int:
        return int(self["cv_number"])

    @property
    def reference(self) -> Any:
        """The item's data, looked up once (citeproc-py asks for it at every element)."""
        cached = vars(self).get("_reference")
        if cached is None:
            cached = vars(self)["_reference"] = self.bibliography.source[self.key]
        return cached


# ---- the corrections -----------------------------------------------------------------------------


def _substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """CSL 1.0.2, ``cs:substitute``: every variable the substitute rendered is suppressed in the rest.

    citeproc-py suppressed only a ``cs:text`` variable named on the substituting
    element itself: APA's title, which takes a missing author's place through a
    macro, was printed twice, and so was an editor standing in for an author.
    """
    for child in self.getchildren():
        start = len(_rendered)
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            text = None
        if text:
            _repressed.update(_rendered[start:])
            _repressed.update((child.get("variable") or "").split())
            return text
        del _rendered[start:]
    return None


def _label_needs_its_variable(original: Callable[..., Any]) -> Callable[..., Any]:
    """A ``cs:label`` of a variable the item lacks renders nothing (APA's "(Publication)" on theses)."""

    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        own = self.get("variable")
        if variable is None and own and own != "locator" and own.replace("-", "_") not in item.reference:
            return None
        return original(self, item, variable, *args, **kwargs)

    return process


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


def _initialize_marked(original: Callable[..., str]) -> Callable[..., str]:
    """Initials of a marked given name, and ``initialize="false"`` (CSL 1.0.1): names stay whole.

    With ``initialize="false"`` only the initials already written are set with
    ``initialize-with``, as citeproc-js does ("Weijie J" is "Weijie J.").
    """

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        text = str(given)
        head = text[:2] if text.startswith(PERSON) else ""
        tail = PERSON_END if head and text.endswith(PERSON_END) else ""
        inner = text[len(head) : len(text) - len(tail)]
        if self.get_option("initialize", context) == "false":
            words = [f"{w[0]}{mark.strip()}" if re.fullmatch(r"[^\W\d_]\.?", w) else w for w in inner.split()]
            return head + " ".join(words) + tail
        return head + original(self, inner, mark, context) + tail

    return initialize


def _name_option(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "initialize":
            return self.get("initialize", "true")
        return original(self, name, context, sort_options)

    return get_option


def _render_with_label(self: Any, citation_items: Any) -> list[Any]:
    """``second-field-align``: the first field (a numeric style's label) is marked, as citeproc-js splits it."""
    aligned = self.getparent().get("second-field-align")
    output = []
    for item in citation_items:
        self.repressed = {}
        _rendered.clear()
        _repressed.clear()
        if aligned:
            children = list(self.iterchildren())
            first = _render_child(children[0], item) if children else None
            rest = [_render_child(c, item) for c in children[1:]]
            body = model.join([r for r in rest if r is not None], self.get("delimiter", ""))
            label = f"{LABEL}{first}{LABEL_END}" if first is not None else ""
            text = self.format(self.wrap(MixedString([String(label)]) + body)) if body or label else None
        else:
            text = self.format(self.wrap(self.render_children(item)))
        if text is not None:
            output.append(text)
    return output


#: variables called and variables rendered non-empty so far in this entry (groups compare before and after)
_calls = [0, 0]
#: the variables rendered so far in this entry, and those a substitute has used up
_rendered: list[str] = []
_repressed: set[str] = set()


def _counted(original: Callable[..., Any], *, text: bool = False) -> Callable[..., Any]:
    """Count each variable an element calls and renders, and render nothing for a substituted one."""

    def process(self: Any, *args: Any, **kwargs: Any) -> Any:
        names = [n for n in (self.get("variable") or "").split() if n != "year-suffix"]
        if not names:
            result = original(self, *args, **kwargs)
            if text and self.get("macro") and result[0] not in (None, ""):
                _calls[0] += 1  # citeproc-js: a macro that printed counts as a variable that printed
                _calls[1] += 1
            return result
        _calls[0] += 1
        if all(name in _repressed for name in names):
            if text:
                return None, "en"
            raise model.VariableError
        result = original(self, *args, **kwargs)
        if (result[0] if text else result) not in (None, ""):
            _calls[1] += 1
            _rendered.extend(names)
        return result

    return process


def _group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """CSL 1.0.2, ``cs:group``: suppressed when it called variables and all that it called were empty.

    citeproc-py judged from the elements a group holds rather than from the
    ones that ran, so a ``cs:choose`` whose branch printed a fixed word counted
    as a rendered variable: APA printed "(Publication)" for every thesis.
    """
    called, rendered = _calls
    output = []
    delimiter = self.get("delimiter", "")
    for child in self.iterchildren():
        try:
            if isinstance(child, model.Choose):
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            continue
        if text is not None:
            output.append(text)
    if output and (_calls[0] == called or _calls[1] > rendered):
        _calls[0] += 1  # for the enclosing group, a group that printed is a variable that printed
        _calls[1] += 1
        return self.join(output)
    raise model.VariableError


_CLOSERS = CLOSE + PERSON_END + LABEL_END


def _seam(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """No doubled "." where a name or a style ends ("Su, W. J." + "." is one period)."""

    def normalize_seam(left: Any, other: Any) -> Any:
        bare = str(left).rstrip(_CLOSERS)
        if bare[-1:] in ("?", "!") and str(other)[:1] == ".":
            return cslstring._strip_first_char(other)
        return original(bare, other)

    return normalize_seam


#: CSL 1.0.2's stop words for title case (section "Title-case conversion"), single words
STOP_WORDS = frozenset(
    "a across afore after against along alongside amid amidst among amongst an and anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between "
    "beyond but by c ca circa d' de despite down during et except for forenenst from given in inside into "
    "lest like modulo near next nor notwithstanding of off on onto or out over per plus pro qua sans since "
    "so than the through throughout thru thruout till to toward towards under underneath until unto up "
    "upon v. van versus via vis-à-vis von vs. with within without yet".split()
)
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
        if core and lower == core and not isinstance(parts[n], cslstring.NoCase):
            if after or (index == len(real) - 1 and len(core) > 1 and not short) or (len(core) > 1 and not short and lower.rstrip(",.;:?!") not in STOP_WORDS):
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
    inner = (str(self.get_single_term(name="open-inner-quote")), str(self.get_single_term(name="close-inner-quote")))
    if all(outer + inner) and (outer[0] in str(string) or outer[1] in str(string)):
        table = str.maketrans({outer[0]: inner[0], outer[1]: inner[1]}) if len(outer[0] + outer[1]) == 2 else {}
        if table:
            string = string.translate(table) if isinstance(string, MixedString) else string.__class__(str(string).translate(table))
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


def _single_date(self: Any, date: Any, show_parts: Any = None, context: Any = None) -> Any:
    """A localized date joins its parts with the locale's delimiter ("1935 May", not "1935May")."""
    parts = self.parts(date, show_parts, context) if context != self else self.parts(date, show_parts)
    return self.join(parts) if parts else None


_XPATH: dict[tuple[Any, str], Any] = {}


def _xpath_search(self: Any, expression: str) -> Any:
    """A style's tree never changes: each search on it is made once (a quarter of the time before)."""
    key = (self, expression)
    found = _XPATH.get(key)
    if found is None:
        found = _XPATH[key] = self.xpath(expression, namespaces=self.nsmap)
    return found


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


def _render_child(child: Any, item: Any) -> Any:
    try:
        return child.render(item)
    except model.VariableError:
        return None


_applied: list[bool] = []


def apply() -> None:
    """Correct the installed citeproc-py, once per process."""
    if _applied:
        return
    _applied.append(True)
    model.CitationStylesElement.xpath_search = _xpath_search
    model.Substitute.render = _substitute_render
    model.Label.process = _label_needs_its_variable(model.Label.process)
    String.capitalize_first = _capitalize_first
    MixedString.capitalize_first = _mixed_capitalize_first
    model.Name.initialize = _initialize_marked(model.Name.initialize)
    model.Name.get_option = _name_option(model.Name.get_option)
    model.Layout.render_bibliography = _render_with_label
    model.Group.process = _group_process
    model.Text.process = _counted(model.Text.process, text=True)
    for element in (model.Names, model.Date, model.Number):
        element.process = _counted(element.process)
    model.TextCased.case = _case(model.TextCased.case)
    model.Quoted.quote = _quote
    model.FormatNumber._format_last_page = _last_page(model.FormatNumber._format_last_page)
    model.Date.render_single_date = _single_date
    model.Text._variable = _ranges(model.Text._variable)
    model.If.re_numeric = _NUMERIC
    model.Label._is_plural = _is_plural(model.Label._is_plural)
    seam = _seam(cslstring.normalize_seam)
    cslstring.normalize_seam = model.normalize_seam = seam
