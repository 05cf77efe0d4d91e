"""``python -m sphinx_cv add ID...``: papers by DOI or arXiv id, appended to the site's .bib as clean BibTeX.

Each ID may be a DOI in any written form (``10.1145/...``, ``doi:...``,
``https://doi.org/...``) or an arXiv id or URL. The entry gets a readable
key (``zheng2020sharp``) and is written in the file's own style; a paper
that any of the site's .bib files already has (same DOI, arXiv id or
title) is not added again, and the key that has it is named.
"""

from __future__ import annotations

import argparse

#: exit status when some ids could not be added (malformed, unknown, service down)
SOME_FAILED = 1


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .options import bib_options, network_options

    parser = commands.add_parser("add", help="add papers by DOI or arXiv id to the .bib", description=__doc__)
    parser.add_argument("ids", nargs="+", metavar="ID", help="a DOI or an arXiv id (any written form)")
    bib_options(parser)
    network_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.ids import parse_identifier
    from .common import Adder, client_for, open_project
    from .options import say
    from .project import ProjectError

    try:
        project = open_project(args, need_bib=True)
        client = client_for(args, project)
    except (ProjectError, ValueError) as err:
        say(f"error: {err}", error=True)
        return 2
    adder = Adder.open(args, project, client)
    malformed = 0
    for raw in args.ids:
        ident = parse_identifier(raw)
        if ident is None:
            malformed += 1
            say(f"{raw}: not added: not a DOI or an arXiv id", error=True)
            continue
        adder.add(ident, raw)
    client.close()
    return SOME_FAILED if adder.failed or malformed else 0
