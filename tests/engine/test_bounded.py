"""Bounded calls: a slow computation becomes a TimedOut, and the worker recovers."""
from __future__ import annotations

import time

import pytest

from tutor.engine import bounded as b


def _sleep_then(value, seconds):
    time.sleep(seconds)
    return value


def _spin(seconds):
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
    return n


def _boom():
    raise ZeroDivisionError("inner failure")


def test_result_comes_back_from_the_worker():
    assert b.bounded(_sleep_then, 42, 0.0, timeout=5) == 42


def test_timeout_is_reported_and_worker_is_replaced():
    with pytest.raises(b.TimedOut) as info:
        b.bounded(_sleep_then, 1, 30, timeout=0.3, what="a slow step")
    assert info.value.what == "a slow step" and info.value.seconds == 0.3
    assert "a slow step timed out after 0.3 s" in str(info.value)
    assert b.bounded(_sleep_then, "again", 0.0, timeout=5) == "again"


def test_exceptions_in_the_worker_propagate_as_themselves():
    with pytest.raises(ZeroDivisionError, match="inner failure"):
        b.bounded(_boom, timeout=5)


def test_inline_mode_interrupts_python_code(monkeypatch):
    monkeypatch.setenv("CALCTUTOR_BOUNDED", "inline")
    with pytest.raises(b.TimedOut):
        b.bounded(_spin, 30, timeout=0.2)
    assert b.bounded(_spin, 0.01, timeout=5) > 0


def test_nested_alarm_keeps_the_outer_deadline():
    with pytest.raises(b.TimedOut) as info:
        with b.alarm(0.3, "outer"):
            with b.alarm(10, "inner"):
                _spin(5)
    assert info.value.what == "outer"


def test_a_timed_out_pool_is_retired_not_refilled_in_the_background():
    """Pebble would fork a replacement worker from its own thread later, inheriting whatever
    descriptors are open then (a subprocess's exec pipe, which then never closes: a hang)."""
    import subprocess
    import sys

    with pytest.raises(b.TimedOut):
        b.bounded(_sleep_then, 1, 30, timeout=0.2)
    assert b._pool is None  # nothing left that could fork on its own
    done = subprocess.run([sys.executable, "-c", "print('ok')"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok"
    assert b.bounded(_sleep_then, "fresh", 0.0, timeout=30) == "fresh"
