"""Upper bounds as sums of c·|x₁|^a₁⋯|x_d|^a_d · r^s · |log r|^l, and AM–GM certificates.

Near the point (translated to the origin) every bound the squeeze builds has this
shape, with exact coefficients c > 0 and exponents ≥ 0. Such a bound is increasing
in r, and with |x_i| ≤ r it becomes a function of r alone. ``amgm`` finds the
weighted AM–GM inequality |x|^a ≤ K·E·|x|^e that divides a monomial by a
denominator E = Σ c_i x^{v_i} of non-negative terms.
"""
from __future__ import annotations

from fractions import Fraction
from itertools import combinations

import sympy as sp

Key = tuple  # (a_1, ..., a_d, s, l) as Fractions
Bound = dict  # Key -> positive SymPy number


class CannotBound(Exception):
    """No bound of the supported shape was found for a piece of the expression."""

    def __init__(self, what: str, expr: sp.Expr | None = None):
        super().__init__(what)
        self.expr = expr


def expand_plain(e: sp.Expr) -> sp.Expr:
    """Expand products and integer powers, but keep exp(a + b) and (ab)^q whole."""
    return sp.expand(e, power_exp=False, power_base=False, log=False)


def frac(q) -> Fraction:
    q = sp.Rational(q)
    return Fraction(int(q.p), int(q.q))


def const(c, d: int) -> Bound:
    c = abs(sp.sympify(c, strict=True))
    return {} if c == 0 else {(Fraction(0),) * (d + 2): c}


def var(i: int, d: int) -> Bound:
    key = [Fraction(0)] * (d + 2)
    key[i] = Fraction(1)
    return {tuple(key): sp.Integer(1)}


def radius_power(s, d: int, logs: int = 0) -> Bound:
    key = [Fraction(0)] * (d + 2)
    key[d], key[d + 1] = frac(s), Fraction(logs)
    return {tuple(key): sp.Integer(1)}


def add(a: Bound, b: Bound) -> Bound:
    out = dict(a)
    for k, c in b.items():
        out[k] = out.get(k, 0) + c
    return out


def scale(a: Bound, c) -> Bound:
    c = abs(sp.sympify(c, strict=True))
    return {} if c == 0 else {k: v * c for k, v in a.items()}


def mul(a: Bound, b: Bound) -> Bound:
    out: Bound = {}
    for ka, ca in a.items():
        for kb, cb in b.items():
            k = tuple(x + y for x, y in zip(ka, kb))
            out[k] = out.get(k, 0) + ca * cb
    return out


def power(a: Bound, q) -> Bound:
    """A bound for |u|^q from |u| ≤ a: expand for integers; sub-additivity or power mean otherwise."""
    q = sp.Rational(q)
    if q < 0:
        raise CannotBound("a negative power needs a lower bound")
    if q == 0:
        return const(1, len(next(iter(a))) - 2) if a else {}
    if q.is_Integer:
        out = a
        for _ in range(int(q) - 1):
            out = mul(out, a)
        return out
    n = len(a)
    factor = sp.Integer(1) if q <= 1 else sp.Integer(n) ** (q - 1)  # (Σt)^q ≤ n^(q-1) Σ t^q for q > 1
    return {tuple(x * frac(q) for x in k): factor * c ** q for k, c in a.items()}


def is_zero_bound(a: Bound) -> bool:
    return not a


def radial(a: Bound, r: sp.Symbol) -> sp.Expr:
    """The bound as a function of r, using |x_i| ≤ r (valid for r < 1 when logs appear)."""
    terms = []
    for k, c in a.items():
        e = sum(k[:-1], Fraction(0))
        logs = k[-1]
        term = c * r ** sp.Rational(e.numerator, e.denominator)
        if logs:
            term *= (-sp.log(r)) ** sp.Rational(logs.numerator, logs.denominator)
        terms.append(term)
    return sp.Add(*terms)


def radial_exponents(a: Bound) -> list[tuple[Fraction, Fraction]]:
    """(power of r, power of |log r|) of each term after |x_i| ≤ r."""
    return [(sum(k[:-1], Fraction(0)), k[-1]) for k in a]


