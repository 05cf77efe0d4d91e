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
from citeproc.source import CitationItem
from citeproc.string import MixedString, String

from . import cslcount, cslfast, csltext
from .cslcount import calls as _calls
from .cslcount import rendered as _rendered
from .cslcount import repressed as _repressed
from .cslmarks import CLOSE, LABEL, LABEL_END, OPEN, PERSON, PERSON_END


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
        cache: dict[str, Any] = self.__dict__
        if "_reference" not in cache:
            cache["_reference"] = self.bibliography.source[self.key]
        return cache["_reference"]


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
        cache = self.__dict__
        if "_cv_own" not in cache:  # the variable's key, read once ("" when none or the locator)
            own = self.get("variable") or ""
            cache["_cv_own"] = own.replace("-", "_") if own != "locator" else ""
        own = cache["_cv_own"]
        if variable is None and own and own not in item.reference:
            return None
        return original(self, item, variable, *args, **kwargs)

    return process


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
    """``second-field-align``: the first field (a numeric label) is marked, as citeproc-js sets it apart."""
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


def _group_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """CSL 1.0.2, ``cs:group``: suppressed when it called variables and all that it called were empty.

    citeproc-py judged from the elements a group holds rather than from the
    ones that ran, so a ``cs:choose`` whose branch printed a fixed word counted
    as a rendered variable: APA printed "(Publication)" for every thesis.
    Rendering (``process`` then ``markup``) is one call, the delimiter read once;
    citeproc-py renders groups only (``Group.process`` has no caller but this).
    The loop over the children is ``cslfast._render_children``'s, written out: one
    helper for both cost 8% of an APA list's formatting (a call and ``**kwargs`` per element).
    """
    called, rendered = _calls
    output = []
    delimiter = cslfast.delimiter(self)
    for child, choose in cslfast.kinds(self):
        try:
            if choose:
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
        try:
            text = model.join(output, delimiter)
        except Exception:  # citeproc-py's own join: anything it cannot join is no text
            return None
        return self.wrap(self.format(text)) if text else None
    return None  # suppressed (citeproc-py raised VariableError; its callers read None alike)


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


def _get_root(self: Any) -> Any:
    """The root of the element's tree, found once per element (every rendered node asks, often)."""
    cache = self.__dict__
    root = cache.get("_cv_root")
    if root is None:
        root = cache["_cv_root"] = self.getroottree().getroot()
    return root


def _if_variables(self: Any, item: Any) -> list[bool]:
    """``cs:if variable=...``: the names split once per element (asked for every entry)."""
    cache = self.__dict__
    names = cache.get("_cv_variables")
    if names is None:
        names = cache["_cv_variables"] = [v.replace("-", "_") for v in self.get("variable").split()]
    reference = item.reference
    return [("locator" in item) if name == "locator" else (name in reference) for name in names]


_FORMAT_ATTRIBUTES = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


def _format(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """An element without font attributes formats nothing: known once per element, not five times
    per entry (most elements of a style have none)."""

    def format(self: Any, string: Any) -> Any:
        cache = self.__dict__
        plain = cache.get("_cv_plain")
        if plain is None:
            plain = cache["_cv_plain"] = not any(self.get(name) for name in _FORMAT_ATTRIBUTES)
        if plain:
            return str(string) if isinstance(string, int | float) else string
        return original(self, string)

    return format


def _get_formatter(self: Any) -> Any:
    """The formatter, through the cached root (a locale's is its style's)."""
    root = _get_root(self)
    formatter = root.__dict__.get("formatter")
    return formatter if formatter is not None else root.style.formatter


def _if_type(self: Any, item: Any) -> list[bool]:
    """``cs:if type=...``: the types split once per element."""
    cache = self.__dict__
    types = cache.get("_cv_types")
    if types is None:
        types = cache["_cv_types"] = [t.lower() for t in self.get("type").split()]
    kind = dict.__getitem__(item.reference, "type")
    return [t == kind for t in types]


def keep_alive(engine: Any) -> None:
    """Hold a Python proxy of every element of a style and its locales.

    lxml makes a new proxy each time an element is reached, unless one is still
    alive: holding them all makes the caches above last for the style's life.
    """
    root = engine.root
    locales = getattr(root, "locales", None) or []
    root.__dict__["_cv_elements"] = [*root.iter(), *(e for locale in locales for e in locale.iter())]


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
    model.CitationStylesElement.get_root = _get_root
    model.If._variable = _if_variables
    model.If._type = _if_type
    model.CitationStylesElement.get_formatter = _get_formatter
    model.Formatted.format = _format(model.Formatted.format)
    model.Substitute.render = _substitute_render
    model.Label.process = _label_needs_its_variable(model.Label.process)
    model.Name.initialize = _initialize_marked(model.Name.initialize)
    model.Name.get_option = _name_option(model.Name.get_option)
    model.Layout.render_bibliography = _render_with_label
    csltext.apply()
    cslfast.apply()
    model.Group.render = _group_render
    model.Text.process = cslcount.counted(model.Text.process, text=True)
    model.Text.render = cslcount.text_render
    model.Names.process = cslcount.counted(model.Names.process, direct=False)
    for element in (model.Date, model.Number):
        element.process = cslcount.counted(element.process)
    model.Date.render_single_date = _single_date
