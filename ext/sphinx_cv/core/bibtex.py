"""A bib entry as written, and the fields it inherits: crossref and xdata; no Sphinx.

pybtex keeps every field value as written (whitespace normalised, ``@string``
macros expanded), but splits person fields into :class:`~pybtex.database.Person`
objects and forgets where an entry stood. While sphinxcontrib-bibtex parses,
:mod:`sphinx_cv.publications.bibread` records on each entry its file, its line,
its fields' order and the person fields as written (:data:`SOURCE_ATTRIBUTE`),
so the BibTeX shown, copied and downloaded is the .bib's own text, never
re-encoded: ``R\\&D``, ``100\\%``, a URL with ``~`` or ``_`` stay as they are.

Inheritance follows biblatex (a superset of BibTeX's): a ``crossref`` or ``xref``
parent and ``xdata`` entries lend the fields the child lacks; a parent's title
becomes an in-type child's ``booktitle``. What identifies or presents the parent
itself (its DOI, URL, arXiv id, PDF, abstract, keywords) is not inherited.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pybtex.database import Entry

#: the attribute bibread sets on each parsed entry: (file, line, field order, person fields as written)
SOURCE_ATTRIBUTE = "cv_source"

#: fields a child never takes from a parent: the parent's own identity, links and display
NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "label",
        "options",
        "shorthand",
        "sortkey",
        "presort",
        "keywords",
        "selected",
        "bibtex_show",
        "preview",
        "doi",
        "eprint",
        "eprinttype",
        "archiveprefix",
        "primaryclass",
        "url",
        "urldate",
        "pdf",
        "abstract",
        "annotation",
        "award",
        "award_name",
        "additional_info",
        "google_scholar_id",
    }
)
#: a parent's title fields, as biblatex hands them to a child of an "in" type
_TITLE_AS_BOOKTITLE = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_IN_TYPES = frozenset(
    {"inproceedings", "incollection", "inbook", "bookinbook", "suppbook", "suppcollection", "conference"}
)
#: parents followed at most this deep (a crossref chain, or a cycle, stops here)
_DEPTH = 4


@dataclass
class Resolved:
    """An entry's fields and persons with what it inherits, and the entries it inherits from."""

    fields: dict[str, str] = field(default_factory=dict)  #: lower-case name -> value as written
    persons: dict[str, list[Any]] = field(default_factory=dict)  #: role -> pybtex persons
    parents: list[str] = field(default_factory=list)  #: keys of crossref/xref/xdata entries used
    missing: list[str] = field(default_factory=list)  #: parent keys the .bib does not have


def _keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def resolve(entry: Entry, entries: Mapping[str, Entry] | None = None) -> Resolved:
    """The entry's own fields, then what its xdata and crossref/xref parents lend it."""
    found = Resolved(
        fields={name.lower(): value for name, value in entry.fields.items()},
        persons={role.lower(): list(people) for role, people in entry.persons.items()},
    )
    if entries is None:
        return found
    _inherit(entry, entries, found, 0, {entry.key.lower()})
    return found


def _inherit(entry: Entry, entries: Mapping[str, Entry], found: Resolved, depth: int, seen: set[str]) -> None:
    own = {name.lower(): value for name, value in entry.fields.items()}
    parents = [(k, False) for k in _keys(own.get("xdata", ""))]
    parents += [(k, True) for k in _keys(own.get("crossref", "") or own.get("xref", ""))]
    for key, is_crossref in parents:
        if key.lower() in seen or depth >= _DEPTH:
            continue
        parent = entries.get(key)
        if parent is None:
            found.missing.append(key)
            continue
        seen.add(key.lower())
        found.parents.append(parent.key)
        as_book = is_crossref and entry.type.lower() in _IN_TYPES
        lent = {
            name.lower(): value for name, value in parent.fields.items() if name.lower() not in NOT_INHERITED
        }
        titles = {
            _TITLE_AS_BOOKTITLE[n]: lent.pop(n) for n in list(lent) if as_book and n in _TITLE_AS_BOOKTITLE
        }
        for name, value in [*lent.items(), *titles.items()]:  # a parent's own booktitle first (BibTeX)
            found.fields.setdefault(name, value)
        for role, people in parent.persons.items():
            role = role.lower()
            if as_book and role == "author":
                role = "bookauthor"
            found.persons.setdefault(role, list(people))
        _inherit(parent, entries, found, depth + 1, seen)


def source_of(entry: Entry) -> tuple[str, int | None, tuple[str, ...], dict[str, str]]:
    """(file, line, field order, person fields as written) that bibread recorded, or what pybtex kept."""
    recorded = getattr(entry, SOURCE_ATTRIBUTE, None)
    if isinstance(recorded, tuple) and len(recorded) == 4:
        return recorded
    persons = {role: " and ".join(str(p) for p in people) for role, people in entry.persons.items()}
    return "", None, (*persons, *entry.fields), persons


def location(entry: Entry) -> str:
    """``file:line`` of an entry for warnings (``file:`` without a line, as Sphinx writes it)."""
    filename, line, _order, _persons = source_of(entry)
    return f"{filename}:{line}" if filename and line else f"{filename}:"


_BRACES_BALANCED = re.compile(r"[{}]")


def _balanced(value: str) -> bool:
    depth = 0
    for brace in _BRACES_BALANCED.findall(value):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def entry_source(entry: Entry, hidden: Collection[str] = ()) -> str:
    """The entry as BibTeX with every value as written in the .bib, less the ``hidden`` fields."""
    _file, _line, order, persons = source_of(entry)
    left_out = {name.lower() for name in hidden}
    values = {name.lower(): (name, value) for name, value in entry.fields.items()}
    values.update({role.lower(): (role, text) for role, text in persons.items()})
    names = [n for n in dict.fromkeys(o.lower() for o in order) if n in values]
    names += [n for n in values if n not in names]
    lines = [f"@{entry.original_type}{{{entry.key},"]
    for name in names:
        written, value = values[name]
        if name in left_out:
            continue
        # pybtex only keeps balanced values; a quoted one with a stray brace stays quoted
        shown = f"{{{value}}}" if _balanced(value) else f'"{value}"'
        lines.append(f"  {written} = {shown},")
    lines.append("}")
    return "\n".join(lines)


def parent_keys(entries: Mapping[str, Entry]) -> frozenset[str]:
    """Keys (lower case) that some entry inherits from: crossref/xref parents and xdata entries."""
    found: set[str] = set()
    for entry in entries.values():
        fields = entry.fields
        for name in ("crossref", "xref", "xdata"):
            value = fields.get(name, "")
            if value:
                found.update(k.lower() for k in _keys(value))
    return frozenset(found)
