"""Odd roots are real roots: the course reads x^(1/3) (and cbrt(x)) as the real cube root.

SymPy's ``Pow(x, 1/3)`` is the principal (complex) root, so (−8)^(1/3) = 1 + √3·i. The
engine keeps the power as written (its derivative 1/(3·x^(2/3)) is right for the real root
too, and the derivative steps stay equal to ``sympy.diff``), and evaluates through
SymPy's own real form (``sympy.real_root`` for a real argument): b^(p/q) with q odd is
sign(b)^p·|b|^(p/q). Evaluation, limits and plots go through :func:`real_form`.
"""
from __future__ import annotations

import sympy as sp


def _odd_root(e: sp.Basic) -> bool:
    return (isinstance(e, sp.Pow) and e.exp.is_Rational and not e.exp.is_Integer and e.exp.q % 2 == 1
            and _as_real(e.base).is_nonnegative is not True)


def _as_real(b: sp.Expr) -> sp.Expr:
    """b with its symbols taken real (the course's variables are real), to ask whether b ≥ 0."""
    return b.xreplace({s: sp.Dummy(s.name, real=True) for s in b.free_symbols if s.is_real is None})


def _real(e: sp.Pow) -> sp.Expr:
    b, p = e.base, e.exp
    magnitude = sp.Pow(sp.Abs(b), p)
    return magnitude if p.p % 2 == 0 else sp.sign(b) * magnitude


def real_form(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every odd root b^(p/q) of a possibly negative b written as sign(b)^p·|b|^(p/q)."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Pow):
        return expr
    return expr.replace(_odd_root, _real)


def has_odd_root(expr: sp.Basic) -> bool:
    """Whether ``expr`` holds an odd root whose argument may be negative."""
    return isinstance(expr, sp.Basic) and any(_odd_root(a) for a in sp.preorder_traversal(expr))
