"""How a .bib file writes its entries, learned from its text; no Sphinx.

:func:`detect_style` reads an existing file's habits (field order, field-name
and entry-type case, indentation, ``=`` spacing or alignment, name order, a
trailing comma, month macros, line endings) by majority over its entries, so
that :func:`~.bibwrite.format_entry` writes a new entry the way the file
already writes them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

#: the order used when the file has no entries to learn from
DEFAULT_ORDER = (
    "author",
    "editor",
    "title",
    "journal",
    "booktitle",
    "school",
    "institution",
    "publisher",
    "year",
    "month",
    "volume",
    "number",
    "pages",
    "doi",
    "eprint",
    "archiveprefix",
    "primaryclass",
    "url",
    "note",
)
_FIELD_LINE = re.compile(r"^([ \t]*)([A-Za-z][\w\-:]*)([ \t]*)=([ \t]*)(\S?)", re.M)
_ENTRY_START = re.compile(r"^@([A-Za-z]+)[ \t]*[{(]", re.M)


@dataclass
class Style:
    """How a .bib file writes its entries."""

    order: list[str] = field(default_factory=lambda: list(DEFAULT_ORDER))
    spelling: dict[str, str] = field(default_factory=dict)  #: lower-case name -> the file's spelling
    name_case: str = "lower"  #: "lower", "title" or "upper" for field names not in ``spelling``
    type_case: str = "lower"
    indent: str = "  "
    before_eq: str = " "
    after_eq: str = " "
    aligned: bool = False  #: ``=`` in one column within an entry
    eq_column: int = 0  #: that column, counted from the line's start
    family_first: bool = True  #: ``Zheng, Qinqing`` rather than ``Qinqing Zheng``
    trailing_comma: bool = False
    month_macros: bool = True  #: ``month = jun`` rather than ``month = {6}``
    newline: str = "\n"


def recase(word: str, how: str) -> str:
    """``word`` in a file's case for names: "lower", "title" or "upper"."""
    return word.upper() if how == "upper" else word.title() if how == "title" else word.lower()


def _majority(values: Iterable[str], default: str) -> str:
    counted = Counter(values).most_common(1)
    return counted[0][0] if counted else default


def _merge_order(sequences: list[list[str]]) -> list[str]:
    """One order consistent with most entries: each field goes after the fields seen before it."""
    order: list[str] = []
    for sequence in sequences:
        previous = -1
        for name in sequence:
            if name in order:
                previous = max(previous, order.index(name))
                continue
            order.insert(previous + 1, name)
            previous += 1
    return order


def detect_style(text: str) -> Style:
    """The habits of an existing .bib file's text (defaults where it has no entries)."""
    style = Style(newline="\r\n" if "\r\n" in text else "\n")
    starts = list(_ENTRY_START.finditer(text))
    entries = [
        text[m.start() : starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        for i, m in enumerate(starts)
        if m[1].lower() not in ("string", "comment", "preamble")
    ]
    if not entries:
        return style
    types = [m[1] for m in starts if m[1].lower() not in ("string", "comment", "preamble")]
    style.type_case = _majority((_case_of(t) for t in types), "lower")
    sequences: list[list[str]] = []
    indents, befores, afters, name_cases, months, trailing = [], [], [], [], [], []
    aligned_votes: list[bool] = []
    eq_columns: list[int] = []
    name_votes: list[bool] = []
    for entry in entries:
        lines = list(_FIELD_LINE.finditer(entry))
        if not lines:
            continue
        sequences.append([m[2].lower() for m in lines])
        for m in lines:
            indents.append(m[1])
            befores.append(m[3])
            afters.append(m[4])
            name_cases.append(_case_of(m[2]))
            style.spelling.setdefault(m[2].lower(), m[2])
            if m[2].lower() == "month":
                months.append(m[5] not in '{"' and not m[5].isdigit())
        columns = {m.end(3) - m.start(0) for m in lines}
        aligned_votes.append(len(lines) > 2 and len(columns) == 1 and len({len(m[2]) for m in lines}) > 1)
        if aligned_votes[-1]:
            eq_columns.append(columns.pop())
        author = re.search(r"^[ \t]*author[ \t]*=[ \t]*[{\"](.*)$", entry, re.M | re.I)
        if author:
            names = author[1].rstrip().rstrip(",").rstrip('}"')
            name_votes += ["," in name for name in re.split(r"\s+and\s+", names)]
        closing = entry.rstrip().rstrip("})").rstrip()
        trailing.append(closing.endswith(","))
    if not sequences:
        return style
    style.order = _merge_order([*sequences, list(DEFAULT_ORDER)])
    style.indent = _majority(indents, "  ")
    style.aligned = _majority(("y" if v else "n" for v in aligned_votes), "n") == "y"
    style.eq_column = int(_majority(map(str, eq_columns), "0"))
    style.family_first = _majority(("y" if v else "n" for v in name_votes), "y") == "y"
    style.before_eq = " " if style.aligned else _majority(befores, " ")
    style.after_eq = _majority(afters, " ")
    style.name_case = _majority(name_cases, "lower")
    style.month_macros = _majority(("y" if m else "n" for m in months), "y") == "y"
    style.trailing_comma = _majority(("y" if t else "n" for t in trailing), "n") == "y"
    return style


def _case_of(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "upper"
    return "title" if word[:1].isupper() else "lower"
