"""Where Read the Docs publishes a project's PDF, from the variables it sets for every build.

Read the Docs builds the PDF only when the project's ``.readthedocs.yaml``
lists ``formats: [pdf]`` (or ``all``), and serves it at
``<site>/_/downloads/<language>/<version>/pdf/``. No environment variable
names the formats, so the configuration file in the checkout
(``READTHEDOCS_REPOSITORY_PATH``) is read; without it, no PDF is assumed.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from .sources.parse import SourceError, parse_text

CONFIG_NAMES = (".readthedocs.yaml", ".readthedocs.yml", "readthedocs.yaml", "readthedocs.yml")


def builds_pdf(repository: Path) -> bool:
    """Whether the Read the Docs configuration in ``repository`` asks for the PDF format."""
    for name in CONFIG_NAMES:
        path = repository / name
        if not path.is_file():
            continue
        try:
            config = parse_text(path.read_text(encoding="utf-8"), path.name)  # the guarded YAML loader
        except (OSError, UnicodeDecodeError, SourceError):
            return False
        formats = config.get("formats") if isinstance(config, dict) else None
        return formats == "all" or (isinstance(formats, list) and "pdf" in formats)
    return False


def pdf_download_url(environ: Mapping[str, str]) -> str:
    """The project's own PDF download on Read the Docs, or "" elsewhere or when it builds none.

    The host comes from ``READTHEDOCS_CANONICAL_URL`` (custom domains included),
    else ``<project>.readthedocs.io``.
    """
    if environ.get("READTHEDOCS") != "True":
        return ""
    project, version = environ.get("READTHEDOCS_PROJECT", ""), environ.get("READTHEDOCS_VERSION", "")
    language = environ.get("READTHEDOCS_LANGUAGE", "") or "en"
    repository = environ.get("READTHEDOCS_REPOSITORY_PATH", "")
    if not (project and version and repository) or not builds_pdf(Path(repository)):
        return ""
    canonical = urlsplit(environ.get("READTHEDOCS_CANONICAL_URL", ""))
    site = (
        f"{canonical.scheme}://{canonical.netloc}"
        if canonical.scheme in ("http", "https") and canonical.netloc
        else f"https://{project}.readthedocs.io"
    )
    return f"{site}/_/downloads/{language}/{version}/pdf/"
