"""Small helpers that put numbers, points and expressions into feedback sentences."""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from grader.feedback import Note, plain, revealing


def number(v: Any) -> str:
    """A value as a learner would write it: 3, -1/2, 0.3827, undefined, ∞."""
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    try:
        f = float(v)
    except (TypeError, ValueError, OverflowError):
        return math_text(v)
    if math.isnan(f):
        return "undefined"
    if math.isinf(f):
        return "∞" if f > 0 else "−∞"
    if abs(f) >= 1e15 or (f != 0 and abs(f) < 1e-6):
        return f"{f:.4g}"
    r = round(f)
    if abs(f - r) <= 1e-9 * max(1.0, abs(f)):
        return str(int(r))
    for d in range(2, 65):  # a simple fraction? (cheaper than Fraction.limit_denominator)
        n = round(f * d)
        if abs(n - f * d) <= 1e-9 * d * max(1.0, abs(f)):
            q = Fraction(n, d)
            return f"{q.numerator}/{q.denominator}"
    return f"{f:.4g}"


def point(p: Mapping) -> str:
    """``x = 2`` or ``(x, y) = (2, −1)``."""
    names = [str(k) for k in p]
    values = [number(v) for v in p.values()]
    if len(names) == 1:
        return f"{names[0]} = {values[0]}"
    if not names:
        return "this point"
    return f"({', '.join(names)}) = ({', '.join(values)})"


def math_text(obj: Any) -> str:
    """One-line Unicode mathematics for a sentence."""
    try:
        from tutor.reading.printer import to_unicode

        return to_unicode(obj)
    except Exception:  # noqa: BLE001 - a printer gap must not break feedback
        return str(obj)


def names(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` (the one list-joiner, in tutor.render.words)."""
    from tutor.render.words import names as joined

    return joined(items)


def witness_note(w: Any) -> Note:
    """Where the answers differ: the right value only at the full level, the learner's own at guided."""
    where = point(w.point) if w.point else "this point"
    if w.answer != w.answer:
        return revealing(f"For example, at {where} your answer is undefined, but the right value is "
                         f"{number(w.expected)}.",
                         f"For example, at {where} your answer is undefined, but the right answer is not.")
    if w.answer in (float("inf"), float("-inf")):
        return revealing(f"For example, at {where} your answer is too large to compute, but the right value is "
                         f"{number(w.expected)}.",
                         f"For example, at {where} your answer is too large to compute, but the right one is not.")
    if not w.point:
        return plain(f"Your value is {number(w.answer)}.")
    return revealing(f"For example, at {where} your answer gives {number(w.answer)}, "
                     f"but the right value is {number(w.expected)}.",
                     f"For example, at {where} your answer gives {number(w.answer)}, "
                     "which is not the right value there.")


