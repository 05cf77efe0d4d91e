"""The Sphinx glue of citation styles: ``cv_citation_style`` and ``:style:``, their warnings.

The style itself is read and used by :mod:`sphinx_cv.core.csl`; here a
config value or option becomes a style (or ``None``: the built-in look), a
style that cannot be found or read is a located warning (``cv.config`` at
``conf.py``, ``cv.option`` at the option), a document using a style file
depends on it (editing the file rebuilds the lists that use it), and an entry
the style cannot format is a ``cv.bib`` warning at its line in the .bib (the
entry keeps the built-in look). What a style formats is the record's
CSL-JSON face (:func:`~sphinx_cv.core.faces.csl_json`), the same item the
CSL-JSON export holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.csl import CslStyle, FormatError, Formatted, StyleError, load_style
from ..core.faces import csl_json
from ..core.record import Publication
from ..directive import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: values that mean the built-in look (the default)
BUILTIN = frozenset({"", "builtin", "default", "none"})


def is_builtin(spec: str | None) -> bool:
    return spec is None or spec.strip().lower() in BUILTIN


def style_of(env: BuildEnvironment, spec: str | None, location: Any) -> CslStyle | None:
    """The style ``:style:`` names (``None`` for the built-in look, or after a ``cv.option`` warning)."""
    if is_builtin(spec):
        return None
    assert spec is not None
    try:
        style = load_style(spec, _confdir(env))
    except StyleError as error:
        warn(f"cv-publications :style: {error}; the list keeps the built-in look", location, "option")
        return None
    env.note_dependency(str(style.path))
    return style


def configured_style(env: BuildEnvironment) -> CslStyle | None:
    """The style of ``cv_citation_style``; its problems were told once, at ``builder-inited``."""
    spec = env.config.cv_citation_style
    if is_builtin(spec):
        return None
    try:
        style = load_style(spec, _confdir(env))
    except StyleError:
        return None
    env.note_dependency(str(style.path))
    return style


def formatted(style: CslStyle, pub: Publication, *, language: str | None, number: int) -> Formatted | None:
    """The entry as the style writes it, or ``None`` after a ``cv.bib`` warning (the built-in look)."""
    try:
        return style.format(csl_json(pub), language=language, number=number)
    except FormatError as error:
        warn(
            f"cv-publications: entry {pub.key!r} cannot be formatted in {style.title} ({error}); "
            "it keeps the built-in look",
            pub.source or None,
            "bib",
        )
        return None


def _confdir(env: BuildEnvironment) -> str:
    """Where style paths start: the conf directory (noted at ``builder-inited``), else the sources."""
    return str(getattr(env, "cv_confdir", None) or env.srcdir)


def _check_config(app: Sphinx) -> None:
    """A ``cv_citation_style`` that cannot be used: one ``cv.config`` warning at ``conf.py``."""
    app.env.cv_confdir = str(app.confdir)  # type: ignore[attr-defined]
    spec = app.config.cv_citation_style
    if is_builtin(spec):
        return
    try:
        load_style(spec, app.confdir)
    except StyleError as error:
        conf = Path(app.confdir, "conf.py")
        warn(f"cv_citation_style: {error}; lists keep the built-in look", str(conf), "config")


def setup_styles(app: Sphinx) -> None:
    # a shipped style name (apa, ieee, chicago-author-date, mla, vancouver, nature, harvard),
    # a .csl path from the conf directory, or None: the built-in look
    app.add_config_value("cv_citation_style", None, "env", types=frozenset({str, type(None)}))
    app.connect("builder-inited", _check_config)
