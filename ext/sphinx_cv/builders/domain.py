"""What the exports need, recorded while documents are read, kept where Sphinx merges and purges it.

The directives hand over the model they made (:func:`record_profile`,
:func:`record_timeline`, :func:`record_entry`): data-file entries as they
are, directive text as Markdown converted from its parsed markup (the
body of a ``cv-entry``: paragraphs become its summary, bullet lists its
highlights). Once the document is read, :meth:`CVExportDomain.process_doc`
puts the records in document order, with the heading each timeline is under.
Per document, so incremental and parallel builds export what a clean build
does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..core.export.record import Loss, Profile, Section, data_markdown, escape_markdown
from ..core.model import Entry, Highlight, Person
from ..core.sources.profiles import OtherProfile
from ..core.urls import safe_url
from ..nodes import (
    cv_details,
    cv_email,
    cv_entries,
    cv_entry,
    cv_heading,
    cv_numbered_entries,
    cv_parked,
    cv_profile,
    cv_pub,
    cv_publications,
    cv_timeline,
)
from ..nodes import cv_location as location_node
from ..nodes import cv_subtitle as subtitle_node
from ..nodes import cv_title as title_node
from ..publications.deferred import planned_papers
from ..walk import blocks, enclosing

#: ``env.temp_data`` key: this document's records, in the order the directives ran
_RECORDS = "cv_export_records"
#: the node attribute holding the index of its record
RECORD = "cv_record"

BODY_LOSS = "the body of a cv-entry is exported as its summary (paragraphs) and highlights (bullet lists)"


def markdown_of(children: Iterable[nodes.Node]) -> str:
    """Inline nodes as Markdown: emphasis, strong and links kept, everything else as its text."""
    parts: list[str] = []
    for child in children:
        if isinstance(child, nodes.Text):
            parts.append(escape_markdown(child.astext()))
        elif isinstance(child, cv_email):
            parts.append(escape_markdown(child.get("address", "")))
        elif isinstance(child, nodes.strong):
            parts.append(f"**{markdown_of(child.children)}**")
        elif isinstance(child, nodes.emphasis):
            parts.append(f"*{markdown_of(child.children)}*")
        elif isinstance(child, nodes.reference) and safe_url(child.get("refuri", "")):
            parts.append(f"[{markdown_of(child.children)}]({safe_url(child['refuri'])})")
        elif isinstance(child, nodes.Element):
            parts.append(markdown_of(child.children))
    return " ".join("".join(parts).split())


def _records(directive: SphinxDirective) -> list[Any]:
    found = directive.env.temp_data.get(_RECORDS)
    if found is None:
        found = directive.env.temp_data[_RECORDS] = []
    return found


def _keep(directive: SphinxDirective, node: nodes.Element, record: Any) -> None:
    records = _records(directive)
    node[RECORD] = len(records)
    records.append(record)


def _bullets(items: nodes.Element) -> Iterator[str | Highlight]:
    for item in items.children:
        if not isinstance(item, nodes.list_item):
            continue
        text = markdown_of(c for c in item.children if isinstance(c, nodes.paragraph))
        nested = [
            markdown_of(sub.children)
            for sub_list in item.children
            if isinstance(sub_list, nodes.bullet_list | nodes.enumerated_list)
            for sub in sub_list.children
        ]
        yield Highlight(text, tuple(nested)) if nested else text


def _body(body: Iterable[nodes.Node]) -> tuple[list[str], list[str | Highlight], list[str]]:
    """Paragraphs, bullets and the names of what is neither (a table, a nested timeline)."""
    paragraphs: list[str] = []
    bullets: list[str | Highlight] = []
    others: list[str] = []
    for node in body:
        if isinstance(node, nodes.paragraph):
            paragraphs.append(markdown_of(node.children))
        elif isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            bullets += _bullets(node)
        elif not isinstance(node, nodes.comment | nodes.target | nodes.system_message):
            others.append(getattr(node, "tagname", "content"))
    return paragraphs, bullets, others


def record_entry(directive: SphinxDirective, entry: Entry, node: cv_entry, body: list[nodes.Node]) -> None:
    """A ``cv-entry``: its text as Markdown of what its options parsed into, its body apart."""
    found = {"title": "", "subtitle": "", "location": ""}
    parts: dict[type[nodes.Node], str] = {
        title_node: "title",
        subtitle_node: "subtitle",
        location_node: "location",
    }
    for child in node[0].children if isinstance(node[0], cv_heading) else ():
        name = parts.get(type(child))
        if name is None:
            continue
        inner = child.children
        if name == "title" and len(inner) == 1 and isinstance(inner[0], nodes.reference):
            inner = inner[0].children  # the entry's own link: its url
        found[name] = markdown_of(inner)
    paragraphs, bullets, others = _body(body)
    # a copy, not ``replace``: the entry's text was checked when it was made, Markdown needs no check
    record = copy(entry)
    record.title, record.subtitle, record.location = found["title"], found["subtitle"], found["location"]
    record.summary, record.highlights, record.problems = "\n\n".join(paragraphs), bullets, []
    _keep(directive, node, record)
    if others:
        line = directive.get_source_info()[1]
        _keep_loss(directive, Loss("body", BODY_LOSS, f"{entry.title}: {', '.join(others)}", line=line))


def _keep_loss(directive: SphinxDirective, loss: Loss) -> None:
    records = _records(directive)
    records.append(replace(loss, docname=directive.env.docname))


def record_data_entry(directive: SphinxDirective, entry: Entry, node: cv_entry) -> None:
    """An entry of a data file: its text as Markdown showing what the site shows (:func:`data_markdown`)."""
    record = replace(
        entry,
        title=data_markdown(entry.title),
        subtitle=data_markdown(entry.subtitle),
        location=data_markdown(entry.location),
        summary=data_markdown(entry.summary),
        highlights=[
            data_markdown(h)
            if isinstance(h, str)
            else Highlight(data_markdown(h.text), tuple(map(data_markdown, h.children)))
            for h in entry.highlights
        ],
        parts={k: _data_part(k, v) for k, v in entry.parts.items()},
        problems=[],
    )
    _keep(directive, node, record)


def _data_part(name: str, value: str | list[str]) -> str | list[str]:
    """A part of a data-file entry as Markdown, like its other text; a DOI is an identifier, not text."""
    if name == "doi":
        return value
    return data_markdown(value) if isinstance(value, str) else [data_markdown(v) for v in value]


def record_timeline(
    directive: SphinxDirective, node: cv_timeline, *, kind: str, source_format: str, caption: str
) -> None:
    """A ``cv-timeline``; its entries are found by :meth:`CVExportDomain.process_doc` in its list."""
    section = (directive.options.get("section") or "").strip() if source_format else ""
    _keep(
        directive,
        node,
        Section(
            kind=kind,
            caption=caption,
            source_format=source_format,
            source_section=section,
            docname=directive.env.docname,
            line=directive.lineno,
        ),
    )


#: a paragraph of profiles on other networks, as ``init`` writes it: "Twitter: [name](url) · ..."
_PROFILE_LINK = re.compile(
    r"(?P<network>[^:\[\]·]+): (?:\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)\)|(?P<text>[^·]+))"
)


def _other_profiles(paragraph: str) -> list[OtherProfile] | None:
    """The profiles of a paragraph made only of "Network: link" pairs separated by " · ", else None."""
    found: list[OtherProfile] = []
    for part in paragraph.split(" \u00b7 "):
        match = _PROFILE_LINK.fullmatch(part.strip())
        if match is None:
            return None
        network = match["network"].replace("\\", "").strip()
        name = (match["name"] or match["text"] or "").replace("\\", "").strip()
        found.append(OtherProfile(network, name, match["url"] or ""))
    return found


def record_profile(
    directive: SphinxDirective, person: Person, node: cv_profile, body: list[nodes.Node]
) -> None:
    """A ``cv-profile``: the person, the body's paragraphs, and a paragraph of other profiles."""
    paragraphs = _body(body)[0]
    links = [_other_profiles(p) for p in paragraphs]
    profile = Profile(
        person=person,
        summary=[p for p, found in zip(paragraphs, links, strict=True) if found is None],
        others=[o for found in links if found for o in found],
        docname=directive.env.docname,
        line=directive.lineno,
    )
    _keep(directive, node, profile)


