"""``python -m sphinx_cv metrics``: citation counts from OpenAlex into the metrics file the build reads.

For every entry of the site's .bib files with a DOI or an arXiv id (arXiv
papers are found by their DataCite DOI, ``10.48550/arXiv.<id>``), OpenAlex
is asked in batches of 50 DOIs, with the ``mailto`` its polite pool asks
for (``--mailto``, else the ``cv-profile``'s email). The counts are written
to ``cv_metrics_file`` (default ``cv-metrics.json`` next to ``conf.py``),
which the owner commits: the build reads only that file.

A batch that fails leaves its entries' old counts as they were and makes
the exit status 1; when no batch succeeds the file is not touched at all.
The file is replaced in one step, so it is never half written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

BATCH = 50  #: DOIs per OpenAlex request (its filter's limit)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .options import network_options

    parser = commands.add_parser(
        "metrics", help="fetch citation counts into cv-metrics.json", description=__doc__
    )
    parser.add_argument("--bib", type=Path, action="append", help="a .bib to read (default: bibtex_bibfiles)")
    parser.add_argument("--output", type=Path, help="the metrics file (default: cv_metrics_file)")
    network_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.metrics import Count, parse_metrics
    from .common import client_for, open_project
    from .options import say
    from .project import ProjectError

    try:
        project = open_project(args, need_bib=False)
        client = client_for(args, project)
    except (ProjectError, ValueError) as err:
        say(f"error: {err}", error=True)
        return 2
    output = args.output or project.metrics_file
    old: dict[str, Count] = {}
    if output.exists():
        counts, problems = parse_metrics(output.read_text(encoding="utf-8", errors="replace"))
        if problems:
            for problem in problems:
                say(f"error: {output}:{problem.line}: {problem.message}", error=True)
            say(f"error: {output} left as it is: fix or remove it, then run metrics again", error=True)
            return 1
        old = dict(counts)
    if not client.mailto:
        say("note: no --mailto and no email in a cv-profile: OpenAlex asks for one (its polite pool)")
    from .openalex import update_metrics

    try:
        return update_metrics(args, project, client, output, old)
    finally:
        client.close()
