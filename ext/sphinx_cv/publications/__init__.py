"""Publications: one record per paper, every face derived from it.

The route of a bib entry, one way through:

- ``bibread``: sphinxcontrib-bibtex parses the .bib files (a malformed one is a
  warning; each entry remembers its file, line and text as written);
- ``settings``: the project's reading settings and the records, each read once
  per build (:func:`sphinx_cv.core.bib.read_publication`);
- ``directive``: ``cv-publications`` selects, groups, sorts and numbers records,
  notes them in the ``domain`` and plans each entry (with a citation style,
  ``styles``, the text the style writes for it); ``deferred`` renders the plan
  (``render``, ``cited``) when the page is written;
- ``pages``: a page per listed paper, planned at ``env-updated`` and written at
  ``html-collect-pages``, with its ``exports`` and a complete ``sitemap``;
- ``metrics``: the citation counts of ``cv_metrics_file``, read into the domain
  before any document (a list's "Cited by" badges, a profile's totals).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from ..core.authors import DEFAULT_NOTES
from ..core.bib import HIDDEN_FIELDS
from ..core.links import DEFAULT_LINK_FIELDS
from .bibread import setup_bibread
from .deferred import RenderEntries
from .directive import CVPublicationsDirective
from .domain import PublicationsDomain
from .metrics import DEFAULT_FILE, outdated_by_metrics, read_metrics
from .pagenames import check_config
from .pages import plan_pages, resolve_links, write_pages
from .settings import PREVIEW_FOLDER, start_build
from .styles import setup_styles
from .toctree import slim_root_doctree


def setup_publications(app: Sphinx) -> None:
    """Config values, the directive, the domain, and the events of the route above."""
    app.add_config_value("cv_author", None, "env", types=frozenset({str, list, tuple, type(None)}))
    app.add_config_value("cv_link_fields", dict(DEFAULT_LINK_FIELDS), "env", types=frozenset({dict}))
    # bib fields that are the site's business, left out of the BibTeX shown and copied
    app.add_config_value(
        "cv_bibtex_hidden_fields", list(HIDDEN_FIELDS), "env", types=frozenset({list, tuple, set, frozenset})
    )
    app.add_config_value("cv_coauthors", {}, "env", types=frozenset({dict}))
    app.add_config_value("cv_coauthors_file", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("cv_max_authors", 0, "env", types=frozenset({int}))
    app.add_config_value("cv_et_al", "et al.", "env", types=frozenset({str}))
    app.add_config_value("cv_author_notes", dict(DEFAULT_NOTES), "env", types=frozenset({dict}))
    app.add_config_value("cv_pdf_folder", "", "env", types=frozenset({str}))
    app.add_config_value("cv_preview_folder", PREVIEW_FOLDER, "env", types=frozenset({str}))
    app.add_config_value("cv_scholar_user", "", "env", types=frozenset({str}))
    app.add_config_value("cv_publication_pages", False, "env", types=frozenset({bool}))
    app.add_config_value("cv_publication_pages_dir", "publications", "env", types=frozenset({str}))
    # relative to conf.py; `python -m sphinx_cv metrics` writes it, the build only reads it
    app.add_config_value("cv_metrics_file", DEFAULT_FILE, "env", types=frozenset({str}))
    app.add_directive("cv-publications", CVPublicationsDirective)
    app.add_domain(PublicationsDomain)
    app.add_post_transform(RenderEntries)
    setup_bibread(app)
    setup_styles(app)
    app.connect("builder-inited", start_build)
    app.connect("builder-inited", check_config)
    app.connect("env-get-outdated", outdated_by_metrics)
    app.connect("env-before-read-docs", read_metrics)
    app.connect("env-updated", plan_pages)
    app.connect("doctree-resolved", resolve_links)
    app.connect("doctree-resolved", slim_root_doctree)
    app.connect("html-collect-pages", write_pages)
