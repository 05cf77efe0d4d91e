"""The parser fast paths agree with docutils itself, on generated input.

Each fast path answers only where it is sure; these tests run docutils' own
code on the same input and require the same result whenever the fast path
answers, and that it does answer for the text CVs are made of.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_cv.fastparse import parse_directives, simple_options
from sphinx_cv.inline import plain_inline

SPEC: dict[str, Any] = {
    "start": directives.unchanged,
    "end": directives.unchanged_required,
    "limit": directives.nonnegative_int,
    "flag": directives.flag,
    "class": directives.class_option,
    "sub-title": directives.unchanged,
}


class Probe(Directive):
    """Records what docutils made of its options, and of each text in ``texts``."""

    has_content = True
    option_spec = SPEC
    seen: ClassVar[list[Any]] = []
    texts: ClassVar[list[str]] = []

    def run(self) -> list[nodes.Node]:
        Probe.seen.append(dict(self.options))
        for text in Probe.texts:
            parsed = self.state.inline_text(text, self.lineno)
            Probe.seen.append((text, plain_inline(self.state, text), parsed))
        return []


def publish(source: str, **settings: Any) -> nodes.document:
    """Parse with plain docutils (registered each time: Sphinx test apps reset the registry)."""
    directives.register_directive("cv-probe", Probe)
    return publish_doctree(source, settings_overrides=settings)


def docutils_options(lines: list[str]) -> dict[str, Any] | None:
    """docutils' options for this block, or None when it reports an error."""
    Probe.seen, Probe.texts = [], []
    source = ".. cv-probe::\n" + "".join(f"   {line}\n" for line in lines)
    doctree = publish(source, report_level=5, halt_level=5)
    errors = [m for m in doctree.findall(nodes.system_message) if m["level"] >= 3]
    return None if errors or not Probe.seen else Probe.seen[0]


names = st.sampled_from([*SPEC, "Start", "END", "unknown", "start:x", "a:b", "two words", "", "x\\y"])
values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12),
    st.sampled_from(["2019-09", "present", "3", "-1", "a b", "x: y", "`x`", "*e*", "\\t", "v  "]),
)
separators = st.sampled_from([" ", "  ", ""])
option_lines = st.builds(
    lambda n, sep, v: f":{n}:" + ("" if v is None else f"{sep}{v}"), names, separators, values
)
lines = st.lists(st.one_of(option_lines, option_lines, st.sampled_from(["   continued", ""])), min_size=1)


@settings(max_examples=400, deadline=None)
@given(lines)
@example([":start: 2019-09", ":end: present", ":limit: 3", ":flag:", ":class: a b"])
@example([":start: 2019", ":start: 2020"])
@example([":limit: -1"])
@example([":end:"])
def test_simple_options_agree_with_docutils(block: list[str]) -> None:
    fast = simple_options(SPEC, block)
    if fast is not None:
        assert fast == docutils_options(block)


def test_simple_options_take_the_common_case() -> None:
    block = [":start: Sep 2019", ":end: Present", ":sub-title: Dept. of Statistics, UPenn", ":limit: 3"]
    assert simple_options(SPEC, block) == docutils_options(block)
    assert simple_options(SPEC, block) == {
        "start": "Sep 2019",
        "end": "Present",
        "sub-title": "Dept. of Statistics, UPenn",
        "limit": 3,
    }
    assert simple_options(SPEC, [":start: 2019", "   continued"]) is None, "continuation: docutils decides"


def inline_results(texts: list[str]) -> list[tuple[str, Any, Any]]:
    Probe.seen, Probe.texts = [], texts
    publish(".. cv-probe::\n", report_level=5)
    return Probe.seen[1:]


def assert_same_where_plain(results: list[tuple[str, Any, Any]]) -> None:
    """Wherever the fast path answered, the parser made the same nodes and no message."""
    for text, plain, (parsed, messages) in results:
        if plain is not None:
            assert messages == [], text
            assert [(type(n), str(n)) for n in plain] == [(type(n), str(n)) for n in parsed], text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
