"""The fetching commands' shared options and output, without importing the network code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def network_options(parser: argparse.ArgumentParser) -> None:
    """Options every fetching command takes."""
    parser.add_argument("--conf-dir", type=Path, help="the folder with conf.py (default: ., docs/ or doc/)")
    parser.add_argument(
        "--mailto", default="", help="your email, sent to the services (default: the profile's)"
    )
    parser.add_argument(
        "--url",
        action="append",
        metavar="SERVICE=URL",
        help="replace a service's base URL (doi, crossref, datacite, arxiv, orcid, openalex); "
        "also SPHINX_CV_<SERVICE>_URL",
    )
    parser.add_argument(
        "--retries", type=int, default=3, help="tries again on 429, 5xx and no answer (default: 3)"
    )


def bib_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bib", type=Path, help="the .bib to add to (default: the first of bibtex_bibfiles)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be added; write nothing")


def say(line: str, *, error: bool = False) -> None:
    print(line, file=sys.stderr if error else sys.stdout, flush=True)
