"""Put a derivative in a readable form, without hiding the course's shape.

The rules' raw output is already auto-simplified by SymPy (6x - 4, not 3·2x - 4·1 + 0).
A stronger simplification is kept only when it is clearly shorter, so the chain rule's
(4x³ + 3x²)/(x⁴ + x³ + 2) stays as the course writes it; and only when it uses no function
family the input does not use, so the sigmoid's slope stays e^(−z)/(1 + e^(−z))² instead
of SymPy's 1/(4·cosh(z/2)²).
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp
from sympy.functions.elementary.hyperbolic import HyperbolicFunction, InverseHyperbolicFunction
from sympy.functions.elementary.trigonometric import InverseTrigonometricFunction, TrigonometricFunction

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


def families(expr: sp.Basic) -> set[str]:
    """The function families ``expr`` uses, as a course groups them (exp, log, trigonometric, …)."""
    out = set()
    for f in expr.atoms(sp.Function):
        for family, classes in _FAMILIES:
            if isinstance(f, classes):
                out.add(family)
                break
        else:
            out.add(type(f).__name__)
    if expr.has(sp.Piecewise):
        out.add("Piecewise")
    return out


_FAMILIES = (("exp", (sp.exp,)), ("log", (sp.log,)),
             ("hyperbolic", (HyperbolicFunction,)), ("inverse hyperbolic", (InverseHyperbolicFunction,)),
             ("trigonometric", (TrigonometricFunction,)),
             ("inverse trigonometric", (InverseTrigonometricFunction,)))


def _foreign(candidate: sp.Expr, known: set[str]) -> int:
    return len(families(candidate) - known)


def shortest(expr: sp.Expr, like: sp.Expr | None = None) -> sp.Expr:
    """The raw form, its common factors pulled out, or ``simplify``: the one closest to ``like``
    (the input; by default ``expr``) in the function families it uses, then clearly shortest.

    Results above course size are returned as they are.
    """
    known = families(expr if like is None else like) | families(expr)
    best, best_ops = expr, _ops(expr)
    if best_ops > _SIMPLIFY_UP_TO:
        return expr
    best_foreign = _foreign(expr, known)
    for tidy_up in (sp.factor_terms, sp.simplify):
        candidate = tidy_up(expr)
        ops, foreign = _ops(candidate), _foreign(candidate, known)
        if foreign < best_foreign or (foreign == best_foreign and ops <= best_ops - _GAIN):
            best, best_ops, best_foreign = candidate, ops, foreign
    return best


def tidy(expr: sp.Expr, timeout: float | None = None, like: sp.Expr | None = None) -> Tidied:
    """``shortest(expr, like)`` under a time limit; on timeout the raw form and what ran out."""
    if not isinstance(expr, sp.Expr) or not _SMALL < _ops(expr) <= _SIMPLIFY_UP_TO:
        return Tidied(expr)
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout
    try:
        return Tidied(bounded(shortest, expr, like, timeout=seconds, what="simplifying the derivative"))
    except Unfinished as exc:
        return Tidied(expr, exc)
