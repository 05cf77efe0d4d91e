"""``python -m sphinx_cv``: the commands that work on a site's files, not on a build.

``init`` writes a site from a resume file; ``add``, ``sync`` and ``metrics``
fetch from open scholarly services and are the only code of the project
that touches the network (``requests`` is imported inside them, so
``import sphinx_cv`` and ``sphinx-build`` never load it). ``pages`` checks the CV
variants' page budgets once TeX has made their PDFs. None needs Sphinx.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .. import __version__
from . import add, init, metrics, pages, sync


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sphinx_cv", description="sphinx-cv tools")
    parser.add_argument("--version", action="version", version=f"sphinx-cv {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for command in (init, add, sync, metrics, pages):
        command.register(commands)
    args = parser.parse_args(argv)
    status: int = args.run(args)
    return status
