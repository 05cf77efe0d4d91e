"""``sphinx-build -b jsonresume``: the site's CV as one JSON Resume document, ``resume.json``."""

from __future__ import annotations

import json

from sphinx.locale import __

from ..core.export.jsonresume import to_json_resume
from ..core.export.record import CV, Loss
from .base import CVExportBuilder


class JSONResumeBuilder(CVExportBuilder):
    name = "jsonresume"
    format = "JSON Resume"
    epilog = __("The JSON Resume file is in %(outdir)s.")
    filename = "resume.json"

    def convert(self, cv: CV) -> tuple[str, list[Loss]]:
        data, losses = to_json_resume(cv)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n", losses
