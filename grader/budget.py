"""The time limit of one check, shared by every step that might run long.

``check`` opens a budget; a bounded symbolic step asks how much is left, so the
killable worker's timeout always fires before the check's own deadline.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_DEADLINE: ContextVar[float | None] = ContextVar("grader_deadline", default=None)
_LIMIT: ContextVar[float] = ContextVar("grader_limit", default=3.0)


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    token = _DEADLINE.set(time.monotonic() + seconds)
    limit = _LIMIT.set(seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)
        _LIMIT.reset(limit)


def remaining() -> float:
    deadline = _DEADLINE.get()
    if deadline is None:
        return _LIMIT.get()
    return deadline - time.monotonic()


def limit() -> float:
    """The check's whole time limit, for messages ("could not decide in 3 s")."""
    return _LIMIT.get()


@contextmanager
def paused() -> Iterator[None]:
    """The check's clock stops inside the block (its alarm and its budget both resume afterwards)."""
    from tutor.engine.bounded import alarm_paused

    started = time.monotonic()
    deadline = _DEADLINE.get()
    with alarm_paused():
        yield
    if deadline is not None:
        _DEADLINE.set(deadline + (time.monotonic() - started))


def supplied(mistakes: Iterable[T]) -> Iterable[T]:
    """A variant's mistakes, each worked out (if it is not yet) with the check's clock stopped.

    Generating them is the exercise's work, done once for every answer to the variant; it must
    not cost this answer its time limit, nor depend on how much of it is left.
    """
    from tutor.engine.later import Later

    if not isinstance(mistakes, Later) or mistakes.done:
        return mistakes
    return _outside_budget(iter(mistakes))


def _outside_budget(items: Iterator[T]) -> Iterator[T]:
    while True:
        with paused():
            try:
                item = next(items)
            except StopIteration:
                return
        yield item


class OutOfTime(Exception):
    """The check's budget ran out before a bounded step could start or finish."""


def run_bounded(fn: Callable[..., T], *args: Any, what: str, share: float = 1.0) -> T:
    """``tutor.engine.bounded`` with the time left in this check (at most ``share`` of it).

    Raises :class:`OutOfTime` when the step could not finish in time.
    """
    from tutor.engine.bounded import Unfinished, bounded

    left = remaining() * share - 0.05
    if left <= 0.02:
        raise OutOfTime(what)
    try:
        return bounded(fn, *args, timeout=left, what=what)
    except Unfinished as exc:
        raise OutOfTime(what) from exc
