"""``python -m sphinx_cv pages FOLDER``: each CV variant's page count, against its budget.

Run after ``sphinx-build -b cvvariants`` and LaTeX (``make all-pdf``) in FOLDER:
only then is the page count known (TeX's own, from each log). Exits with 1,
naming the variant and the overflow, when one is over its budget, so
``nox -s pdf`` and Read the Docs' ``post_build`` fail on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.variants import check_pages


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``pages`` subcommand's options."""
    pages = commands.add_parser(
        "pages",
        help="each CV variant's page count, failing when one is over its budget",
        description="Run after 'sphinx-build -b cvvariants' and LaTeX (make all-pdf) in FOLDER.",
    )
    pages.add_argument("folder", type=Path, help="the folder the cvvariants builder wrote")
    pages.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print each variant's page count; 1 (naming the variant and the overflow) when one is over budget."""
    lines, failures = check_pages(args.folder)
    for line in lines:
        print(line)
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0
