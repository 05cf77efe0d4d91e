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
from .core import kinds
from .core.dates import parse_span, shorten
from .core.model import TIMELINE_KINDS, Entry, parse_tags
from .directive import CVDirective, warn
from .fastparse import parse_directives
from .inline import data_text
from .nodes import cv_entries, cv_entry, cv_jsonld
from .render import ORDERS, order_entries, render_entry, render_timeline
from .source import entries_from_source
from .walk import compacted

#: ``env.temp_data`` keys: how deep in timelines parsing is; whether an entry may be loose
_IN_TIMELINE = "cv_in_timeline"
_LOOSE = "cv_loose_entries"
#: ``env.temp_data`` key: (kind, said with :kind:) of the timeline whose entries are being parsed
_KIND = "cv_timeline_kind"
#: the schema.org type of each kind with one, for messages
_TYPES = {"talks": "Event", "teaching": "Course", "grants": "MonetaryGrant"}


def _owner(names: object) -> str:
    """The site owner's name for schema.org data: the first of ``cv_author``."""
    if isinstance(names, str):
        return names.strip()
    return (
        next((str(n).strip() for n in names or () if str(n).strip()), "")
        if isinstance(names, list | tuple)
        else ""
    )


def typed_data(
    directive: CVDirective, entry: Entry, kind: str, said: bool, where: object
) -> dict[str, object] | None:
    """The entry's schema.org data for a kind with a type; a ``cv.jsonld`` warning when the kind
    was asked for (``:kind:``) and the entry cannot have it, silence when only its section said it."""
    if not directive.config.cv_jsonld or kind not in kinds.TYPED_KINDS:
        return None
    found = kinds.typed(entry, kind, _owner(directive.config.cv_author))
    if found is None or found.data is not None or not said:
        return None if found is None else found.data
    title = shorten(entry.title) if entry.title else "(untitled)"
    warn(
        f"{kinds.KIND_NAMES[kind]} {title} gets no schema.org {_TYPES[kind]}: {found.missing}",
        where,
        "jsonld",
    )
    return None


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
        "tags": directives.unchanged,
        "event-url": directives.unchanged,
        "slides": directives.unchanged,
        "video": directives.unchanged,
        "online": directives.flag,
        "role": directives.unchanged,
        "funder": directives.unchanged,
        "amount": directives.unchanged,
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
            tags=parse_tags(self.options.get("tags")),
            event_url=self.options.get("event-url", ""),
            slides=self.options.get("slides", ""),
            video=self.options.get("video", ""),
            online="online" in self.options,
            role=self.options.get("role", ""),
            funder=self.options.get("funder", ""),
            amount=self.options.get("amount", ""),
        )
        self.warn_problems(entry.all_problems, f"cv-entry {shorten(self.arguments[0])}")
        if not self.env.temp_data.get(_IN_TIMELINE):
            self.env.temp_data[_LOOSE] = True
        ctx = self.context()
        body = self.parse_content_to_nodes() if self.content else []
        node = render_entry(entry, ctx, body=body, classes=self.options.get("class", []))
        kind, said = self.env.temp_data.get(_KIND) or ("", False)
        typed = entry
        if kind in kinds.TYPED_KINDS and body and not entry.summary:
            # the body is what the entry says about itself: the description of its schema.org data
            typed = replace(entry, summary=" ".join(" ".join(n.astext() for n in body).split()))
        data = typed_data(self, typed, kind, said, self.get_location())
        if data is not None:
            node["jsonld"] = data  # gathered by the timeline, in the order it shows
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
        said = bool(kind)
        if not kind and self.options.get("section"):
            kind = kinds.kind_of_section(self.options["section"])  # "Invited talks": talks, unasked
        items: list[cv_entry] = []
        numberings: set[str] = set()
        source_format = ""
        if "source" in self.options or "section" in self.options:
            ctx = replace(self.context(data_text), smartquotes=False)
            found, source_format = entries_from_source(self)
            numberings = {entry.numbering for entry in found}
            for entry in found:
                item = render_entry(entry, ctx)
                data = typed_data(self, entry, kind, said, self.get_location())
                if data is not None:
                    item["jsonld"] = data
                items.append(item)
                record_data_entry(self, entry, item)
        from_file = len(items)
        others: list[nodes.Node] = []
        if self.content:
            for node in self._parse_entries((kind, said)):
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
        shown = compacted(order_entries(items, order, limit))
        typed = [item.attributes.pop("jsonld") for item in shown if "jsonld" in item]
        timeline = render_timeline(
            shown, caption=caption, classes=self.options.get("class", []), numbered=numbered
        )
        if typed:
            timeline += cv_jsonld(data=_graph(typed), hidden=[])
        if kind:
            timeline["kind"] = kind
        self.set_source_info(timeline)
        # the exports take the kind said (:kind:); a data file's section name they read themselves
        title = "".join(n.astext() for n in caption)
        record_timeline(self, timeline, kind=kind if said else "", source_format=source_format, caption=title)
        self.add_name(timeline)
        return [timeline, *others]

    def _parse_entries(self, kind: tuple[str, bool]) -> list[nodes.Node]:
        """The content, with entries knowing they are inside a timeline, and of which kind."""
        depth = int(self.env.temp_data.get(_IN_TIMELINE) or 0)
        outer = self.env.temp_data.get(_KIND)
        self.env.temp_data[_IN_TIMELINE] = depth + 1
        self.env.temp_data[_KIND] = kind
        try:
            return parse_directives(self, {"cv-entry": CVEntryDirective.option_spec})
        finally:
            self.env.temp_data[_IN_TIMELINE] = depth
            self.env.temp_data[_KIND] = outer


def _graph(items: list[dict[str, object]]) -> dict[str, object]:
    """One item as it is; several as one ``@graph`` under one ``@context``."""
    if len(items) == 1:
        return items[0]
    return {
        "@context": "https://schema.org",
        "@graph": [{k: v for k, v in i.items() if k != "@context"} for i in items],
    }


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
