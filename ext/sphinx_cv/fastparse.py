"""A fast path through docutils' reST parser for timelines, taken only where docutils would agree.

docutils reads every directive's option block by building a
complete nested state machine (fifteen states, each building its transition
table) and running it as a field list. In a timeline of a thousand
``cv-entry`` directives that was the largest single cost of the build, more
than all of sphinx-cv's own code (issue 8's profile; README, "Benchmark").
:class:`FastOptions` reads a block made only of one-line ``:name: value``
fields directly. Anything else (continuation lines, an unknown or repeated
option, a value the option's converter rejects) goes to docutils unchanged, so
results and error messages are docutils' own.

docutils also builds a new nested state machine (fifteen states, each making
its transition table) for every list it meets, and every entry body is a
list: :meth:`FastOptions.nested_list_parse` reuses idle ones within a timeline,
set up as docutils sets up a new one.

MyST (3.0 and later) reads every option block with its own YAML-like
tokenizer, character by character: in a MyST timeline of a thousand entries
py-spy put a tenth of the build's samples there (about 0.05 s of 1.4 s when
timed without a profiler). Inside a timeline, :func:`myst_simple_options`
reads an entry's block of one-line ``:name: value`` fields whose values that
tokenizer takes verbatim, and hands them to MyST as the directive's
``additional_options``, which MyST checks and converts as it does the
block's own; anything else is left for MyST to read.

The other fast path, for plain option text, is :func:`sphinx_cv.inline.plain_inline`.
Property tests check all of them against docutils and MyST themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives, states
from docutils.statemachine import StateMachine, StringList
from sphinx.util.docutils import SphinxDirective

#: an option spec: option name -> converter (as docutils and Sphinx type theirs)
OptionSpec = Mapping[str, Callable[..., Any]]

#: a one-line option: a one-word name, then nothing or a value after spaces
_OPTION = re.compile(r":([A-Za-z0-9][\w.+-]*):(?: +(\S.*))?")


def simple_options(option_spec: OptionSpec, lines: Iterable[str]) -> dict[str, Any] | None:
    """The options of ``lines`` if each is a plain, known, valid ``:name: value``; else None."""
    options: dict[str, Any] = {}
    for line in lines:
        match = _OPTION.fullmatch(line)
        if match is None:
            return None
        name, value = match.group(1).lower(), match.group(2)
        convert = option_spec.get(name)
        if convert is None or name in options or (value is not None and value != value.rstrip()):
            return None
        try:
            options[name] = convert(value)
        except (ValueError, TypeError):
            return None
    return options


# the mixin's methods call docutils' state methods through super(): typed as a state
if TYPE_CHECKING:
    _State = states.Body
else:
    _State = object


class FastOptions(_State):
    """Mixed into each of docutils' reST states (their names are how state machines find them)."""

    #: machines built from these states are cached apart from docutils' own, so the fast
    #: path stays inside the timelines that asked for it
    nested_sm_cache: list[StateMachine[Any]] = []
    #: idle list machines by initial state ("BulletList", "EnumeratedList"...), likewise
    list_sm_pool: ClassVar[dict[str, list[states.NestedStateMachine]]] = {}

    def __init__(self, state_machine: states.RSTStateMachine, debug: bool = False) -> None:
        super().__init__(state_machine, debug)
        self.nested_sm_kwargs = {"state_classes": STATE_CLASSES, "initial_state": "Body"}

    def parse_extension_options(self, option_spec: OptionSpec, datalines: StringList) -> tuple[int, Any]:
        options = simple_options(option_spec, datalines)
        if options is None:
            docutils: Any = super()  # its parse_extension_options is untyped
            parsed: tuple[int, Any] = docutils.parse_extension_options(option_spec, datalines)
            return parsed
        return 1, options

    def nested_list_parse(
        self,
        block: StringList,
        input_offset: int,
        node: nodes.Element,
        initial_state: str,
        blank_finish: bool,
        blank_finish_state: str | None = None,
        extra_settings: dict[str, Any] | None = None,
        match_titles: bool = False,
        state_machine_class: type[StateMachine[Any]] | None = None,
        state_machine_kwargs: dict[str, Any] | None = None,
    ) -> tuple[int, bool]:
        """docutils' own, with an idle machine of the same states instead of a new one."""
        docutils: Any = super()  # its nested_list_parse is untyped
        if match_titles or state_machine_class is not None or state_machine_kwargs is not None:
            parsed: tuple[int, bool] = docutils.nested_list_parse(
                block, input_offset, node, initial_state, blank_finish, blank_finish_state,
                extra_settings or {}, match_titles, state_machine_class, state_machine_kwargs,
            )  # fmt: skip
            return parsed
        idle = FastOptions.list_sm_pool.setdefault(initial_state, [])
        machine = idle.pop() if idle else states.NestedStateMachine(STATE_CLASSES, initial_state, self.debug)
        machine.parent_state_machine = self.state_machine
        finish: Any = machine.states[blank_finish_state or initial_state]
        finish.blank_finish = blank_finish
        for key, value in (extra_settings or {}).items():
            setattr(machine.states[initial_state], key, value)
        machine.run(block, input_offset, memo=self.memo, node=node, match_titles=False)
        idle.append(machine)
        return machine.abs_line_offset(), bool(finish.blank_finish)


