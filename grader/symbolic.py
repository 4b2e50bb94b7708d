"""Heavy SymPy steps of the checker, as module-level functions for the killable worker.

Each is called through :func:`grader.budget.run_bounded`; none is on the fast path.
"""
from __future__ import annotations

import sympy as sp


def is_zero(diff: sp.Expr) -> bool | None:
    """True when ``diff`` simplifies to 0; False when SymPy proves it non-zero; else None."""
    if diff == 0:
        return True
    for step in (sp.cancel, sp.expand, sp.trigsimp, sp.simplify):
        try:
            d = step(diff)
        except Exception:  # a SymPy failure is "no conclusion", not a crash
            continue
        if d == 0:
            return True
        if d.is_number and d.is_zero is False:
            return False
    return None


def high_precision_equal(a: sp.Expr, e: sp.Expr, points: list[dict], digits: int = 60) -> bool | None:
    """Compare at exact points with ``digits`` significant digits (sees a 10⁻²⁰ change).

    None when no point gives two real finite values.
    """
    checked = 0
    for point in points:
        va = a.evalf(digits, subs=point)
        ve = e.evalf(digits, subs=point)
        if not (va.is_real and ve.is_real and va.is_finite and ve.is_finite):
            continue
        scale = max(abs(ve), sp.Integer(1))
        if abs(va - ve) > scale * sp.Float(10) ** (-(digits - 15)):
            return False
        checked += 1
    return True if checked else None


def expanded(expr: sp.Expr) -> bool:
    """Is ``expr`` already in expanded form (a sum of monomial-like terms)?"""
    return sp.expand(expr) == expr


def factored(expr: sp.Expr, variables: tuple) -> bool:
    """Is every polynomial factor of ``expr`` irreducible over the rationals?"""
    _, factors = sp.factor_list(sp.factor(expr), *variables)
    reference = sum(m for f, m in factors if f.free_symbols)
    count = 0
    for term in sp.Mul.make_args(expr):
        base, mult = term.as_base_exp()
        if not base.free_symbols:
            continue
        if not mult.is_Integer:
            return sp.factor(expr) == expr
        if base.is_polynomial(*variables):
            poly = sp.Poly(base, *variables)
            if poly.total_degree() > 1 and not poly.is_irreducible:
                return False
        count += int(mult)
    return count >= reference


def operation_count(expr: sp.Expr) -> int:
    return int(sp.count_ops(expr))


def simplified_size(expr: sp.Expr) -> int:
    """Size of SymPy's simplest form of ``expr`` (what "simplified" is measured against)."""
    return int(sp.count_ops(sp.simplify(expr)))


def cancel_ratio(a: sp.Expr, e: sp.Expr) -> sp.Expr:
    """``a / e`` with common factors cancelled (equation comparison)."""
    return sp.cancel(sp.together(a / e))
