"""What both export builders share: gather the records in toctree order, write, warn once per kind of loss."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from dataclasses import replace
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from ..core.export.record import CV, Loss, Profile, Section
from ..core.export.sections import one_list_per_paper
from ..publications.domain import domain_of
from .domain import CVExportDomain

logger = logging.getLogger("sphinx_cv")


def document_order(builder: Builder) -> list[str]:
    """Documents in toctree order from the root document, then those outside any toctree (by name)."""
    env = builder.env
    order: list[str] = []
    seen: set[str] = set()
    stack = [builder.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen or docname not in env.found_docs:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(d for d in env.found_docs if d not in seen)


def gather(builder: Builder) -> CV:
    """The first profile and every timeline and list of papers of the project, in reading order.

    A list's papers are the records the publications domain holds for its
    document (each paper read once per build, whatever its source); each
    paper is exported once (:func:`~sphinx_cv.core.export.sections.one_list_per_paper`).
    """
    domain = builder.env.get_domain(CVExportDomain.name)
    assert isinstance(domain, CVExportDomain)
    listed = domain_of(builder.env).listed
    cv = CV()
    for docname in document_order(builder):
        for record in domain.documents.get(docname, []):
            if isinstance(record, Profile) and cv.profile is None:
                cv.profile = record
            elif isinstance(record, Section):
                papers = listed.get(docname, {})
                found = [papers[key] for key in record.keys if key in papers]
                cv.sections.append(replace(record, publications=found) if found else record)
            elif isinstance(record, Loss):
                cv.losses.append(record)
    cv.sections = one_list_per_paper(cv.sections)
    return cv


def warn_losses(builder_name: str, losses: list[Loss]) -> None:
    """One ``cv.export`` warning per kind of loss, at its first place, with how often it happened."""
    by_kind: dict[str, list[Loss]] = defaultdict(list)
    for loss in losses:
        by_kind[loss.kind].append(loss)
    for kind_losses in by_kind.values():
        first = kind_losses[0]
        more = f" (and {len(kind_losses) - 1} more)" if len(kind_losses) > 1 else ""
        example = f": {first.detail!r}" if first.detail else ""
        location = (first.docname, first.line) if first.docname else None
        logger.warning(
            f"{builder_name}: {first.message}{example}{more}",
            location=location,
            type="cv",
            subtype="export",
        )


class CVExportBuilder(Builder):
    """Writes one file from the recorded model; no document is written, none needs resolving."""

    allow_parallel = True
    filename = ""

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> set[str]:
        return set()

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def convert(self, cv: CV) -> tuple[str, list[Loss]]:
        """The file's text and what it lost."""
        raise NotImplementedError

    def finish(self) -> None:
        text, losses = self.convert(gather(self))
        warn_losses(self.name, losses)
        out = Path(self.outdir) / self.filename
        out.parent.mkdir(parents=True, exist_ok=True)
        if not out.is_file() or out.read_text(encoding="utf-8") != text:
            out.write_text(text, encoding="utf-8")


def dump_settings(value: Any) -> Any:
    """Config values as plain data (a dict of the user's conf.py may hold tuples)."""
    if isinstance(value, dict):
        return {str(k): dump_settings(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [dump_settings(v) for v in value]
    return value
