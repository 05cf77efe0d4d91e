"""The metrics file in the build: totals on cv-profile, no file no word, a bad file a located warning.

The files written here are in sphinx-cv's own format (core/metrics.py);
``test_fetched_counts_build_offline`` writes one with the ``metrics``
command from a recorded OpenAlex answer and builds with sockets refused.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOTS, soup_of, warnings_of
from replay import Replay

from sphinx_cv.cli import main

TESTS = Path(__file__).parent


def _site(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-metrics", src)
    return src


def _write(src: Path, works: dict[str, tuple[int, str, str]]) -> None:
    data = {
        "works": {
            k: {"cited_by": n, "source": "OpenAlex", "id": i, "date": d} for k, (n, i, d) in works.items()
        }
    }
    (src / "cv-metrics.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _metrics_text(app) -> list[str]:
    return [" ".join(p.get_text().split()) for p in soup_of(app).select(".cv-profile p.cv-metrics")]


def test_profile_shows_totals_and_h_index_with_the_date(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    _write(
        src,
        {
            "doe2019first": (12, "https://openalex.org/W1", "2024-03-01"),
            "doe2019preprint": (
                12,
                "https://openalex.org/W1",
                "2024-03-01",
            ),  # the same work twice: counted once
            "doe2020b": (3, "https://openalex.org/W2", "2024-02-01"),
            "doe2021c": (1200, "https://openalex.org/W3", "2024-03-01"),
        },
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    assert _metrics_text(app) == [
        "Citations 1,215 · h-index 3 (OpenAlex, 2024-02-01)",
        "h-index 3 (OpenAlex, 2024-02-01)",
    ]


def test_no_file_no_totals_no_warning(make_app, tmp_path) -> None:
    app = make_app("html", srcdir=_site(tmp_path), freshenv=True)
    app.build()
    assert warnings_of(app) == ""
    assert _metrics_text(app) == []


def test_a_malformed_file_is_a_located_warning(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    (src / "cv-metrics.json").write_text(
        '{"works": {\n  "a": {"cited_by": 3, "date": "2024-01-01"},\n  "b": {"cited_by": -1}\n}}\n'
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    warnings = warnings_of(app)
    assert (
        f"{src / 'cv-metrics.json'}:3: WARNING: metrics file: b: cited_by must be a whole number >= 0"
        in warnings
    )
    assert "[cv.source]" in warnings
    assert _metrics_text(app)[0].startswith("Citations 3 · h-index 1"), "the valid part is still used"
    (src / "cv-metrics.json").write_text("{not json")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert f"{src / 'cv-metrics.json'}:1: WARNING: metrics file: not valid JSON" in warnings_of(app)
    assert soup_of(app).select_one(".cv-profile .cv-name"), "the rest of the page is there"


def test_an_unknown_metric_is_a_warning_at_its_option(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    (src / "index.rst").write_text("Jane\n====\n\n.. cv-profile:: Jane Doe\n   :metrics: citations, i10\n")
    _write(src, {"doe2019first": (4, "W1", "2024-01-01")})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert "index.rst:5: WARNING: cv-profile: unknown :metrics: 'i10'" in warnings_of(app)
    assert _metrics_text(app) == ["Citations 4 (OpenAlex, 2024-01-01)"]


def test_editing_adding_or_removing_the_file_rebuilds_the_page(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert _metrics_text(app) == []
    _write(src, {"doe2019first": (5, "W1", "2024-01-01")})
    app = make_app("html", srcdir=src)
    app.build()
    assert _metrics_text(app)[0] == "Citations 5 · h-index 1 (OpenAlex, 2024-01-01)"
    _write(src, {"doe2019first": (9, "W1", "2024-02-01")})
    os.utime(src / "cv-metrics.json", ns=(10**18, 10**18))
    app = make_app("html", srcdir=src)
    app.build()
    assert _metrics_text(app)[0] == "Citations 9 · h-index 1 (OpenAlex, 2024-02-01)"
    (src / "cv-metrics.json").unlink()
    app = make_app("html", srcdir=src)
    app.build()
    assert _metrics_text(app) == []


def test_other_builders_show_the_totals_as_text(make_app, tmp_path) -> None:
    src = _site(tmp_path)
    _write(src, {"doe2019first": (5, "W1", "2024-01-01")})
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text()
    assert "Citations\u00a05 · h-index\u00a01 (OpenAlex, 2024-01-01)" in text


def test_fetched_counts_build_offline(tmp_path, monkeypatch) -> None:
    """metrics (recorded OpenAlex answer) -> cv-metrics.json -> sphinx-build with the network refused."""
    src = _site(tmp_path)
    (src / "refs.bib").write_text(
        "@misc{riccardia,\n  title = {Riccardia latifrons},\n  doi = {10.3535/jf0-6x9-kpw}\n}\n"
    )
    server = Replay()
    base = server.start()
    try:
        for name, value in server.environ(base).items():
            monkeypatch.setenv(name, value)
        assert main(["metrics", "--conf-dir", str(src), "--retries", "0"]) == 0
    finally:
        server.stop()
    out = tmp_path / "html"
    done = subprocess.run(
        [sys.executable, str(TESTS / "build_offline.py"), "-W", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Citations</span>\u00a00 · " in html and "h-index</span>\u00a00" in html
    assert "(OpenAlex, " in html
    assert "cv-pub-cited" not in html, "OpenAlex counts no citation of this work: no badge says 0"
