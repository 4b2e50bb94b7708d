"""The systems calctutor runs on: it needs ``fork`` (killable workers for bounded SymPy
calls, ``tutor.engine.bounded``) and ``SIGALRM`` (time limits inside a worker).

Linux and macOS have both; Windows has neither (WSL works). ``calctutor`` checks once at
start-up and says so, rather than failing in the middle of a computation.
"""
from __future__ import annotations

import os
import signal
import sys


def missing() -> list[str]:
    """What this system lacks of what calctutor needs (empty on Linux and macOS)."""
    lacks = []
    if not hasattr(os, "fork"):
        lacks.append("fork (worker processes)")
    if not hasattr(signal, "SIGALRM"):
        lacks.append("SIGALRM (time limits)")
    return lacks


def unsupported() -> str | None:
    """A sentence for the user when this system cannot run calctutor, else None."""
    lacks = missing()
    if not lacks:
        return None
    return (f"calctutor runs on Linux and macOS; this system ({sys.platform}) has no "
            + " and no ".join(lacks) + ". On Windows, use WSL (Windows Subsystem for Linux).")
