"""Data files for ``cv-timeline :source:``: JSON Resume, RenderCV and plain YAML.

Pure Python (no Sphinx) so the loaders can be tested and reused by the CLI.
:func:`load` parses once and detects the format by content, never by file
name; :meth:`DataFile.entries` turns one section into
:class:`~sphinx_cv.model.Entry` objects, the model every source shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..dates import shorten
from ..model import Entry, Person
from . import json_resume, plain_yaml, rendercv
from .common import Format
from .parse import LineDict, LineList, ParseProblem, SourceError, item_lines, line_of, parse_text

__all__ = ["FORMATS", "DataFile", "Format", "LineDict", "LineList", "SourceError", "load"]

#: every data format, by name; detection (:func:`detect`) picks one
FORMATS: dict[str, Format] = {f.name: f for f in (json_resume.FORMAT, rendercv.FORMAT, plain_yaml.FORMAT)}
JSON_RESUME, RENDERCV, PLAIN = json_resume.FORMAT.name, rendercv.FORMAT.name, plain_yaml.FORMAT.name


@dataclass
class DataFile:
    """A parsed data file: its format's name and its data (sections, or one list of entries)."""

    format: str
    data: Any
    #: values left out while parsing (YAML alias bombs), with their lines: reported by the reader
    problems: list[ParseProblem] = field(default_factory=list)

    @property
    def loader(self) -> Format:
        return FORMATS[self.format]

    def sections(self) -> dict[str, Any]:
        """Section name -> its list (empty for a file that is a single list)."""
        return self.loader.sections(self.data)

    def entries(self, section: str | None = None) -> list[Entry]:
        """The entries of ``section`` (``None`` for a file that is one list of entries).

        Raises :class:`SourceError` for a section that does not exist (the
        message names those that do) or is not a list.
        """
        return self._read(section or "", self.items(section))

    def items(self, section: str | None = None) -> list[Any]:
        """The raw items of ``section`` (``None`` for a file that is one list); see :meth:`entries`."""
        if isinstance(self.data, list):
            if section:
                raise SourceError(f"is a single list of entries; it has no section {shorten(section)}")
            return self.data
        found = self.sections()
        names = ", ".join(found) or "none"
        if not section:
            raise SourceError(f"is a {self.format} file with sections; choose one with :section: ({names})")
        if section not in found:
            line = self.loader.sections_line(self.data)
            raise SourceError(f"has no section {shorten(section)}; its sections are: {names}", line)
        items = found[section]
        if not isinstance(items, list):
            kind = "empty" if items is None else f"a {type(items).__name__}"
            raise SourceError(
                f"section {shorten(section)} is not a list of entries (found {kind})", line_of(items)
            )
        return items

    def _read(self, section: str, items: list[Any]) -> list[Entry]:
        """Each item as an entry; one that cannot be read is left out alone, never the whole file.

        The loaders turn unusable values into problems, so this is the boundary
        for what they did not foresee: the entry comes back ``omitted``, with
        the reason as its problem, for the caller to report.
        """
        found = []
        for item, line in zip(items, item_lines(items), strict=True):
            try:
                found.append(self.loader.entry(section, item, line))
            except Exception as err:  # the boundary of one entry
                reason = f"could not be read ({type(err).__name__}: {shorten(str(err))}); left out"
                found.append(Entry(title="", line=line, problems=[("title", reason)], omitted=True))
        return found

    def person(self) -> tuple[Person, list[str]]:
        """The person a resume describes, with summary paragraphs (empty for plain YAML)."""
        return self.loader.person(self.data)


def detect(data: Any) -> str:
    """The format of parsed data, judged by its content; :class:`SourceError` if none fits."""
    if isinstance(data, list):
        return PLAIN
    if isinstance(data, Mapping):
        if rendercv.is_rendercv(data):
            return RENDERCV
        lists = [v for v in data.values() if isinstance(v, list)]
        plain_keys = {"start", "end", "subtitle"}
        if any(isinstance(i, Mapping) and plain_keys & {str(k) for k in i} for items in lists for i in items):
            return PLAIN
        if json_resume.is_json_resume(data):
            return JSON_RESUME
        if lists:
            return PLAIN
    kind = "empty" if data is None else f"a {type(data).__name__}"
    raise SourceError(
        f"is not a known data format (found {kind}; expected a JSON Resume, "
        "a RenderCV file with cv.sections, or a YAML list of entries)"
    )


def load(text: str, filename: str = "") -> DataFile:
    """Parse and detect ``text``; :class:`SourceError` (with the line when known) if unusable.

    ``filename`` only makes a ``*.json`` file strict JSON; the format is judged by content.
    """
    problems: list[ParseProblem] = []
    data = parse_text(text, filename, problems)
    return DataFile(detect(data), data, problems)
