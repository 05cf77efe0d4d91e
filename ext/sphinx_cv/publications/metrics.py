"""The citation-count file (``cv_metrics_file``) in a build: read once, never fetched, a noted dependency.

``python -m sphinx_cv metrics`` writes the file; a build only reads it,
at ``env-before-read-docs``, into the publications domain (the counts belong
to papers, by citation key), so each problem in it is one located
``cv.source`` warning per build and the counts reach every (parallel) reader
with the environment. No file: nothing is shown and nothing is said. The
documents that show counts are noted in the domain (purged and merged with
the rest of its per-document data), so editing, adding or removing the file
re-reads exactly them; publication pages carry the count in their
fingerprint and are written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.metrics import Count, parse_metrics
from ..directive import warn
from .domain import domain_of

DEFAULT_FILE = "cv-metrics.json"


def metrics_path(app: Sphinx) -> Path:
    name: str = app.config.cv_metrics_file
    return Path(app.confdir) / name


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def outdated_by_metrics(app: Sphinx, env: BuildEnvironment, *_changes: Any) -> list[str]:
    """``env-get-outdated``: the documents that show counts, when the file changed, appeared or went away."""
    domain = domain_of(env)
    stamp = _stamp(metrics_path(app))
    if stamp == domain.data.get("metrics_stamp"):
        return []
    domain.data["metrics_stamp"] = stamp
    return sorted(domain.counted & set(env.found_docs))


def read_metrics(app: Sphinx, env: BuildEnvironment, _docnames: list[str]) -> None:
    """``env-before-read-docs``: the file's counts into the domain; its problems as located warnings."""
    path = metrics_path(app)
    counts: dict[str, Count] = {}
    if path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            warn(f"cannot read the metrics file: {err}", f"{path}:1", "source")
            text = ""
        if text:
            counts, problems = parse_metrics(text)
            for problem in problems:
                warn(f"metrics file: {problem.message}", f"{path}:{max(problem.line, 1)}", "source")
    domain = domain_of(env)
    domain.data["counts"] = counts
    domain.data["metrics_file"] = str(path) if path.is_file() else ""
