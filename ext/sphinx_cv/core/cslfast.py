"""citeproc-py's hot paths, answered once per element of a style; no Sphinx.

citeproc-py walks the style's tree again for every entry and asks each
element, every time, for its attributes, its macro, its terms: lxml answers
each with a new lookup. A style does not change while it is used (``csl._engine``
parses a file version once, and ``cslfix.keep_alive`` holds every element's
proxy, so what is kept on a proxy lasts as long as the style), so these answers
are kept on the element the first time. The output is the same, character for
character (``tests/test_styles.py``); only the time changes (``nox -s bench``,
case ``styles``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.string import String

#: the tests a ``cs:if`` may hold and the methods that answer them, in citeproc-py's order
_TESTS = (
    ("type", "_type"),
    ("variable", "_variable"),
    ("is-numeric", "_is_numeric"),
    ("is-uncertain-date", "_is_uncertain_date"),
    ("locator", "_locator"),
    ("position", "_position"),
)


def children(element: Any) -> list[Any]:
    """An element's children, listed once (lxml makes the list again at every call)."""
    cache = element.__dict__
    kids: list[Any] | None = cache.get("_cv_children")
    if kids is None:
        kids = cache["_cv_children"] = list(element.iterchildren())
    return kids


def kinds(element: Any) -> list[tuple[Any, bool]]:
    """An element's children, each with whether it is a ``cs:choose`` (which takes the delimiter)."""
    cache = element.__dict__
    kept: list[tuple[Any, bool]] | None = cache.get("_cv_kinds")
    if kept is None:
        kept = cache["_cv_kinds"] = [(child, isinstance(child, model.Choose)) for child in children(element)]
    return kept


def delimiter(element: Any) -> str:
    """An element's ``delimiter`` attribute ("" when it has none), read once."""
    cache = element.__dict__
    found: str | None = cache.get("_cv_delimiter")
    if found is None:
        found = cache["_cv_delimiter"] = element.get("delimiter", "")
    return found


def _holds(self: Any, item: Any, context: Any) -> bool:
    """Whether a ``cs:if``/``cs:else-if`` holds: citeproc-py's tests (``If.render``), which and how
    matched found once; one test (most conditions) is answered without gathering."""
    cache = self.__dict__
    tests = cache.get("_cv_tests")
    if tests is None:
        attributes = self.attrib
        kind = type(self)
        tests = [(getattr(kind, method), name == "position") for name, method in _TESTS if name in attributes]
        cache["_cv_tests"] = tests
        cache["_cv_match"] = self.get("match")
    if len(tests) == 1:
        test, positional = tests[0]
        results = test(self, item, context) if positional else test(self, item)
    else:
        results = []
        for test, positional in tests:
            results += test(self, item, context) if positional else test(self, item)
    match = cache["_cv_match"]
    if match == "any":
        return any(results)
    if match == "none":
        return not any(results)
    return all(results)


def _choose_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    """``cs:choose``: the first branch that holds, tested without raising an exception per branch.

    A branch renders its children as ``If.render`` and ``Else.render`` do, without their frame.
    """
    for child in children(self):
        if not isinstance(child, model.If) or _holds(child, item, context):
            return _render_children(child, item, context=context, delimiter=delimiter, **kwargs)
    return None


def _render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
    """``Parent.render_children`` over the listed children (its delimiter reaches a ``cs:choose``)."""
    output = []
    for child, choose in kinds(self):
        try:
            if choose:
                text = child.render(item, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, **kwargs)
        except model.VariableError:
            continue
        if text is not None:
            output.append(text)
    return model.join(output, delimiter) if output else None


def _kept_term(original: Callable[..., Any]) -> Callable[..., Any]:
    """A locale's term by name, form and padding, found once per locale (an absent one too)."""

    def get_term(self: Any, name: str, form: Any = None, zero_padded: bool = False) -> Any:
        terms = self.__dict__.setdefault("_cv_terms", {})
        key = (name, form, zero_padded)
        if key not in terms:
            try:
                terms[key] = original(self, name, form, zero_padded)
            except IndexError:
                terms[key] = None
        term = terms[key]
        if term is None:
            raise IndexError(name)
        return term

    return get_term


def _wrap(self: Any, string: Any) -> Any:
    """Prefix and suffix around a rendered piece (``Affixed.wrap``), the affixes read once."""
    if string is None:
        return None
    cache = self.__dict__
    affixes = cache.get("_cv_affixes")
    if affixes is None:
        affixes = cache["_cv_affixes"] = (self.get("prefix", ""), self.get("suffix", ""))
    prefix, suffix = affixes
    seam = model.normalize_seam
    if prefix:
        string = prefix + seam(prefix, string)
    return string + seam(string, suffix) if suffix else string


def text_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """``cs:text``: what it prints (a variable, macro, term or value) found once, then citeproc-py's way."""
    if context is None:
        context = self
    kept = item.__dict__
    language = kept.get("_cv_language")
    if language is None:
        try:
            language = item.reference.language[:2]
        except model.VariableError:
            language = self.get_root().get("default-locale", "en")[:2]
        kept["_cv_language"] = language
    cache = self.__dict__
    kind = cache.get("_cv_kind")
    if kind is None:
        attributes = self.attrib
        kinds = ("variable", "macro", "term", "value")
        kind = cache["_cv_kind"] = next((k for k in kinds if k in attributes), "")
        if kind == "macro":
            cache["_cv_macro_element"] = self.get_macro(self.get("macro"))
    if kind == "variable":
        text = self._variable(item, context)
    elif kind == "macro":
        text = _render_children(cache["_cv_macro_element"], item, context=context)  # ``Macro.render``
    elif kind == "term":
        text = self._term(item)
    elif kind == "value":
        text = String(self.preformat(self.get("value")))
    else:  # a cs:text that names nothing prints nothing (citeproc-py failed on the entry)
        text = None
    return text, language


def text_markup(self: Any, text: Any, language: Any) -> Any:
    """``cs:text`` markup: periods, case and quotes only where the element asks for them."""
    if not text:
        return None
    cache = self.__dict__
    asks = cache.get("_cv_asks")
    if asks is None:
        asks = cache["_cv_asks"] = (
            self.get("strip-periods", "false").lower() == "true",
            self.get("text-case") is not None,
            self.get("quotes", "false").lower() == "true",
        )
    strip, cased, quoted = asks
    if strip:
        text = self.strip_periods(text)
    if cased:
        text = self.case(text, language)
    text = self.format(text)
    return self.wrap(self.quote(text) if quoted else text)


def _single(self: Any) -> Any:
    """A term's singular form (``Term.single``), its text found once per term."""
    cache = self.__dict__
    text = cache.get("_cv_single")
    if text is None:
        single = self.find("cs:single", self.nsmap)
        text = cache["_cv_single"] = (single.text if single is not None else self.text) or ""
    return String(self.preformat(text))


def apply() -> None:
    """Install these in citeproc-py's classes (called once, by :func:`.cslfix.apply`)."""
    model.Locale.get_term = _kept_term(model.Locale.get_term)
    model.Choose.render = _choose_render
    model.Parent.render_children = _render_children
    model.Affixed.wrap = _wrap
    model.Text.process = text_process
    model.Text.markup = text_markup
    model.Term.single = property(_single)
