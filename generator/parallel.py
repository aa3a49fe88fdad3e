"""Work spread over every core, in worker processes forked from this one.

Forking shares what this process has loaded (the rules, the detectors, the people list)
with each worker at no cost, so a worker needs nothing but the items. Where forking is
not available or not safe (another thread is running), or there are too few items to
be worth it, the work runs here.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
X = TypeVar("X")

_task: Callable[..., Any] | None = None  # what the forked workers run, set before forking


def _can_fork() -> bool:
    # Forking while another thread runs (the preview's web server) could copy a lock
    # that thread holds into a worker, where nothing would ever release it.
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def fork_map(task: Callable[..., T], items: Sequence[tuple[Any, ...]], at_least: int) -> list[T]:
    """``task(*item)`` for each item, in order; on every core (up to 8) when there are
    at least ``at_least`` items. ``task`` reaches the workers by the fork, so what it
    is bound to (a functools.partial) is shared rather than sent with every item."""
    return list(fork_imap(task, items, at_least))


def fork_imap(
    task: Callable[..., T], items: Sequence[tuple[Any, ...]], at_least: int
) -> Iterator[T]:
    """As fork_map, each outcome given as soon as it and those before it are ready: what
    this process does with the first ones is done while the workers make the rest. To be
    read to the end (or closed): the workers run until then."""
    workers = _workers(len(items), at_least)
    if not workers:
        yield from (task(*item) for item in items)
        return
    global _task
    _task = task
    thaw = _freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, _as_workers) as pool:
            yield from pool.imap(_run_item, items, chunksize=_batch_size(len(items), workers))
    finally:
        _task = None
        if thaw:
            gc.unfreeze()


def fork_batches(
    task: Callable[[Sequence[X]], T], items: Sequence[X], at_least: int
) -> Iterator[T]:
    """``task(batch)`` for consecutive batches of ``items``, as fork_imap gives them: on
    every core in batches of the size its chunks would be, or here in one batch. For a
    task whose cost is partly per batch rather than per item (pickling what it makes)."""
    workers = _workers(len(items), at_least)
    size = _batch_size(len(items), workers) if workers else max(1, len(items))
    batches = [(items[start : start + size],) for start in range(0, len(items), size)]
    return fork_imap(task, batches, 1 if workers else len(batches) + 1)


def _workers(count: int, at_least: int) -> int:
    """How many workers ``count`` items get; 0 when they run here."""
    workers = min(os.cpu_count() or 1, 8, count)
    return workers if count >= at_least and workers >= 2 and _can_fork() else 0


def _batch_size(count: int, workers: int) -> int:
    # Small, so that at the end neither core waits long for the other to finish its
    # last batch; on two cores each still carries over a hundred files at 10,000.
    return max(1, count // (workers * 32))


class TaskPool:
    """``task(*item)`` for items handed in one by one, as they become ready, each started
    at once on a core of its own (up to ``workers``) while this process goes on; a
    context manager. The workers are forked when the first item comes, with ``task``
    as fork_map hands it over. Where they cannot be, each item runs when handed in."""

    def __init__(self, task: Callable[..., T], workers: int) -> None:
        self.task = task
        self.workers = min(os.cpu_count() or 1, workers)
        self.pool: Any = None
        self.thaw = False

    @property
    def runs_here(self) -> bool:
        """Whether each item runs in this process, as it is handed in."""
        return self.pool is None and (self.workers < 2 or not _can_fork())

    def submit(self, *item: Any) -> Callable[[], Any]:
        """Hands ``item`` in; what is returned gives the outcome, once it is ready."""
        if self.pool is None:
            if self.workers < 2 or not _can_fork():
                outcome = self.task(*item)
                return lambda: outcome
            global _task
            _task = self.task
            thaw = _freeze()
            try:
                self.pool = multiprocessing.get_context("fork").Pool(self.workers, _as_workers)
            except BaseException:  # no fork (out of memory or processes): as it was
                _task = None
                if thaw:
                    gc.unfreeze()
                raise
            self.thaw = thaw
        return self.pool.apply_async(_run, item).get  # type: ignore[no-any-return]

    def __enter__(self) -> TaskPool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is None:
            return
        global _task
        self.pool.terminate()  # every outcome wanted has been had, or none is
        self.pool.join()
        self.pool = None
        _task = None
        if self.thaw:
            gc.unfreeze()


def _freeze() -> bool:
    """Freezes every object alive now before the fork: none is ever garbage in the
    workers, and frozen they spare each worker from walking (and so copying) this
    process's whole heap. True if the caller is to thaw them after; not when some were
    frozen already (the loaded site: content/loader.py), as thawing is all or nothing."""
    thaw = not gc.get_freeze_count()
    gc.freeze()
    return thaw


def _as_workers() -> None:
    """A worker ends when the pool is done with it, whatever this process does on the
    signal (the preview ends itself on it), and leaves Ctrl+C to this process, which
    ends the pool: no worker prints a traceback of its own."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent may have paused the cycle collector while it gathers what the workers
    # send; a worker's own garbage is collected as usual.
    gc.enable()


def _run(*item: Any) -> Any:
    assert _task is not None
    return _task(*item)


def _run_item(item: tuple[Any, ...]) -> Any:
    return _run(*item)
