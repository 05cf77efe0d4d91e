"""What every sphinx-cv directive shares: the base class and ``cv.*`` warnings.

Warnings go through Sphinx's logger, located and typed ``cv.<subtype>``, so
``suppress_warnings`` and ``-W`` behave as users expect.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from typing import Any

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .core.chars import clean, removed
from .core.dates import shorten
from .inline import InlineParser, option_text
from .labels import render_context, translated_labels
from .render import RenderContext

logger = logging.getLogger("sphinx_cv")


def warn(message: str, location: Any, subtype: str) -> None:
    """Every warning of the extension: located, typed ``cv.<subtype>`` for ``suppress_warnings``."""
    logger.warning(message, location=location, type="cv", subtype=subtype)


class CVDirective(SphinxDirective):
    """The base of every sphinx-cv directive: render context, inline parsing, located warnings."""

    def context(self, inline: InlineParser | None = None) -> RenderContext:
        """The project's render context (:func:`~sphinx_cv.labels.render_context`).

        It is made once per document, not once per entry (labels translated, the
        language's date and number formats looked up); each directive gets a copy
        with its own inline parser, which locates its warnings.
        """
        shared = self.env.temp_data.get("cv_context")
        if shared is None:
            shared = self.env.temp_data["cv_context"] = render_context(self.config, translated_labels())
        own = copy(shared)
        own.inline = self.inline if inline is None else inline
        return own

    def inline(self, text: str) -> list[nodes.Node]:
        """Author-written option text: inline markup is allowed, parse errors are kept.

        Control and bidi characters are removed (with a warning) before the text becomes nodes.
        """
        if clean(text) != text:
            warn(f"{self.name}: {removed('text', text)}", self.get_location(), "option")
            text = clean(text)
        return option_text(self, text)

    def option_location(self, name: str) -> str:
        """``file:line`` of option ``name`` when it can be found in the block, else of the directive."""
        source, line = self.get_source_info()
        if line is None:  # Sphinx 9.1 types it optional
            return self.get_location()
        marker = f":{name}:"
        for offset, text in enumerate(self.block_text.splitlines()):
            if text.strip().startswith(marker) or text.strip().startswith(f"{name}:"):
                return f"{source}:{line + offset}"
        return self.get_location()

    def warn_problems(self, problems: list[tuple[str, str]], prefix: str) -> None:
        """Report (field, message) problems, each at its option's line."""
        for field, message in problems:
            subtype = "date" if field in ("start", "end") else "option"
            warn(f"{prefix}: {message}", self.option_location(field), subtype)

    def choice(self, name: str, allowed: Sequence[str], default: str, fallback: str = "") -> str:
        """An enumerated option's value (lower case), or ``default`` with a ``cv.option`` warning.

        ``fallback`` says in the warning what happens instead (default: "using <default>").
        """
        value = (self.options.get(name) or default).strip().lower()
        if value in allowed:
            return value
        shown = ", ".join(a or "(no value)" for a in allowed)
        instead = fallback or f"using {default or 'no value'!r}"
        warn(
            f"{self.name} :{name}: must be one of {shown}, not {shorten(value)}; {instead}",
            self.option_location(name),
            "option",
        )
        return default