@example(["Postdoc Researcher", "University of Pennsylvania, Department of Statistics", "Philadelphia, PA"])
@example(["x_", "a *b*", "see http://x.org", "me@x.org", "[1]_", "|s|", "a\\b", "", " lead", "trail "])
@example(["a\x00b", "\x00"])
def test_plain_inline_agrees_with_the_inliner(texts: list[str]) -> None:
    assert_same_where_plain(inline_results(texts))


def test_plain_inline_takes_plain_text_only() -> None:
    results = {text: plain for text, plain, _ in inline_results(["Postdoc Researcher", "a *b*", "me@x.org"])}
    assert results["Postdoc Researcher"] == [nodes.Text("Postdoc Researcher")]
    assert results["a *b*"] is None and results["me@x.org"] is None


#: every MyST syntax extension that rewrites or marks up inline text, except linkify
#: (needs linkify-it-py; plain words hold no dot, which it needs)
MYST_EXTENSIONS = [
    "replacements",
    "smartquotes",
    "strikethrough",
    "dollarmath",
    "substitution",
    "attrs_inline",
]


def myst_inline_results(texts: list[str]) -> list[tuple[str, Any, Any]]:
    from myst_parser.parsers.docutils_ import Parser as MystParser

    Probe.seen, Probe.texts = [], texts
    directives.register_directive("cv-probe", Probe)
    publish_doctree(
        "```{cv-probe}\n```\n",
        parser=MystParser(),
        settings_overrides={"report_level": 5, "myst_enable_extensions": MYST_EXTENSIONS},
    )
    return Probe.seen[1:]


words = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=6)
plain_words = st.lists(words, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(plain_words, st.text(max_size=20)), min_size=1, max_size=5))
@example(["Postdoc Researcher", "University of Pennsylvania, Department of Statistics", "Philadelphia, PA"])
@example(["a -- b", "(c) 2020", "it's", "x ~~y~~", "$x$", "{{ s }}", "a,, b", "x...", "a  b", " x"])
def test_plain_inline_agrees_with_myst(texts: list[str]) -> None:
    assert_same_where_plain(myst_inline_results(texts))


def test_plain_inline_takes_plain_myst_words() -> None:
    results = {t: p for t, p, _ in myst_inline_results(["Philadelphia, PA", "a -- b", "Ph.D."])}
    assert results["Philadelphia, PA"] == [nodes.Text("Philadelphia, PA")]
    assert results["a -- b"] is None and results["Ph.D."] is None


class Nest(Directive):
    """A timeline's content parse (:func:`parse_directives`) under plain docutils."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        return parse_directives(self, {})  # type: ignore[arg-type]  # reads state and content only


class Plain(Directive):
    """The same content parsed by docutils' own states, at the same place in the document."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        container = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, container)
        return container.children


LIST_BLOCKS = [
    "- a\n- b\n\n  - nested *c*\n  - d",
    "1. one\n2. two",
    "#. auto\n#. again",
    "a) letter\nb) next",
    "(i) roman\n(ii) next",
    "3. starts at three\n4. four",
    "1. one\n3. skips (docutils warns)",
    "term\n   definition\nother : classifier\n   more",
    ":field: value\n:other: more\n   continued",
    "-a         option\n--long=x   another",
    "| line one\n|    indented line",
    "plain paragraph with *emphasis*",
    "before a quote\n\n   a block quote\n\n   -- attribution",
    "- item\n\n  1. inner enumerated\n  2. second\n\n- item two",
    "* star\n* bullets\n\n+ plus\n+ bullets",
    "- unfinished list\nno blank line after it",
    ".. note::\n   :class: x\n\n   - inside a note",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LIST_BLOCKS), min_size=1, max_size=8))
@example(LIST_BLOCKS)
def test_reused_list_machines_parse_as_docutils_does(blocks: list[str]) -> None:
    """Lists inside a timeline reuse idle state machines; the doctree is docutils' own, warnings too."""
    directives.register_directive("cv-nest", Nest)
    directives.register_directive("cv-plain", Plain)
    body = "".join(f"   {line}\n" if line else "\n" for line in "\n\n".join(blocks).splitlines())
    ours = publish_doctree(".. cv-nest::\n\n" + body, settings_overrides={"report_level": 5})
    docutils = publish_doctree(".. cv-plain::\n\n" + body, settings_overrides={"report_level": 5})
    assert ours.pformat() == docutils.pformat()
