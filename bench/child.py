"""Build one project in this fresh process and print wall time and peak memory as JSON.

Run by ``bench/run.py`` once per measurement, so each peak RSS belongs to one build.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from io import StringIO
from pathlib import Path

from sphinx.application import Sphinx


def main(srcdir: str, outdir: str, jobs: str = "1") -> None:
    src, out = Path(srcdir), Path(outdir)
    warning = StringIO()
    read: list[str] = []
    start = time.perf_counter()
    app = Sphinx(
        src, src, out / "html", out / "doctrees", "html", status=None, warning=warning, parallel=int(jobs)
    )
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    wall = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "wall": wall,
        "peak_mib": peak_kib / 1024,
        "read": sorted(read),
        "warnings": warning.getvalue().count("WARNING"),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