def tends_to_zero(a: Bound) -> bool:
    """Every term is r^e |log r|^l with e > 0 (or the bound is 0)."""
    return all(e > 0 for e, _ in radial_exponents(a))


def value_at(a: Bound, rho: sp.Expr) -> sp.Expr:
    r = sp.Symbol("r", positive=True)
    return radial(a, r).subs(r, rho)


def monomial_expr(key: Key, xs: tuple[sp.Symbol, ...], r: sp.Symbol) -> sp.Expr:
    """|x|^a r^s |log r|^l as a SymPy expression (for explanations)."""
    d = len(xs)
    out = sp.Integer(1)
    for i in range(d):
        if key[i]:
            out *= sp.Abs(xs[i]) ** sp.Rational(key[i].numerator, key[i].denominator)
    if key[d]:
        out *= r ** sp.Rational(key[d].numerator, key[d].denominator)
    if key[d + 1]:
        out *= sp.Abs(sp.log(r)) ** sp.Rational(key[d + 1].numerator, key[d + 1].denominator)
    return out


def as_expr(a: Bound, xs: tuple[sp.Symbol, ...], r: sp.Symbol) -> sp.Expr:
    return sp.Add(*(c * monomial_expr(k, xs, r) for k, c in a.items()))


# ---- AM–GM -------------------------------------------------------------------------

def amgm(a: tuple[Fraction, ...], support: list[tuple[sp.Expr, tuple[Fraction, ...]]]):
    """Weights λ on terms c_i·|x|^{v_i} of E with Σλ_i v_i ≤ a, maximising the slack.

    Then, by AM–GM with weights λ_i applied to the numbers (c_i/λ_i)|x|^{v_i},
    |x|^a = Π(|x|^{v_i})^{λ_i} · |x|^e ≤ Π(λ_i/c_i)^{λ_i} · (Σ c_i |x|^{v_i}) · |x|^e ≤ K·E·|x|^e
    with K = Π(λ_i/c_i)^{λ_i} and e = a − Σλ_i v_i ≥ 0. Returns (K, e, {i: λ_i}) or None.
    """
    d = len(a)
    best = None
    n = len(support)
    for size in range(1, min(d + 1, n) + 1):
        for S in combinations(range(n), size):
            for active in combinations(range(d), size - 1):
                lam = _solve_weights([support[i][1] for i in S], a, active)
                if lam is None:
                    continue
                point = [sum(l * support[i][1][j] for l, i in zip(lam, S)) for j in range(d)]
                if any(point[j] > a[j] for j in range(d)):
                    continue
                slack = tuple(a[j] - point[j] for j in range(d))
                score = (sum(slack), -size)
                if best is None or score > best[0]:
                    weights = {i: l for i, l in zip(S, lam) if l > 0}
                    best = (score, slack, weights)
    if best is None:
        return None
    _, slack, weights = best
    K = sp.Integer(1)
    for i, l in weights.items():
        lam = sp.Rational(l.numerator, l.denominator)
        K *= (lam / support[i][0]) ** lam
    return K, slack, weights


def _solve_weights(vs: list[tuple[Fraction, ...]], a, active) -> list[Fraction] | None:
    """λ ≥ 0 with Σλ = 1 and Σλ v[j] = a[j] for j in ``active`` (square system)."""
    m = len(vs)
    rows = [[Fraction(1)] * m + [Fraction(1)]]
    for j in active:
        rows.append([v[j] for v in vs] + [a[j]])
    # Gaussian elimination on an m x m system
    for col in range(m):
        piv = next((r for r in range(col, m) if rows[r][col] != 0), None)
        if piv is None:
            return None
        rows[col], rows[piv] = rows[piv], rows[col]
        p = rows[col][col]
        rows[col] = [x / p for x in rows[col]]
        for r in range(m):
            if r != col and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[col])]
    lam = [rows[i][m] for i in range(m)]
    if any(l < 0 for l in lam):
        return None
    return lam
