"""The citation-count file (``cv-metrics.json``): format, located problems, totals; no Sphinx.

``python -m sphinx_cv metrics`` writes it and the site's owner commits it;
the build only reads it, so a site never touches the network. The format,
one object per citation key::

    {
      "works": {
        "zheng2020sharp": {
          "cited_by": 12,
          "source": "OpenAlex",
          "id": "https://openalex.org/W3034405924",
          "date": "2025-01-06"
        }
      }
    }

Keys are sorted and the file ends with a newline, so a weekly run that
changes one count changes one line of the diff.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .urls import safe_url

#: where a source's work page is, from its id (OpenAlex ids are the page's address)
SOURCE_PAGES = {"OpenAlex": "https://openalex.org/"}


@dataclass(frozen=True)
class Count:
    """One work's citation count, as fetched."""

    cited_by: int
    source: str
    id: str  #: the work's id at the source
    date: str  #: ISO date of the fetch

    @property
    def url(self) -> str:
        """The work's page at its source (only http(s)); "" if unknown."""
        prefix = SOURCE_PAGES.get(self.source, "")
        if self.id.startswith(("https://", "http://")):
            return safe_url(self.id) or ""
        return f"{prefix}{self.id}" if prefix and re.fullmatch(r"[A-Za-z0-9]+", self.id) else ""

    def as_json(self) -> dict[str, Any]:
        return {"cited_by": self.cited_by, "source": self.source, "id": self.id, "date": self.date}


@dataclass(frozen=True)
class Problem:
    """Something wrong in the file, at a line (1-based; 0 when unknown)."""

    line: int
    message: str


def _line_of(text: str, key: str) -> int:
    found = text.find(json.dumps(key))
    return text.count("\n", 0, found) + 1 if found >= 0 else 0


def _valid_date(value: Any) -> bool:
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def parse_metrics(text: str) -> tuple[dict[str, Count], list[Problem]]:
    """The counts in the file; every unusable part is a :class:`Problem` and is skipped."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return {}, [Problem(err.lineno, f"not valid JSON: {err.msg} (column {err.colno})")]
    works = data.get("works") if isinstance(data, Mapping) else None
    if not isinstance(works, Mapping):
        return {}, [Problem(1, 'expected an object with a "works" object (citation key -> count)')]
    counts: dict[str, Count] = {}
    problems: list[Problem] = []
    for key, item in works.items():
        where = _line_of(text, key)
        if not isinstance(item, Mapping):
            problems.append(Problem(where, f"{key}: expected an object, got {type(item).__name__}"))
            continue
        cited = item.get("cited_by")
        if isinstance(cited, bool) or not isinstance(cited, int) or cited < 0:
            problems.append(Problem(where, f"{key}: cited_by must be a whole number >= 0, got {cited!r}"))
            continue
        date = item.get("date", "")
        if not _valid_date(date):
            problems.append(Problem(where, f"{key}: date must be YYYY-MM-DD, got {date!r}"))
            continue
        counts[str(key)] = Count(cited, str(item.get("source") or ""), str(item.get("id") or ""), str(date))
    return counts, problems


def dump_metrics(counts: Mapping[str, Count]) -> str:
    """The file's text: sorted keys, two-space indents, a final newline."""
    works = {key: counts[key].as_json() for key in sorted(counts)}
    return json.dumps({"works": works}, indent=2, ensure_ascii=False) + "\n"


def h_index(values: Iterable[int]) -> int:
    """The largest h such that h works have at least h citations each."""
    ranked = sorted(values, reverse=True)
    return sum(1 for i, value in enumerate(ranked, 1) if value >= i)


@dataclass(frozen=True)
class Totals:
    """What the profile shows: total citations, h-index, and the oldest date they rest on."""

    citations: int
    h_index: int
    works: int
    date: str
    sources: tuple[str, ...]


def totals(counts: Mapping[str, Count]) -> Totals | None:
    """Totals over the works of the file, each source work counted once (two keys can be one paper)."""
    seen: dict[tuple[str, str], Count] = {}
    for key, count in counts.items():
        seen.setdefault((count.source, count.id or key), count)
    if not seen:
        return None
    values = [c.cited_by for c in seen.values()]
    return Totals(
        citations=sum(values),
        h_index=h_index(values),
        works=len(values),
        date=min(c.date for c in seen.values()),
        sources=tuple(sorted({c.source for c in seen.values() if c.source})),
    )
