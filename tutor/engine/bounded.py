"""Run heavy SymPy calls with a time limit, in a worker that can be killed.

``simplify``, ``solve``, ``limit`` or ``groebner`` can run for minutes on an
innocent-looking input, and a thread cannot be stopped. So the call runs in a
pebble worker process; on timeout pebble kills that worker and starts a fresh
one. Inside a worker (batch grading, or a nested call) the call runs inline
under ``SIGALRM`` instead, and the outer worker's timeout is the hard stop.

Callers catch :class:`Unfinished` and turn it into a result that says what
could not be decided: a timeout is an answer, not a crash.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from typing import Any, TypeVar

from tutor import settings
from tutor.reading.errors import Interrupted

T = TypeVar("T")

DEFAULT_TIMEOUT = settings.current().timeout

_pool = None
_pool_lock = threading.Lock()
_in_worker = False


class Unfinished(Interrupted):
    """A bounded call did not finish; ``seconds`` and ``what`` say which and how long.

    An :class:`~tutor.reading.errors.Interrupted`, so ``tutor.parse`` lets it through."""

    def __init__(self, what: str, seconds: float, reason: str = "timed out"):
        self.what, self.seconds, self.reason = what, seconds, reason
        super().__init__(f"{what} {reason} after {seconds:g} s")


class TimedOut(Unfinished):
    pass


class WorkerDied(Unfinished):
    pass


def _mark_worker() -> None:
    global _in_worker
    _in_worker = True


def mark_worker() -> None:
    """Declare this process a worker: nested bounded calls then run inline."""
    _mark_worker()


def _get_pool():
    global _pool
    with _pool_lock:
        if _pool is None:
            from multiprocessing import util
            from pebble import ProcessPool

            _pool = ProcessPool(max_workers=1, initializer=_mark_worker,
                                context=multiprocessing.get_context("fork"))
            atexit.register(shutdown)
            # A multiprocessing child never runs atexit: it joins its children and
            # non-daemon threads first, and would wait for our pool forever. A
            # finalizer with an exit priority runs before that join.
            util.Finalize(None, shutdown, exitpriority=100)
        return _pool


def _forget_pool_after_fork() -> None:
    """A forked child owns none of the parent's pool threads: start afresh on first use."""
    global _pool, _pool_lock
    _pool = None
    _pool_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_pool_after_fork)


def shutdown() -> None:
    """Stop the worker pool (tests and the REPL call this on exit)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None  # forgotten first: a slow join must not leave a stopped pool in use
        if pool is not None:
            pool.stop()
            try:
                pool.join(timeout=2)
            except TimeoutError:
                pass  # its workers are killed; the manager threads end on their own


def _mode() -> str:
    forced = settings.current().bounded
    if forced in ("inline", "process"):
        return forced
    if _in_worker or multiprocessing.current_process().daemon:
        return "inline"
    return "process"


def bounded(fn: Callable[..., T], *args: Any, timeout: float | None = None,
            what: str | None = None, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` or :class:`Unfinished` after ``timeout`` seconds.

    ``fn`` must be a module-level function and its arguments picklable.
    """
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout
    label: str = what or str(getattr(fn, "__name__", "computation"))
    if _mode() == "inline":
        with alarm(seconds, label):
            return fn(*args, **kwargs)
    from pebble import ProcessExpired

    future = _get_pool().schedule(fn, args=args, kwargs=kwargs, timeout=seconds)
    try:
        return future.result()
    except FutureTimeout:
        _retire_pool()
        raise TimedOut(label, seconds) from None
    except ProcessExpired as exc:
        _retire_pool()
        raise WorkerDied(label, seconds, f"stopped (worker exit code {exc.exitcode})") from None
    except BaseException:
        if not future.done():  # Ctrl-C or an outer alarm while waiting: stop the work, free the worker
            future.cancel()
            _retire_pool()
        raise  # (an exception the function itself raised leaves a healthy worker: keep it)


def _retire_pool() -> None:
    """After a killed task, stop the pool now instead of letting pebble fork a replacement later.

    Pebble replaces a killed worker from a background thread, at a moment of its choosing. A
    fork then inherits every descriptor open at that moment, such as the pipe with which
    ``subprocess`` waits for its child's exec, and the caller's ``subprocess.run`` waits forever.
    A fresh pool, started by the next bounded call, forks while that call is waiting for it.
    """
    shutdown()


@contextmanager
def alarm_paused():
    """Stop the clock of any enclosing :func:`alarm` inside the block; it goes on afterwards with the time it had left.

    For work that is not the caller's to pay for: a variant's mistakes, worked out
    while one answer is being graded, belong to the exercise and must not eat that answer's time.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.getsignal(signal.SIGALRM)
    left, again = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, handler)
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left, again)


REPEAT = 0.25  # seconds between alarms once a deadline has passed


@contextmanager
def alarm(seconds: float, what: str = "computation"):
    """Raise :class:`TimedOut` inside the block after ``seconds`` (main thread only).

    Pure-Python SymPy code is interrupted between bytecodes; elsewhere, or off
    the main thread, the block runs unbounded and the caller's process limit applies.
    """
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    import time

    def _raise(signum, frame):
        raise TimedOut(what, seconds)

    previous = signal.signal(signal.SIGALRM, _raise)
    # the alarm repeats until the block is left: library code that catches every exception
    # (SymPy has such places) may swallow one TimedOut, but not all of them
    outer_left, _ = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    if 0 < outer_left < seconds:  # an enclosing deadline comes first: keep it
        signal.signal(signal.SIGALRM, previous)
        signal.setitimer(signal.ITIMER_REAL, outer_left, REPEAT)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-4), REPEAT)
