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

The other fast path, for plain option text, is :func:`sphinx_cv.inline.plain_inline`.
Property tests check both against docutils itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import states
from docutils.statemachine import StateMachine, StringList
from sphinx.util.docutils import SphinxDirective

OptionSpec = dict[str, Callable[[str | None], Any]]

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


def parse_directives(directive: SphinxDirective) -> list[nodes.Node]:
    """Parse a directive's content of mostly directives (a timeline's entries) into nodes.

    Under reST, a nested state machine of :data:`STATE_CLASSES`, so every
    option block inside (entries, and directives in their bodies) takes the
    fast path. Other parsers (MyST) read options themselves.
    """
    state = directive.state
    if not isinstance(state, states.RSTState):
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
