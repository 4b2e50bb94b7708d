"""The squeeze: |f − L| ≤ g(r) with g(r) → 0, derived step by step and then spot-checked.

f − L is put over one denominator N/D. The numerator is bounded above by a sum of
monomials in |x_i| and r (``upper``), the denominator below by C·r^s·E with E a sum
of non-negative monomials; each numerator monomial is divided by E with a weighted
AM–GM inequality (``pseudo.amgm``). The result g(r) is a finite sum of positive
powers of r. As a guard against bugs, the finished inequality is evaluated at
seeded sample points before it is offered as a proof.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from tutor.engine.limits import pseudo as ps
from tutor.engine.limits.pseudo import Bound, CannotBound, expand_plain as _expand
from tutor.engine.limits.upper import Ctx, expand_atoms, nonvanishing_lower, upper

R_SYMBOL = sp.Symbol("r", positive=True)


@dataclass(frozen=True)
class Lower:
    """|D| ≥ C · r^s · E, with E = Σ c_i |x|^{v_i} (None: E = 1)."""

    C: sp.Expr
    s: Fraction
    support: tuple | None  # ((c_i, v_i), ...)
    notes: tuple  # (kind, data) explanations


@dataclass(frozen=True)
class Squeeze:
    """A verified bound |f − L| ≤ g(r) for 0 < r ≤ ρ."""

    numerator: sp.Expr
    denominator: sp.Expr
    lower: Lower
    numerator_bound: sp.Expr  # P(|x|, r) ≥ |N|
    bound: sp.Expr  # g(r)
    radius: sp.Expr  # ρ
    lemmas: tuple  # ((Lemma, argument), ...)
    level: int


def prove_squeeze(h: sp.Expr, L: sp.Expr, xs: tuple[sp.Symbol, ...], levels=(0, 1, 2)) -> Squeeze | None:
    """A checked bound for |h − L| near the origin, trying Taylor levels in turn, or None."""
    e = sp.together(h - L)
    N, D = sp.fraction(e)
    N, D = _expand(N), D
    for level in levels:
        ctx = Ctx(xs=xs, level=level)
        try:
            found = _attempt(N, D, ctx)
        except (CannotBound, ZeroDivisionError, TypeError, ValueError):
            continue
        if found is not None and spot_check(h, L, xs, found.bound, found.radius):
            return found
    return None


def _attempt(N: sp.Expr, D: sp.Expr, ctx: Ctx) -> Squeeze | None:
    lower = denominator_lower(D, ctx)
    expanded = _expand(expand_atoms(N, ctx))
    P: Bound = {}
    for term in sp.Add.make_args(expanded):
        if term != 0:
            P = ps.add(P, upper(term, ctx))
    quotient = divide(P, lower)
    if quotient is None or not ps.tends_to_zero(quotient):
        return None
    rho = radius_for(ctx)
    if rho is None:
        return None
    g = ps.radial(quotient, R_SYMBOL)
    return Squeeze(N, D, lower, ps.as_expr(P, ctx.xs, R_SYMBOL), g, rho, tuple(ctx.uses), ctx.level)


def divide(P: Bound, lower: Lower) -> Bound | None:
    """Bound P / (C r^s E) term by term with AM–GM; None if a term is not dominated."""
    out: Bound = {}
    for key, c in P.items():
        d = len(key) - 2
        a = key[:d]
        if lower.support:
            cert = ps.amgm(a, list(lower.support))
            if cert is None:
                return None
            K, slack, _ = cert
            new = tuple(slack) + (key[d] - lower.s, key[d + 1])
            coef = c * K / lower.C
        else:
            new = tuple(a) + (key[d] - lower.s, key[d + 1])
            coef = c / lower.C
        out[new] = out.get(new, 0) + coef
    return {k: sp.radsimp(c) for k, c in out.items()}


def radius_for(ctx: Ctx) -> sp.Expr | None:
    """The largest ρ in 1, 1/2, 1/4, … satisfying every recorded side condition."""
    rho = sp.Rational(1, 2) if ctx.needs_small_radius else sp.Integer(1)
    for _ in range(40):
        if all(_holds(ps.value_at(U, rho) <= delta) for U, delta in ctx.constraints):
            return rho
        rho /= 2
    return None


def _holds(rel) -> bool:
    return rel is sp.true or bool(rel) is True


# ---- the denominator ------------------------------------------------------------------

def denominator_lower(D: sp.Expr, ctx: Ctx) -> Lower:
    """|D| ≥ C r^s E near 0 (E a sum of non-negative monomials); raises CannotBound."""
    C, s = sp.Integer(1), Fraction(0)
    support: list | None = None
    notes: list = []
    poly_part = sp.Integer(1)
    for fct in sp.Mul.make_args(D):
        if fct.is_number:
            C *= abs(fct)
            continue
        if not fct.free_symbols & set(ctx.xs):
            raise CannotBound("a parameter in the denominator", fct)
        base, q = fct.as_base_exp()
        c = ctx.r2_multiple(base)
        if c is not None and q.is_Rational and q > 0:
            C *= c**q
            s += 2 * ps.frac(q)
            notes.append(("radius", fct, c**q * R_SYMBOL ** (2 * q)))
            continue
        b0 = ctx.at0(fct)
        if b0.is_finite and b0.is_zero is False:
            low = nonvanishing_lower(fct, ctx)
            C *= low
            notes.append(("nonvanishing", fct, low))
            continue
        if q.is_Integer and q > 0 and base.is_polynomial(*ctx.xs):
            poly_part *= fct
            continue
        form = _nonnegative_form(fct, ctx)
        support = form if support is None else _times(support, form)
        notes.append(("nonnegative", fct, None))
    if poly_part != 1:
        form, scale, note = _polynomial_form(_expand(poly_part), ctx)
        C *= scale
        support = form if support is None else _times(support, form)
        notes.append(note)
    return Lower(C, s, None if support is None else tuple(support), tuple(notes))


def _times(a: list, b: list) -> list:
    out: dict = {}
    for ca, va in a:
        for cb, vb in b:
            v = tuple(x + y for x, y in zip(va, vb))
            out[v] = out.get(v, 0) + ca * cb
    return [(c, v) for v, c in out.items()]


def _monomial_exponents(term: sp.Expr, ctx: Ctx):
    """(coefficient, exponents) when term = c·Π|x_i|^a_i (x_i^even counts as |x_i|^even)."""
    coef, exps = sp.Integer(1), [Fraction(0)] * ctx.d
    for f in sp.Mul.make_args(term):
        if f.is_number:
            coef *= f
            continue
        base, q = f.as_base_exp()
        if isinstance(base, sp.Abs) and base.args[0] in ctx.xs:
            exps[ctx.xs.index(base.args[0])] += ps.frac(q)
        elif base in ctx.xs and q.is_Integer and q % 2 == 0:
            exps[ctx.xs.index(base)] += ps.frac(q)
        else:
            return None
    return coef, tuple(exps)


def _nonnegative_form(fct: sp.Expr, ctx: Ctx) -> list:
    """A factor such as |x| + |y|, x² + |y|³ or √(x⁴ + y²) written as Σ c|x|^v with c > 0."""
    base, q = fct.as_base_exp()
    if q.is_Rational and q != 1 and q > 0:
        inner = _nonnegative_form(base, ctx) if not base.is_polynomial(*ctx.xs) else _polynomial_form(_expand(base), ctx)[0]
        n = len(inner)
        qf = ps.frac(q)
        factor = sp.Integer(n) ** (q - 1) if q < 1 else sp.Integer(1)  # (Σt)^q ≥ n^(q−1) Σ t^q (q ≤ 1)
        return [(factor * c**q, tuple(x * qf for x in v)) for c, v in inner]
    terms = []
    for t in sp.Add.make_args(_expand(fct)):
        m = _monomial_exponents(t, ctx)
        if m is None or not m[0].is_positive:
            raise CannotBound("the denominator is not a sum of non-negative terms", fct)
        terms.append(m)
    return terms


def _polynomial_form(p: sp.Expr, ctx: Ctx):
    """For a polynomial D: (E-terms, scale, note) with |D| ≥ scale·E near 0."""
    poly = sp.Poly(p, *ctx.xs)
    even: list = []
    rest: list = []
    for monom, c in poly.terms():
        (even if all(m % 2 == 0 for m in monom) else rest).append((c, tuple(Fraction(m) for m in monom)))
    if not even:
        raise CannotBound("the denominator has no even part", p)
    low = min(sum(v) for _, v in even)
    sign = sp.sign(next(c for c, v in even if sum(v) == low))
    support = [(c * sign, v) for c, v in even]
    if any(not c.is_positive for c, _ in support):
        raise CannotBound("the denominator changes sign near the point", p)
    if not rest:
        return support, sp.Integer(1), ("nonnegative", p, None)
    fixed, moving = sp.Integer(0), []
    for c, v in rest:
        cert = ps.amgm(v, support)
        if cert is None:
            raise CannotBound("a term of the denominator is not dominated", p)
        K, slack, _ = cert
        if sum(slack) == 0:
            fixed += abs(c) * K
        else:
            key = tuple(slack) + (Fraction(0), Fraction(0))
            moving.append({key: abs(c) * K})
    if not fixed < 1:
        raise CannotBound("the cross terms of the denominator are too large", p)
    room = sp.radsimp((1 - fixed) / 2 if moving else 1 - fixed)
    if moving:
        total: Bound = {}
        for m in moving:
            total = ps.add(total, m)
        ctx.constraints.append((total, room))
    return support, room, ("dominated", p, room)


# ---- the guard ------------------------------------------------------------------------

def spot_check(h: sp.Expr, L: sp.Expr, xs, g: sp.Expr, rho: sp.Expr, samples: int = 48) -> bool:
    """Evaluate |h − L| ≤ g(r) at seeded points with ρ/1000 ≤ r ≤ ρ (60 digits); False on a violation."""
    import mpmath

    seed = int(hashlib.sha256(sp.srepr(h).encode()).hexdigest()[:12], 16)
    rng = __import__("random").Random(seed)
    try:
        fh = sp.lambdify(xs, h - L, modules="mpmath")
        fg = sp.lambdify(R_SYMBOL, g, modules="mpmath")
    except Exception:
        return False
    with mpmath.workdps(60):
        for _ in range(samples):
            r = mpmath.mpf(float(rho)) * mpmath.mpf(10) ** (-rng.uniform(0, 3))
            direction = [rng.gauss(0, 1) for _ in xs]
            norm = sum(c * c for c in direction) ** 0.5 or 1.0
            pt = [r * mpmath.mpf(c / norm) for c in direction]
            try:
                val = fh(*pt)
            except (ZeroDivisionError, ValueError, TypeError):
                continue
            if isinstance(val, mpmath.mpc):
                if abs(val.imag) > mpmath.mpf(10) ** -40:
                    continue
                val = val.real
            bound = fg(r)
            if abs(val) > bound * (1 + mpmath.mpf(10) ** -20) + mpmath.mpf(10) ** -40:
                return False
    return True
