"""Put a derivative in a readable form, without hiding the course's shape.

The rules' raw output is already auto-simplified by SymPy (6x - 4, not 3·2x - 4·1 + 0).
A stronger simplification is kept only when it is clearly shorter, so the chain rule's
(4x³ + 3x²)/(x⁴ + x³ + 2) stays as the course writes it.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from tutor.engine.bounded import DEFAULT_TIMEOUT, Unfinished, bounded

# below this many operations the raw form is already as short as it gets
_SMALL = 4
# a candidate must save at least this many operations to replace the raw form
_GAIN = 2
# above this many operations ``simplify`` (trigsimp above all) takes seconds, and pulling out
# factors rewrites inner arguments (sin(x² + 3x) -> sin(x(x + 3))): big results stay as they are
_SIMPLIFY_UP_TO = 30


@dataclass(frozen=True)
class Tidied:
    expr: sp.Expr
    unfinished: Unfinished | None = None  # simplification ran out of time


def _ops(e: sp.Expr) -> int:
    return int(sp.count_ops(e))


def shortest(expr: sp.Expr) -> sp.Expr:
    """The clearly shortest of the raw form, its common factors pulled out, and ``simplify``
    (for results of course size; larger ones are returned as they are)."""
    best, best_ops = expr, _ops(expr)
    if best_ops > _SIMPLIFY_UP_TO:
        return expr
    for tidy_up in (sp.factor_terms, sp.simplify):
        candidate = tidy_up(expr)
        ops = _ops(candidate)
        if candidate.has(sp.Piecewise) and not expr.has(sp.Piecewise):
            continue
        if ops <= best_ops - _GAIN:
            best, best_ops = candidate, ops
    return best


def tidy(expr: sp.Expr, timeout: float | None = None) -> Tidied:
    """``shortest(expr)`` under a time limit; on timeout the raw form and what ran out."""
    if not isinstance(expr, sp.Expr) or not _SMALL < _ops(expr) <= _SIMPLIFY_UP_TO:
        return Tidied(expr)
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout
    try:
        return Tidied(bounded(shortest, expr, timeout=seconds, what="simplifying the derivative"))
    except Unfinished as exc:
        return Tidied(expr, exc)
