"""Limits that reduce to one variable: f is a function of a single expression u.

If f = F(u) with u → u₀ (u continuous at the point) and F(U) → L as U → u₀ from the
side(s) u can take, then f → L. The usual u is r² = x² + y² (f depends only on the
distance: in polar coordinates no angle appears); others are the argument of a
function (sin(xy)/(xy) with u = xy) or the whole denominator.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from tutor.engine.limits import work
from tutor.engine.limits.continuity import is_continuous
from tutor.engine.limits.pseudo import expand_plain
from tutor.engine.limits.work import Budget, Unfinished

U = sp.Symbol("U", real=True)


@dataclass(frozen=True)
class Composition:
    u: sp.Expr  # the inner expression (shifted coordinates)
    F: sp.Expr  # f = F(U) with U = u
    u0: sp.Expr
    side: str  # "+", "-" or "+-"
    value: sp.Expr
    radial: bool  # u = r² (f depends only on the distance to the point)
    inner: object = None  # the proof that u → u0 when u is not continuous at the point


def find_composition(h: sp.Expr, xs: tuple[sp.Symbol, ...], budget: Budget, inner=None) -> Composition | None:
    """f = F(u) with a one-variable limit; ``inner(u)`` (optional) decides lim u when u is not continuous."""
    zero = {x: sp.Integer(0) for x in xs}
    for u in _candidates(h, xs):
        F = _as_function_of(h, u, xs, budget)
        if F is None:
            continue
        if not is_continuous(u, zero):
            if inner is not None and _outer_function(h, u):
                found = _through_inner(F, u, inner, budget)
                if found is not None:
                    return found
            continue
        u0 = u.xreplace(zero)
        side = _side(u - u0, xs)
        try:
            value = budget.call(work.one_sided_limit, F, U, u0, side, cap=1.5, what="a one-variable limit")
        except Unfinished:
            return None
        except Exception:
            continue
        if not _usable(value):
            continue
        at_u0 = F.xreplace({U: u0})
        if at_u0.is_finite and at_u0 != value and not (at_u0 - value).is_zero:
            continue  # f takes the value F(u₀) ≠ L where u = u₀: the rule does not apply
        return Composition(u, F, u0, side, value, u == sum(x**2 for x in xs))
    return None


def _outer_function(h: sp.Expr, u: sp.Expr) -> bool:
    """u is the argument of a function in h (cos(u), log(u), atan(u), …), not a mere factor."""
    return any(isinstance(a, sp.Function) and a.args and a.args[0] == u for a in sp.preorder_traversal(h))


def _through_inner(F: sp.Expr, u: sp.Expr, inner, budget: Budget) -> Composition | None:
    """lim u = L (decided and proved by ``inner``), then F continuous at L, or lim F(U) as U → ±∞."""
    res = inner(u)
    if res is None or res.exists is not True or res.proof is None:
        return None
    L = res.value
    if L.is_infinite:
        try:
            value = budget.call(work.one_sided_limit, F, U, L, "-" if L == sp.oo else "+", cap=1.0,
                                what="a one-variable limit at infinity")
        except Exception:
            return None
        side = "+-"
    else:
        if not is_continuous(F, {U: L}):
            return None
        try:
            value = budget.call(work.simplify, F.xreplace({U: L}), cap=0.5, what="simplifying the value")
        except Unfinished:
            value = F.xreplace({U: L})
        side = "+-"
    if not _usable(value):
        return None
    return Composition(u, F, L, side, value, False, res.proof)


def _usable(v: sp.Expr) -> bool:
    if v.has(sp.AccumBounds, sp.Limit, sp.nan) or v is sp.zoo:
        return False
    return bool(v.is_extended_real) or v in (sp.oo, -sp.oo)


def _candidates(h: sp.Expr, xs) -> list[sp.Expr]:
    out = [sum(x**2 for x in xs)]
    for a in sp.preorder_traversal(h):
        if isinstance(a, sp.Function) and a.args and a.args[0].free_symbols & set(xs):
            out.append(a.args[0])
        elif isinstance(a, sp.Pow) and a.base.free_symbols & set(xs) and not a.base.is_Symbol:
            out.append(a.base)
    _, den = sp.fraction(sp.together(h))
    if den.free_symbols & set(xs):
        out.append(den)
    seen, uniq = set(), []
    for u in out:
        key = expand_plain(u)
        if key not in seen and not u.is_Symbol:
            seen.add(key)
            uniq.append(u)
    return uniq[:8]


def _as_function_of(h: sp.Expr, u: sp.Expr, xs, budget: Budget) -> sp.Expr | None:
    """F with h = F(u), found by substitution; verified by substituting back."""
    x0 = next((x for x in xs if u.has(x)), None)
    if x0 is None:
        return None
    e = h.subs(u, U)
    if e.free_symbols & set(xs):
        # solve u = U for a power of one variable and substitute (x² = U − y² for u = r²)
        sol = _isolate(u, x0)
        if sol is None or _big_powers(h):
            return None
        power, rest = sol
        e = expand_plain(h.subs(x0**power, U - rest))
        if e.free_symbols & set(xs):
            if sp.count_ops(e) > 80:  # simplify on a big expression would only use up the budget
                return None
            try:
                e = budget.call(work.simplify, e, cap=0.8, what="rewriting f in terms of one expression")
            except Exception:
                return None
            if e.free_symbols & set(xs):
                return None
    try:
        ok = budget.call(work.is_zero, h - e.xreplace({U: u}), cap=0.8, what="checking a substitution")
    except Exception:
        return None
    return e if ok else None


def _big_powers(h: sp.Expr) -> bool:
    """Integer powers above 8 of sums: expanding them to rewrite in U would cost the budget."""
    return any(p.exp.is_Integer and abs(p.exp) > 8 and isinstance(p.base, sp.Add) for p in h.atoms(sp.Pow))


def _isolate(u: sp.Expr, x: sp.Symbol):
    """u = c·x^p + rest with rest free of x: returns (p, (U-rest)/c form as (p, rest)) for c = 1."""
    poly_terms = sp.Add.make_args(expand_plain(u))
    with_x = [t for t in poly_terms if t.has(x)]
    if len(with_x) != 1:
        return None
    t = with_x[0]
    c, p = t.as_coeff_exponent(x)
    if c != 1 or not p.is_Integer or p < 1:
        return None
    rest = sp.Add(*[s for s in poly_terms if not s.has(x)])
    return int(p), rest


def _side(v: sp.Expr, xs) -> str:
    """"+" when v ≥ 0 near the point (even powers, positive coefficients), "-" when ≤ 0, else "+-"."""
    v = expand_plain(v)
    if v.is_polynomial(*xs):
        poly = sp.Poly(v, *xs)
        terms = poly.terms()
        if terms and all(all(m % 2 == 0 for m in mon) for mon, _ in terms):
            if all(c > 0 for _, c in terms):
                return "+"
            if all(c < 0 for _, c in terms):
                return "-"
    return "+-"
