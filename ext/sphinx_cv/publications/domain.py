"""What is listed where, and which page is whose: the state publications keep across documents.

Sphinx merges and purges a domain's data for parallel and incremental
builds, as sphinxcontrib-bibtex and Sphinx's own citations keep theirs. The
``cvpub`` domain has no roles or directives of its own; it holds

- ``listed``: docname -> {citation key: record} for every entry a
  ``cv-publications`` list on that document shows (the records the pages
  and exports are written from, so no entry is read again to write them);
- ``pages``: citation key -> page name of the entries that got a page in this
  build (planned at ``env-updated``, read when titles are linked);
- ``counts``: citation key -> :class:`~sphinx_cv.core.metrics.Count`, the
  citation counts of ``cv_metrics_file`` (read once per build, before any
  document: :mod:`.metrics`), with the file's path and stamp;
- ``counted``: the documents that show counts (a list's badges, a profile's
  totals), re-read when the file changes, appears or goes away.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from ..core.metrics import Count
from ..core.record import Publication

NAME = "cvpub"


class PublicationsDomain(Domain):
    """Listed records per document, and the page of each entry."""

    name = NAME
    label = "CV publications"
    # copied by Sphinx for each environment
    initial_data = {"listed": {}, "pages": {}, "counts": {}, "counted": set()}
    data_version = 2

    @property
    def listed(self) -> dict[str, dict[str, Publication]]:
        listed: dict[str, dict[str, Publication]] = self.data.setdefault("listed", {})
        return listed

    @property
    def pages(self) -> dict[str, str]:
        pages: dict[str, str] = self.data.setdefault("pages", {})
        return pages

    @property
    def counts(self) -> dict[str, Count]:
        counts: dict[str, Count] = self.data.setdefault("counts", {})
        return counts

    @property
    def counted(self) -> set[str]:
        counted: set[str] = self.data.setdefault("counted", set())
        return counted

    def counts_for(self, docname: str) -> dict[str, Count]:
        """The citation counts, for a document that shows them: it depends on the file from now on."""
        self.counted.add(docname)
        path: str = self.data.get("metrics_file", "")
        if path:
            self.env.note_dependency(path)
        return self.counts

    def note_listed(self, docname: str, pub: Publication) -> None:
        self.listed.setdefault(docname, {}).setdefault(pub.key, pub)

    def records(self) -> dict[str, Publication]:
        """Every listed record by key (documents in name order, so the result does not depend on -j)."""
        found: dict[str, Publication] = {}
        for docname in sorted(self.listed):
            for key, pub in self.listed[docname].items():
                found.setdefault(key, pub)
        return found

    def home_of(self, key: str) -> str:
        """The document whose list is the entry's home: of those listing it, the one listing the
        most entries (the full list rather than a "Selected" one), then the first by name."""
        docs = [doc for doc in sorted(self.listed) if key in self.listed[doc]]
        return max(docs, key=lambda doc: len(self.listed[doc]), default="")

    def listing(self, keys: Iterable[str]) -> set[str]:
        """The documents that list any of ``keys``."""
        wanted = set(keys)
        return {doc for doc, records in self.listed.items() if wanted.intersection(records)}

    def clear_doc(self, docname: str) -> None:
        self.listed.pop(docname, None)
        self.counted.discard(docname)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """What the reading processes noted per document (the counts were read before they started)."""
        theirs = otherdata.get("listed", {})
        counted = otherdata.get("counted", set())
        for docname in docnames:
            if docname in theirs:
                self.listed[docname] = theirs[docname]
            if docname in counted:
                self.counted.add(docname)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def list_anchor(key: str) -> str:
    """The ``id`` of an entry's first copy on a page: its citation key (made an id if it has spaces)."""
    return key if re.fullmatch(r"\S+", key) else nodes.make_id(key)


def domain_of(env: BuildEnvironment) -> PublicationsDomain:
    domain = env.get_domain(NAME)
    assert isinstance(domain, PublicationsDomain)
    return domain
