"""The project's settings for reading bib entries, and the records read once per build.

Lists and publication pages use the same :class:`~sphinx_cv.core.record.Publication`
of an entry: read here, with the project's link fields, owner, co-author
homepages (read once per build), PDF and preview folders, Scholar user and the
fields left out of the BibTeX shown. A record is read at most once per build
in each process (with ``-j N``, once per reading process that needs it); the
listing documents keep theirs in the publications domain, which the pages use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pybtex.database import Entry as BibEntry
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.images import get_image_size

from ..core.authors import CoauthorIndex, coauthor_index
from ..core.bib import read_publication
from ..core.bibtex import parent_keys, source_of
from ..core.dates import shorten
from ..core.names import OwnerMatcher, aliases_of
from ..core.record import Publication
from ..core.sources.parse import SourceError, parse_text
from ..directive import warn

#: al-folio's folder of publication thumbnails, the default of ``cv_preview_folder``
PREVIEW_FOLDER = "assets/img/publication_preview"

#: per project (source directory), reset at every builder-inited: co-author homepages, the records read
_COAUTHORS: dict[str, CoauthorIndex] = {}
_RECORDS: dict[str, dict[str, Publication]] = {}
_PARENTS: dict[str, frozenset[str]] = {}


def bibdata_of(env: BuildEnvironment) -> Any:
    """sphinxcontrib-bibtex's parsed .bib files (``BibData``: encoding, bibfiles, data)."""
    return env.get_domain("cite").bibdata  # type: ignore[attr-defined]


def scholar_user_of(value: str) -> str:
    """A Google Scholar user id from ``cv_scholar_user``: the id, or a profile URL holding it."""
    value = value.strip()
    if "://" in value:
        try:
            value = (parse_qs(urlsplit(value).query).get("user") or [""])[0]
        except ValueError:
            return ""
    return value if re.fullmatch(r"[\w-]+", value) else ""


def _preview_check(srcdir: str, folder: str) -> Any:
    """al-folio's ``preview``: a file of ``cv_preview_folder`` (a path from the source root).

    It must exist inside the source directory (its size is read so the page
    does not shift as it loads); a URL is left out: the site loads nothing
    from other hosts.
    """
    root = Path(srcdir).resolve()

    def check(name: str) -> tuple[str, tuple[int, int]] | str:
        if "://" in name or name.startswith("//"):
            return f"preview {shorten(name)} is left out: not a local image"
        path = name.lstrip("/") if name.startswith("/") or not folder else f"{folder}/{name}"
        try:
            file = (root / path).resolve()
            inside = file.is_relative_to(root)  # never copy a file from elsewhere
            size = get_image_size(file) if inside and file.is_file() else None
        except (OSError, ValueError):
            inside, size = True, None
        if size is None:
            why = "is missing or not an image" if inside else "is outside the source directory"
            return f"preview image {shorten(path)} {why}"
        return f"/{path}", (int(size[0]), int(size[1]))

    return check


def read_settings(env: BuildEnvironment) -> dict[str, Any]:
    """The project's keyword arguments for :func:`~sphinx_cv.core.bib.read_publication`."""
    config = env.config
    return {
        "entries": bibdata_of(env).data.entries,
        "owner": OwnerMatcher(aliases_of(config.cv_author)),
        "link_fields": {str(name).lower(): label for name, label in config.cv_link_fields.items()},
        "coauthors": _COAUTHORS.get(str(env.srcdir)),
        "pdf_folder": config.cv_pdf_folder or "",
        "scholar_user": scholar_user_of(config.cv_scholar_user or ""),
        "hidden_fields": config.cv_bibtex_hidden_fields,
        "preview": _preview_check(str(env.srcdir), (config.cv_preview_folder or "").strip("/")),
    }


def records_of(env: BuildEnvironment, entries: Iterable[BibEntry], origin: str = "bib") -> list[Publication]:
    """The records of ``entries`` (of the .bib files, or ``origin="data"`` of a data file), each read
    once per build (in this process)."""
    cache = _RECORDS.setdefault(str(env.srcdir), {})
    settings: dict[str, Any] | None = None
    found = []
    for entry in entries:
        ident = f"{origin}\0{source_of(entry)[0]}\0{entry.key}"
        record = cache.get(ident)
        if record is None:
            settings = settings or read_settings(env)
            record = cache[ident] = read_publication(entry, **settings)
            record.origin = origin
        found.append(record)
    return found


def parents_of(env: BuildEnvironment) -> frozenset[str]:
    """The keys entries inherit from (crossref, xref, xdata), found once per build."""
    srcdir = str(env.srcdir)
    if srcdir not in _PARENTS:
        _PARENTS[srcdir] = parent_keys(bibdata_of(env).data.entries)
    return _PARENTS[srcdir]


def start_build(app: Sphinx) -> None:
    """builder-inited: forget last build's records; read ``cv_coauthors`` and ``cv_coauthors_file``."""
    _RECORDS.pop(str(app.srcdir), None)
    _PARENTS.pop(str(app.srcdir), None)
    config: Config = app.config
    data: Any = None
    path = Path(app.srcdir, config.cv_coauthors_file) if config.cv_coauthors_file else None
    if path is not None:
        left_out: list[tuple[int | None, str]] = []  # alias bombs: that value is left out, not the file
        try:
            data = parse_text(path.read_text(encoding="utf-8-sig"), path.name, left_out)
        except OSError as err:
            warn(f"cv_coauthors_file cannot be read: {err.strerror}", f"{path}:", "source")
        except (SourceError, UnicodeDecodeError) as err:
            line = getattr(err, "line", None) or ""
            message = getattr(err, "message", None) or str(err)
            warn(f"co-author file {path.name} {message}", f"{path}:{line}", "source")
        for line, message in left_out:
            warn(f"co-author file {path.name}: {message}", f"{path}:{line or ''}", "source")
    mapping = config.cv_coauthors if isinstance(config.cv_coauthors, dict) else {}
    index, problems = coauthor_index(mapping, data)
    for line, message in problems:
        where = f"{path}:{line or ''}" if path is not None and line is not None else f"{app.confdir}/conf.py:"
        warn(f"cv_coauthors: {message}", where, "source")
    _COAUTHORS[str(app.srcdir)] = index
