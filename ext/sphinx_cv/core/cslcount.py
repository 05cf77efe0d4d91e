"""Which variables an entry called and printed: CSL 1.0.2's rules for groups and substitutes; no Sphinx.

A ``cs:group`` is suppressed when it called variables and every one it called
was empty, and a variable a ``cs:substitute`` printed is not printed again. Both
need to know, while an entry is rendered, what was called and what printed:
:func:`counted` wraps the elements that call variables to keep that count, here
for the entry in progress (``cslfix`` clears it per entry and reads it in groups).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import cslfast

#: variables called and variables rendered non-empty so far in this entry (groups compare before and after)
calls = [0, 0]
#: the variables rendered so far in this entry, and those a substitute has used up
rendered: list[str] = []
repressed: set[str] = set()


#: variables the engine makes rather than reads from the item
_MADE = frozenset({"citation-number", "locator", "first-reference-note-number", "citation-label"})


def _keys(names: list[str]) -> tuple[str, ...] | None:
    """What :func:`_absent` looks up for ``names`` (``None``: one is made, so never absent)."""
    if any(name in _MADE for name in names):
        return None
    keys = [name.replace("-", "_") for name in names]
    if any(name.startswith("page") for name in names):
        keys.append("page")
    return tuple(keys)


def _absent(keys: tuple[str, ...] | None, item: Any) -> bool:
    """None of an element's variables is in the item: it would raise VariableError (found without it)."""
    if keys is None:
        return False
    return bool(item.reference.keys().isdisjoint(keys))


def counted(original: Callable[..., Any], *, text: bool = False, direct: bool = True) -> Callable[..., Any]:
    """Count each variable an element calls and renders, and render nothing for a substituted one.

    ``direct``: the element renders nothing when its variables are absent (not ``cs:names``,
    which substitutes), so that is answered without running it. What the element names is
    read once (asked for every entry).
    """

    def process(self: Any, *args: Any, **kwargs: Any) -> Any:
        cache = self.__dict__
        names = cache.get("_cv_names")
        if names is None:
            named = (self.get("variable") or "").split()
            names = cache["_cv_names"] = [n for n in named if n != "year-suffix"]
            cache["_cv_keys"] = _keys(names)
            cache["_cv_macro"] = bool(self.get("macro"))
        if not names:
            result = original(self, *args, **kwargs)
            if text and cache["_cv_macro"] and result[0] not in (None, ""):
                calls[0] += 1  # citeproc-js: a macro that printed counts as a variable that printed
                calls[1] += 1
            return result
        calls[0] += 1
        if repressed.issuperset(names) or (direct and args and _absent(cache["_cv_keys"], args[0])):
            # nothing, as a VariableError would have said (every caller reads both alike; a
            # return is cheaper than an exception through three frames, for many elements per entry)
            return (None, "en") if text else None
        result = original(self, *args, **kwargs)
        if (result[0] if text else result) not in (None, ""):
            calls[1] += 1
            rendered.extend(names)
        return result

    return process


def text_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """``cs:text`` in one call: counted (as :func:`counted` does), processed, marked up.

    ``Text.render`` is ``markup(*process())`` through the counting wrapper: three calls
    and their argument packing for the style's most frequent element.
    """
    cache = self.__dict__
    names = cache.get("_cv_names")
    if names is None:  # the first time: the wrapper reads what the element names
        text, language = self.process(item, context=context, **kwargs)
        return cslfast.text_markup(self, text, language)
    if names:
        calls[0] += 1
        if repressed.issuperset(names) or _absent(cache["_cv_keys"], item):
            return None
        text, language = cslfast.text_process(self, item, context)
        if text not in (None, ""):
            calls[1] += 1
            rendered.extend(names)
    else:
        text, language = cslfast.text_process(self, item, context)
        if cache["_cv_macro"] and text not in (None, ""):
            calls[0] += 1
            calls[1] += 1
    return cslfast.text_markup(self, text, language)
