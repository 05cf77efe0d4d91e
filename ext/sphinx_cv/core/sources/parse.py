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
from collections.abc import Callable, Iterator
from typing import Any

import yaml


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


#: at most this many aliases (``*name``) in one YAML file: a CV repeats a few values, not thousands
MAX_ALIASES = 1_000
#: at most this many values a YAML value may expand to through aliases (a file's own values may be more)
MAX_EXPANDED = 100_000

#: a problem found while reading a data file: its (1-based) line and what was left out
ParseProblem = tuple[int | None, str]


class _LineLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` whose mappings and sequences know their line, and that defuses alias bombs.

    PyYAML shares an aliased value instead of copying it, so nine lines of
    aliases to aliases ("billion laughs") load at once into something every
    reader that walks it expands to a billion values. Each node's expanded
    size is counted as it is composed, from its children's, so a value that
    would expand past :data:`MAX_EXPANDED` is caught at its line before
    anything is built from it; so are an alias inside the value it names
    (endless) and aliases past :data:`MAX_ALIASES`. Each such value is left
    out (read as null) and reported in ``problems``; when that is ``None``
    the whole file is refused instead (:class:`SourceError`).
    """

    def __init__(self, stream: str, problems: list[ParseProblem] | None = None) -> None:
        super().__init__(stream)
        self.problems = problems
        self._aliases = 0
        self._sizes: dict[int, int] = {}  #: id(node) -> how many values it expands to

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                self.get_event()  # type: ignore[no-untyped-call]
                first = self._aliases == MAX_ALIASES + 1  # reported once, not for each alias after it
                return self._left_out(f"more than {MAX_ALIASES:,} aliases (*name)", line, event, report=first)
            target = super().compose_node(parent, index)
            if id(target) not in self._sizes:  # still being composed: the alias is inside it
                return self._left_out("an alias inside the value it names (*name in &name)", line, event)
            return target
        node = super().compose_node(parent, index)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [part for pair in node.value for part in pair]
        size = 1 + sum(self._sizes[id(child)] for child in children)
        self._sizes[id(node)] = size
        if size > MAX_EXPANDED and size > len(self._sizes):
            message = f'a value that aliases expand to more than {MAX_EXPANDED:,} values ("billion laughs")'
            node = self._left_out(message, line, event)
            if event.anchor is not None:
                self.anchors[event.anchor] = node  # its aliases are left out too
        return node

    def _left_out(self, what: str, line: int, event: Any, report: bool = True) -> yaml.Node:
        """A null in place of ``what``, reported; or :class:`SourceError` when nobody collects problems."""
        if self.problems is None:
            raise SourceError(f"has {what}; not read", line)
        if report:
            self.problems.append((line, f"{what}: left out"))
        node = yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        self._sizes[id(node)] = 1
        return node


def _yaml_map(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


def _yaml_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_sequence(node))


def _yaml_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _yaml_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _yaml_seq)
# Dates stay text: the date grammar judges them (``2019-02-30`` is a warning, not a crash).
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_text)


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
    cannot be used whole (alias bombs, see :class:`_LineLoader`) are left out
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
            return _parse_yaml(text, problems)
        except SourceError:
            raise json_error from None
    return _parse_yaml(text, problems)


def _parse_yaml(text: str, problems: list[ParseProblem] | None) -> Any:
    loader = _LineLoader(text, problems)  # a SafeLoader subclass
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        raise SourceError(f"does not parse as YAML: {problem}", mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, ValueError) as err:
        raise SourceError(f"does not parse as YAML: {err}") from None
    except RecursionError:
        raise SourceError("is nested too deeply") from None
    finally:
        loader.dispose()


def line_of(value: object, default: int | None = None) -> int | None:
    """The line a parsed mapping or sequence starts on, else ``default``."""
    line = getattr(value, "line", None)
    return line if isinstance(line, int) else default


def item_lines(items: list[Any]) -> list[int | None]:
    """The line of each item of a parsed sequence (scalars too, for YAML), else the sequence's line."""
    known = getattr(items, "item_lines", None) or []
    start = line_of(items)
    return [line_of(item, known[i] if i < len(known) else start) for i, item in enumerate(items)]
