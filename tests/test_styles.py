"""CSL styles (issue 24): the engine against citeproc-js, the reference, on real files and the demo.

The entries of real BibTeX files (biblatex's examples, al-folio's sample)
and of the demo's ``refs.bib`` go through a real build; the CSL-JSON export
of that build is formatted by sphinx-cv and by citeproc-js (npm ``citeproc``,
pinned in ``tests/csl/package-lock.json``) with the same style and locale
files, and each entry's text is compared after whitespace normalisation.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_cv.core.csl import load_style

HERE = Path(__file__).parent
ROOTS = HERE / "roots"
REFERENCE = HERE / "csl"
SOURCES = {
    "real": [
        ROOTS / "test-pubs-realworld" / "realworld" / "biblatex-examples.bib",
        ROOTS / "test-pubs-alfolio" / "papers.bib",
    ],
    "demo": [HERE.parent / "refs.bib"],
}
#: share of identical entries required per style
REQUIRED = {"real": 0.95, "demo": 1.0}
COMPARED = ("apa", "ieee", "chicago-author-date")


def _node() -> str | None:
    node = shutil.which("node")
    if node and (REFERENCE / "node_modules" / "citeproc").is_dir():
        return node
    if os.environ.get("CI") == "true":
        pytest.fail("citeproc-js is missing: nox -s tests runs `npm ci` in tests/csl")
    return None


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """The CSL-JSON export of a real build listing every entry, per set of files."""
    out: dict[str, list[dict]] = {}
    for name, bibs in SOURCES.items():
        src = tmp_path_factory.mktemp(f"styles-{name}")
        for bib in bibs:
            shutil.copy(bib, src / bib.name)
        (src / "conf.py").write_text(
            'extensions = ["sphinx_cv"]\nproject = "compare"\ncv_publication_pages = True\n'
            f"bibtex_bibfiles = {[b.name for b in bibs]!r}\n",
            encoding="utf-8",
        )
        (src / "index.rst").write_text(
            "Papers\n======\n\n.. cv-publications::\n   :sort: none\n", encoding="utf-8"
        )
        app = SphinxTestApp("html", srcdir=src, status=None, warning=None)
        try:
            app.build()
        finally:
            app.cleanup()
        out[name] = json.loads((Path(app.outdir) / "publications" / "compare-publications.json").read_text())
    return out


def _citeproc_js(node: str, style: Path, items: list[dict], tmp: Path) -> dict[str, dict[str, str]]:
    from citeproc import LOCALES_PATH

    data = tmp / "items.json"
    data.write_text(json.dumps(items), encoding="utf-8")
    done = subprocess.run(
        [node, str(REFERENCE / "render.js"), str(style), LOCALES_PATH, "en-US", str(data)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REFERENCE,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _ours(style_name: str, items: list[dict]) -> dict[str, dict[str, str]]:
    style = load_style(style_name, HERE)
    out = {}
    for item in items:
        formatted = style.format(item, language="en")
        out[item["id"]] = {
            "label": "".join(p.text for p in formatted.label),
            "body": "".join(p.text for p in formatted.body),
        }
    return out


def _norm(entry: dict[str, str]) -> str:
    return " | ".join(" ".join(entry[part].split()) for part in ("label", "body"))


@pytest.mark.parametrize("style_name", COMPARED)
@pytest.mark.parametrize("which", ["real", "demo"])
def test_entries_read_as_citeproc_js_writes_them(
    style_name: str, which: str, exported: dict[str, list[dict]], tmp_path: Path
) -> None:
    node = _node()
    if node is None:
        pytest.skip("node and tests/csl/node_modules (npm ci) are needed for the reference")
    items = exported[which]
    reference = _citeproc_js(node, load_style(style_name, HERE).path, items, tmp_path)
    ours = _ours(style_name, [i for i in items if i["id"] in reference])
    differ = {
        k: (_norm(reference[k]), _norm(ours[k])) for k in reference if _norm(reference[k]) != _norm(ours[k])
    }
    same = 1 - len(differ) / len(reference)
    report = "\n".join(f"{k}\n  citeproc-js: {a}\n  sphinx-cv:   {b}" for k, (a, b) in differ.items())
    print(f"{style_name} on {which}: {len(reference) - len(differ)}/{len(reference)} identical\n{report}")
    assert len(reference) >= (90 if which == "real" else 7)
    assert same >= REQUIRED[which], report
