"""Sphinx glue for ``cv-timeline :source:``: resolve, read (once), depend, warn.

The loaders in :mod:`sphinx_cv.core.sources` know nothing of Sphinx; this
module turns their results and errors into entries and ``cv.source``
warnings located at the directive. Their text becomes nodes by
:func:`sphinx_cv.inline.data_text`.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from .core import sources
from .core.dates import shorten
from .core.model import Entry
from .core.sources import DataFile, SourceError
from .directive import CVDirective, warn

#: resolved path -> ((mtime_ns, size), parsed file or the error it gave); see :func:`load_file`
_CACHE: dict[str, tuple[tuple[int, int], DataFile | SourceError]] = {}
_CACHE_LIMIT = 64
_LOCK = threading.Lock()


def load_file(path: Path) -> DataFile:
    """The parsed data file at ``path``, parsed once however many timelines and pages use it.

    Keyed by path, modification time and size, so an edited file is parsed
    again and an unchanged one never is. The cache is per process: with
    ``-j N`` each reading process parses a file at most once. Nothing is
    stored in the pickled environment.
    """
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    with _LOCK:
        cached = _CACHE.get(str(path))
        if cached is None or cached[0] != key:
            try:
                text = path.read_bytes().decode("utf-8-sig")
                result: DataFile | SourceError = sources.load(text, path.name)
            except UnicodeDecodeError as err:
                result = SourceError(f"is not UTF-8 text ({err.reason} at byte {err.start})")
            except SourceError as err:
                result = err
            if len(_CACHE) >= _CACHE_LIMIT:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[str(path)] = cached = (key, result)
    if isinstance(cached[1], SourceError):
        raise cached[1]
    return cached[1]


def data_file(directive: CVDirective) -> tuple[str, DataFile, str | None] | None:
    """The data file named by ``:source:`` (relative path, parsed file, ``:section:``), or ``None``
    after a ``cv.source`` warning; recorded as a dependency of the document."""
    source = (directive.options.get("source") or "").strip()
    section = (directive.options.get("section") or "").strip() or None
    if not source:
        message = (
            ":source: is empty: name a data file"
            if "source" in directive.options
            else ":section: needs a :source: data file to take the section from"
        )
        warn(
            f"{directive.name} {message}",
            directive.option_location("source" if section is None else "section"),
            "source",
        )
        return None
    location = directive.option_location("source")
    env = directive.env
    relpath = source
    try:
        relpath, abspath = env.relfn2path(source, env.docname)
        env.note_dependency(abspath)
        path = Path(abspath)
        if not path.is_file():
            warn(f"{directive.name} :source: {relpath}: data file not found", location, "source")
            return None
        data = load_file(path)
        for line, message in data.problems:  # values left out while parsing (YAML alias bombs)
            warn(f"{directive.name} :source: {relpath}:{line or '?'}: {message}", location, "source")
        return relpath, data, section
    except SourceError as err:
        where = f"{relpath}:{err.line}" if err.line else relpath
        warn(f"{directive.name} :source: {where}: {err.message}", location, "source")
    except Exception as err:  # the boundary: a data file never ends a build
        reason = f"{type(err).__name__}: {str(err)[:200]}"  # cut: it may quote a huge value
        warn(f"{directive.name} :source: {relpath}: could not be read: {reason}", location, "source")
    return None


def section_items(
    directive: CVDirective, relpath: str, data: DataFile, section: str | None
) -> list[Any] | None:
    """The raw items of a section (``None`` after a ``cv.source`` warning)."""
    try:
        return data.items(section)
    except SourceError as err:
        where = f"{relpath}:{err.line}" if err.line else relpath
        warn(
            f"{directive.name} :source: {where}: {err.message}", directive.option_location("source"), "source"
        )
        return None


def entries_from_source(directive: CVDirective) -> tuple[list[Entry], str]:
    """Entries of the data file named by ``:source:``, from ``:section:``, and the file's format.

    Warnings for anything wrong; the format is "" when the file cannot be read.

    Never raises: whatever goes wrong becomes a ``cv.source`` warning at the
    directive and the timeline shows what could be read.
    """
    found = data_file(directive)
    if found is None:
        return [], ""
    relpath, data, section = found
    location = directive.option_location("source")
    try:
        entries = data.entries(section)
    except SourceError as err:
        where = f"{relpath}:{err.line}" if err.line else relpath
        warn(f"cv-timeline :source: {where}: {err.message}", location, "source")
        return [], ""
    except Exception as err:  # the boundary: a data file never ends a build
        warn(
            f"cv-timeline :source: {relpath}: could not be read: {type(err).__name__}: {err}",
            location,
            "source",
        )
        return [], ""
    for entry in entries:
        where = f"{relpath}:{entry.line}" if entry.line else relpath
        name = f"entry {shorten(entry.title)}" if entry.title else "entry"
        for _field, message in entry.all_problems:
            warn(f"cv-timeline :source: {where}: {name}: {message}", location, "source")
    return [entry for entry in entries if not entry.omitted], data.format
