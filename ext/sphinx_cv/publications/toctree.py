"""The theme's sidebar for publication pages, computed once per folder (issue #23)."""

from __future__ import annotations

from typing import Any

from sphinx.builders.html import StandaloneHTMLBuilder


class SharedToctree:
    """The theme's ``toctree()`` for the pages of one folder, rendered once per set of arguments.

    A theme's sidebar asks each page for the global toctree, and Sphinx
    builds it by walking the root document's whole doctree: with the list on
    the root page (a one-page site), that is the whole list again for every
    publication page. The pages are no documents, so none of them is marked
    current in it, and from one folder every link in it is the same.
    """

    def __init__(self, builder: StandaloneHTMLBuilder, pagename: str) -> None:
        self.builder, self.pagename = builder, pagename
        self.rendered: dict[str, str] = {}

    def __call__(self, **kwargs: Any) -> str:
        key = repr(sorted(kwargs.items()))
        if key not in self.rendered:
            self.rendered[key] = self.builder._get_local_toctree(self.pagename, **kwargs)
        return self.rendered[key]
