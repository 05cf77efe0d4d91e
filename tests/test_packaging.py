"""The package's metadata: one version, and an oldest-versions test set that matches pyproject.toml."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import sphinx_cv

tomllib = pytest.importorskip("tomllib", reason="Python 3.11+")

ROOT = Path(__file__).parent.parent
CONSTRAINTS = ROOT / "tests" / "constraints-oldest.txt"


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _lower_bounds() -> dict[str, str]:
    """``name: version`` of every ``>=`` bound in the dependencies and the ``docs`` extra."""
    project = _project()
    bounds = {}
    for line in [*project["dependencies"], *project["optional-dependencies"]["docs"]]:
        requirement = Requirement(line)
        (lower,) = (spec.version for spec in requirement.specifier if spec.operator == ">=")
        bounds[requirement.name.lower()] = lower
    return bounds


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, pinned = line.split("==")
            pins[name.strip().lower()] = pinned.strip()
    return pins


def _release(text: str) -> tuple[int, ...]:
    numbers = tuple(int(part) for part in re.findall(r"\d+", text))
    while numbers and numbers[-1] == 0:  # 2.7 == 2.7.0
        numbers = numbers[:-1]
    return numbers


def test_oldest_constraints_pin_each_lower_bound() -> None:
    """`nox -s tests-oldest` tests exactly the floor that pyproject.toml promises."""
    bounds, pins = _lower_bounds(), _pins()
    assert sorted(pins) == sorted(bounds)
    for name, lower in bounds.items():
        assert _release(pins[name]) == _release(lower), (name, pins[name], lower)


def test_version_is_single_sourced() -> None:
    """pyproject.toml reads the version from ``__version__``; the installed metadata agrees."""
    assert "version" in _project()["dynamic"] and "version" not in _project()
    assert sphinx_cv.__version__ == version("sphinx-cv")
