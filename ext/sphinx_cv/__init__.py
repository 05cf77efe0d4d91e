"""sphinx-cv: directives for academic CVs and homepages.

``extensions = ["sphinx_cv"]`` is all a site needs: this sets up
sphinxcontrib-bibtex, the stylesheet and the message catalog.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"

#: bump whenever node classes or their attributes change: Sphinx then discards cached
#: environments (pickled with the old classes) instead of failing to load them
ENV_VERSION = 8

HERE = Path(__file__).parent
STATIC = HERE / "static"

DEFAULT_LINK_FIELDS = {
    "pdf": "PDF",
    "eprint": "arXiv",
    "doi": "DOI",
    "url": "Link",
    "html": "HTML",
    "supp": "Supp",
    "code": "Code",
    "slides": "Slides",
    "video": "Video",
    "poster": "Poster",
    "blog": "Blog",
    "website": "Website",
    "hal": "HAL",
    "google_scholar_id": "Scholar",
    "inspirehep_id": "INSPIRE",
    "pmid": "PubMed",
    "isbn": "ISBN",
    "altmetric": "Altmetric",
    "dimensions": "Dimensions",
}


def _config_inited(app: Sphinx, config: Config) -> None:
    """Let timeline-only sites skip ``bibtex_bibfiles``; ship the stylesheet.

    Both happen here, not at ``builder-inited``, so incremental builds do not
    see a changed config every time.
    """
    if config.bibtex_bibfiles is None:
        config.bibtex_bibfiles = []
    if str(STATIC) not in map(str, config.html_static_path):
        # a new list: appending would change a default shared by every application in the process
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> ExtensionMetadata:
    """Config values, then each feature's ``setup_*``.

    The Sphinx glue is imported here, not at the top: ``sphinx_cv.core`` and
    the starter (``python -m sphinx_cv init``) work without Sphinx installed.
    """
    from .bibcheck import setup_bibcheck
    from .core.authors import DEFAULT_NOTES
    from .core.bib import HIDDEN_FIELDS
    from .i18n import setup_i18n
    from .pages import setup_pages
    from .profile import setup_profile
    from .publications import PREVIEW_FOLDER, setup_publications
    from .safety import setup_safety
    from .timeline import setup_timeline
    from .transforms import setup_transforms
    from .writers import setup_writers

    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("cv_author", None, "env", types=frozenset({str, list, tuple, type(None)}))
    app.add_config_value("cv_date_format", "%b %Y", "env", types=frozenset({str}))
    app.add_config_value("cv_present_label", "Present", "env", types=frozenset({str}))
    app.add_config_value("cv_jsonld", True, "env", types=frozenset({bool}))
    app.add_config_value("cv_link_fields", dict(DEFAULT_LINK_FIELDS), "env", types=frozenset({dict}))
    # the CV as a PDF, linked from every cv-profile (None: the Read the Docs PDF, if the project builds one)
    app.add_config_value("cv_pdf_url", None, "env", types=frozenset({str, type(None)}))
    # bib fields that are the site's business, left out of the BibTeX shown and copied
    app.add_config_value(
        "cv_bibtex_hidden_fields", list(HIDDEN_FIELDS), "env", types=frozenset({list, tuple, set, frozenset})
    )
    # the PDF as a CV (fonts, headings, footer, label lists); False for a manual that only uses directives
    app.add_config_value("cv_latex_style", True, "env", types=frozenset({bool}))
    app.add_config_value("cv_coauthors", {}, "env", types=frozenset({dict}))
    app.add_config_value("cv_coauthors_file", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("cv_max_authors", 0, "env", types=frozenset({int}))
    app.add_config_value("cv_et_al", "et al.", "env", types=frozenset({str}))
    app.add_config_value("cv_author_notes", dict(DEFAULT_NOTES), "env", types=frozenset({dict}))
    app.add_config_value("cv_pdf_folder", "", "env", types=frozenset({str}))
    app.add_config_value("cv_preview_folder", PREVIEW_FOLDER, "env", types=frozenset({str}))
    app.add_config_value("cv_scholar_user", "", "env", types=frozenset({str}))
    app.connect("config-inited", _config_inited, priority=400)
    app.add_css_file("sphinx-cv.css")
    app.add_js_file("sphinx-cv.js", loading_method="defer")
    setup_i18n(app)
    setup_writers(app)
    setup_timeline(app)
    setup_profile(app)
    setup_publications(app)
    setup_pages(app)
    setup_bibcheck(app)
    setup_safety(app)
    setup_transforms(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": ENV_VERSION,
    }
