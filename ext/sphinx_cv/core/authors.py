"""Author lists as academics write them: note marks, biblatex annotations, co-author homepages; no Sphinx.

A .bib marks equal contribution or the corresponding author in two ways:
inside the name (``Zheng*``, ``Dong$^\\dagger$``, ``Wu\\textsuperscript{*}``,
as al-folio users do) or in biblatex's annotation field (``author+an =
{1=equal; 3=corresponding}``). Both become marks shown as superscripts, and
the name without its mark is what owner and co-author matching compare.
Co-author homepages come from a ``name -> url`` mapping or al-folio's
``_data/coauthors.yml`` (keyed by last name, with ``firstname`` lists), and
are matched with the owner's matcher (:func:`~.names.same_person`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pybtex.database import Person

from .dates import Problem, shorten
from .names import NameKey, fold, same_person
from .urls import safe_url

#: mark characters as written in names, and the mark each one shows as
_MARK_CHARS = {"*": "*", "∗": "*", "†": "†", "‡": "‡", "§": "§", "¶": "¶", "‖": "‖"}
#: LaTeX commands for marks (in or out of math mode)
_MARK_COMMANDS = {
    "dagger": "†",
    "dag": "†",
    "ddagger": "‡",
    "ddag": "‡",
    "ast": "*",
    "star": "*",
    "S": "§",
    "P": "¶",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "textasteriskcentered": "*",
}
_COMMAND_NAMES = "|".join(sorted(_MARK_COMMANDS, key=len, reverse=True))
#: one mark group at the end (or start) of a name token
_MARK_GROUP = (
    r"(?:\$\^\{?(?P<math>[^${}]*)\}?\$"  # $^\dagger$, $^{*\dagger}$, $^1$
    r"|\\textsuperscript\s*\{(?P<sup>[^{}]*)\}"  # \textsuperscript{*}
    rf"|\{{?\\(?P<cmd>{_COMMAND_NAMES})(?![A-Za-z])\s*(?:\{{\}})?\}}?"  # \dag, {\dag}
    r"|\^?(?P<chars>[*∗†‡§¶‖]+))"  # Zheng*, Zheng^*
)
_TRAILING = re.compile(_MARK_GROUP + r"\s*$")
_LEADING = re.compile(r"^\s*" + _MARK_GROUP)
_INNER_TOKEN = re.compile(rf"\\({_COMMAND_NAMES})(?![A-Za-z])|([*∗†‡§¶‖])|(\d+|[a-z])")
#: an annotation that is itself a mark or marks: ``*``, ``\\dagger``, ``$^{*\\dagger}$``
_DIRECT = re.compile(rf"[$^{{}}\s]*(?:(?:\\(?:{_COMMAND_NAMES})(?![A-Za-z])|[*∗†‡§¶‖])[$^{{}}\s]*)+")
#: characters without which a name token holds no mark (most names): skip the regular expressions
_MAYBE = re.compile(r"[*∗†‡§¶‖$\\^]")

#: biblatex annotation words and the mark each one shows as
ANNOTATION_MARKS = {
    "equal": "*",
    "equalcontribution": "*",
    "equal-contribution": "*",
    "corresponding": "†",
    "corresponding-author": "†",
    "correspondingauthor": "†",
}
#: the annotation that marks the site owner (biblatex users write it to bold their name)
HIGHLIGHT_ANNOTATIONS = frozenset({"highlight", "me", "self", "owner"})

#: marks the list legends explain by default (``cv_author_notes``)
DEFAULT_NOTES = {"*": "Equal contribution", "†": "Corresponding author"}


def _inner_marks(text: str) -> list[str]:
    """Marks inside a superscript group: ``*\\dagger`` -> ``["*", "†"]``; ``1`` stays ``1``."""
    marks: list[str] = []
    for command, char, other in _INNER_TOKEN.findall(text):
        marks.append(_MARK_COMMANDS[command] if command else _MARK_CHARS[char] if char else other)
    return marks


def _group_marks(match: re.Match[str]) -> list[str]:
    if match["math"] is not None:
        return _inner_marks(match["math"])
    if match["sup"] is not None:
        return _inner_marks(match["sup"])
    if match["cmd"]:
        return [_MARK_COMMANDS[match["cmd"]]]
    return [_MARK_CHARS[ch] for ch in match["chars"]]


def split_marks(token: str) -> tuple[str, list[str]]:
    """A name token without its leading and trailing marks, and the marks (in order written)."""
    if not _MAYBE.search(token):
        return token, []
    marks: list[str] = []
    while (lead := _LEADING.match(token)) and lead.end() > 0 and lead.end() < len(token):
        marks += _group_marks(lead)
        token = token[lead.end() :]
    tail: list[str] = []
    while (trail := _TRAILING.search(token)) and trail.start() > 0:
        tail = _group_marks(trail) + tail
        token = token[: trail.start()].rstrip()
    return token, marks + tail


def person_marks(person: Person) -> tuple[Person, list[str]]:
    """The person without marks in their name, and the marks; the same object when there are none."""
    names = [person.first_names, person.middle_names, person.prelast_names, person.last_names]
    if not _MAYBE.search(" ".join([*names[0], *names[1], *names[2], *names[3], *person.lineage_names])):
        return person, []  # most names: two calls, nothing built
    parts = dict(zip(("first", "middle", "prelast", "last"), names, strict=True))
    parts["lineage"] = person.lineage_names
    marks: list[str] = []
    clean: dict[str, str] = {}
    for part, tokens in parts.items():
        kept: list[str] = []
        for token in tokens:
            text, found = split_marks(token)
            marks += found
            if text:
                kept.append(text)
        clean[part] = " ".join(kept)
    if not marks:
        return person, []
    return Person(**clean), list(dict.fromkeys(marks))


@dataclass
class Annotations:
    """biblatex's ``author+an`` read: marks per author (0-based) and the authors marked as the owner."""

    marks: dict[int, list[str]] = field(default_factory=dict)
    owners: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def read_annotations(text: str, count: int, key: str = "") -> Annotations:
    """``1=equal; 3=corresponding,highlight`` (1-based items, ``2:family=...`` parts) for ``count`` authors.

    An item beyond the list or that is no number is a problem; words without
    a known meaning (biblatex styles invent their own) are ignored.
    """
    found = Annotations()
    for item in (part.strip() for part in text.split(";")):
        if not item:
            continue
        target, _, values = item.partition("=")
        position = target.split(":", 1)[0].strip()
        if not position.isdigit() or not 1 <= int(position) <= count:
            found.problems.append(
                (
                    "author+an",
                    f"entry {shorten(key)}: author+an names author {shorten(position)}, "
                    f"but the entry has {count} author{'s' if count != 1 else ''}",
                )
            )
            continue
        index = int(position) - 1
        for raw in values.split(","):
            word = raw.strip().strip('"{}').strip()
            mark = ANNOTATION_MARKS.get(word.lower())
            if word.lower() in HIGHLIGHT_ANNOTATIONS:
                found.owners.add(index)
            elif mark is None and _DIRECT.fullmatch(word):  # a mark written directly: 1=*, 2=$\dagger$
                found.marks.setdefault(index, []).extend(_inner_marks(word))
            elif mark is not None:
                found.marks.setdefault(index, []).append(mark)
    return found


