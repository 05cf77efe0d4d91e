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
ENV_VERSION = 15

HERE = Path(__file__).parent
STATIC = HERE / "static"


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
    from .builders import setup_builders
    from .feed import setup_feed
    from .i18n import setup_i18n
    from .profile import setup_profile
    from .publications import setup_publications
    from .safety import setup_safety
    from .timeline import setup_timeline
    from .transforms import setup_transforms
    from .variants import setup_variants
    from .writers import setup_writers

    app.setup_extension("sphinxcontrib.bibtex")
    app.add_config_value("cv_date_format", "%b %Y", "env", types=frozenset({str}))
    app.add_config_value("cv_present_label", "Present", "env", types=frozenset({str}))
    app.add_config_value("cv_jsonld", True, "env", types=frozenset({bool}))
    # the CV as a PDF, linked from every cv-profile (None: the Read the Docs PDF, if the project builds one)
    app.add_config_value("cv_pdf_url", None, "env", types=frozenset({str, type(None)}))
    # the PDF as a CV (fonts, headings, footer, label lists); False for a manual that only uses directives
    app.add_config_value("cv_latex_style", True, "env", types=frozenset({bool}))
    app.connect("config-inited", _config_inited, priority=400)
    app.add_css_file("sphinx-cv.css")
    app.add_js_file("sphinx-cv.js", loading_method="defer")
    setup_i18n(app)
    setup_writers(app)
    setup_timeline(app)
    setup_profile(app)
    setup_publications(app)
    setup_safety(app)
    setup_transforms(app)
    setup_variants(app)
    setup_builders(app)
    setup_feed(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": ENV_VERSION,
    }
