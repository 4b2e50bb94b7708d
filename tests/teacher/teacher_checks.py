"""Checkers injected into batch runs by the tests (module-level, so workers can import them)."""
from __future__ import annotations

import os
import signal
import time

HANG = "HANG-FOREVER"
CRASH = "CRASH-THE-WORKER"


def hang_or_crash(variant, text, options):
    """The real checker, except that two marker answers hang (deaf to alarms) or kill the process."""
    if text == HANG:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # like C code that no alarm can stop
        while True:
            time.sleep(1)
    if text == CRASH:
        os._exit(7)
    from grader.checking import check_variant

    return check_variant(variant, text, **options)
