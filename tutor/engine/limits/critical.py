"""The Lagrange critical curve y·f_x − x·f_y = 0 of a rational f (Cadavid–Molina–Vélez, 2013).

On each small circle around the point, f takes its largest and smallest values where
the gradient is parallel to the radius, that is on this curve. So if f tends to L
along every branch of the curve through the point (and the denominator vanishes
only at the point), f tends to L; if two branches disagree, the limit does not exist.
Branches are found by factoring and solving, both bounded; when SymPy cannot give
every branch explicitly the curve only supplies candidate paths.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp

from tutor.engine.limits import work
from tutor.engine.limits.paths import T, Rational_
from tutor.engine.limits.result import Reason, Witness
from tutor.engine.limits.work import Unfinished


@dataclass
class Curve:
    equation: sp.Expr  # G = 0 in the learner's variables
    branches: list[Witness] = field(default_factory=list)
    complete: bool = False


def critical_curve(ex, h: sp.Expr, rat: Rational_):
    """(conflicting pair or None, Curve or None) after following the branches through the point."""
    x, y = ex.frame.xs
    P, Q = rat.P, rat.Q
    G = sp.expand(y * (sp.diff(P, x) * Q - P * sp.diff(Q, x)) - x * (sp.diff(P, y) * Q - P * sp.diff(Q, y)))
    if G == 0:
        return None, None
    try:
        _, factors = ex.budget.call(work.factor_list, G, x, y, cap=1.0, what="factoring the critical curve")
    except Unfinished:
        return None, None
    curve = Curve(sp.Eq(ex.frame.user(G), 0))
    complete = True
    probes = []
    for fct, _mult in factors:
        if fct.xreplace({x: 0, y: 0}) != 0:
            continue
        found = _branches(ex, fct, x, y)
        if found is None:
            complete = False
            continue
        probes.extend(found)
    for pr in probes:
        curve.branches.extend(ex.observe(pr, None, exact=False, again=True))
        if ex.conflict():
            break
    ex.steps.append(Reason("critical", {"curve": curve.equation, "branches": tuple(curve.branches),
                                        "complete": complete}))
    curve.complete = complete and _isolated_zero(Q, ex.frame.xs) and bool(curve.branches)
    return ex.conflict(), curve


def _branches(ex, fct: sp.Expr, x: sp.Symbol, y: sp.Symbol) -> list[tuple] | None:
    """Probe coordinates for every real branch of fct = 0 through the origin, or None."""
    poly = sp.Poly(fct, x, y)
    if poly.is_homogeneous:
        k = sp.Symbol("k", real=True)
        out = []
        try:
            roots = ex.budget.call(work.real_roots, sp.expand(fct.xreplace({x: 1, y: k})), k, cap=0.5)
        except Unfinished:
            return None
        out += [(T, r * T) for r in roots]
        if fct.xreplace({x: 0, y: 1}) == 0:
            out.append((0, T))
        return out
    for var, other, make in ((y, x, lambda s: (T, s)), (x, y, lambda s: (s, T))):
        if sp.degree(fct, var) <= 2:
            try:
                sols = ex.budget.call(work.solve_for, fct, var, cap=1.0, what="solving the critical curve")
            except Unfinished:
                return None
            out = []
            for s in sols:
                s_t = s.xreplace({other: T})
                if s_t.has(var):
                    return None
                try:
                    lim = ex.budget.call(work.one_sided_limit, s_t, T, 0, "+-", cap=0.5)
                except Exception:
                    lim = None
                if lim == 0:
                    out.append(make(s_t))
            return out
    return None


def _isolated_zero(Q: sp.Expr, xs) -> bool:
    """Q ≠ 0 near the point except at it: Q (or −Q) bounded below by a sum of even powers."""
    from tutor.engine.limits.pseudo import CannotBound
    from tutor.engine.limits.squeeze import _polynomial_form
    from tutor.engine.limits.upper import Ctx

    try:
        _polynomial_form(sp.expand(Q), Ctx(xs=tuple(xs)))
    except CannotBound:
        return False
    return True