def _heading(node: nodes.Element) -> str:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    if parent is not None and len(parent) and isinstance(parent[0], nodes.title):
        return parent[0].astext().strip()
    return ""


class CVExportDomain(Domain):
    """Per document: the profiles and timelines in document order (the exports read them)."""

    name = "cvexport"
    label = "sphinx-cv exports"
    initial_data = {"documents": {}}  # docname -> [Profile | Section | Loss, ...]
    data_version = 2

    @property
    def documents(self) -> dict[str, list[Any]]:
        return self.data["documents"]  # type: ignore[no-any-return]

    def clear_doc(self, docname: str) -> None:
        self.documents.pop(docname, None)

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:  # type: ignore[override]
        for docname in docnames:
            if docname in otherdata["documents"]:
                self.documents[docname] = otherdata["documents"][docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """The document's records in document order; timelines with their heading and shown entries."""
        records: list[Any] = env.temp_data.pop(_RECORDS, None) or []
        found: list[Any] = [r for r in records if isinstance(r, Loss)]
        for node in blocks(document, (cv_timeline, cv_profile, cv_publications)):
            if isinstance(node, cv_profile):
                if RECORD in node:
                    found.append(records[node[RECORD]])
            elif isinstance(node, cv_timeline | cv_publications) and enclosing(node, cv_entry) is None:
                found.append(_section(node, records, docname))  # in an entry's body: a loss of the entry
        if found:
            self.documents[docname] = found

    def resolve_any_xref(self, *args: Any) -> list[Any]:
        return []


def _section(node: cv_timeline | cv_publications, records: list[Any], docname: str) -> Section:
    """A timeline's shown entries, or the keys of the papers a list shows, in the order shown.

    Papers are found where a directive put them (a ``cv-publications`` list's
    plan, rendered only when the page is written, or the nodes of a timeline
    that shows papers): the records themselves stay in the publications
    domain, looked up when exporting.
    """
    if isinstance(node, cv_publications):  # a list read from a data file may say which (round trips)
        section = Section(
            kind="publications",
            caption=node.get("caption", ""),
            source_format=node.get("source_format", ""),
            source_section=node.get("source_section", ""),
            docname=docname,
            line=node.line,
        )
    else:
        section = records[node[RECORD]] if RECORD in node else Section(docname=docname, line=node.line)
    lists = [c for c in node.children if isinstance(c, cv_entries | cv_numbered_entries)]
    entries = [
        records[e[RECORD]] for lst in lists for e in lst.children if isinstance(e, cv_entry) and RECORD in e
    ]
    keys: list[str] = []
    abstracts = False
    for paper in blocks(node, (cv_pub, cv_parked), skip=(cv_entry, cv_parked)):  # not in an entry's body
        if isinstance(paper, cv_parked):  # a list's papers, rendered when the page is written
            planned, shown = planned_papers(paper)
            keys += planned
            abstracts = abstracts or shown
        elif paper.get("cv_key"):
            keys.append(paper["cv_key"])
            abstracts = abstracts or any(d.get("kind") == "abstract" for d in paper.findall(cv_details))
    return replace(
        section, entries=entries, heading=_heading(node), keys=tuple(dict.fromkeys(keys)), abstracts=abstracts
    )
