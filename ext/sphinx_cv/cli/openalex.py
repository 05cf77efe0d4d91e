"""Citation counts from OpenAlex, 50 DOIs a request, merged into the metrics file."""

from __future__ import annotations

import argparse
import datetime
from collections import defaultdict
from pathlib import Path

from ..core.bibfile import index_bib_files, write_atomically
from ..core.ids import ARXIV_DOI_PREFIX
from ..core.metrics import Count, dump_metrics
from .http import Client, FetchError
from .metrics import BATCH
from .options import say
from .project import Project

SOURCE = "OpenAlex"


def wanted(paths: list[Path]) -> dict[str, list[str]]:
    """Lower-case DOI -> the citation keys that have it (an arXiv id counts by its DataCite DOI)."""
    index = index_bib_files(p for p in paths if p.exists())
    for problem in index.problems:
        say(f"warning: {problem}", error=True)
    keys: dict[str, list[str]] = defaultdict(list)
    for entry in index.entries:
        doi = entry.doi or (f"{ARXIV_DOI_PREFIX}{entry.arxiv}" if entry.arxiv else "")
        # OpenAlex's filter separates DOIs with | and filters with ,
        if doi and not set(doi) & set("|,"):
            keys[doi.lower()].append(entry.key)
    return keys


def fetch_batch(client: Client, dois: list[str]) -> dict[str, tuple[int, str]]:
    """DOI -> (cited_by_count, OpenAlex id) for the DOIs OpenAlex knows; FetchError if it did not answer."""
    params = {"filter": "doi:" + "|".join(dois), "per-page": str(BATCH), "select": "id,doi,cited_by_count"}
    if client.mailto:
        params["mailto"] = client.mailto
    reply = client.get("openalex", "works", params=params, accept="application/json")
    if not reply.ok:
        raise FetchError(f"OpenAlex answered HTTP {reply.status}")
    try:
        results = reply.json()["results"]
        found: dict[str, tuple[int, str]] = {}
        for work in results:
            doi = str(work.get("doi") or "").lower().removeprefix("https://doi.org/")
            count = work.get("cited_by_count")
            if doi and isinstance(count, int) and not isinstance(count, bool):
                found[doi] = (count, str(work.get("id") or ""))
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise FetchError(f"OpenAlex's answer is not a list of works ({err})") from None
    return found


def update_metrics(
    args: argparse.Namespace, project: Project, client: Client, output: Path, old: dict[str, Count]
) -> int:
    """Fetch every batch, name each paper OpenAlex does not know, write what came; the exit status."""
    keys = wanted(args.bib or project.bibfiles)
    if not keys:
        say("no entry with a DOI or an arXiv id: nothing to fetch")
        return 0
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    dois = sorted(keys)
    counts = dict(old)
    fetched = failed = 0
    for start in range(0, len(dois), BATCH):
        batch = dois[start : start + BATCH]
        try:
            found = fetch_batch(client, batch)
        except FetchError as err:
            failed += len(batch)
            say(
                f"error: {len(batch)} DOIs ({batch[0]} ...) not fetched: {err}; their old counts are kept",
                error=True,
            )
            continue
        for doi in batch:
            if doi not in found:
                say(f"{', '.join(keys[doi])}: OpenAlex has no work with DOI {doi}")
                continue
            cited_by, work_id = found[doi]
            for key in keys[doi]:
                counts[key] = Count(cited_by, SOURCE, work_id, today)
            fetched += 1
    if not fetched:
        if failed:
            say(f"error: no count fetched; {output} left as it was", error=True)
            return 1
        return 0
    try:
        write_atomically(output, dump_metrics(counts).encode("utf-8"))
    except OSError as err:
        say(f"error: cannot write {output} ({err.strerror or err}); it is left as it was", error=True)
        return 1
    say(f"wrote {output}: {fetched} of {len(dois)} works counted{f', {failed} failed' if failed else ''}")
    return 1 if failed else 0
