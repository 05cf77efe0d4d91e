"""Parse data-file text with real parsers, remembering the line each mapping starts on.

Per-entry warnings must point into the data file, so mappings come back as
:class:`LineDict` (a ``dict`` with a ``line``). JSON goes through the standard
:mod:`json` parser (its pure-Python scanner, which lets us see where each
object starts); everything else through PyYAML's safe loader.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
from collections.abc import Callable
from typing import Any


class SourceError(Exception):
    """Why a data file or a section of it cannot be used, and where (1-based line) when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class LineDict(dict[Any, Any]):
    """A mapping of the data file plus the (1-based) line it starts on."""

    line: int | None = None


class LineList(list[Any]):
    """A sequence of the data file plus the (1-based) line it and each of its items start on."""

    line: int | None = None
    item_lines: list[int] | None = None


#: a problem found while reading a data file: its (1-based) line and what was left out
ParseProblem = tuple[int | None, str]


# The pure-Python parts of the standard JSON decoder: public names typeshed leaves out.
_JSON_OBJECT: Callable[..., tuple[dict[str, Any], int]] = json.decoder.JSONObject  # type: ignore[attr-defined]
_JSON_ARRAY: Callable[..., tuple[list[Any], int]] = json.decoder.JSONArray  # type: ignore[attr-defined]
_MAKE_SCANNER: Callable[[json.JSONDecoder], Any] = json.scanner.py_make_scanner  # type: ignore[attr-defined]


class _LineJSONDecoder(json.JSONDecoder):
    """The standard JSON decoder, with objects and arrays tagged by their starting line."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._newlines = [i for i, ch in enumerate(text) if ch == "\n"]

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[LineDict, int]:
            obj, end = _JSON_OBJECT(s_and_end, *args)
            tagged = LineDict(obj)
            tagged.line = self._line(s_and_end[1] - 1)
            return tagged, end

        def parse_array(s_and_end: tuple[str, int], scan_once: Any) -> tuple[LineList, int]:
            values, end = _JSON_ARRAY(s_and_end, scan_once)
            tagged = LineList(values)
            tagged.line = self._line(s_and_end[1] - 1)
            return tagged, end

        self.parse_object = parse_object
        self.parse_array = parse_array
        self.scan_once = _MAKE_SCANNER(self)

    def _line(self, offset: int) -> int:
        return bisect.bisect_left(self._newlines, offset) + 1


def parse_text(text: str, filename: str = "", problems: list[ParseProblem] | None = None) -> Any:
    """The data of a JSON or YAML document; :class:`SourceError` with the line if it does not parse.

    Text that starts like JSON is read as JSON first (YAML 1.1 differs from
    JSON in corners); if that fails it may still be YAML flow style, unless
    the file is named ``*.json``: then it must be JSON. YAML values that
    cannot be used whole (alias bombs, see :class:`.yamlload.LineLoader`) are left out
    and reported in ``problems``; without that list they refuse the file.
    """
    if filename.lower().endswith(".json"):
        try:
            return _LineJSONDecoder(text).decode(text)
        except json.JSONDecodeError as err:
            raise SourceError(f"does not parse as JSON: {err.msg}", err.lineno) from None
        except RecursionError:
            raise SourceError("is nested too deeply") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            return _LineJSONDecoder(text).decode(text)
        except json.JSONDecodeError as err:
            json_error = SourceError(f"does not parse as JSON: {err.msg}", err.lineno)
        except RecursionError:
            raise SourceError("is nested too deeply") from None
        try:
            return parse_yaml(text, problems)
        except SourceError:
            raise json_error from None
    return parse_yaml(text, problems)


def parse_yaml(text: str, problems: list[ParseProblem] | None) -> Any:
    """YAML through :mod:`.yamlload`, imported only when a YAML file is read (PyYAML takes a
    hundredth of a second to import, for every build, most of which read no YAML)."""
    from .yamlload import parse_yaml as parse

    return parse(text, problems)


def line_of(value: object, default: int | None = None) -> int | None:
    """The line a parsed mapping or sequence starts on, else ``default``."""
    line = getattr(value, "line", None)
    return line if isinstance(line, int) else default


def item_lines(items: list[Any]) -> list[int | None]:
    """The line of each item of a parsed sequence (scalars too, for YAML), else the sequence's line."""
    known = getattr(items, "item_lines", None) or []
    start = line_of(items)
    return [line_of(item, known[i] if i < len(known) else start) for i, item in enumerate(items)]
