"""The citation-count file (``cv_metrics_file``) in a build: read once, never fetched, a noted dependency.

``python -m sphinx_cv metrics`` writes the file; a build only reads it,
at ``env-before-read-docs``, so each problem in it is one located
``cv.source`` warning per build and the counts reach every (parallel)
reader with the environment. No file: nothing is shown and nothing is said.
The documents that show counts are remembered (purged and merged like any
per-document state), so editing, adding or removing the file re-reads
exactly them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .core.metrics import Count, parse_metrics
from .directive import warn

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


def _users(env: BuildEnvironment) -> set[str]:
    users: set[str] | None = getattr(env, "cv_metrics_users", None)
    if users is None:
        users = env.cv_metrics_users = set()  # type: ignore[attr-defined]
    return users


def _outdated(app: Sphinx, env: BuildEnvironment, *_changes: Any) -> list[str]:
    """The documents that show counts, when the file changed, appeared or went away."""
    stamp = _stamp(metrics_path(app))
    if stamp == getattr(env, "cv_metrics_stamp", None):
        return []
    env.cv_metrics_stamp = stamp  # type: ignore[attr-defined]
    return sorted(_users(env) & set(env.found_docs))


def _read(app: Sphinx, env: BuildEnvironment, _docnames: list[str]) -> None:
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
    env.cv_metrics_counts = counts  # type: ignore[attr-defined]
    env.cv_metrics_path = str(path) if path.is_file() else ""  # type: ignore[attr-defined]


def counts_for(env: BuildEnvironment, docname: str) -> dict[str, Count]:
    """The counts, for a document that shows them (it is re-read when the file changes)."""
    _users(env).add(docname)
    path: str = getattr(env, "cv_metrics_path", "")
    if path:
        env.note_dependency(path)
    counts: dict[str, Count] = getattr(env, "cv_metrics_counts", {})
    return counts


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _users(env).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _users(env).update(_users(other) & docnames)


def setup_metrics(app: Sphinx) -> None:
    # relative to conf.py; `python -m sphinx_cv metrics` writes it, the build only reads it
    app.add_config_value("cv_metrics_file", DEFAULT_FILE, "env", types=frozenset({str}))
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _read)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
