"""The core is Sphinx-free: every module under ``sphinx_cv/core`` imports with Sphinx and docutils gone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

#: run in a fresh interpreter: makes ``sphinx`` and ``docutils`` unimportable, then imports ``modules``
PROBE = """
import importlib, pkgutil, sys

class Unimportable:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("sphinx", "docutils"):
            raise ImportError(f"{name} is not importable in this test")
        return None

sys.meta_path.insert(0, Unimportable())
import sphinx_cv.core
names = [m.name for m in pkgutil.walk_packages(sphinx_cv.core.__path__, "sphinx_cv.core.")]
for name in names + sys.argv[1:]:
    importlib.import_module(name)
print(len(names))
"""

EXT = Path(__file__).parent.parent / "ext"


def _probe(*extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, *extra],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(EXT), "PATH": ""},
        check=False,
    )


def test_every_core_module_imports_without_sphinx_or_docutils() -> None:
    done = _probe()
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 12  # dates, names, urls, texmarkup, model, bib, sources and its loaders


def test_the_starter_needs_no_sphinx_either() -> None:
    done = _probe("sphinx_cv.cli")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("glue", ["sphinx_cv.render", "sphinx_cv.directive", "sphinx_cv.writers"])
def test_the_probe_does_block_sphinx(glue: str) -> None:
    """The check can fail: the glue, which does import Sphinx, fails under it."""
    done = _probe(glue)
    assert done.returncode != 0
    assert "is not importable in this test" in done.stderr


NO_NETWORK_CODE = """
import contextlib, io, sys
import sphinx_cv
from sphinx_cv.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(["init", "--help"])
loaded = sorted(m for m in sys.modules if m.partition(".")[0] in ("requests", "urllib3"))
print(loaded)
"""


def test_import_and_init_load_no_http_client() -> None:
    """requests and urllib3 are imported inside the fetching commands only."""
    done = subprocess.run(
        [sys.executable, "-c", NO_NETWORK_CODE], capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(EXT), "PATH": ""},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    # the check can fail: the fetching commands' own module does load them
    probe = NO_NETWORK_CODE.replace("import sphinx_cv\n", "import sphinx_cv.cli.http\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert "'requests'" in done.stdout
