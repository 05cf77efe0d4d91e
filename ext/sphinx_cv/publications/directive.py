"""``cv-publications``: sphinxcontrib-bibtex's parsed entries -> records -> the one renderer.

The .bib files are parsed and cached by sphinxcontrib-bibtex at
``builder-inited``, before any document is read, so the directive reads the
parsed entries at read time and records the .bib files as dependencies of its
page: editing ``refs.bib`` re-reads exactly the pages that list publications.
Each entry becomes its one record (:func:`~.settings.records_of`), noted in
the publications domain for the pages and exports. List entries are no
citation targets, so one entry may appear in many lists and next to
sphinxcontrib-bibtex's own ``bibliography`` without "duplicate citation"
warnings.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry as BibEntry
from sphinx.util.typing import OptionSpec
from sphinxcontrib.bibtex.domain import _FilterVisitor

from ..core.authors import used_marks
from ..core.bib import KIND_LABELS, is_selected
from ..core.csl import CslStyle
from ..core.dates import shorten
from ..core.faces import jsonld
from ..core.metrics import Count
from ..core.names import OwnerMatcher, aliases_of
from ..core.record import Publication
from ..core.sources.publications import publication_entries
from ..directive import CVDirective, warn
from ..inline import literal_text
from ..nodes import cv_pub_downloads
from ..source import data_file, section_items
from .deferred import ListSettings, Planned, plan_group
from .domain import domain_of, list_anchor
from .filter import CONTROLS, add_filter
from .render import PUB_EXTRAS, render_legend, render_publications
from .settings import bibdata_of, parents_of, records_of
from .styles import configured_style, formatted, style_of

#: the filter language of sphinxcontrib-bibtex's ``bibliography`` directive, reused as is (untyped)
FILTER: Any = _FilterVisitor

GROUP_BY = ("year", "type", "none")
SORTS = ("newest", "oldest", "none")
NUMBERED = ("", "reverse")


class CVPublicationsDirective(CVDirective):
    """A list of publications from the BibTeX database, grouped, ordered, numbered."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[OptionSpec] = {
        "filter": directives.unchanged,
        "keys": directives.unchanged,
        "selected": directives.flag,
        "group-by": directives.unchanged,
        "sort": directives.unchanged,
        "numbered": directives.unchanged,
        "highlight": directives.unchanged,
        "show": directives.unchanged,
        "max-authors": directives.unchanged,
        "controls": directives.unchanged,
        "style": directives.unchanged,
        "class": directives.class_option,
        "name": directives.unchanged,
        "source": directives.unchanged,
        "section": directives.unchanged,
    }
    #: (format, section) of the data file the papers come from, once read
    data_source: tuple[str, str] | None = None

    def run(self) -> list[nodes.Node]:
        if self.config.cv_coauthors_file:
            self.env.note_dependency(str(Path(self.env.srcdir, self.config.cv_coauthors_file)))
        group_by = self.choice("group-by", GROUP_BY, "year")
        order = self.choice("sort", SORTS, "newest")
        numbered = self.choice("numbered", NUMBERED, "") or ("plain" if "numbered" in self.options else "")
        show = self._show()

        from_data = "source" in self.options or "section" in self.options
        pubs = self._data_records() if from_data else self._bib_records()
        domain = domain_of(self.env)
        warned: set[str] = self.env.temp_data.get("cv_pub_warned") or set()
        self.env.temp_data["cv_pub_warned"] = warned
        for pub in pubs:
            domain.note_listed(self.env.docname, pub)
            if pub.source not in warned:  # once per page, not once per list showing the entry
                warned.add(pub.source)
                for _field, message in pub.problems:
                    if from_data:
                        warn(
                            f"cv-publications :source: {pub.source}: {message}", self.get_location(), "source"
                        )
                    else:
                        warn(f"cv-publications: {message}", self.get_location(), "bib")
        if "highlight" in self.options:
            pubs = [_highlighted(pub, OwnerMatcher(aliases_of(self.options["highlight"]))) for pub in pubs]
        if order != "none":
            pubs.sort(key=lambda p: p.sort_key, reverse=order == "newest")

        ctx = self.context(literal_text)
        ctx.max_authors = self._max_authors()
        counts = domain.counts_for(self.env.docname)
        style = self._style()
        # a numbered list's numbers, known here for a numeric style's labels
        numbers = iter(range(len(pubs), 0, -1) if numbered == "reverse" else range(1, len(pubs) + 1))
        labelled = bool(numbered) and style is not None and style.numeric
        settings = ListSettings(show=show, max_authors=ctx.max_authors)
        taken: set[str] = set()
        groups = [
            (
                heading,
                plan_group(
                    [
                        self._plan(pub, counts.get(pub.key), style, next(numbers), labelled, taken)
                        for pub in members
                    ],
                    settings,
                ),
            )
            for heading, members in self._groups(pubs, group_by, ctx.label)
        ]
        for _heading, parked in groups:  # the ids reserved for the entries stand for them until then
            for entry in parked.plan:
                self.state.document.ids[entry.node_id] = parked
        graph: dict[str, Any] | None = None
        if self.config.cv_jsonld and pubs:
            graph = {"@context": "https://schema.org", "@graph": [jsonld(p) for p in pubs]}
        caption = self.inline(self.arguments[0]) if self.arguments else []
        marks = used_marks(author.marks for pub in pubs for author in pub.authors)
        node = render_publications(
            groups,
            caption=caption,
            numbered=numbered,
            classes=[*self.options.get("class", []), *(["cv-cited"] if style is not None else [])],
            labelled=labelled,
            jsonld=graph,
            legend=render_legend(marks, self.config.cv_author_notes, ctx) if marks else None,
        )
        controls = self._controls()
        if controls and pubs:
            facets = add_filter(node, pubs, controls, ctx.label)
            if facets is not None:
                settings = replace(settings, facets=facets)
                for _heading, parked in groups:
                    parked.settings = settings
        if self.config.cv_publication_pages:  # filled for the builders that write the exports
            node += cv_pub_downloads(classes=["cv-pub-downloads"])
        if self.data_source is not None:  # the exports give the file's own section back (round trips)
            node["source_format"], node["source_section"] = self.data_source
        self.set_source_info(node)
        self.add_name(node)
        return [node]

    def _style(self) -> CslStyle | None:
        """``:style:``, else ``cv_citation_style``: a CSL style, or ``None`` for the built-in look."""
        if "style" in self.options:
            return style_of(self.env, self.options["style"], self.option_location("style"))
        return configured_style(self.env)

    def _max_authors(self) -> int:
        """``:max-authors:``, else ``cv_max_authors``: a count, 0 (or none) for all."""
        if "max-authors" not in self.options:
            return int(self.config.cv_max_authors or 0)
        value = (self.options["max-authors"] or "").strip()
        if value.isdigit():
            return int(value)
        warn(
            f"cv-publications :max-authors: must be a number (0 for all), not {shorten(value)}",
            self.option_location("max-authors"),
            "option",
        )
        return int(self.config.cv_max_authors or 0)

    def _show(self) -> tuple[str, ...]:
        if "show" not in self.options:
            return ("links",)
        wanted = [w.strip().lower() for w in re.split(r"[,\s]+", self.options["show"] or "") if w.strip()]
        unknown = [w for w in wanted if w not in (*PUB_EXTRAS, "none")]
        if unknown:
            warn(
                f"cv-publications :show: knows {', '.join(PUB_EXTRAS)} (or none), not {', '.join(unknown)}",
                self.option_location("show"),
                "option",
            )
        return tuple(w for w in wanted if w in PUB_EXTRAS)

    def _controls(self) -> tuple[str, ...]:
        """``:controls:`` alone: every control; else the ones it names (unknown words warned)."""
        if "controls" not in self.options:
            return ()
        wanted = [w.strip().lower() for w in re.split(r"[,\s]+", self.options["controls"] or "") if w.strip()]
        unknown = [w for w in wanted if w not in CONTROLS]
        if unknown:
            warn(
                f"cv-publications :controls: knows {', '.join(CONTROLS)}, not {', '.join(unknown)}",
                self.option_location("controls"),
                "option",
            )
        return tuple(w for w in wanted if w in CONTROLS) if wanted else CONTROLS

    def _bib_records(self) -> list[Publication]:
        bibdata = bibdata_of(self.env)
        for path in bibdata.bibfiles:
            self.env.note_dependency(str(path))
        return records_of(self.env, self._entries(bibdata))

    def _data_records(self) -> list[Publication]:
        """The papers of a data file's section (``:source:``, ``:section:``), as records."""
        found = data_file(self)
        items = section_items(self, *found) if found is not None else None
        if found is None or items is None:
            return []
        relpath = found[0]
        self.data_source = (found[1].format, found[2] or "")
        entries, problems = publication_entries(items, relpath)
        for line, message in problems:
            where = f"{relpath}:{line}" if line else relpath
            warn(
                f"cv-publications :source: {where}: item {message}", self.option_location("source"), "source"
            )
        if not entries:
            warn(f"cv-publications :source: {relpath}: no publication to list", self.get_location(), "source")
            return []
        chosen = self._narrowed({e.key: e for e in entries}, entries, "the data file")
        return records_of(self.env, chosen, origin="data")

    def _entries(self, bibdata: Any) -> list[BibEntry]:
        """Entries in .bib order (or ``:keys:`` order), narrowed by ``:filter:``, ``:selected:``."""
        entries = bibdata.data.entries
        if not bibdata.bibfiles:
            warn("cv-publications: no .bib file is configured (bibtex_bibfiles)", self.get_location(), "bib")
            return []
        # a biblatex @set only groups entries the file lists on their own: listing it would repeat them;
        # a crossref parent or an @xdata entry only lends its fields (unless :keys: names it, or it is
        # itself selected)
        parents = parents_of(self.env)
        found: list[BibEntry] = [
            entries[key]
            for bibfile in bibdata.bibfiles.values()
            for key in bibfile.keys
            if entries[key].type.lower() not in ("set", "xdata")
            and (key.lower() not in parents or is_selected(entries[key].fields))
        ]
        if not found:
            warn("cv-publications: the .bib files hold no entries", self.get_location(), "bib")
            return []
        return self._narrowed(entries, found, "the .bib files")

    def _narrowed(self, entries: Mapping[str, BibEntry], found: list[BibEntry], where: str) -> list[BibEntry]:
        """``found`` (or ``:keys:`` of ``entries``, in order), narrowed by ``:filter:``, ``:selected:``."""
        if "keys" in self.options:
            keys = [k for k in re.split(r"[,\s]+", self.options["keys"] or "") if k]
            unknown = [k for k in keys if k not in entries]
            if unknown:
                warn(
                    f"cv-publications :keys: no entry {', '.join(map(repr, unknown))} in {where}",
                    self.option_location("keys"),
                    "bib",
                )
            found = [entries[k] for k in dict.fromkeys(keys) if k in entries]
        if "filter" in self.options:
            filtered = self._filtered(found, self.options["filter"] or "")
            if filtered is None:  # already warned: the filter is broken, not the data
                return []
            found = filtered
        if "selected" in self.options:
            found = [e for e in found if is_selected(e.fields)]
        if not found:
            warn("cv-publications: no entry matches; the list is empty", self.get_location(), "bib")
        return found

    def _filtered(self, found: Iterable[BibEntry], expression: str) -> list[BibEntry] | None:
        """sphinxcontrib-bibtex's filter language (``None``: broken); ``cited`` is always false here."""
        location = self.option_location("filter")
        shown = shorten(expression)
        try:
            tree = ast.parse(expression.strip())
        except SyntaxError as err:
            warn(f"cv-publications :filter: {shown} does not parse ({err.msg})", location, "option")
            return None
        except (MemoryError, RecursionError):  # Python's parser gives up on ``- - - ... 1`` and ``1+1+...``
            warn(f"cv-publications :filter: {shown} is nested too deeply to parse", location, "option")
            return None
        kept: list[BibEntry] = []
        for entry in found:
            try:
                if FILTER(entry=entry, docname=self.env.docname, cited_docnames=set()).visit(tree):
                    kept.append(entry)
            except (ValueError, TypeError, RecursionError) as err:
                reason = "it is nested too deeply" if isinstance(err, RecursionError) else str(err)
                warn(f"cv-publications :filter: {shown} cannot be evaluated: {reason}", location, "option")
                return None
        return kept

    def _groups(
        self, pubs: list[Publication], group_by: str, label: Callable[[str], str]
    ) -> list[tuple[str, list[Publication]]]:
        """(heading, members): years in list order, or types in a fixed order, or one unnamed group."""
        if group_by == "none":
            return [("", pubs)] if pubs else []
        groups: dict[str, list[Publication]] = {}
        if group_by == "type":
            for kind in KIND_LABELS:
                members = [p for p in pubs if p.kind == kind]
                if members:
                    groups[label(KIND_LABELS[kind])] = members
            return list(groups.items())
        for pub in pubs:
            groups.setdefault(pub.year or label("Undated"), []).append(pub)
        return list(groups.items())

    def _plan(
        self,
        pub: Publication,
        count: Count | None,
        style: CslStyle | None,
        number: int,
        labelled: bool,
        taken: set[str],
    ) -> Planned:
        """One entry, to render when the page is written, with a page-unique id: the key, or
        ``key-2``... for later copies on the page (``taken``: this list's; the caller reserves them).

        With a style, its text (and its warnings, now); in a numbered list, a numeric style's
        label carries ``number``.
        """
        ids = self.state.document.ids
        base = list_anchor(pub.key)
        node_id, copy = base, 1
        while node_id in ids or node_id in taken:
            copy += 1
            node_id = f"{base}-{copy}"
        taken.add(node_id)
        cited = formatted(style, pub, language=self.config.language, number=number) if style else None
        label = "".join(p.text for p in cited.label) if cited else f"{number}."
        return Planned(pub, node_id, count, cited, label if labelled else "")


def _highlighted(pub: Publication, owner: OwnerMatcher) -> Publication:
    """The record with the owner of ``:highlight:`` instead of ``cv_author``'s."""
    authors = [replace(a, is_owner=a.key is not None and owner(a.key)) for a in pub.authors]
    return replace(pub, authors=authors)
