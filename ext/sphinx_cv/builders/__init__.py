"""The CV in other formats: ``-b jsonresume`` and ``-b rendercv``.

Route of one entry: the directive records its model while the document is
read (:mod:`.domain`); the builder gathers every document's records in
toctree order (:func:`.base.gather`) and a core converter
(:mod:`sphinx_cv.core.export`) writes the target's data and lists its
losses, which become one ``cv.export`` warning per kind.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .domain import CVExportDomain
from .jsonresume import JSONResumeBuilder
from .rendercv import RenderCVBuilder


def setup_builders(app: Sphinx) -> None:
    app.add_domain(CVExportDomain)
    app.add_builder(JSONResumeBuilder)
    app.add_builder(RenderCVBuilder)
    # merged over RenderCV's default design (the classic theme): {"theme": "sb2nov"}, colours, margins...
    app.add_config_value("cv_rendercv_design", {}, "", types=frozenset({dict}))
