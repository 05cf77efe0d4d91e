"""``python -m sphinx_cv sync --orcid ID``: the works of a public ORCID record that the .bib lacks, added.

Each work of the record is matched against every .bib of the site (DOI,
arXiv id, normalised title). A missing work is fetched from its DOI or
arXiv id as ``add`` does; a work with neither from ORCID's full record of
it, when that names its authors (as contributors, or in a BibTeX citation)
and is reported otherwise, never guessed at. Every work gets one line
saying what happened and why. ``--dry-run`` lists what would be added and
fetches nothing else.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .common import Adder
    from .http import Client


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from .options import bib_options, network_options

    parser = commands.add_parser(
        "sync", help="add the works of an ORCID record that the .bib lacks", description=__doc__
    )
    parser.add_argument(
        "--orcid", required=True, help="an ORCID iD (0000-0002-1825-0097) or its orcid.org URL"
    )
    bib_options(parser)
    network_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..core.ids import Identifier
    from ..core.orcid import orcid_id, works_from_orcid
    from .common import Adder, client_for, open_project
    from .http import FetchError
    from .options import say
    from .project import ProjectError

    person = orcid_id(args.orcid)
    if not person:
        say(
            f"error: {args.orcid!r} is not an ORCID iD (0000-0000-0000-0000, with a valid check digit)",
            error=True,
        )
        return 2
    try:
        project = open_project(args, need_bib=True)
        client = client_for(args, project)
    except (ProjectError, ValueError) as err:
        say(f"error: {err}", error=True)
        return 2
    try:
        reply = client.get("orcid", f"v3.0/{person}/works", accept="application/json")
        record = reply.json() if reply.ok else None
    except (FetchError, ValueError) as err:
        say(f"error: cannot read the ORCID record {person}: {err}", error=True)
        return 1
    if not isinstance(record, dict):
        say(f"error: ORCID answered HTTP {reply.status} for {person}: no public record to read", error=True)
        return 1
    adder = Adder.open(args, project, client)
    works = works_from_orcid(record)
    say(f"ORCID {person}: {len(works)} works")
    for work in works:
        label = f"doi:{work.doi}" if work.doi else f"arXiv:{work.arxiv}" if work.arxiv else f"“{work.title}”"
        match = adder.index.find(doi=work.doi, arxiv=work.arxiv, title=work.title)
        if match:
            adder.skipped += 1
            say(f"{label}: skipped, {adder.where(match)}")
        elif args.dry_run:
            adder.added += 1
            year = work.year or "no year"
            if work.doi or work.arxiv:
                say(f"{label}: would be added (“{work.title}”, {year})")
            else:
                say(f"{label}: would be added from ORCID's record ({year}; no DOI or arXiv id)")
        elif not work.doi and not work.arxiv:
            from_orcid(adder, client, person, work.put_code, label)
        else:
            adder.add(Identifier("doi", work.doi) if work.doi else Identifier("arxiv", work.arxiv), label)
    client.close()
    verb = "would add" if args.dry_run else "added"
    say(f"{verb} {adder.added}, skipped {adder.skipped}, failed {adder.failed}")
    return 1 if adder.failed else 0


def from_orcid(adder: Adder, client: Client, person: str, put_code: str, label: str) -> None:
    """A work with no DOI or arXiv id, from ORCID's full record of it (one line, whatever happens)."""
    from ..core.orcid import work_from_orcid
    from .http import FetchError
    from .options import say

    try:
        reply = client.get("orcid", f"v3.0/{person}/work/{put_code}", accept="application/json")
        record = reply.json() if reply.ok else None
    except (FetchError, ValueError) as err:
        adder.failed += 1
        say(f"{label}: not added: cannot read ORCID's record of work {put_code}: {err}", error=True)
        return
    if not isinstance(record, dict):
        adder.failed += 1
        say(f"{label}: not added: ORCID answered HTTP {reply.status} for work {put_code}", error=True)
        return
    work = work_from_orcid(record)
    if work is None:
        adder.skipped += 1
        say(f"{label}: skipped, no DOI or arXiv id, and ORCID's record names no authors: add it by hand")
        return
    adder.add_work(work, label)
