"""The heavy SymPy calls of the limit engine, each bounded, all under one time budget.

A limit is decided in several stages; each SymPy ``limit``/``simplify``/``factor``/
``solve`` call runs in the killable worker (``tutor.engine.bounded``) with at most
what is left of the caller's budget, so one call of ``tutor.limit`` stays within it.
"""
from __future__ import annotations

import time
from typing import Any, Callable

import sympy as sp

from tutor.engine.bounded import DEFAULT_TIMEOUT, TimedOut, Unfinished, bounded

__all__ = ["Budget", "Unfinished", "TimedOut"]


class Budget:
    """Seconds left for one limit; ``call`` runs a bounded function within them."""

    def __init__(self, seconds: float | None = None):
        self.seconds = DEFAULT_TIMEOUT if seconds is None else float(seconds)
        self.start = time.monotonic()
        self.unfinished: list[str] = []  # what timed out, in order

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.start)

    def spent(self) -> float:
        return time.monotonic() - self.start

    def call(self, fn: Callable[..., Any], *args: Any, cap: float | None = None, what: str = "") -> Any:
        """``fn(*args)`` in the worker, or :class:`Unfinished` (recorded) when time runs out."""
        seconds = self.left() if cap is None else min(cap, self.left())
        label = what or getattr(fn, "__name__", "computation")
        if seconds < 0.02:
            self.unfinished.append(label)
            raise TimedOut(label, 0.0)
        try:
            return bounded(fn, *args, timeout=seconds, what=label)
        except Unfinished:
            self.unfinished.append(label)
            raise


def room(budget: Budget, cap: float) -> float:
    """A step's time cap: ``cap`` seconds, or a fifth of a larger budget (a loaded machine then still decides)."""
    return max(cap, budget.seconds / 5)


# ---- module-level workers (picklable) --------------------------------------------

def one_sided_limit(expr: sp.Expr, var: sp.Symbol, at: sp.Expr, side: str) -> sp.Expr:
    """SymPy's one-variable limit (``side`` is "+", "-" or "+-")."""
    return sp.limit(expr, var, at, side)


def simplify(expr: sp.Expr) -> sp.Expr:
    return sp.simplify(expr)


def cancel(expr: sp.Expr) -> sp.Expr:
    """Put over one denominator and cancel common polynomial factors."""
    return sp.cancel(sp.together(expr))


def rationalize(expr: sp.Expr) -> sp.Expr:
    """Multiply by conjugates (``radsimp``), then cancel: removes √a − √b singularities."""
    return sp.cancel(sp.radsimp(sp.together(expr)))


def root_substitution(expr: sp.Expr) -> sp.Expr:
    """Write √x as s (x = s², s ≥ 0), cancel, and write s back as √x."""
    roots = {a for a in expr.atoms(sp.Pow) if a.exp == sp.Rational(1, 2) and a.base.is_Symbol}
    if not roots:
        return expr
    back = {}
    sub = {}
    for a in roots:
        s = sp.Dummy(f"s_{a.base.name}", positive=True)
        sub[a.base] = s**2
        back[s] = a
    e = sp.cancel(sp.together(expr.xreplace(sub)))
    return e.xreplace(back)


def is_zero(expr: sp.Expr) -> bool:
    """True only when ``expr`` simplifies to 0 (used to check identities)."""
    e = sp.cancel(sp.together(expr))
    if e == 0:
        return True
    return sp.simplify(e) == 0


def tidy(expr: sp.Expr) -> sp.Expr:
    """A short form of f restricted to a path: factor(cancel(...)) for rational functions."""
    if expr.is_rational_function():
        return sp.factor(sp.cancel(expr))
    return sp.simplify(expr)


def factor_list(expr: sp.Expr, *gens: sp.Symbol):
    return sp.factor_list(expr, *gens)


def solve_for(expr: sp.Expr, var: sp.Symbol) -> list:
    return sp.solve(expr, var)


def real_roots(poly_expr: sp.Expr, var: sp.Symbol) -> list:
    """Exact real roots of a univariate polynomial (with multiplicity removed)."""
    return sorted(set(sp.Poly(poly_expr, var).real_roots()), key=lambda r: float(r))

