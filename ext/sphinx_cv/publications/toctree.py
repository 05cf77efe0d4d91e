"""The theme's sidebar for publication pages, computed once per folder (issue #23)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment


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


def _toctrees(doctree: nodes.document) -> nodes.document:
    """A document holding copies of ``doctree``'s toctree nodes: all the global toctree reads of it."""
    slim = new_document(doctree["source"], doctree.settings)
    slim.extend(node.deepcopy() for node in doctree.findall(addnodes.toctree))
    return slim


def slim_root_doctree(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` of the root document: the global toctree from its toctrees alone.

    Sphinx builds every page's global toctree from ``env.master_doctree``, the
    root document unpickled once more and kept to the end of the build: with
    the list on the root page (a one-page site), a second copy of the whole
    list, held while its page and every publication page are written. Only
    its ``toctree`` nodes are read, and here, before Sphinx resolves them,
    they are still in the doctree being written: copies of them are enough.
    """
    env = app.env
    # singlehtml (also an HTML builder) resolves an assembled root whose toctrees are inlined
    if app.builder.name not in ("html", "dirhtml") or docname != env.config.root_doc:
        return
    if "master_doctree" not in env.__dict__:
        env.__dict__["master_doctree"] = _toctrees(doctree)


def free_root_doctree(env: BuildEnvironment) -> None:
    """Before the publication pages: the root doctree Sphinx unpickled for the toctree (the root
    document was not written in this build) and its pickled bytes give way to its toctrees."""
    cached = env.__dict__.get("master_doctree")
    if cached is not None:
        env.__dict__["master_doctree"] = _toctrees(cached)
    # a private cache of Sphinx's (7.2 and later): without it there is nothing to free
    getattr(env, "_pickled_doctree_cache", {}).pop(env.config.root_doc, None)
