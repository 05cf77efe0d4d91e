"""MyST entries' option blocks read by the fast path agree with MyST itself.

Inside a timeline, :func:`sphinx_cv.fastparse.myst_simple_options` reads an
entry's block of one-line fields and gives it to MyST as the directive's
``additional_options`` (its lines left blank). Wherever it answers, MyST's own
``parse_directive_text`` must make the same options, body and body line of
both; a MyST site must build to the same bytes, the same node lines and the
same warnings with the fast path and without it; and it must answer for the
options CVs are made of.
"""

from __future__ import annotations

import shutil
from importlib.metadata import version
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import pytest
from conftest import ROOTS, warnings_of, written_files
from docutils import nodes
from docutils.parsers.rst import Directive
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_cv import fastparse
from sphinx_cv.fastparse import myst_simple_options
from sphinx_cv.timeline import CVEntryDirective

# MyST 2 reads option blocks with PyYAML, and the fast path stays off there
pytest.importorskip("myst_parser.parsers.options")
from myst_parser.parsers.directives import parse_directive_text

SPEC = CVEntryDirective.option_spec
#: MyST before 5.2 counts the first line of a body that ends in blank lines one too far on from an
#: option block (its own comment in 5.2's ``parse_directive_text``); the fast path counts it right
MISCOUNTS = tuple(int(part) for part in version("myst-parser").split(".")[:2]) < (5, 2)


class Entry(Directive):
    """The entry's argument and option spec, for MyST's parser."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = dict(SPEC)


Parsed = tuple[dict[str, Any], list[str], int | None]


def myst(content: str, additional: dict[str, str] | None = None) -> Parsed:
    """MyST's options, body (leading blank lines dropped) and the body's first line (none without a body)."""
    parsed = parse_directive_text(Entry, "Title", content, additional_options=additional)
    assert list(parsed.warnings) == [] or additional is None
    body = list(parsed.body)
    offset = parsed.body_offset
    while body and not body[0].strip():
        body, offset = body[1:], offset + 1
    return parsed.options, body, offset if body else None


def fast(content: str) -> Parsed | None:
    """The same, with the block read by the fast path; None where it leaves the block to MyST."""
    found = myst_simple_options(SPEC, content)
    return None if found is None else myst(*found)


names = st.sampled_from([*SPEC, "Start", "colour", "start:x", "two words", "", "a#b"])
values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=14),
    st.sampled_from(
        ["2019-09", "present", "yes", "1e3", "'q'", '"q"', "| x", "> x", "# c", "a #c", "a# b", "x: y",
         "-1", "[a]", "{b}", "&a", "*x*", "a  b", "a\tb", "\ufeffx", "a\x85b", "https://x.org/#a"]
    ),
)  # fmt: skip
separators = st.sampled_from([" ", "  ", "", "\t"])
option_lines = st.builds(
    lambda n, sep, v: f":{n}:" + ("" if v is None else f"{sep}{v}"), names, separators, values
)
other_lines = st.sampled_from(["", "Body text", "  :end: 2020", ":::{note}", "- a bullet", ": x", "---"])
blocks = st.lists(st.one_of(option_lines, option_lines, option_lines, other_lines), min_size=1, max_size=7)


@settings(max_examples=500, deadline=None)
@given(blocks)
@example([":start: 2019-09", ":end: present", ":online:", "", "- body"])
@example([":subtitle: a #comment"])
@example([":start: 2019", "Body straight after"])
@example([":start: 2019", ":::{note}"])
@example([":location: City: Berlin", ":url: https://x.org/a#b"])
@example([":start: \x00"])
@example([":start:", "Body text", "", ""])
def test_fast_options_agree_with_myst(block: list[str]) -> None:
    content = "\n".join(block)
    ours = fast(content)
    if ours is not None:
        theirs = myst(content)
        if MISCOUNTS and not block[-1].strip():
            ours, theirs = ours[:2], theirs[:2]
        assert ours == theirs
        assert parse_directive_text(Entry, "Title", content).warnings == []


def test_fast_options_take_the_common_case() -> None:
    block = [
        ":start: Sep 2019",
        ":end: Present",
        ":subtitle: University of Pennsylvania, Department of Statistics",
        ":location: Philadelphia, PA",
        ":url: https://www.upenn.edu/#stats",
        ":tags: research, ml",
        ":online:",
    ]
    found = myst_simple_options(SPEC, "\n".join([*block, "", "- a highlight"]))
    assert found is not None
    assert found[0] == "\n" * len(block) + "\n- a highlight", "the block's lines stay, blank"
    assert found[1]["subtitle"] == "University of Pennsylvania, Department of Statistics"
    assert found[1]["online"] == ""
    assert fast("\n".join(block)) == myst("\n".join(block))
    assert myst_simple_options(SPEC, ":start: 2019 # a comment") is None, "a comment: MyST warns"
    assert myst_simple_options(SPEC, ":Start: 2019") is None, "case-exact: MyST does not fold case"


class Built(NamedTuple):
    files: dict[str, bytes]  #: every written file
    warnings: str
    lines: list[tuple[str, str, int | None]]  #: each node's page, tag and line
    answered: list[bool]  #: for each entry with options, whether the fast path read them


def _build(src: Path, *, fast_path: bool, monkeypatch: pytest.MonkeyPatch) -> Built:
    answered: list[bool] = []
    simple = fastparse.myst_simple_options

    def counted(spec: Any, content: str) -> Any:
        found = simple(spec, content) if fast_path else None
        answered.append(found is not None)
        return found

    monkeypatch.setattr(fastparse, "myst_simple_options", counted)
    lines: list[tuple[str, str, int | None]] = []
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.connect(
            "doctree-resolved",
            lambda app, doctree, docname: lines.extend(
                (docname, n.tagname, n.line) for n in doctree.findall(nodes.Element)
            ),
        )
        app.build()
        files = written_files(Path(app.outdir))
        return Built(files, warnings_of(app).replace(str(src), "<src>"), lines, answered)
    finally:
        app.cleanup()


@pytest.mark.parametrize("name", ["test-myst-options", "test-myst", "test-variants"])
def test_a_site_builds_the_same_with_and_without_the_fast_path(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    shutil.copytree(ROOTS / name, tmp_path / "fast")
    shutil.copytree(ROOTS / name, tmp_path / "myst")
    ours = _build(tmp_path / "fast", fast_path=True, monkeypatch=monkeypatch)
    theirs = _build(tmp_path / "myst", fast_path=False, monkeypatch=monkeypatch)
    assert ours.files.keys() == theirs.files.keys()
    assert [f for f in ours.files if ours.files[f] != theirs.files[f]] == []
    assert ours.warnings == theirs.warnings
    assert ours.lines == theirs.lines
    assert any(ours.answered), "the fast path read no entry's options"
    if name == "test-myst-options":
        assert not all(ours.answered), "every block went the fast way: the root tests nothing of MyST's"
        assert ours.warnings.count("[myst.role_unknown]") == 6  # the bodies' lines, compared through these
