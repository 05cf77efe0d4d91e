"""With ``-j N``, the publication pages are shared out among N processes.

The pages are not documents (see :mod:`.pages`), so Sphinx's parallel writer
never sees them: with ``-j 2`` one process wrote them all, and the build paid
the parallel read's and write's overhead on top (1.15x the time of ``-j 1`` at
5,000 entries). Here the main process writes the first share while forked
processes write the others, through Sphinx's own :class:`ParallelTasks` (the
tool its writer uses: warnings said in a process are said again in the main
one, a failure fails the build). What each process wrote comes back to the
main one. A page is the same file whichever process writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sphinx.application import Sphinx
from sphinx.util.parallel import ParallelTasks, parallel_available

T = TypeVar("T")
R = TypeVar("R")

#: below this many pages a fork costs about what it saves
MIN_SHARED = 200


def processes(app: Sphinx) -> int:
    """How many processes may write: ``-j N`` where Sphinx's own writer may run in parallel, else 1."""
    if not parallel_available or not getattr(app.builder, "parallel_ok", False):
        return 1
    return max(1, int(app.parallel))


def shared_out(app: Sphinx, items: list[T], work: Callable[[list[T]], dict[str, R]]) -> dict[str, R]:
    """``work`` over ``items``, in contiguous shares, one per process; their results merged."""
    nproc = processes(app)
    if nproc < 2 or len(items) < MIN_SHARED:
        return work(items)
    size = -(-len(items) // nproc)
    shares = [items[at : at + size] for at in range(0, len(items), size)]
    results: dict[str, R] = {}
    tasks = ParallelTasks(len(shares) - 1)
    for share in shares[1:]:
        tasks.add_task(work, share, lambda _share, result: results.update(result))
    try:
        results.update(work(shares[0]))
    except BaseException:
        tasks.terminate()
        raise
    tasks.join()
    return results
