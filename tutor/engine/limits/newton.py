"""Families of approach paths worth trying, chosen from the shape of f.

Lines y = kx come first (with k symbolic). Curves y = k·x^p take their exponents
p from the Newton polygon of numerator and denominator: the p at which two terms
of the same polynomial, or the lowest terms of numerator and denominator,
have the same weighted order — the places where the balance of f can change.
When the lowest part of the denominator vanishes along y = k₀x^p, the path can
hug that curve: y = k₀x^p + c·x^j, j > p.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from math import gcd

import sympy as sp

from tutor.engine.limits.paths import T, Rational_

K = sp.Symbol("k", real=True)
C = sp.Symbol("c", real=True)
A3, B3 = sp.symbols("a b", real=True)


@dataclass(frozen=True)
class Family:
    """Paths coords(t; params) → 0; ``exponent`` p for y = k x^p (2-D), ``weights`` in 3-D."""

    coords: tuple[sp.Expr, ...]
    params: tuple[sp.Symbol, ...]
    kind: str  # "line", "curve", "hug", "line3", "curve3"
    exponent: sp.Rational | None = None
    hugged: tuple[sp.Expr, ...] | None = None  # the curve a "hug" family perturbs (c = 0)


def lines_2d() -> Family:
    return Family((T, K * T), (K,), "line", sp.Integer(1))


def curve_2d(p: sp.Rational) -> Family:
    """y = k x^p for p > 1 (x = t^n, y = k t^m), x = k y^(1/p) for p < 1."""
    m, n = int(p.p), int(p.q)
    if p > 1:
        return Family((T**n, K * T**m), (K,), "curve", p)
    return Family((K * T**n, T**m), (K,), "curve", p)


def newton_exponents(rat: Rational_, limit: int = 6) -> list[sp.Rational]:
    """Candidate p > 0, p ≠ 1, where a tie of weighted orders (weights 1, p) happens."""
    sP, sQ = rat.support("P"), rat.support("Q")
    pts = set(sP) | set(sQ)
    cands: set[Fraction] = set()
    for (a1, b1), (a2, b2) in product(pts, pts):
        if b1 != b2 and (a1 - a2) * (b2 - b1) > 0:
            cands.add(Fraction(a1 - a2, b2 - b1))
    keep = []
    for p in cands:
        if p == 1:
            continue
        oq = _orders(sQ, p)
        op = _orders(sP, p) if sP else None
        tie_q = oq.count(min(oq)) >= 2
        tie_p = op is not None and op.count(min(op)) >= 2
        balance = op is not None and min(op) == min(oq)
        if tie_q or tie_p or balance:
            keep.append(p)
    keep.sort(key=lambda p: (p.denominator + p.numerator, p))
    return [sp.Rational(p.numerator, p.denominator) for p in keep[:limit]]


def _orders(support, p: Fraction) -> list[Fraction]:
    return [a + p * b for a, b in support]


def denominator_lead(rat: Rational_, coords) -> sp.Expr:
    """The lowest coefficient of Q along the family (a polynomial in the parameters)."""
    sub = dict(zip(rat.xs, coords))
    B = sp.Poly(sp.expand(rat.Q.xreplace(sub)), T)
    if B.is_zero:
        return sp.Integer(0)
    return sorted(B.terms(), key=lambda mc: mc[0][0])[0][1]


def hugging(family: Family, k0: sp.Expr, extra: int = 4) -> list[Family]:
    """Paths y = k₀x^p + c·x^j (j = p+1/n, …) along the curve where Q's lowest part vanishes."""
    x_c, y_c = family.coords
    out = []
    if family.exponent is not None and family.exponent >= 1:
        n = sp.degree(x_c, T)
        m = sp.degree(y_c, T)
        base = (x_c, y_c.xreplace({K: k0}))
        for j in range(m + 1, m + 1 + extra):
            out.append(Family((x_c, base[1] + C * T**j), (C,), "hug", family.exponent, base))
    else:
        n = sp.degree(x_c, T)
        m = sp.degree(y_c, T)
        base = (x_c.xreplace({K: k0}), y_c)
        for j in range(n + 1, n + 1 + extra):
            out.append(Family((base[0] + C * T**j, y_c), (C,), "hug", family.exponent, base))
    return out


# ---- three variables --------------------------------------------------------------

def lines_3d() -> Family:
    return Family((T, A3 * T, B3 * T), (A3, B3), "line3")


def weights_3d(rat: Rational_, top: int = 3) -> list[tuple[int, int, int]]:
    """Weights w (not all equal) for which Q's lowest weighted part has two or more terms."""
    sQ = rat.support("Q")
    out: list[tuple[int, int, int]] = []
    for w in product(range(1, top + 1), repeat=3):
        if len(set(w)) == 1 or gcd(gcd(w[0], w[1]), w[2]) != 1:
            continue
        orders = [sum(wi * ai for wi, ai in zip(w, a)) for a in sQ]
        if orders.count(min(orders)) >= 2:
            out.append((w[0], w[1], w[2]))
    out.sort(key=lambda w: (sum(w), w))
    return out


def curve_3d(w: tuple[int, int, int]) -> Family:
    return Family((T ** w[0], A3 * T ** w[1], B3 * T ** w[2]), (A3, B3), "curve3")


CHOICES_1 = [sp.Integer(0), sp.Integer(1), sp.Integer(-1), sp.Integer(2), sp.Integer(-2),
             sp.Rational(1, 2), sp.Integer(3), sp.Rational(-1, 2)]
CHOICES_2 = [(sp.Integer(0), sp.Integer(0)), (sp.Integer(1), sp.Integer(1)), (sp.Integer(1), sp.Integer(0)),
             (sp.Integer(0), sp.Integer(1)), (sp.Integer(1), sp.Integer(-1)), (sp.Integer(-1), sp.Integer(1)),
             (sp.Integer(-1), sp.Integer(-1)), (sp.Integer(2), sp.Integer(1)), (sp.Integer(1), sp.Integer(2))]


def choices(family: Family) -> list[dict]:
    """Concrete parameter values to try, simplest first (0 gives an axis for lines)."""
    if len(family.params) == 1:
        vals = CHOICES_1 if family.kind != "hug" else CHOICES_1[1:]
        return [{family.params[0]: v} for v in vals]
    return [dict(zip(family.params, v)) for v in CHOICES_2]
