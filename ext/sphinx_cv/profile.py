"""``cv-profile``: options -> :class:`Person` -> :func:`render_profile` (+ JSON-LD)."""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.typing import OptionSpec

from .directive import PLAIN_FORMATS, CVDirective
from .writers.html import escape_json
from .core.model import PROFILE_FIELDS, Person
from .nodes import cv_email, cv_profile
from .render import person_jsonld, render_profile


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
        jsonld = None
        if self.config.cv_jsonld:
            data, hidden = person_jsonld(person, url=self.config.html_baseurl or "")
            jsonld = escape_json(data, hidden)
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


class ShowEmailAddress(SphinxPostTransform):
    """Text, LaTeX, man and Texinfo show the address as text: a PDF or a text CV is for people."""

    default_priority = 200
    formats = PLAIN_FORMATS

    def run(self, **kwargs: Any) -> None:
        for link in self.document.findall(cv_email):
            if not link.children:
                link += nodes.Text(link["address"])


def setup_profile(app: Sphinx) -> None:
    app.add_directive("cv-profile", CVProfileDirective)
    app.add_node(cv_profile)
    app.add_post_transform(ShowEmailAddress)
