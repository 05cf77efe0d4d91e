"""Lighthouse (pinned in tools/lighthouse/package.json) on every page of a built site: the
accessibility, best-practices and SEO scores, which must all be 100.

Usage: ``python tools/lighthouse.py docs/_build/html`` (``nox -s lighthouse`` builds the demo,
installs Lighthouse with ``npm ci`` and runs this). The site is served on 127.0.0.1 only; Chromium
is Debian's (``CHROME_PATH``, default /usr/bin/chromium). Writes lighthouse-results/scores.json.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

CATEGORIES = ("accessibility", "best-practices", "seo")
HERE = Path(__file__).parent
CLI = HERE / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
SKIPPED = frozenset({"genindex.html", "search.html"})  # Sphinx's own pages; the demo links neither


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No line per request."""


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


#: Lighthouse's phone (its default: a Moto G Power, 412 px) and a desktop
FORM_FACTORS: dict[str, list[str]] = {"mobile": [], "desktop": ["--preset=desktop"]}


def audit(url: str, out: Path, form_factor: str) -> dict[str, float]:
    """One Lighthouse run: the score (0..100) of each category, and the failing audits kept in ``out``."""
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
    subprocess.run(
        [
            "node",
            str(CLI),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
            "--quiet",
            *FORM_FACTORS[form_factor],
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    report = json.loads(out.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def failing(out: Path) -> list[str]:
    report = json.loads(out.read_text())
    audits = report["audits"]
    return [
        f"{ref['id']}: {audits[ref['id']]['title']}"
        for name in CATEGORIES
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] not in (None, 1)
    ]


def main(site: Path) -> int:
    results = Path("lighthouse-results")
    results.mkdir(exist_ok=True)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name not in SKIPPED)
    scores: dict[str, dict[str, float]] = {}
    problems: list[str] = []
    with serve(site) as base:
        for page in pages:
            for form_factor in FORM_FACTORS:
                name = f"{page} ({form_factor})"
                out = results / f"{page.replace('/', '__')}.{form_factor}.json"
                scores[name] = audit(base + page, out, form_factor)
                print(name, scores[name], flush=True)
                if any(score < 100 for score in scores[name].values()):
                    problems += [f"{name}: {line}" for line in failing(out)]
    (results / "scores.json").write_text(json.dumps(scores, indent=2) + "\n")
    for line in problems:
        print("below 100:", line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/_build/html")))
