"""The project's own configuration files: what CI and Read the Docs read must be well formed."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent


def test_read_the_docs_config() -> None:
    """Read the Docs builds docs/ (HTML and the PDF) from the package; a bad merge once broke this."""
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert config["build"]["os"] and config["build"]["tools"]["python"]
    assert config["sphinx"]["configuration"] == "docs/conf.py"
    assert config["sphinx"]["fail_on_warning"] is True
    assert config["formats"] == ["pdf"]
    (install,) = config["python"]["install"]
    assert install["method"] == "pip" and install["path"] == "."
    text = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert text.count("\nformats:") == 1 and text.count("\npython:") == 1, "duplicate keys"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m nox -s tests" in readme and "python3 -m nox -s build" in readme
    assert "python3 -m nox -s tests" in ci
