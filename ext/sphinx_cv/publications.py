"""``cv-publications``: sphinxcontrib-bibtex's parsed entries -> :class:`Publication` -> render.

The .bib files are parsed and cached by sphinxcontrib-bibtex at
``builder-inited``, before any document is read, so the directive reads
``env.get_domain("cite").bibdata`` at read time and records the .bib files
as dependencies of its page: editing ``refs.bib`` re-reads exactly the pages
that list publications. List entries are no citation targets, so one entry
may appear in many lists and next to sphinxcontrib-bibtex's own
``bibliography`` without "duplicate citation" warnings.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.database import Entry as BibEntry
from sphinx.application import Sphinx
from sphinx.util.images import get_image_size
from sphinx.util.typing import OptionSpec
from sphinxcontrib.bibtex.domain import _FilterVisitor

from .bibsettings import entry_settings, load_coauthors
from .core.authors import DEFAULT_NOTES, used_marks
from .core.bib import KIND_LABELS, is_selected, publication_from_entry
from .core.dates import shorten
from .core.model import Publication
from .core.names import OwnerMatcher, aliases_of
from .directive import CVDirective, translated_labels, warn
from .inline import literal_text
from .nodes import cv_pub
from .pages import downloads_placeholder, mark_listed
from .render import (
    PUB_EXTRAS,
    RenderContext,
    publication_jsonld,
    render_legend,
    render_publication,
    render_publications,
)

#: the filter language of sphinxcontrib-bibtex's ``bibliography`` directive, reused as is (untyped)
FILTER: Any = _FilterVisitor

GROUP_BY = ("year", "type", "none")
SORTS = ("newest", "oldest", "none")
NUMBERED = ("", "reverse")
#: UI labels of publication lists, translated through the message catalog
PUB_LABELS = (
    "Abstract",
    "BibTeX",
    "Copy",
    "Copied",
    "Undated",
    "Award",
    "and {} more",
    *DEFAULT_NOTES.values(),
    *KIND_LABELS.values(),
)
#: al-folio's folder of publication thumbnails, the default of ``cv_preview_folder``
PREVIEW_FOLDER = "assets/img/publication_preview"
#: co-author homepages of each project (by source directory), read once per build at builder-inited


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
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        bibdata = self.env.get_domain("cite").bibdata  # type: ignore[attr-defined]
        for path in bibdata.bibfiles:
            self.env.note_dependency(str(path))
        group_by = self.choice("group-by", GROUP_BY, "year")
        order = self.choice("sort", SORTS, "newest")
        numbered = self.choice("numbered", NUMBERED, "") or ("plain" if "numbered" in self.options else "")
        show = self._show()
        aliases = aliases_of(self.options["highlight"]) if "highlight" in self.options else None
        owner = OwnerMatcher(aliases if aliases is not None else aliases_of(self.config.cv_author))

        found = self._entries(bibdata)
        if self.config.cv_coauthors_file:
            self.env.note_dependency(str(Path(self.env.srcdir, self.config.cv_coauthors_file)))
        settings = entry_settings(self.env)
        pubs = [
            publication_from_entry(e, owner=owner, with_bibtex="bibtex" in show, **settings) for e in found
        ]
        for pub in pubs:
            if pub.preview:
                self._preview(pub)
        warned: set[str] = self.env.temp_data.get("cv_pub_warned") or set()
        self.env.temp_data["cv_pub_warned"] = warned
        for pub in pubs:
            if pub.key not in warned:  # once per page, not once per list showing the entry
                warned.add(pub.key)
                for _field, message in pub.problems:
                    warn(f"cv-publications: {message}", self.get_location(), "bib")
        if order != "none":
            pubs.sort(key=lambda p: p.sort_key, reverse=order == "newest")

        ctx = self.context(literal_text)
        ctx.labels = {**ctx.labels, **translated_labels(PUB_LABELS)}
        ctx.max_authors = self._max_authors()
        groups = [
            (heading, [self._render(pub, ctx, show) for pub in members])
            for heading, members in self._groups(pubs, group_by, ctx.label)
        ]
        jsonld: dict[str, Any] | None = None
        if self.config.cv_jsonld and pubs:
            jsonld = {"@context": "https://schema.org", "@graph": [publication_jsonld(p) for p in pubs]}
        caption = self.inline(self.arguments[0]) if self.arguments else []
        marks = used_marks(author.marks for pub in pubs for author in pub.authors)
        node = render_publications(
            groups,
            caption=caption,
            numbered=numbered,
            classes=self.options.get("class", []),
            jsonld=jsonld,
            legend=render_legend(marks, self.config.cv_author_notes, ctx) if marks else None,
        )
        node.extend(downloads_placeholder(self.env))
        self.set_source_info(node)
        self.add_name(node)
        return [node]

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

    def _preview(self, pub: Publication) -> None:
        """al-folio's ``preview``: a file of ``cv_preview_folder`` (a path from the source root).

        It must exist (its size is read so the page does not shift as it loads);
        a URL is left out: the site loads nothing from other hosts.
        """
        name = pub.preview
        pub.preview = ""
        if "://" in name or name.startswith("//"):
            pub.problems.append(
                ("preview", f"entry {pub.key!r}: preview {shorten(name)} is left out: not a local image")
            )
            return
        folder = (self.config.cv_preview_folder or "").strip("/")
        path = name.lstrip("/") if name.startswith("/") or not folder else f"{folder}/{name}"
        file = Path(self.env.srcdir, path).resolve()
        inside = file.is_relative_to(Path(self.env.srcdir).resolve())  # never copy a file from elsewhere
        size = get_image_size(file) if inside and file.is_file() else None
        if size is None:
            why = "is missing or not an image" if inside else "is outside the source directory"
            pub.problems.append(("preview", f"entry {pub.key!r}: preview image {path!r} {why}"))
            return
        pub.preview, pub.preview_size = f"/{path}", (int(size[0]), int(size[1]))

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

    def _entries(self, bibdata: Any) -> list[BibEntry]:
        """Entries in .bib order (or ``:keys:`` order), narrowed by ``:filter:``, ``:selected:``."""
        entries = bibdata.data.entries
        if not bibdata.bibfiles:
            warn("cv-publications: no .bib file is configured (bibtex_bibfiles)", self.get_location(), "bib")
            return []
        # a biblatex @set only groups entries the file lists on their own: listing it would repeat them
        found: list[BibEntry] = [
            entries[key]
            for bibfile in bibdata.bibfiles.values()
            for key in bibfile.keys
            if entries[key].type.lower() != "set"
        ]
        if not found:
            warn("cv-publications: the .bib files hold no entries", self.get_location(), "bib")
            return []
        if "keys" in self.options:
            keys = [k for k in re.split(r"[,\s]+", self.options["keys"] or "") if k]
            unknown = [k for k in keys if k not in entries]
            if unknown:
                warn(
                    f"cv-publications :keys: no entry {', '.join(map(repr, unknown))} in the .bib files",
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
            found = [e for e in found if is_selected(e)]
        if not found:
            warn("cv-publications: no entry matches; the list is empty", self.get_location(), "bib")
        return found

    def _filtered(self, found: Iterable[BibEntry], expression: str) -> list[BibEntry] | None:
        """sphinxcontrib-bibtex's filter language (``None``: broken); ``cited`` is always false here."""
        location = self.option_location("filter")
        try:
            tree = ast.parse(expression.strip())
        except SyntaxError as err:
            warn(f"cv-publications :filter: {expression!r} does not parse ({err.msg})", location, "option")
            return None
        kept: list[BibEntry] = []
        for entry in found:
            try:
                if FILTER(entry=entry, docname=self.env.docname, cited_docnames=set()).visit(tree):
                    kept.append(entry)
            except (ValueError, TypeError) as err:
                warn(
                    f"cv-publications :filter: {expression!r} cannot be evaluated: {err}", location, "option"
                )
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

    def _render(self, pub: Publication, ctx: RenderContext, show: tuple[str, ...]) -> cv_pub:
        """One entry with a page-unique id: the key, or ``key-2``... for later copies on the page."""
        document = self.state.document
        base = pub.key if re.fullmatch(r"\S+", pub.key) else nodes.make_id(pub.key)
        node_id, count = base, 1
        while node_id in document.ids:
            count += 1
            node_id = f"{base}-{count}"
        node = render_publication(pub, ctx, node_id=node_id, show=show)
        mark_listed(self.env, node, self.env.get_domain("cite").bibdata.data.entries[pub.key])  # type: ignore[attr-defined]
        document.ids[node_id] = node
        return node


def setup_publications(app: Sphinx) -> None:
    app.add_directive("cv-publications", CVPublicationsDirective)
    app.connect("builder-inited", load_coauthors)
