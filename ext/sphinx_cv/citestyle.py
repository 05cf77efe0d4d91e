"""The Sphinx glue of citation styles: ``cv_citation_style`` and ``:style:``, their warnings.

The style itself is read and used by :mod:`.core.csl`; here a config value or
option becomes a style (or ``None``: the built-in look), a style that cannot
be found or read is a located warning (``cv.config`` at ``conf.py``,
``cv.option`` at the option), and a document using a style file depends on
it, so editing the file rebuilds the lists that use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .core.csl import CslStyle, Piece, StyleError, load_style
from .core.urls import safe_url
from .directive import warn
from .inline import link_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: values that mean the built-in look (the default)
BUILTIN = frozenset({"", "builtin", "default", "none"})


def is_builtin(spec: str | None) -> bool:
    return spec is None or spec.strip().lower() in BUILTIN


def style_of(env: BuildEnvironment, spec: str | None, location: Any) -> CslStyle | None:
    """The style an option names (``None`` for the built-in look, or after a ``cv.option`` warning)."""
    if is_builtin(spec):
        return None
    assert spec is not None
    try:
        style = load_style(spec, _confdir(env))
    except StyleError as error:
        warn(f"{error}; the list keeps the built-in look", location, "option")
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
        warn(f"cv_citation_style: {error}; lists keep the built-in look", (str(conf), 0), "config")


@dataclass(frozen=True)
class Person:
    """What the CV adds to a name inside formatted text."""

    owner: bool = False
    url: str = ""  #: a co-author's homepage
    marks: str = ""  #: note marks (``*``, ``†``) shown after the name


_STYLE_NODES: dict[str, Callable[..., nodes.Element]] = {
    "em": nodes.emphasis,
    "strong": nodes.strong,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
}


def cited_nodes(
    pieces: Sequence[Piece], person_of: Callable[[tuple[str, int]], Person | None], title_uri: str = ""
) -> list[nodes.Node]:
    """Formatted runs as inline nodes: styles, links, the owner strong, co-authors linked, the title linked.

    The text is the style's; every node is a standard docutils node (or
    subclass), so HTML, LaTeX and text all show it. Run text is data: it is
    never parsed as markup.
    """
    out: list[nodes.Node] = []
    for index, piece in enumerate(pieces):
        node: nodes.Node = nodes.Text(piece.text)
        for style in sorted(piece.styles):
            maker = _STYLE_NODES.get(style)
            wrapper = maker() if maker else nodes.inline(classes=[f"cv-cite-{style}"])
            wrapper += node
            node = wrapper
        url = _safe(piece.url)
        person = person_of(piece.person) if piece.person else None
        if url:
            node = link_node([node], url)
        elif person and person.owner:
            node = nodes.strong("", "", node, classes=["cv-author-self"])
        elif person and person.url:
            node = link_node([node], person.url)
            node["classes"].append("cv-author-link")
        elif piece.title and title_uri:
            node = link_node([node], title_uri)
            node["classes"].append("cv-pub-cite-title")
        out.append(node)
        following = pieces[index + 1] if index + 1 < len(pieces) else None
        if person and person.marks and (following is None or following.person != piece.person):
            out.append(nodes.superscript(person.marks, person.marks, classes=["cv-author-note"]))
    return out


def _safe(url: str) -> str:
    try:
        return safe_url(url) or "" if url else ""
    except ValueError:  # a URL urllib cannot split (an unclosed IPv6 bracket) is no link
        return ""


def setup_citestyle(app: Sphinx) -> None:
    # a shipped style name (apa, ieee, chicago-author-date, mla, vancouver, nature, harvard),
    # a .csl path from the conf directory, or None: the built-in look
    app.add_config_value("cv_citation_style", None, "env", types=frozenset({str, type(None)}))
    app.connect("builder-inited", _check_config)
