"""What an error means to a student: one sentence (a bug gets an apology, never a traceback).

(A left-hand side such as ``g'(x) = …`` is read by the grader, ``grader.sides``,
so that the REPL, ``check`` and ``grade`` agree.)
"""
from __future__ import annotations

import re
import sys

from tutor import settings

_NOT_UTF8 = re.compile("[\udc80-\udcff\ufffd]")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """A typed line as it may be printed back: bytes that were not UTF-8 as U+FFFD, control
    characters (a pasted escape sequence) as visible symbols, never sent to the terminal."""
    from grader.batch.cells import visible_controls

    return visible_controls(_NOT_UTF8.sub("\ufffd", text))


def input_problem(text: str) -> str | None:
    """What makes a typed line unusable before any reading (bad bytes, control keys), with a caret; else None."""
    bad = _NOT_UTF8.search(text)
    if bad:
        what = ("Your line has bytes that are not UTF-8 text. Check that your terminal (or the file you "
                "piped in) uses UTF-8, and type it again.")
    else:
        bad = _CONTROL.search(text)
        if bad is None:
            return None
        what = ("Your line has a control character (from an arrow or function key, or a paste); "
                "type it again without it.")
    column = bad.start()
    return f"{what}\n  {shown(text)}\n  {' ' * column}^"


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
    if settings.current().debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    # the student gets no Python names or internals: this is our fault, not theirs, and
    # whether the answer was saved is said by the store (see tutor.repl.unsaved), not here
    return ("Sorry, something went wrong inside the tutor: a problem in calctutor, not in what you typed. "
            "Try something else or type :help (CALCTUTOR_DEBUG=1 shows the details for a bug report).", "error")
