"""The project's settings for turning bib entries into publications, in one place.

Lists (``publications.py``) and per-publication pages (``pages.py``) build the
same :class:`~sphinx_cv.core.model.Publication` from an entry: link fields,
co-author homepages (read once per build), the PDF folder, the Scholar user
and the fields left out of the BibTeX shown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .core.authors import CoauthorIndex, coauthor_index
from .core.sources.parse import SourceError, parse_text
from .directive import warn

#: co-author homepages of each project (by source directory), read at builder-inited
_COAUTHORS: dict[str, CoauthorIndex] = {}


def entry_settings(env: BuildEnvironment) -> dict[str, Any]:
    """The project's keyword arguments for :func:`publication_from_entry` (per-publication pages too).

    Link fields, co-author homepages (read once per build), the PDF folder, the Scholar user and
    the fields left out of the BibTeX shown.
    """
    config = env.config
    return {
        "link_fields": {str(name).lower(): label for name, label in config.cv_link_fields.items()},
        "coauthors": _COAUTHORS.get(str(env.srcdir)),
        "pdf_folder": config.cv_pdf_folder or "",
        "scholar_user": scholar_user_of(config.cv_scholar_user or ""),
        "hidden_fields": config.cv_bibtex_hidden_fields,
    }


def scholar_user_of(value: str) -> str:
    """A Google Scholar user id from ``cv_scholar_user``: the id, or a profile URL holding it."""
    value = value.strip()
    if "://" in value:
        value = (parse_qs(urlsplit(value).query).get("user") or [""])[0]
    return value if re.fullmatch(r"[\w-]+", value) else ""


def load_coauthors(app: Sphinx) -> None:
    """Read ``cv_coauthors`` and ``cv_coauthors_file`` once per build; problems are located warnings."""
    config: Config = app.config
    data: Any = None
    path = Path(app.srcdir, config.cv_coauthors_file) if config.cv_coauthors_file else None
    if path is not None:
        try:
            data = parse_text(path.read_text(encoding="utf-8-sig"), path.name)
        except OSError as err:
            warn(f"cv_coauthors_file cannot be read: {err.strerror}", f"{path}:", "source")
        except (SourceError, UnicodeDecodeError) as err:
            line = getattr(err, "line", None) or ""
            message = getattr(err, "message", None) or str(err)
            warn(f"co-author file {path.name} {message}", f"{path}:{line}", "source")
    mapping = config.cv_coauthors if isinstance(config.cv_coauthors, dict) else {}
    index, problems = coauthor_index(mapping, data)
    for line, message in problems:
        where = f"{path}:{line or ''}" if path is not None and line is not None else f"{app.confdir}/conf.py:"
        warn(f"cv_coauthors: {message}", where, "source")
    _COAUTHORS[str(app.srcdir)] = index
