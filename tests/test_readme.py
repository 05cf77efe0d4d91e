"""The README's examples are a user's first project: each must build without a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

README = Path(__file__).parent.parent / "README.md"
MYST_CONF = 'extensions = ["myst_parser", "sphinx_cv"]\nmyst_enable_extensions = ["colon_fence"]\n'


def _blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.S | re.M)


@pytest.mark.parametrize(
    ("language", "suffix", "conf"),
    [
        ("rst", "rst", 'extensions = ["sphinx_cv"]\n'),
        ("markdown", "md", MYST_CONF),
    ],
)
def test_readme_example_builds(tmp_path: Path, language: str, suffix: str, conf: str) -> None:
    (example,) = [block for block in _blocks(language) if "cv-profile" in block]  # the minimal example
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    title = "Example\n=======\n\n" if suffix == "rst" else "# Example\n\n"
    (tmp_path / f"index.{suffix}").write_text(title + example, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".cv-profile .cv-name").get_text() == "Jane Doe"
        assert soup.select_one(".cv-timeline .cv-caption").get_text() == "Employment"
        assert soup.select(".cv-entry .cv-title")[0].get_text() == "Postdoc Researcher"
    finally:
        app.cleanup()
