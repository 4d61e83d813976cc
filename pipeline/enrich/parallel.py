"""Map a pure function over chunks in one process per core, for full builds of millions of texts.

The state a chunk needs (a fitted model) is sent to each worker once. Workers are spawned, not forked: the
caller holds a multi-threaded DuckDB connection, and a forked child of a threaded process can inherit a held
lock. A daemonic process (a Celery prefork worker) may not start children, so it maps in-process; results are
the same either way, in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_STATE: Any = None


def default_workers() -> int:
    """One per core this process may use (the cgroup/affinity view, not the host's core count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(configured: int) -> int:
    """The configured number of workers (settings.predict_workers), 0 meaning one per core."""
    return configured if configured > 0 else default_workers()


def can_start_workers() -> bool:
    return not multiprocessing.current_process().daemon


def start_pool(workers: int, state: Any) -> Any:
    return multiprocessing.get_context("spawn").Pool(workers, initializer=_set_state, initargs=(state,))


def map_chunks(func: Callable[[Any, Any], Any], state: Any, chunks: Iterable[Any], workers: int) -> Iterator[Any]:
    """func(state, chunk) for each chunk, in order; in `workers` processes when workers > 1 and allowed."""
    if workers <= 1 or not can_start_workers():
        for chunk in chunks:
            yield func(state, chunk)
        return
    with start_pool(workers, state) as pool:
        yield from pool.imap(_Call(func), chunks)


class _Call:
    """Picklable by reference to `func` (a module-level function), applied to the worker's state."""

    def __init__(self, func: Callable[[Any, Any], Any]) -> None:
        self.func = func

    def __call__(self, chunk: Any) -> Any:
        return self.func(_STATE, chunk)


def _set_state(state: Any) -> None:
    global _STATE
    _STATE = state
