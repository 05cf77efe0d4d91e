"""``cv-timeline`` and ``cv-entry``: options -> :class:`Entry` -> :func:`render_entry`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import OptionSpec

from .builders.domain import record_data_entry, record_entry, record_timeline
from .core.dates import parse_span, shorten
from .core.model import TIMELINE_KINDS, Entry
from .directive import CVDirective, warn
from .fastparse import parse_directives
from .inline import data_text
from .nodes import cv_entries, cv_entry
from .render import ORDERS, order_entries, render_entry, render_timeline
from .source import entries_from_source

#: ``env.temp_data`` keys: how deep in timelines parsing is; whether an entry may be loose
_IN_TIMELINE = "cv_in_timeline"
_LOOSE = "cv_loose_entries"


class CVEntryDirective(CVDirective):
    """One dated entry; the title is the argument, the body ordinary content."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "start": directives.unchanged,
        "end": directives.unchanged,
        "subtitle": directives.unchanged,
        "location": directives.unchanged,
        "url": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        start = self.options.get("start")
        if start is None or not start.strip():
            warn(f"cv-entry {shorten(self.arguments[0])} has no :start: date", self.get_location(), "option")
            dates = None
        else:
            dates = parse_span(start, self.options.get("end"))
        entry = Entry(
            title=self.arguments[0],
            dates=dates,
            subtitle=self.options.get("subtitle", ""),
            location=self.options.get("location", ""),
            url=self.options.get("url", ""),
        )
        self.warn_problems(entry.all_problems, f"cv-entry {shorten(self.arguments[0])}")
        if not self.env.temp_data.get(_IN_TIMELINE):
            self.env.temp_data[_LOOSE] = True
        ctx = self.context()
        body = self.parse_content_to_nodes() if self.content else []
        node = render_entry(entry, ctx, body=body, classes=self.options.get("class", []))
        self.set_source_info(node)
        record_entry(self, entry, node, body)
        return [node]


def _limit(value: str | None) -> int:
    if value is None or not value.strip().isdigit():
        raise ValueError(f"{shorten(str(value))} is not a non-negative whole number")
    return int(value)


class CVTimelineDirective(CVDirective):
    """A list of entries, written inline and/or loaded from a data file."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        "name": directives.unchanged,
        "class": directives.class_option,
        "order": directives.unchanged,
        "limit": directives.unchanged,
        "source": directives.unchanged,
        "section": directives.unchanged,
        "kind": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        order = self.choice("order", ORDERS, "source", "keeping the source order")
        kind = self.choice("kind", ("", *TIMELINE_KINDS), "", "leaving the kind unsaid")
        limit = None
        if "limit" in self.options:
            try:
                limit = _limit(self.options["limit"])
            except ValueError as err:
                warn(
                    f"cv-timeline :limit: {err}; showing every entry", self.option_location("limit"), "option"
                )
        items: list[cv_entry] = []
        numberings: set[str] = set()
        source_format = ""
        if "source" in self.options or "section" in self.options:
            ctx = replace(self.context(data_text), smartquotes=False)
            found, source_format = entries_from_source(self)
            numberings = {entry.numbering for entry in found}
            for entry in found:
                items.append(render_entry(entry, ctx))
                record_data_entry(self, entry, items[-1])
        from_file = len(items)
        others: list[nodes.Node] = []
        if self.content:
            for node in self._parse_entries():
                if isinstance(node, cv_entry):
                    items.append(node)
                elif isinstance(node, nodes.system_message | nodes.comment | nodes.target):
                    others.append(node)
                else:
                    warn(
                        "cv-timeline content should be cv-entry directives; "
                        f"showing the {getattr(node, 'tagname', 'text')} after the timeline",
                        node if node.line else self.get_location(),
                        "option",
                    )
                    others.append(node)
                    self.env.temp_data[_LOOSE] = True  # it may hold entries: let the transform look
        caption = self.inline(self.arguments[0]) if self.arguments else []
        # numbered when every entry is of one numbered kind (a RenderCV section of them)
        numbered = numberings.pop() if len(numberings) == 1 and len(items) == from_file else ""
        timeline = render_timeline(
            order_entries(items, order, limit),
            caption=caption,
            classes=self.options.get("class", []),
            numbered=numbered,
        )
        if kind:
            timeline["kind"] = kind
        self.set_source_info(timeline)
        shown = "".join(n.astext() for n in caption)
        record_timeline(self, timeline, kind=kind, source_format=source_format, caption=shown)
        self.add_name(timeline)
        return [timeline, *others]

    def _parse_entries(self) -> list[nodes.Node]:
        """The content, with entries knowing they are inside a timeline."""
        depth = int(self.env.temp_data.get(_IN_TIMELINE) or 0)
        self.env.temp_data[_IN_TIMELINE] = depth + 1
        try:
            return parse_directives(self)
        finally:
            self.env.temp_data[_IN_TIMELINE] = depth


class WrapLooseEntries(SphinxTransform):
    """A ``cv-entry`` written outside a timeline gets one, so it renders like any other.

    Only documents where the directives saw such an entry are searched: a
    thousand-entry CV is not walked once more for nothing.
    """

    default_priority = 200

    def apply(self, **kwargs: Any) -> None:
        if not self.env.temp_data.get(_LOOSE):
            return
        for entry in list(self.document.findall(cv_entry)):
            if isinstance(entry.parent, cv_entries):
                continue
            parent = entry.parent
            index = parent.index(entry)
            run = [entry]
            while index + len(run) < len(parent):
                following = parent[index + len(run)]
                if not isinstance(following, cv_entry):
                    break
                run.append(following)
            for item in run:
                parent.remove(item)
            timeline = render_timeline(run)
            timeline.source, timeline.line = entry.source, entry.line
            parent.insert(index, timeline)


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("cv-timeline", CVTimelineDirective)
    app.add_directive("cv-entry", CVEntryDirective)
    app.add_transform(WrapLooseEntries)
