"""``-b rendercv`` checked by RenderCV itself: its data model, and ``rendercv render`` making a PDF.

RenderCV 2.4+ needs Python 3.12: ``nox -s rendercv`` runs these on 3.12 with
RenderCV installed; elsewhere they are skipped. Rendering needs Typst's
``@preview/fontawesome``, which ``tools/rendercv_offline.py`` provides
offline (the session points ``XDG_CACHE_HOME`` at it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS
from test_export import DOCS, REALWORLD, init_site

pytestmark = pytest.mark.rendercv
model_builder = pytest.importorskip(
    "rendercv.schema.rendercv_model_builder",
    reason="RenderCV is not installed (it needs Python 3.12 or newer): run `nox -s rendercv`",
)
TOOLS = Path(__file__).parent.parent / "tools"


def export(src: Path, out: Path) -> Path:
    """``sphinx-build -b rendercv`` in a process of its own (as a user runs it); the written file."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "rendercv",
            "-d",
            str(out / "doctrees"),
            str(src),
            str(out),
        ],
        check=True,
    )
    return out / "cv.yaml"


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo, tests/roots/test-export and the RenderCV sample after a round trip, exported."""
    tmp = tmp_path_factory.mktemp("rendercv")
    export_src = tmp / "export-src"
    shutil.copytree(ROOTS / "test-export", export_src)
    sample = init_site(REALWORLD / "John_Doe_ClassicTheme_CV.yaml", tmp / "sample")
    return {
        "demo": export(DOCS, tmp / "demo"),
        "export": export(export_src, tmp / "export"),
        "sample": export(sample, tmp / "sample-out"),
        "hostile": export(ROOTS / "test-hostile-data", tmp / "hostile"),
        "papers": export(ROOTS / "test-export-pubs", tmp / "papers"),
    }


@pytest.mark.parametrize("name", ["demo", "export", "sample", "hostile", "papers"])
def test_rendercv_model_accepts_the_export(exports: dict[str, Path], name: str) -> None:
    """RenderCV's own pydantic models validate what the builder wrote (a bad file raises)."""
    path = exports[name]
    _data, model = model_builder.build_rendercv_dictionary_and_model(
        path.read_text(encoding="utf-8"), input_file_path=path
    )
    sections: dict[str, Any] = model.cv.sections or {}
    assert sections, "no sections"
    assert model.cv.name or name == "hostile"  # a root without a profile


def _fontawesome_ready() -> None:
    if not (TOOLS / "rendercv" / "node_modules" / "@fortawesome" / "fontawesome-free").is_dir():
        message = (
            "Font Awesome Free is not installed: run `npm ci --prefix tools/rendercv` (nox -s rendercv does)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")


@pytest.mark.parametrize(
    ("name", "titles"),
    [
        (
            "demo",
            [
                "Qinqing Zheng",
                "The University of Chicago",
                "Max Planck Institute for Informatics",
                "Zhejiang University",
                "Ecole Superieure",
                "Postdoc Researcher",
                "Research Scientist",
                "Software Engineering Intern",
                "Data Analysis Intern",
                "T. Yu",
                "Fall 2007",
                "Sharp Composition Bounds for Gaussian Differential Privacy",
                "ShadowSync",
                "Interpolating Convex and Non-Convex Tensor Decompositions",
                "Kuchibhotla",
            ],
        ),
        (
            "papers",
            [
                "Jane Doe",
                "A Tool",
                "Private and Fast: H2O",
                "A Paper with an Old Wiley DOI",
                "in press",
                "A Preprint",
                "Best Paper",
                "10.1000/xyz.123",
            ],
        ),
        ("hostile", ["Hostile data", "Evil", "ok"]),
        (
            "sample",
            [
                "John Doe",
                "Princeton University",
                "Nexus AI",
                "FlashInfer",
                "Sparse Mixture-of-Experts at Scale",
                "MIT Technology Review",
                "Research Areas",
                "Adaptive Quantization",
                "Scaling Laws for Efficient Inference",
            ],
        ),
    ],
)
def test_rendercv_renders_a_pdf_without_tex(
    exports: dict[str, Path], tmp_path: Path, name: str, titles: list[str]
) -> None:
    """``rendercv render`` makes the PDF offline, and its text holds every entry's title."""
    _fontawesome_ready()
    work = tmp_path / name
    work.mkdir()
    shutil.copyfile(exports[name], work / "cv.yaml")
    cache = tmp_path / "cache"
    subprocess.run(
        [sys.executable, str(TOOLS / "rendercv_offline.py"), str(cache), str(work / "fonts")], check=True
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    rendercv = Path(sys.executable).with_name("rendercv")
    subprocess.run(
        [str(rendercv), "render", "cv.yaml", "--pdf-path", "cv.pdf", "-nopng", "-nohtml", "-nomd"],
        cwd=work,
        env=env,
        check=True,
        timeout=300,
    )
    pdfs = list(work.rglob("cv.pdf"))
    assert len(pdfs) == 1, list(work.rglob("*"))
    text = " ".join(
        subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True).stdout.split()
    )
    missing = [title for title in titles if title not in text]
    assert not missing, text[:2000]
    # links only where the data file had safe ones, whatever its text said
    uris = re.findall(rb"/URI\s*\(([^)]*)\)", pdfs[0].read_bytes())
    assert not [u for u in uris if re.match(rb"\s*(javascript|vbscript|data):", u, re.I)], uris
