"""Author names: display text and "is this the site owner?"; no Sphinx import.

A .bib writes one person many ways: "Zheng, Qinqing", "Q. Zheng",
"Qinqing J. Zheng", "M{\\"o}ller" or "Möller". Names are split by pybtex's
:class:`~pybtex.database.Person` (the BibTeX rules), decoded from LaTeX,
accent-folded and compared: last names must agree, given names must be
compatible (an initial matches a full name, extra middle names are fine).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pybtex.database import Person
from pybtex.exceptions import PybtexError

from .texmarkup import latex_to_text


def fold(text: str) -> str:
    """Lower-case letters and digits only, accents removed: ``Möller`` and ``M{\\"o}ller`` -> ``moller``."""
    decomposed = unicodedata.normalize("NFKD", latex_to_text(text))
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    kept = kept.replace("ß", "ss").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l")
    return "".join(ch for ch in kept.casefold() if ch.isalnum())


def _tokens(parts: Iterable[str]) -> list[str]:
    """Given-name tokens: "Bor-Yiing" and "B.-Y." both give two tokens."""
    found: list[str] = []
    for part in parts:
        for piece in re.split(r"[\s.\-~]+", latex_to_text(part)):
            folded = fold(piece)
            if folded:
                found.append(folded)
    return found


@dataclass(frozen=True)
class NameKey:
    """A name reduced to what matching compares."""

    last: str  #: folded last name, without "von" parts (BibTeX splits those inconsistently)
    given: tuple[str, ...]  #: folded first and middle name tokens

    @classmethod
    def of(cls, person: Person | str) -> NameKey:
        person = parse_person(person) if isinstance(person, str) else person
        return _name_key(tuple(person.last_names), (*person.first_names, *person.middle_names))


@functools.lru_cache(maxsize=8192)
def _name_key(last_names: tuple[str, ...], given_names: tuple[str, ...]) -> NameKey:
    """A name's key from its parts, once per name (a lab's co-authors recur on most entries)."""
    return NameKey(fold(" ".join(last_names)), tuple(_tokens(given_names)))


def parse_person(text: str) -> Person:
    """pybtex's BibTeX name parsing, never raising for odd input."""
    try:
        return Person(text.strip())
    except PybtexError:
        return Person(last=text.strip())


def _compatible(one: str, other: str) -> bool:
    if len(one) == 1 or len(other) == 1:
        return one[0] == other[0]
    return one == other


def same_person(alias: NameKey, author: NameKey) -> bool:
    """Same last name and given names that do not contradict each other.

    Given names are compared in order up to the shorter list, so "Q. Zheng",
    "Qinqing Zheng" and "Qinqing J. Zheng" all match; "Qi Zheng" does not
    match "Qinqing Zheng". An author written with a last name only matches.
    """
    if not alias.last or alias.last != author.last:
        return False
    return all(_compatible(a, b) for a, b in zip(alias.given, author.given, strict=False))


class OwnerMatcher:
    """Decides which authors are the site owner, from the ``cv_author`` aliases."""

    def __init__(self, aliases: Iterable[str]) -> None:
        self.keys = [NameKey.of(alias) for alias in aliases if alias and alias.strip()]

    def __call__(self, author: Person | str | NameKey) -> bool:
        key = author if isinstance(author, NameKey) else NameKey.of(author)
        return any(same_person(alias, key) for alias in self.keys)


def aliases_of(value: object) -> list[str]:
    """``cv_author`` or ``:highlight:`` as a list: a string may hold several names separated by ``;``."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
    return [name.strip() for item in items for name in str(item).split(";") if name.strip()]


def unsplit_thin_space(person: Person) -> Person:
    """``P.\\,G. van Gompel`` as written: BibTeX's name grammar reads the comma of ``\\,`` as
    "Last, First" and yields last name ``P.\\``; a name part ending in a backslash shows it."""
    last = " ".join([*person.prelast_names, *person.last_names])
    first = " ".join([*person.first_names, *person.middle_names])
    if person.lineage_names and person.lineage_names[-1].endswith("\\"):  # "van Gompel, P.\\,G."
        written = f"{last}, {' '.join(person.lineage_names)},{first}"
    elif person.last_names and person.last_names[-1].endswith("\\"):  # "P.\\,G. van Gompel"
        written = f"{last},{first}"
    else:
        return person
    try:
        return Person(written.replace("\\,", "\\thinspace "))
    except Exception:  # pybtex's name errors are not all PybtexError; keep the name as parsed
        return person


def display_name(person: Person) -> str:
    """ "First Middle von Last, Jr." in Unicode."""
    person = unsplit_thin_space(person)
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    name = latex_to_text(" ".join(parts))
    lineage = latex_to_text(" ".join(person.lineage_names))
    return f"{name}, {lineage}" if lineage else name