#: docutils' states, each with :class:`FastOptions` mixed in and the same name
STATE_CLASSES: tuple[type[states.RSTState], ...] = tuple(
    type(cls.__name__, (FastOptions, cls), {"__module__": __name__, "__doc__": cls.__doc__})
    for cls in states.state_classes
)


def parse_directives(directive: SphinxDirective, myst_fast: Mapping[str, OptionSpec]) -> list[nodes.Node]:
    """Parse a directive's content of mostly directives (a timeline's entries) into nodes.

    Under reST, a nested state machine of :data:`STATE_CLASSES`, so every
    option block inside (entries, and directives in their bodies) takes the
    fast path. Under MyST, the directives named in ``myst_fast`` (with their
    option specs) take :func:`myst_fast_options`; other parsers read options themselves.
    """
    state = directive.state
    if not isinstance(state, states.RSTState):
        with myst_fast_options(state, myst_fast):
            return directive.parse_content_to_nodes()
    container = nodes.Element()
    container.document = state.document
    try:
        state.nested_parse(
            directive.content,
            directive.content_offset,
            container,
            match_titles=False,
            # the stubs type it as an instance; docutils takes (and defaults to) a class
            state_machine_class=states.NestedStateMachine,  # type: ignore[arg-type]
            state_machine_kwargs={"state_classes": STATE_CLASSES, "initial_state": "Body"},
        )
    finally:
        # idle machines hold the document they last parsed: none outlives its timeline
        for machine in FastOptions.nested_sm_cache:
            machine.unlink()
        for machine in (machine for pool in FastOptions.list_sm_pool.values() for machine in pool):
            machine.unlink()
        FastOptions.nested_sm_cache.clear()
        FastOptions.list_sm_pool.clear()
    return container.children


# ---- MyST ------------------------------------------------------------------------------------------

#: a value MyST's option tokenizer (3.0 and later) reads verbatim as a plain scalar: no quote, block
#: or comment mark first, no comment (`` #``) and no character it reads as a tab, line break or end
_MYST_VERBATIM = re.compile(r"""[^\s'"|>#\0\ufeff][^\t\0\ufeff]*""")


def myst_simple_options(option_spec: OptionSpec, content: str) -> tuple[str, dict[str, str]] | None:
    """A MyST directive's content with its option block read as MyST would read it.

    Only where every MyST since 3.0 agrees: each line of the block a
    ``:name: value`` of a known, case-exact option whose value the tokenizer
    takes verbatim and the option's converter accepts (as MyST calls it); else
    None, and MyST reads the block. The content comes back with the block's
    lines blank, so the body keeps its line numbers.
    """
    if not content.startswith(":"):
        return None
    lines = content.splitlines()
    options: dict[str, str] = {}
    count = 0
    for line in lines:
        if not line.lstrip().startswith(":"):
            break  # the body, by every version's rule
        match = _OPTION.fullmatch(line)
        if match is None or line.startswith(":::"):
            return None
        name, value = match.group(1), match.group(2) or ""
        convert = option_spec.get(name)
        if convert is None or name in options or value != value.rstrip():
            return None
        if value and (_MYST_VERBATIM.fullmatch(value) is None or " #" in value):
            return None
        try:
            convert(None if not value or convert is directives.flag else value)
        except (ValueError, TypeError):
            return None
        options[name] = value
        count += 1
    rest = lines[count:]
    body = next((line for line in rest if line.strip()), None)
    if body is None:
        return "", options
    if body.lstrip().startswith(":"):
        return None  # MyST would look for a block again in the blanked text, and drop a line at its end
    return "\n" * count + "\n".join(rest), options


@contextmanager
def myst_fast_options(state: object, fast: Mapping[str, OptionSpec]) -> Iterator[None]:
    """While a timeline's content is parsed, MyST runs its entries with their options read here.

    MyST's renderer (the mock state's) runs each directive through
    ``run_directive``; for a directive named in ``fast`` whose block
    :func:`myst_simple_options` reads, the block goes in as
    ``additional_options``, which MyST converts as it does a block's. Without
    MyST's option tokenizer (MyST 2) nothing changes.
    """
    renderer: Any = getattr(state, "_renderer", None)
    try:
        from myst_parser.parsers import options as _tokenizer  # noqa: F401  # MyST 3 and later
    except ImportError:
        renderer = None
    if not fast or not callable(getattr(renderer, "run_directive", None)):
        yield
        return
    outer = renderer.__dict__.get("run_directive")  # a timeline inside an entry: the outer one's
    run_directive = outer or renderer.run_directive

    def run_fast(
        name: str, first_line: str, content: str, position: int, additional_options: Any = None, **kwargs: Any
    ) -> Any:
        spec = fast.get(name)
        found = None if spec is None or additional_options else myst_simple_options(spec, content)
        if found is not None:
            content, additional_options = found
        return run_directive(name, first_line, content, position, additional_options, **kwargs)

    renderer.run_directive = run_fast
    try:
        yield
    finally:
        if outer is None:
            del renderer.run_directive
        else:
            renderer.run_directive = outer
