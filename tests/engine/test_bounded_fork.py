"""Bounded calls stay safe inside other people's processes: forked children, process
pools and threads finish and exit instead of waiting forever for our worker pool.

Each test gives the child a generous deadline and checks that it *ended* with the
right result; a hang shows as a child still alive at the deadline, not as a timing assert.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from tutor.engine import bounded as b

HANG = 90  # seconds after which a child that has not ended counts as hung


def _double(x):
    return 2 * x


def _bounded_double(x):
    return b.bounded(_double, x, timeout=30)


def _child(queue):
    queue.put(_bounded_double(21))


@pytest.fixture(autouse=True)
def _parent_pool_in_use():
    """The parent has a live pool, so children inherit one: the harder case."""
    assert b.bounded(_double, 1, timeout=30) == 2
    yield


def test_bounded_call_inside_a_multiprocessing_child_exits():
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=_child, args=(queue,))
    child.start()
    result = queue.get(timeout=HANG)
    child.join(HANG)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert (result, alive, child.exitcode) == (42, False, 0)


def test_bounded_call_inside_a_process_pool_worker():
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(_bounded_double, 5).result(timeout=HANG) == 10


def test_bounded_call_after_os_fork():
    pid = os.fork()
    if pid == 0:  # the child: report through the exit status, never return into pytest
        try:
            ok = _bounded_double(4) == 8
        except BaseException:
            ok = False
        os._exit(0 if ok else 1)
    deadline = time.monotonic() + HANG
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        pytest.fail("the forked child did not finish")
    assert os.waitstatus_to_exitcode(status) == 0


def test_bounded_call_from_another_thread():
    results = []
    thread = threading.Thread(target=lambda: results.append(_bounded_double(8)))
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive() and results == [16]


def test_timeout_from_another_thread_is_still_a_timeout():
    errors = []

    def run():
        try:
            b.bounded(time.sleep, 30, timeout=0.3, what="a nap")
        except b.TimedOut as exc:
            errors.append(exc.what)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(HANG)
    assert errors == ["a nap"]


def test_an_inline_alarm_that_library_code_swallows_fires_again():
    """Code that catches every exception (as SymPy does in places) eats one TimedOut; the alarm
    repeats until the block is left, so the deadline still holds."""
    import time

    from tutor.engine.bounded import TimedOut, alarm

    swallowed = 0
    started = time.monotonic()
    with pytest.raises(TimedOut):
        with alarm(0.2, "a stubborn loop"):
            while time.monotonic() - started < 10:
                try:
                    while True:
                        time.sleep(0.01)
                except Exception:  # noqa: BLE001 - the library's catch-all, on purpose
                    swallowed += 1
                    if swallowed > 1:
                        raise
    assert swallowed >= 1 and time.monotonic() - started < 5
