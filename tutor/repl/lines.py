"""What an error means to a student: one sentence (a bug gets an apology, never a traceback).

(A left-hand side such as ``g'(x) = …`` is read by the grader, ``grader.sides``,
so that the REPL, ``check`` and ``grade`` agree.)
"""
from __future__ import annotations

import os
import sys


def explain_error(exc: BaseException) -> tuple[str, str | None]:
    """A sentence for the student about an error (a bug gets an apology, never a traceback)."""
    errors = sys.modules.get("tutor.reading.errors")
    if errors is not None and isinstance(exc, errors.ParseError):
        return str(exc), "error"
    bounded = sys.modules.get("tutor.engine.bounded")
    if bounded is not None and isinstance(exc, bounded.Unfinished):
        return (f"That did not finish: {exc}. Try something smaller, or split it into steps.", "error")
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0], "error"
    if os.environ.get("CALCTUTOR_DEBUG"):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    return (f"Sorry, something went wrong inside the tutor ({type(exc).__name__}: {_short(exc)}). "
            "Your progress is safe; try something else or type :help.", "error")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    return first[:160] + ("…" if len(first) > 160 else "")
