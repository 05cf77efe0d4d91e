"""CV variants (``cv_variants``): each its own LaTeX document, made from the main CV at write time.

The ``cvvariants`` builder is Sphinx's LaTeX builder writing one document
per variant instead of ``latex_documents``: the main CV's start document,
author and theme (so the CV style and every ``latex_elements`` setting are
the main PDF's), the variant's title, and ``<name>-<variant>.tex``. Each
document is assembled from the one read of the sources, then
:mod:`sphinx_cv.selection` leaves out what the variant leaves out. The
``latex`` builder is not touched: the main CV stays the one document Read
the Docs makes into the project's PDF. ``cv-entry`` and data-file tags
reach the document as the entries' ``tags``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from .core.variants import Variant, parse_variants, write_manifest
from .directive import warn
from .nodes import cv_contact
from .publications.domain import domain_of
from .render import SITE_PATH
from .selection import select


def main_document(config: Config) -> tuple[Any, ...] | None:
    """The main CV's entry of ``latex_documents`` (the first), or None."""
    documents = config.latex_documents
    return tuple(documents[0]) if documents and len(documents[0]) >= 5 else None


def main_pdf(config: Config) -> str:
    """The main CV's PDF file name (``cv.tex`` -> ``cv.pdf``): variants are named after it."""
    main = main_document(config)
    target = str(main[1]) if main else "cv.tex"
    return target.removesuffix(".tex") + ".pdf"


def config_location(confdir: str | Path, *needles: str) -> str:
    """``conf.py:line`` of ``cv_variants``, then of each needle (a variant, its rule) in turn."""
    conf = Path(confdir) / "conf.py"
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return str(conf)
    found = 0
    for needle in ("cv_variants", *(n for n in needles if n)):
        pattern = re.compile(
            r"\bcv_variants\b" if needle == "cv_variants" else rf"[\"']{re.escape(needle)}[\"']"
        )
        for index in range(found, len(lines)):
            if pattern.search(lines[index]):
                found = index
                break
    return f"{conf}:{found + 1}" if lines else str(conf)


def warn_config(confdir: str | Path, variant: str, rule: str, message: str) -> None:
    """A ``cv.config`` warning naming the variant (and rule), at their line in ``conf.py``."""
    who = f"cv_variants[{variant!r}]" if variant else "cv_variants"
    warn(f"{who}{f' {rule}' if rule else ''}: {message}", config_location(confdir, variant, rule), "config")


def check_config(app: Sphinx, config: Config) -> None:
    """Rules of the wrong kind are reported by every build, not only the one that writes the variants."""
    for variant, rule, message in parse_variants(config.cv_variants)[1]:
        warn_config(app.confdir, variant, rule, message)


class CVVariantsBuilder(LaTeXBuilder):
    """The LaTeX documents of the CV's variants (``sphinx-build -b cvvariants``)."""

    name = "cvvariants"
    epilog = (
        "The LaTeX files of the CV's variants are in %(outdir)s. "
        "Run 'make all-pdf' there, then 'python -m sphinx_cv pages %(outdir)s' to check their page budgets."
    )

    def init_document_data(self) -> None:
        """One document per variant, from the main CV's entry of ``latex_documents``; a manifest of them."""
        super().init_document_data()
        main = self.document_data[:1]
        self.document_data = []
        self._pending: list[Variant] = []
        variants = parse_variants(self.config.cv_variants)[0]
        if not main or not variants:
            why = (
                "latex_documents has no main CV to make them from"
                if not main
                else "every one was left out (see above)"
                if self.config.cv_variants
                else "cv_variants is empty"
            )
            warn_config(self.confdir, "", "", f"no variants to write: {why}")
            return
        docname, target, title, author, theme, *rest = main[0]
        written = []
        for variant in variants:
            entry = (docname, variant.target(target), variant.title or title, author, theme, *rest)
            self.document_data.append(entry)  # type: ignore[arg-type]
            self._pending.append(variant)
            written.append((variant, variant.target(target)))
        write_manifest(Path(self.outdir), written)

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        """The main CV's document, then what the next variant leaves out of it.

        Sphinx assembles each document of ``document_data`` once, in order (7.4 to 9).
        """
        tree = super().assemble_doctree(indexfile, toctree_only, appendices)
        variant = self._pending.pop(0)
        records = domain_of(self.env).records()  # the one record of each listed paper
        select(
            tree,
            variant,
            lambda rule, message: warn_config(self.confdir, variant.name, rule, message),
            records,
        )
        return tree


class VariantLinks(SphinxPostTransform):
    """A profile's links to the variants' PDFs (paths from the site's root) made relative to each page.

    Only the builder knows where a page lands (``dirhtml`` puts ``cv.md`` in ``cv/index.html``).
    """

    default_priority = 200
    formats = ("html",)

    def is_supported(self) -> bool:
        # no variants, no such links: no walk through every page
        return super().is_supported() and bool(self.config.cv_variants)

    def run(self, **kwargs: Any) -> None:
        for contact in self.document.findall(cv_contact):
            if contact.get("kind") != "pdf":
                continue
            app = getattr(self.env, "_app", None) or self.app  # ``app`` is deprecated in Sphinx 9
            page = app.builder.get_target_uri(self.env.docname)
            for ref in contact.findall(nodes.reference):
                if ref.get(SITE_PATH):
                    ref["refuri"] = relative_uri(page, ref["refuri"])
                    del ref[SITE_PATH]


def setup_variants(app: Sphinx) -> None:
    # name -> rules (README, "CV variants"); "env": a profile's :pdf-variants: links follow them
    app.add_config_value("cv_variants", {}, "env", types=frozenset({dict}))
    app.add_builder(CVVariantsBuilder)
    app.add_post_transform(VariantLinks)
    app.connect("config-inited", check_config)
