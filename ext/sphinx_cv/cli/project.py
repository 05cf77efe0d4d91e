"""What the fetching commands need to know of a site, read without running it or Sphinx.

``conf.py`` is read as Python syntax, not executed: its literal
``bibtex_bibfiles`` and ``cv_metrics_file`` settings are taken, and a
setting computed at run time is reported so the user can pass ``--bib``.
The owner's email (OpenAlex's ``mailto``) comes from the ``:email:`` of a
``cv-profile`` in the site's pages.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_METRICS_FILE = "cv-metrics.json"
#: folders with conf.py, tried in this order when ``--conf-dir`` is not given
CONF_DIRS = (".", "docs", "doc")
_SKIP_DIRS = {"_build", "node_modules", "site-packages"}
_PROFILE_EMAIL = re.compile(
    r"cv-profile(?:(?!\n\s*\n\s*\n).){0,2000}?:email:\s*([^\s@]+@[^\s@]+\.[^\s@]+)", re.S
)


class ProjectError(Exception):
    """The site cannot be found or read."""


@dataclass
class Project:
    confdir: Path
    bibfiles: list[Path] = field(default_factory=list)
    metrics_file: Path = Path(DEFAULT_METRICS_FILE)
    notes: list[str] = field(default_factory=list)  #: settings that could not be read, with why


def _literal(tree: ast.Module, name: str) -> tuple[object, bool]:
    """The last top-level ``name = <literal>``: (value, found); (None, True) when it is not a literal."""
    value: object = None
    found = False
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, expression = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, expression = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            found = True
            try:
                value = ast.literal_eval(expression)
            except ValueError:
                value = None
    return value, found


def find_project(confdir: Path | None = None, *, required: bool = True) -> Project:
    """The site in ``confdir`` (or ``.``, ``docs/``, ``doc/``); ProjectError if ``required`` and none."""
    candidates = [confdir] if confdir else [Path(d) for d in CONF_DIRS]
    conf = next((c / "conf.py" for c in candidates if (c / "conf.py").is_file()), None)
    if conf is None:
        if required:
            where = str(confdir) if confdir else "here, docs/ or doc/"
            raise ProjectError(f"no conf.py in {where}: pass --conf-dir DIR, or --bib FILE")
        return Project(confdir or Path(), metrics_file=(confdir or Path()) / DEFAULT_METRICS_FILE)
    project = Project(conf.parent)
    try:
        tree = ast.parse(conf.read_bytes(), filename=str(conf))
    except (OSError, SyntaxError, ValueError) as err:
        raise ProjectError(f"{conf}: cannot read it ({err})") from None
    bibfiles, found = _literal(tree, "bibtex_bibfiles")
    if isinstance(bibfiles, (list, tuple)) and all(isinstance(b, str) for b in bibfiles):
        project.bibfiles = [conf.parent / b for b in bibfiles]
    elif found:
        project.notes.append(f"{conf}: bibtex_bibfiles is not a plain list of file names; pass --bib FILE")
    metrics, found = _literal(tree, "cv_metrics_file")
    if isinstance(metrics, str) and metrics:
        project.metrics_file = conf.parent / metrics
    else:
        if found:
            project.notes.append(
                f"{conf}: cv_metrics_file is not a plain string; using {DEFAULT_METRICS_FILE}"
            )
        project.metrics_file = conf.parent / DEFAULT_METRICS_FILE
    return project


def profile_email(confdir: Path) -> str:
    """The ``:email:`` of the first ``cv-profile`` in the site's .md/.rst pages, or ""."""
    pages = sorted(
        p
        for suffix in ("*.md", "*.rst")
        for p in confdir.rglob(suffix)
        if not any(part in _SKIP_DIRS or part.startswith(".") for part in p.relative_to(confdir).parts[:-1])
    )
    for page in pages:
        try:
            text = page.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        match = _PROFILE_EMAIL.search(text)
        if match:
            return match[1].strip("\"'")
    return ""
