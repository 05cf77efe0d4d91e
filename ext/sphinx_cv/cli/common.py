"""What ``add``, ``sync`` and ``metrics`` share: their network options, and adding one paper to the .bib.

:class:`Adder` holds the run's state: the .bib files indexed once, the
target file's style, the HTTP client. Each paper gets one line of output,
whatever happens to it, and a failure never stops the others.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from ..core.bibfile import BibIndex, Match, append_entry, file_encoding, index_bib_files
from ..core.bibstyle import Style, detect_style
from ..core.bibwrite import format_entry, make_key
from ..core.ids import Identifier
from ..core.works import Work
from .http import Client, FetchError, parse_url_options
from .options import say
from .project import Project, ProjectError, find_project, profile_email
from .resolve import Resolver, Unresolved


def open_project(args: argparse.Namespace, *, need_bib: bool) -> Project:
    """The site, or a ProjectError; ``--bib`` alone is enough when there is no conf.py."""
    bib: Path | None = getattr(args, "bib", None)
    project = find_project(args.conf_dir, required=bib is None)
    for note in project.notes:
        say(f"warning: {note}", error=True)
    if need_bib and bib is None and not project.bibfiles:
        raise ProjectError(f"{project.confdir / 'conf.py'} lists no bibtex_bibfiles: pass --bib FILE")
    return project


def client_for(args: argparse.Namespace, project: Project) -> Client:
    mailto = args.mailto or profile_email(project.confdir)
    return Client(mailto=mailto, retries=max(args.retries, 0), urls=parse_url_options(args.url))


@dataclass
class Adder:
    """Adds papers to one .bib, refusing any that any of the site's .bib files already has."""

    target: Path
    index: BibIndex
    style: Style
    resolver: Resolver
    dry_run: bool
    added: int = 0
    skipped: int = 0
    failed: int = 0

    @classmethod
    def open(cls, args: argparse.Namespace, project: Project, client: Client) -> Adder:
        target = args.bib or project.bibfiles[0]
        paths = list(dict.fromkeys([target, *project.bibfiles]))
        index = index_bib_files(p for p in paths if p.exists())
        for problem in index.problems:
            say(f"warning: {problem} (entries after it may not be checked for duplicates)", error=True)
        text = ""
        if target.exists():
            data = target.read_bytes()
            text = data.decode(file_encoding(data), errors="replace")
        return cls(target, index, detect_style(text), Resolver(client), args.dry_run)

    def where(self, match: Match) -> str:
        return f"already in {match.path.name} as {match.key} (same {match.by})"

    def add(self, ident: Identifier, label: str) -> bool:
        """Fetch and append one paper; one line of output; True if it was added (or would be)."""
        match = self.index.find(doi=ident.doi, arxiv=ident.arxiv)
        if match:
            self.skipped += 1
            say(f"{label}: skipped, {self.where(match)}")
            return False
        try:
            work = self.resolver.work(ident)
        except (Unresolved, FetchError) as err:
            self.failed += 1
            say(f"{label}: not added: {err}", error=True)
            return False
        return self.add_work(work, label)

    def add_work(self, work: Work, label: str) -> bool:
        """Append a fetched work unless the site has it; one line of output."""
        match = self.index.find(doi=work.doi, arxiv=work.eprint, title=work.title)
        if match:
            self.skipped += 1
            say(f"{label}: skipped, {self.where(match)}")
            return False
        key = make_key(work, self.index.keys)
        entry = format_entry(work, key, self.style)
        if self.dry_run:
            say(f"{label}: would add {key} to {self.target}")
            say(entry.rstrip("\r\n"))
        else:
            try:
                append_entry(self.target, entry)
            except OSError as err:
                self.failed += 1
                say(f"{label}: not added: cannot write {self.target} ({err.strerror or err})", error=True)
                return False
            say(f"{label}: added {key} to {self.target} (from {work.source})")
        self.index.add_work(key, self.target, work)
        self.added += 1
        return True
