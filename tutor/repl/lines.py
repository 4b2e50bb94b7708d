"""What a typed line means beyond the grammar, and what an error means to a student.

``y = 2 - 10x`` for an expression exercise is graded by its right-hand side;
an exception becomes one sentence (a bug gets an apology, never a traceback).
"""
from __future__ import annotations

import os
import re
import sys
from typing import Any


_NAMED = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*'*(\([^()=]*\))?|d\w*/d\w+)\s*=\s*([^=<>]+)$")


def named_right_side(text: str) -> str | None:
    """``y = 2 - 10x`` or ``f'(x) = 6x - 4`` -> the right-hand side; None for anything else."""
    m = _NAMED.match(text)
    return m.group(3).strip() if m and m.group(3).strip() else None


def variant_wants_value(variant: Any) -> bool:
    """Expressions and numbers: a student who writes ``y = …`` means the value after '='."""
    return getattr(variant, "kind", "expression") in ("expression", "number", "vector", "limit")


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
