"""``cv-profile``: options -> :class:`Person` -> :func:`render_profile` (+ JSON-LD data)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from .core.model import PROFILE_FIELDS, Person
from .directive import CVDirective
from .render import person_jsonld, profile_page_jsonld, render_profile


class CVProfileDirective(CVDirective):
    """The person: name (argument), contact options, and an overview as the body."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[OptionSpec] = {
        **dict.fromkeys(PROFILE_FIELDS, directives.unchanged),
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        person = Person(self.arguments[0], **{k: self.options.get(k, "") or "" for k in PROFILE_FIELDS})
        self.warn_problems(person.problems, "cv-profile")
        jsonld = person_jsonld(person, url=self.config.html_baseurl or "") if self.config.cv_jsonld else None
        if jsonld is not None:
            jsonld = (profile_page_jsonld(jsonld[0], self._source_date()), jsonld[1])
        body = self.parse_content_to_nodes() if self.content else []
        node = render_profile(
            person,
            self.context(),
            body=body,
            jsonld=jsonld,
            classes=self.options.get("class", []),
        )
        self.set_source_info(node)
        return [node]

    def _source_date(self) -> str:
        """``dateModified``: ``SOURCE_DATE_EPOCH`` (reproducible builds), else the source's mtime."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        stamp = int(epoch) if epoch.isdigit() else int(self.env.doc2path(self.env.docname).stat().st_mtime)
        return datetime.fromtimestamp(stamp, timezone.utc).isoformat()


def setup_profile(app: Sphinx) -> None:
    app.add_directive("cv-profile", CVProfileDirective)
