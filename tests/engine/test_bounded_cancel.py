"""Ctrl-C while a bounded call runs stops the worker's work too (the REPL's calculator relies on it)."""
from __future__ import annotations

import os
import signal
import time

import pytest

from tutor.engine import bounded as b


def _sleep(seconds):
    time.sleep(seconds)
    return os.getpid()


def test_an_interrupted_call_does_not_keep_the_worker_busy(monkeypatch):
    monkeypatch.delenv("CALCTUTOR_BOUNDED", raising=False)
    before = b.bounded(os.getpid, timeout=30)

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(KeyboardInterrupt):
            b.bounded(_sleep, 120, timeout=300)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    after = b.bounded(os.getpid, timeout=60)   # served at once by a fresh worker, not after the sleep
    assert after != before
