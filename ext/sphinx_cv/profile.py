"""``cv-profile``: options -> :class:`Person` -> :func:`render_profile` (+ JSON-LD data)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from .builders.domain import record_profile
from .core.dates import shorten
from .core.metrics import totals
from .core.model import PROFILE_FIELDS, Person
from .core.readthedocs import pdf_download_url
from .core.variants import parse_variants
from .directive import CVDirective, warn
from .nodes import cv_name, cv_profile
from .publications.domain import domain_of
from .render import RenderContext, person_jsonld, profile_page_jsonld, render_metrics, render_profile
from .variants import main_pdf
from .walk import blocks

#: HTML shows no second name under a page title that already is the name (the home page)
HIDE_NAME_CLASS = "cv-hide-name"
#: what ``:metrics:`` may ask for, from the metrics file (``python -m sphinx_cv metrics``)
METRICS = ("citations", "h-index")


class CVProfileDirective(CVDirective):
    """The person: name (argument), contact options, and an overview as the body.

    Without ``:pdf:``, the PDF link is ``cv_pdf_url`` or, on Read the Docs, the
    project's own PDF download when it builds one.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        **dict.fromkeys(PROFILE_FIELDS, directives.unchanged),
        "pdf-variants": directives.unchanged,
        "class": directives.class_option,
        "metrics": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        person = Person(self.arguments[0], **{k: self.options.get(k, "") or "" for k in PROFILE_FIELDS})
        if "pdf" not in self.options:
            person.pdf = self.config.cv_pdf_url or pdf_download_url(os.environ)
        self.warn_problems(person.problems, "cv-profile")
        jsonld = person_jsonld(person, url=self.config.html_baseurl or "") if self.config.cv_jsonld else None
        if jsonld is not None:
            jsonld = (profile_page_jsonld(jsonld[0], self._source_date()), jsonld[1])
        body = self.parse_content_to_nodes() if self.content else []
        ctx = self.context()
        node = render_profile(
            person,
            ctx,
            body=body,
            jsonld=jsonld,
            classes=self.options.get("class", []),
            metrics=self._metrics(ctx),
            pdf_variants=self._pdf_variants(),
        )
        self.set_source_info(node)
        record_profile(self, person, node, body)
        return [node]

    def _pdf_variants(self) -> list[tuple[str, str]]:
        """``:pdf-variants:``: (link text, file at the site's root) of the variants named, or of all.

        The files are where ``nox -s pdf`` or Read the Docs' ``post_build`` put them
        (README, "CV variants"); an unknown name is a ``cv.option`` warning.
        """
        if "pdf-variants" not in self.options:
            return []
        variants = {v.name: v for v in parse_variants(self.config.cv_variants)[0]}
        wanted = (self.options["pdf-variants"] or "").replace(",", " ").split()
        for name in wanted:
            if name not in variants:
                known = ", ".join(variants) or "none: cv_variants is empty"
                message = f"cv-profile :pdf-variants: no variant {shorten(name)} in cv_variants ({known})"
                warn(message, self.option_location("pdf-variants"), "option")
        main = main_pdf(self.config)
        chosen = [variants[n] for n in wanted if n in variants] if wanted else list(variants.values())
        return [(v.link_text, v.target(main)) for v in chosen]

    def _metrics(self, ctx: RenderContext) -> nodes.Node | None:
        """Total citations and h-index from the metrics file, if ``:metrics:`` asks and it has counts."""
        if "metrics" not in self.options:
            return None
        asked = [w for w in (self.options["metrics"] or "").replace(",", " ").split() if w]
        for word in asked:
            if word not in METRICS:
                warn(f"cv-profile: unknown :metrics: {word!r}; use {' and/or '.join(METRICS)}",
                     self.option_location("metrics"), "option")  # fmt: skip
        wanted = [m for m in METRICS if m in asked] if asked else list(METRICS)
        found = totals(domain_of(self.env).counts_for(self.env.docname))
        if found is None or not wanted:
            return None
        return render_metrics(found, wanted, ctx)

    def _source_date(self) -> str:
        """``dateModified``: ``SOURCE_DATE_EPOCH`` (reproducible builds), else the source's mtime."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        source = Path(self.env.doc2path(self.env.docname))  # a str before Sphinx 8
        stamp = int(epoch) if epoch.isdigit() else int(source.stat().st_mtime)
        return datetime.fromtimestamp(stamp, timezone.utc).isoformat()


def hide_repeated_name(app: Sphinx, doctree: nodes.document) -> None:
    """A profile under a section titled with the person's name (a home page) does not repeat it in HTML.

    Done once the page is read: a directive does not see its section in every parser (MyST).
    """
    for profile in blocks(doctree, cv_profile):
        name = next(iter(profile.findall(cv_name)), None)
        section = profile.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        if name is None or section is None or not isinstance(section[0], nodes.title):
            continue
        if section[0].astext().strip() == name.astext().strip() and HIDE_NAME_CLASS not in profile["classes"]:
            profile["classes"].append(HIDE_NAME_CLASS)


def setup_profile(app: Sphinx) -> None:
    app.add_directive("cv-profile", CVProfileDirective)
    app.connect("doctree-read", hide_repeated_name)
