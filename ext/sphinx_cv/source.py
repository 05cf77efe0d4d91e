"""Sphinx glue for ``cv-timeline :source:``: resolve, read (once), depend, warn.

The loaders in :mod:`sphinx_cv.sources` know nothing of Sphinx; this module
turns their results and errors into entries and ``cv.source`` warnings
located at the directive, and renders data-file text (literally, but for
Markdown links and emphasis, which resume formats use).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from docutils import nodes

from .core import sources
from .directive import CVDirective, warn
from .core.model import Entry
from .render import link_node
from .core.sources import DataFile, SourceError
from .core.sources.common import MD_LINK
from .core.urls import safe_url

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


def entries_from_source(directive: CVDirective) -> list[Entry]:
    """Entries of the data file named by ``:source:``, from ``:section:``; warnings for anything wrong.

    Never raises: whatever goes wrong becomes a ``cv.source`` warning at the
    directive and the timeline shows what could be read.
    """
    source = (directive.options.get("source") or "").strip()
    section = (directive.options.get("section") or "").strip() or None
    if not source:
        message = (
            ":source: is empty: name a data file"
            if "source" in directive.options
            else ":section: needs a :source: data file to take the section from"
        )
        warn(
            f"cv-timeline {message}",
            directive.option_location("source" if section is None else "section"),
            "source",
        )
        return []
    location = directive.option_location("source")
    env = directive.env
    relpath = source
    prefix = f"cv-timeline :source: {relpath}"
    try:
        relpath, abspath = env.relfn2path(source, env.docname)
        prefix = f"cv-timeline :source: {relpath}"
        env.note_dependency(abspath)
        path = Path(abspath)
        if not path.is_file():
            warn(f"{prefix}: data file not found", location, "source")
            return []
        entries = load_file(path).entries(section)
    except SourceError as err:
        where = f"{relpath}:{err.line}" if err.line else relpath
        warn(f"cv-timeline :source: {where}: {err.message}", location, "source")
        return []
    except Exception as err:  # the boundary: a data file never ends a build
        warn(f"{prefix}: could not be read: {type(err).__name__}: {err}", location, "source")
        return []
    for entry in entries:
        where = f"{relpath}:{entry.line}" if entry.line else relpath
        name = f"entry {entry.title!r}" if entry.title else "entry"
        for _field, message in entry.all_problems:
            warn(f"cv-timeline :source: {where}: {name}: {message}", location, "source")
    return entries


_EMPHASIS = re.compile(
    r"\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
    r"|(?<![*\w])\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*(?![*\w])"
)


def data_text(text: str) -> list[nodes.Node]:
    """Data-file text as nodes: literal, except ``[text](url)``, ``**strong**`` and ``*emphasis*``.

    Never parsed as reST or HTML. Link URLs go through :func:`safe_url`; an
    unsafe one keeps only its text (the loader has already warned).
    """
    found: list[nodes.Node] = []
    last = 0
    for match in MD_LINK.finditer(text):
        found += _emphasis(text[last : match.start()])
        url = safe_url(match["url"])
        inner = _emphasis(match["text"])
        if url:
            found.append(link_node(inner, url))
        else:
            found += inner
        last = match.end()
    found += _emphasis(text[last:])
    return found


def _emphasis(text: str) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    last = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > last:
            found.append(nodes.Text(text[last : match.start()]))
        if match["strong"] is not None:
            found.append(nodes.strong(match["strong"], match["strong"]))
        else:
            found.append(nodes.emphasis(match["em"], match["em"]))
        last = match.end()
    if last < len(text):
        found.append(nodes.Text(text[last:]))
    return found
