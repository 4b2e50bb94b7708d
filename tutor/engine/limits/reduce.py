"""Reductions to one variable for quotients whose denominator changes sign.

The squeeze needs a denominator of one sign; y²·sin(x)/x, sin(xy)/x and
(sin x − sin y)/(x − y) have none, yet their limits are one-variable facts:

* **factor**: f = G · F(w) with G continuous at the point and F(U) = (φ(U) − φ(w₀))/(U − w₀)^k
  a difference quotient of one function φ (k = 1: its derivative; k = 2: half its
  second derivative). Then f → G(p) · lim F. The identity is checked by substituting
  back, and w = w₀ must not happen inside the domain of f near the point (each factor
  of w − w₀ that vanishes there is a factor of f's denominator).
* **mean value**: f = (g(x) − g(y))/(k(x) − k(y)) at a point (a, a). By Cauchy's mean
  value theorem f = g′(ξ)/k′(ξ) with ξ between x and y, so |ξ − a| ≤ r; g′ and k′
  continuous at a with k′(a) ≠ 0 give f → g′(a)/k′(a). (k(t) = t is the plain theorem.)
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import sympy as sp

from tutor.engine.limits import work
from tutor.engine.limits.continuity import is_continuous
from tutor.engine.limits.work import Budget, Unfinished, room

U = sp.Symbol("U", real=True)
XI = sp.Symbol("xi", real=True)

# Bounds from Taylor's theorem with Lagrange remainder, stated for the quotient F(U) (w₀ = 0).
_BOUNDS = {
    (sp.sin, 1): sp.Le(sp.Abs(sp.sin(U) / U - 1), U**2 / 6),
    (sp.tan, 1): sp.Ge(sp.tan(U) / U, 1),
    (sp.cos, 2): sp.Le(sp.Abs((1 - sp.cos(U)) / U**2 - sp.Rational(1, 2)), U**2 / 24),
    (sp.cos, 1): sp.Le(sp.Abs((1 - sp.cos(U)) / U), sp.Abs(U) / 2),
}


@dataclass(frozen=True)
class Reduction:
    """f = factor · F(u) (``kind`` "factor") or f = (g(x) − g(y))/(c(x − y)) (``kind`` "mean-value").

    All expressions are in shifted coordinates (the point at the origin).
    """

    kind: str
    value: sp.Expr
    factor: sp.Expr  # G (factor) or 1/c (mean value)
    u: tuple[sp.Expr, ...] = ()  # inner expressions w (factor)
    F: tuple[sp.Expr, ...] = ()  # one-variable quotients F(U)
    u0: tuple[sp.Expr, ...] = ()
    limits: tuple[sp.Expr, ...] = ()  # lim F(U) as U → u0
    bounds: tuple[sp.Expr, ...] = ()  # Taylor bounds, where the table has one
    g: sp.Expr | None = None  # mean value: g(t)
    t: sp.Symbol | None = None
    derivative: sp.Expr | None = None  # g'(t)
    extended: tuple[sp.Expr, ...] = ()  # curves p = 0 inside the domain where u = u0; there f = G·L
    k: sp.Expr | None = None  # mean value: the denominator k(t) (k(x) − k(y))
    k_derivative: sp.Expr | None = None


def find_reduction(h: sp.Expr, xs: tuple[sp.Symbol, ...], budget: Budget,
                   kinds: tuple[str, ...] = ("mean-value", "factor")) -> Reduction | None:
    """A mean-value or factor reduction of ``h`` (shifted coordinates), checked, or None."""
    methods = {"mean-value": _mean_value, "factor": _factor}
    try:
        for kind in kinds:
            found = methods[kind](h, xs, budget)
            if found is not None:
                return found
    except Unfinished:
        return None
    return None


# ---- f = G · F(w) --------------------------------------------------------------------------

def _atoms(h: sp.Expr, xs, zero) -> list[sp.Expr]:
    out = []
    for a in sp.preorder_traversal(h):
        if (isinstance(a, sp.Function) and len(a.args) == 1 and a.args[0].free_symbols & set(xs)
                and is_continuous(a.args[0], zero) and a not in out):
            out.append(a)
    return out[:4]


def _factor(h: sp.Expr, xs, budget: Budget) -> Reduction | None:
    zero = {x: sp.Integer(0) for x in xs}
    atoms = _atoms(h, xs, zero)
    groups = [tuple(atoms)] if len(atoms) > 1 else []
    groups += [(a,) for a in atoms] + [c for c in combinations(atoms, 2) if len(atoms) > 2]
    den = sp.fraction(sp.together(h))[1]
    for group in groups:
        for k in (1, 2):
            red = _try_group(h, xs, zero, group, k, den, budget)
            if red is not None:
                return red
    return None


def _try_group(h, xs, zero, group, k, den, budget: Budget) -> Reduction | None:
    dummies = [sp.Dummy(f"S{i}") for i in range(len(group))]
    ws = [a.args[0] for a in group]
    w0s = [w.xreplace(zero) for w in ws]
    if not all(_shares_factor(w - w0, den, xs) for w, w0 in zip(ws, w0s)):
        return None  # the denominator has no factor of w − w₀: no quotient of that kind to split off
    phi0 = [a.func(w0) for a, w0 in zip(group, w0s)]
    if any(not p.is_finite for p in phi0):
        return None
    hS = h.xreplace(dict(zip(group, dummies)))
    ratio = sp.Mul(*[(w - w0) ** k / (S - p0) for w, w0, S, p0 in zip(ws, w0s, dummies, phi0)])
    G = budget.call(work.cancel, hS * ratio, cap=room(budget, 1.0), what="splitting off a one-variable quotient")
    if G.has(*dummies) or not is_continuous(G, zero):
        return None
    Fs = [(a.func(U) - p0) / (U - w0) ** k for a, w0, p0 in zip(group, w0s, phi0)]
    product = G * sp.Mul(*[F.xreplace({U: w}) for F, w in zip(Fs, ws)])
    if not budget.call(work.is_zero, h - product, cap=room(budget, 1.5), what="checking the factorisation"):
        return None
    limits = []
    for F, w0 in zip(Fs, w0s):
        try:
            L = budget.call(work.one_sided_limit, F, U, w0, "+-", cap=room(budget, 2.0), what="a one-variable limit")
        except Unfinished:
            raise
        except Exception:  # noqa: BLE001 - SymPy could not compute it: no reduction
            return None
        if not (L.is_finite and L.is_extended_real):
            return None
        limits.append(L)
    extended = []
    for w, w0 in zip(ws, w0s):
        inside = _inside_domain(w - w0, den, xs, zero, budget)
        if inside is None:
            return None
        extended += inside
    if extended and not _agrees_on(h, G * sp.Mul(*limits) if len(ws) == 1 else None, extended, xs, budget):
        return None
    value = budget.call(work.simplify, G.xreplace(zero) * sp.Mul(*limits), cap=room(budget, 1.0),
                        what="simplifying the value")
    bounds = tuple(_BOUNDS.get((a.func, k)) for a, w0 in zip(group, w0s) if w0 == 0)
    return Reduction("factor", value, G, tuple(ws), tuple(Fs), tuple(w0s), tuple(limits),
                     tuple(b for b in bounds if b is not None), extended=tuple(extended))


def _shares_factor(d: sp.Expr, den: sp.Expr, xs) -> bool:
    """d and the denominator have a common polynomial factor (small polynomials only; cheap)."""
    num = sp.fraction(sp.together(d))[0]
    if not (num.is_polynomial(*xs) and den.is_polynomial(*xs)) or sp.count_ops(num) + sp.count_ops(den) > 60:
        return False
    return sp.gcd(num, den).free_symbols & set(xs) != set()


def _inside_domain(d: sp.Expr, den: sp.Expr, xs, zero, budget: Budget) -> list[sp.Expr] | None:
    """The factors of d through the point that are not factors of den (so d = 0 inside f's domain).

    None when d or den is not a polynomial (no such check is possible).
    """
    num = sp.fraction(sp.together(d))[0]
    if not num.is_polynomial(*xs) or not den.is_polynomial(*xs):
        return None
    den_factors = {sp.expand(p) for p, _ in budget.call(work.factor_list, den, *xs, cap=room(budget, 1.0))[1]}
    den_factors |= {sp.expand(-p) for p in den_factors}
    return [p for p, _ in budget.call(work.factor_list, num, *xs, cap=room(budget, 1.0))[1]
            if p.xreplace(zero) == 0 and sp.expand(p) not in den_factors]


def _agrees_on(h: sp.Expr, extension: sp.Expr | None, factors, xs, budget: Budget) -> bool:
    """On each curve p = 0 (solved for a variable in which p is linear), f equals G·L there."""
    if extension is None:
        return False
    for p in factors:
        var = next((x for x in xs if sp.degree(p, x) == 1 and not sp.diff(p, x).free_symbols), None)
        if var is None:
            return False
        sol = budget.call(work.solve_for, p, var, cap=room(budget, 1.0), what="solving u = u0")
        if len(sol) != 1:
            return False
        on = {var: sol[0]}
        if not budget.call(work.is_zero, h.xreplace(on) - extension.xreplace(on), cap=room(budget, 1.0),
                           what="checking f where u = u0"):
            return False
    return True


# ---- (g(x) − g(y))/(x − y) -------------------------------------------------------------------

def _mean_value(h: sp.Expr, xs, budget: Budget) -> Reduction | None:
    """f = (g(x) − g(y))/(k(x) − k(y)) with g′, k′ continuous and k′ ≠ 0 at the point (Cauchy)."""
    if len(xs) != 2:
        return None
    x, y = xs
    num, den = sp.fraction(sp.together(h))
    if num.xreplace({y: x}) != 0 or den.xreplace({y: x}) != 0:
        return None  # not a quotient of differences g(x) − g(y) (a cheap test before any checking)
    t = sp.Symbol("t", real=True)
    zero = {t: sp.Integer(0)}
    parts = []
    for e in (num, den):
        g = e.xreplace({x: t, y: 0})
        split = e - (g.xreplace({t: x}) - g.xreplace({t: y}))
        if not g.has(t) or not budget.call(work.is_zero, split, cap=room(budget, 1.5),
                                           what="checking the difference quotient"):
            return None
        dg = sp.diff(g, t)
        if not is_continuous(dg, zero):
            return None
        parts.append((g, dg))
    (g, dg), (k, dk) = parts
    slope = dk.xreplace(zero)
    if slope.is_zero is not False:
        return None
    value = budget.call(work.simplify, dg.xreplace(zero) / slope, cap=room(budget, 1.0), what="simplifying the value")
    return Reduction("mean-value", value, 1 / slope, g=g, t=t, derivative=dg, k=k, k_derivative=dk)