@dataclass
class CoauthorIndex:
    """Co-author homepages by folded last name; empty (and falsy) when none are configured."""

    by_last: dict[str, list[tuple[NameKey, str]]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_last)

    def add(self, key: NameKey, url: str) -> None:
        if key.last:
            self.by_last.setdefault(key.last, []).append((key, url))

    def url_of(self, person: Person) -> str:
        """The homepage of the first co-author entry matching ``person``, or ""."""
        key = NameKey.of(person)
        return next((url for alias, url in self.by_last.get(key.last, ()) if same_person(alias, key)), "")


#: a problem of a co-author source: the line in the data file (None if unknown) and the message
LineProblem = tuple[int | None, str]


def coauthor_index(
    mapping: Mapping[str, str], alfolio: Any = None
) -> tuple[CoauthorIndex, list[LineProblem]]:
    """An index from ``cv_coauthors`` (name -> url) and al-folio's coauthors.yml data.

    coauthors.yml maps a last name to a list of ``{firstname: [...], url: ...}``;
    its keys are lower case in recent al-folio versions and capitalised in
    older ones: both are folded. URLs must be http(s) or relative.
    """
    index = CoauthorIndex()
    problems: list[LineProblem] = []

    def add(key: NameKey, url: object, where: str, line: int | None) -> None:
        checked = safe_url(url) if isinstance(url, str) and url.strip() else None
        if checked is None:
            problems.append((line, f"co-author {shorten(where)}: {shorten(str(url))} is not a usable link"))
        else:
            index.add(key, checked)

    for name, url in mapping.items():
        add(NameKey.of(str(name)), url, str(name), None)
    if alfolio is None:
        return index, problems
    if not isinstance(alfolio, Mapping):
        problems.append((getattr(alfolio, "line", None), "is not a mapping of last names to people"))
        return index, problems
    for last, people in alfolio.items():
        if not isinstance(people, list):
            line = getattr(people, "line", None) or getattr(alfolio, "line", None)
            problems.append((line, f"{shorten(str(last))}: expected a list of firstname/url entries"))
            continue
        for person in people:
            line = getattr(person, "line", None)
            if not isinstance(person, Mapping) or "url" not in person:
                problems.append((line, f"{shorten(str(last))}: an entry without a url"))
                continue
            firstnames = person.get("firstname") or [""]
            firstnames = [firstnames] if isinstance(firstnames, str) else list(firstnames)
            for first in firstnames:
                given = tuple(fold(t) for t in re.split(r"[\s.\-~]+", str(first)) if fold(t))
                add(NameKey(fold(str(last)), given), person["url"], f"{last}, {first}".strip(", "), line)
    return index, problems


def used_marks(mark_lists: Iterable[Iterable[str]]) -> list[str]:
    """Distinct marks in order of first use, for a legend."""
    return list(dict.fromkeys(mark for marks in mark_lists for mark in marks))
