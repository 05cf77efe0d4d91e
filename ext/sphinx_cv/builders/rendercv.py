"""``sphinx-build -b rendercv``: the site's CV as a RenderCV input file, ``cv.yaml``.

``rendercv render cv.yaml`` makes it a PDF with Typst, without TeX
(``nox -s rendercv`` does so for the demo).
"""

from __future__ import annotations

from sphinx.locale import __

from ..core.export.record import CV, Loss
from ..core.export.rendercv import to_rendercv
from .base import CVExportBuilder, dump_settings


class RenderCVBuilder(CVExportBuilder):
    name = "rendercv"
    format = "RenderCV"
    epilog = __("The RenderCV file is in %(outdir)s: make it a PDF with `rendercv render cv.yaml`.")
    filename = "cv.yaml"

    def convert(self, cv: CV) -> tuple[str, list[Loss]]:
        design = dump_settings(self.config.cv_rendercv_design)
        data, losses = to_rendercv(cv, design=design, language=self.config.language or "en")
        import yaml  # here, not with the extension: only this builder writes YAML

        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        return text, losses
