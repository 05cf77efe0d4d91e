"""Where the publication pages go: the folder setting, checked, and each page's name.

``cv_publication_pages_dir`` is a folder of the built site; one that would
lead outside the output, or that Windows cannot write, is a warning and the
default is used. A page is named from its citation key (``core/faces.py``
``page_slug``), never as the whole-list exports are.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.dates import shorten
from ..core.faces import WINDOWS_RESERVED, page_slug
from ..directive import warn
from .exports import export_stem

#: where the pages go when ``cv_publication_pages_dir`` is not a folder inside the output
DEFAULT_PAGES_DIR = "publications"
#: one folder name of ``cv_publication_pages_dir``: no ``..``, drive, backslash, ``_static`` or final dot
_FOLDER_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_-])?")


def checked_pages_dir(value: object) -> str | None:
    """``cv_publication_pages_dir`` as a folder of the built site (a leading ``/`` is its root),
    or ``None`` when it would lead outside the output folder or name one Windows cannot write."""
    parts = [part for part in str(value).strip().strip("/").split("/") if part not in ("", ".")]
    if not parts:
        return DEFAULT_PAGES_DIR
    for part in parts:
        if not _FOLDER_NAME.fullmatch(part) or part.split(".")[0].lower() in WINDOWS_RESERVED:
            return None
    return "/".join(parts)


def pages_dir(env: BuildEnvironment) -> str:
    """The pages' folder in the built site (``check_config`` warned if the setting was unusable)."""
    return checked_pages_dir(env.config.cv_publication_pages_dir) or DEFAULT_PAGES_DIR


def page_name(env: BuildEnvironment, key: str) -> str:
    """The page name of a citation key: ``publications/<slug>``; never the whole-list exports' name."""
    exports = posixpath.basename(export_stem(env, ""))
    return f"{pages_dir(env)}/{page_slug(key, frozenset({exports}))}"


def check_config(app: Sphinx) -> None:
    """``builder-inited``: a pages folder outside the output is a warning, and the default is used."""
    value = app.config.cv_publication_pages_dir
    if app.config.cv_publication_pages and checked_pages_dir(value) is None:
        warn(
            f"cv_publication_pages_dir = {shorten(str(value))} is not a folder inside the output "
            f"(no '..', backslash or drive; each name starts with a letter or digit); "
            f"the pages go to {DEFAULT_PAGES_DIR!r}",
            f"{Path(app.confdir, 'conf.py')}:",
            "config",
        )
