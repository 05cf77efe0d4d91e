"""What a CV variant leaves out of the assembled LaTeX document of the main CV.

Runs at write time on the document the LaTeX builder has assembled and
resolved, so one read of the sources serves the main CV and every variant,
and the main CV's doctree is never touched (each document is a fresh copy).
What is left out takes with it whatever only it held: an emptied timeline,
publication group or section goes too, numbered lists are numbered again,
and a link to something left out becomes plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes

from .core.model import parse_tags
from .core.record import Publication
from .core.variants import Candidate, Variant, choose_publications, heading_key
from .nodes import cv_entry, cv_heading, cv_pub, cv_pub_group, cv_publications, cv_timeline
from .writers.common import heading_dates, item_number

#: (rule key, message) of a rule that found nothing to act on
Report = Callable[[str, str], None]
#: containers whose caption (a rubric inside) is a heading a variant may drop
CAPTIONED = (cv_timeline, cv_publications)
#: headings a rubric's content runs up to
_HEADINGS = (nodes.section, nodes.rubric, nodes.transition, *CAPTIONED)


def _headings(tree: nodes.document) -> Iterator[tuple[str, list[nodes.Element]]]:
    """Each heading's text and what it heads: sections, captioned lists, other rubrics and what follows."""
    for section in tree.findall(nodes.section):
        if section.children and isinstance(section[0], nodes.title):
            yield section[0].astext(), [section]
    for node in tree.findall(nodes.Element):
        if isinstance(node, CAPTIONED) and node.get("caption"):
            yield str(node["caption"]), [node]
        elif isinstance(node, nodes.rubric) and not isinstance(node.parent, (*CAPTIONED, cv_pub_group)):
            parent = node.parent
            assert parent is not None
            run: list[nodes.Element] = [node]
            for sibling in parent.children[parent.index(node) + 1 :]:
                if isinstance(sibling, _HEADINGS):
                    break
                if isinstance(sibling, nodes.Element):
                    run.append(sibling)
            yield node.astext(), run


def _tags(entry: nodes.Element) -> list[str]:
    return [str(tag) for tag in entry.get("tags") or ()]


def _last_date(entry: cv_entry) -> str:
    """The ISO form of an entry's last date ("" when it is Present, unknown, or there is none)."""
    heading = entry.children[0] if entry.children else None
    pairs = heading_dates(heading) if isinstance(heading, cv_heading) else []
    return pairs[-1][1] if pairs else ""


def _empty(node: nodes.Element) -> bool:
    """Nothing left to show: a list without items, a timeline or publication list without entries,
    a section with only its title."""
    if isinstance(node, nodes.Sequential):
        return not node.children
    if isinstance(node, (*CAPTIONED, cv_pub_group)):
        return not any(node.findall(nodes.list_item))
    if isinstance(node, nodes.section):
        return all(isinstance(child, nodes.title | nodes.target) for child in node.children)
    return False


@dataclass(frozen=True)
class Item:
    """An entry or a publication as the rules see it."""

    node: nodes.Element
    tags: list[str]
    last: str  #: its last date, ISO at the precision written ("" for Present, unknown or none)


