"""YAML data files through PyYAML's safe loader, each mapping and sequence with its line.

Imported by :func:`.parse.parse_yaml` when a YAML file is read, not with the extension.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from .parse import LineDict, LineList, ParseProblem, SourceError

#: at most this many aliases (``*name``) in one YAML file: a CV repeats a few values, not thousands
MAX_ALIASES = 1_000
#: at most this many values a YAML value may expand to through aliases (a file's own values may be more)
MAX_EXPANDED = 100_000


class LineLoader(yaml.SafeLoader):
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


def _yaml_map(loader: LineLoader, node: yaml.MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


def _yaml_seq(loader: LineLoader, node: yaml.SequenceNode) -> Iterator[LineList]:
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_sequence(node))


def _yaml_text(loader: LineLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


LineLoader.add_constructor("tag:yaml.org,2002:map", _yaml_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _yaml_seq)
# Dates stay text: the date grammar judges them (``2019-02-30`` is a warning, not a crash).
LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_text)


def parse_yaml(text: str, problems: list[ParseProblem] | None) -> Any:
    loader = LineLoader(text, problems)  # a SafeLoader subclass
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