class Selection:
    """One variant applied to one assembled document; ``records``: the listed publications by key."""

    def __init__(
        self, tree: nodes.document, variant: Variant, report: Report, records: Mapping[str, Publication]
    ) -> None:
        self.tree, self.variant, self.report, self.records = tree, variant, report, records
        #: (document, id) of everything taken out: ids are unique per source document only
        self.removed_ids: set[tuple[str, str]] = set()
        self.documents = _documents(tree)
        self.gone: dict[int, nodes.Element] = {}  #: every node taken out, by ``id()`` (and kept alive)
        #: numbered containers and how they counted before: (first number, step)
        self.numbering: list[tuple[nodes.Element, int, int]] = []

    def attached(self, node: nodes.Element) -> bool:
        """Is ``node`` still in the document? Not when it or an ancestor was taken out.

        (docutils leaves a removed node its ``parent``; and an included document's
        root has none, as Sphinx inlines it.)
        """
        current: nodes.Element | None = node
        while current is not None:
            if id(current) in self.gone:
                return False
            current = current.parent
        return True

    def remove(self, node: nodes.Element) -> None:
        """Take ``node`` out, then every ancestor it leaves empty."""
        parent = node.parent
        if parent is None or not self.attached(node):
            return  # inside something already taken out
        while True:
            self.removed_ids.update(
                (self.documents.get(id(n), ""), i) for n in node.findall(nodes.Element) for i in n["ids"]
            )
            self.gone[id(node)] = node
            parent.remove(node)
            if parent is self.tree or not _empty(parent) or parent.parent is None:
                return
            node, parent = parent, parent.parent

    def run(self) -> None:
        items = self._items_of_the_cv()
        self._note_numbering()
        self._drop_sections()
        self._tags_and_dates(items)
        self._count_publications()
        self._renumber()
        self._unlink()

    def _items_of_the_cv(self) -> list[Item]:
        """Every entry and publication of the whole CV, with its tags and last date, before any rule."""
        found = [Item(entry, _tags(entry), _last_date(entry)) for entry in self.tree.findall(cv_entry)]
        for pub in self.tree.findall(cv_pub):
            record = self.records.get(str(pub.get("cv_key", "")))
            if record is None:
                found.append(Item(pub, [], ""))
                continue
            year = record.year4
            last = f"{year}-{record.month:02d}" if year and record.month else year
            found.append(Item(pub, list(parse_tags(list(record.keywords))), last))
        return found

    def _drop_sections(self) -> None:
        for wanted in self.variant.drop_sections:
            found = [run for text, run in _headings(self.tree) if heading_key(text) == heading_key(wanted)]
            if not found:
                shown = ", ".join(dict.fromkeys(text for text, _run in _headings(self.tree)))
                self.report("drop_sections", f"no heading {wanted!r} in the CV (its headings: {shown})")
            for run in found:
                for node in run:
                    self.remove(node)

    def _tags_and_dates(self, items: list[Item]) -> None:
        """``tags``, ``exclude_tags`` and ``since``, on entries and publications alike."""
        variant = self.variant
        known = {tag for item in items for tag in item.tags}
        for tag in sorted((variant.tags | variant.exclude_tags) - known):
            rule = "tags" if tag in variant.tags else "exclude_tags"
            shown = ", ".join(sorted(known)) or "none"
            self.report(rule, f"no entry or publication of the CV has the tag {tag!r} (its tags: {shown})")
        dated = kept_by_date = tagged = kept_by_tag = 0
        for item in items:
            if not self.attached(item.node):
                continue  # in a section, or an entry, already left out
            keep_tags = variant.keeps_tags(item.tags)
            keep_date = variant.keeps_date(item.last)
            dated += bool(item.last)
            kept_by_date += bool(item.last) and keep_date
            tagged += bool(item.tags)
            kept_by_tag += bool(item.tags) and keep_tags
            if not (keep_tags and keep_date):
                self.remove(item.node)
        if variant.since is not None and dated and not kept_by_date:
            self.report("since", f"nothing dated ends on or after {variant.since.text}")
        if variant.tags & known and tagged and not kept_by_tag:
            self.report("tags", "nothing tagged is kept")

    def _count_publications(self) -> None:
        """``max_publications``: the selected first, then the newest; a paper listed twice counts once."""
        limit = self.variant.max_publications
        if limit is None:
            return
        pubs = [pub for pub in self.tree.findall(cv_pub) if self.attached(pub)]
        if not pubs:
            self.report("max_publications", "the CV lists no publications")
            return
        candidates: dict[str, Candidate] = {}
        for pub in pubs:
            key = str(pub.get("cv_key", ""))
            record = self.records.get(key)
            selected, order = (record.selected, record.sort_key) if record is not None else (False, (0, 0))
            candidates.setdefault(key, Candidate(key, selected, order))
        kept = choose_publications(candidates.values(), limit)
        for pub in pubs:
            if str(pub.get("cv_key", "")) not in kept:
                self.remove(pub)

    def _note_numbering(self) -> None:
        """How each numbered timeline or publication list counts, before anything is left out."""
        for container in self.tree.findall(nodes.Element):
            if not isinstance(container, CAPTIONED):
                continue
            numbers = [n for n in map(item_number, self._items(container)) if n is not None]
            if numbers:
                step = -1 if len(numbers) > 1 and numbers[1] < numbers[0] else 1
                self.numbering.append((container, numbers[0] if step > 0 else numbers[-1], step))

    @staticmethod
    def _items(container: nodes.Element) -> list[nodes.Element]:
        """The container's own numbered items (not those of a timeline nested in an entry)."""
        return [
            item
            for item in container.findall(nodes.list_item)
            if isinstance(item.parent, nodes.enumerated_list)
            and next(a for a in _ancestors(item) if isinstance(a, CAPTIONED)) is container
        ]

    def _renumber(self) -> None:
        """Numbers without gaps: counting up from where the list started, or down to where it ended."""
        for container, origin, step in self.numbering:
            if not self.attached(container):
                continue
            items = self._items(container)
            first = origin if step > 0 else origin + len(items) - 1
            for index, item in enumerate(items):
                parent = item.parent
                assert isinstance(parent, nodes.enumerated_list)
                if parent.index(item) == 0:
                    parent["start"] = first + step * index
                    parent["reversed"] = step < 0 and len(parent) > 1

    def _unlink(self) -> None:
        """A link to something left out keeps its text and loses its target."""
        if not self.removed_ids:
            return
        for ref in list(self.tree.findall(nodes.reference)):
            uri = str(ref.get("refuri", ""))
            here = self.documents.get(id(ref), "")
            if ref.get("refid"):
                target = (here, str(ref["refid"]))
            elif uri.startswith("%"):  # the LaTeX builder's link into a document: %docname#id
                document, _hash, anchor = uri[1:].partition("#")
                target = (document, anchor)
            else:
                target = (here, uri[1:]) if uri.startswith("#") else ("", "")
            if target in self.removed_ids and ref.parent is not None:
                ref.replace_self(ref.children or [nodes.Text(ref.astext())])


def _documents(tree: nodes.document) -> dict[int, str]:
    """The source document of every element (by ``id()``), as the LaTeX builder inlined them."""
    found: dict[int, str] = {}
    stack: list[tuple[nodes.Element, str]] = [(tree, str(tree.get("docname", "")))]
    while stack:
        node, document = stack.pop()
        if isinstance(node, addnodes.start_of_file):
            document = str(node["docname"])
        found[id(node)] = document
        stack.extend((child, document) for child in node.children if isinstance(child, nodes.Element))
    return found


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def select(
    tree: nodes.document, variant: Variant, report: Report, records: Mapping[str, Publication]
) -> None:
    """Leave out of ``tree`` what ``variant`` leaves out; ``report`` rules that found nothing.

    Publications are judged by their records (``keywords``, ``selected``, year and month),
    never by their text.
    """
    Selection(tree, variant, report, records).run()
