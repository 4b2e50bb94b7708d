"""Exact real algebraic points: a root of an irreducible polynomial plus coordinate polynomials.

A zero-dimensional polynomial system is solved into this "primitive element"
form: t is the root of ``minpoly`` isolated in ``(low, high)`` and coordinate i
is ``coords[i](t)``. Zero tests become polynomial remainders mod ``minpoly``
(exact), and signs come from interval bounds on a refined isolating interval,
so no decision rests on a floating-point guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import sympy as sp

T = sp.Symbol("_t")  # the primitive element; user variables never start with "_"

_MAX_REFINE = 200


@dataclass(frozen=True)
class Sign:
    """A sign decision and how it was reached (the words live in the renderer)."""

    sign: int | None  # -1, 0, 1; None = undecided
    how: str  # "exact" | "interval" | "numeric" | "numeric-zero" | "undecided"
    approx: float | None = None

    @property
    def certain(self) -> bool:
        return self.sign is not None and self.how in ("exact", "interval", "numeric")


@dataclass(frozen=True)
class AlgebraicPoint:
    """Real point: t = the root of ``minpoly`` in (low, high); x_i = coords[i](t)."""

    minpoly: sp.Expr
    coords: tuple[sp.Expr, ...]
    low: sp.Rational
    high: sp.Rational

    @property
    def degree(self) -> int:
        return sp.degree(self.minpoly, T)

    def poly(self) -> sp.Poly:
        return sp.Poly(self.minpoly, T, domain="QQ")

    def root(self) -> sp.Expr:
        """t itself: a rational, a quadratic surd, or a CRootOf."""
        m = self.poly()
        if m.degree() == 1:
            c = m.all_coeffs()
            return sp.Rational(-c[1], c[0])
        for r in sp.real_roots(m):
            if self.low <= r.evalf(30) <= self.high:
                return r
        raise ArithmeticError("isolating interval holds no root")  # pragma: no cover

    def refined(self, width: sp.Rational) -> AlgebraicPoint:
        if self.degree == 1 or self.high - self.low <= width:
            return self
        lo, hi = _refine(self.minpoly, self.low, self.high, sp.Rational(width))
        return AlgebraicPoint(self.minpoly, self.coords, lo, hi)

    def approx(self, digits: int = 15) -> tuple[sp.Float, ...]:
        """Coordinates as Floats correct to about ``digits`` significant digits."""
        if self.degree == 1:
            t0 = self.root()
            return tuple(sp.Float(c.subs(T, t0), digits) for c in self.coords)
        scale = max(1, int(abs(float(self.high))) + 1)
        p = self.refined(sp.Rational(1, 10 ** (digits + 5)) / scale)
        mid = (p.low + p.high) / 2
        return tuple(sp.Float(sp.Rational(c.subs(T, mid)), digits) for c in self.coords)

    def reduce(self, expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> tuple[sp.Poly, sp.Poly] | None:
        """A rational function of the variables at this point, as (num, den) mod minpoly; None if not rational."""
        parts = _fraction(sp.sympify(expr), tuple(variables))
        if parts is None:
            return None
        m = self.poly()
        powers: dict = {}
        coords = [sp.Poly(c, T, domain="QQ").rem(m) for c in self.coords]
        return _compose(parts[0], coords, m, powers), _compose(parts[1], coords, m, powers)

    def is_zero(self, expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> bool | None:
        red = self.reduce(expr, variables)
        if red is None:
            return None
        return red[0].is_zero

    def sign(self, expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> Sign | None:
        """Exact sign of a rational function at this point; None if ``expr`` is not rational."""
        red = self.reduce(expr, variables)
        if red is None:
            return None
        num, den = red
        if num.is_zero:
            return Sign(0, "exact", 0.0)
        if den.is_zero:  # pragma: no cover - callers check the domain first
            return Sign(None, "undecided")
        s = self._poly_sign(num) * self._poly_sign(den)
        how = "exact" if self.degree == 1 else "interval"
        return Sign(s, how, float(sp.Float(self._value(num) / self._value(den), 17)))

    def _value(self, p: sp.Poly) -> sp.Rational:
        if self.degree == 1:
            return sp.Rational(p.eval(self.root()))
        q = self.refined(sp.Rational(1, 10 ** 20))
        return sp.Rational(p.eval((q.low + q.high) / 2))

    def _poly_sign(self, p: sp.Poly) -> int:
        """Sign of p(t0) for p not divisible by minpoly: exact for rational t0, else interval bounds."""
        if self.degree == 1:
            return int(sp.sign(p.eval(self.root())))
        coeffs = [Fraction(int(c.p), int(c.q)) for c in (sp.Rational(a) for a in p.all_coeffs())]
        width = sp.Rational(1, 10 ** 12)
        point = self.refined(width)
        for _ in range(_MAX_REFINE):
            lo, hi = Fraction(int(point.low.p), int(point.low.q)), Fraction(int(point.high.p), int(point.high.q))
            s = _interval_sign(coeffs, lo, hi)
            if s:
                return s
            width = width / 16
            point = point.refined(width)
        raise ArithmeticError("sign could not be separated from zero")  # pragma: no cover


@lru_cache(maxsize=1024)
def _refine(minpoly: sp.Expr, low: sp.Rational, high: sp.Rational, width: sp.Rational) -> tuple[sp.Rational, sp.Rational]:
    """A sub-interval of width <= ``width`` holding the root: located with mpmath, then proved by an exact
    sign change of the minimal polynomial at its rational ends (the old interval isolates the root)."""
    import mpmath

    poly = sp.Poly(minpoly, T, domain="QQ")
    digits = int(-sp.log(width, 10).evalf()) + 15
    try:
        with mpmath.workdps(digits):
            coeffs = [mpmath.mpf(c.p) / c.q for c in map(sp.Rational, poly.all_coeffs())]
            f = lambda t: mpmath.polyval(coeffs, t)  # noqa: E731
            r = mpmath.findroot(f, (mpmath.mpf(low.p) / low.q, mpmath.mpf(high.p) / high.q), solver="anderson")
            a = max(low, sp.Rational(mpmath.nstr(r - mpmath.mpf(width.p) / width.q / 2, digits)))
            b = min(high, sp.Rational(mpmath.nstr(r + mpmath.mpf(width.p) / width.q / 2, digits)))
        fa, fb = poly.eval(a), poly.eval(b)
        if a < b and fa * fb < 0:
            return a, b
    except (ValueError, ZeroDivisionError, ArithmeticError):
        pass
    lo, hi = poly.refine_root(low, high, eps=width)
    return sp.Rational(lo), sp.Rational(hi)


@lru_cache(maxsize=512)
def _fraction(expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> tuple[sp.Poly, sp.Poly] | None:
    """expr = num/den with polynomials over Q in the variables, or None."""
    num, den = sp.fraction(sp.together(expr))
    try:
        return sp.Poly(num, *variables, domain="QQ"), sp.Poly(den, *variables, domain="QQ")
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsNeeded):
        return None


def _compose(P: sp.Poly, coords: list[sp.Poly], m: sp.Poly, powers: dict) -> sp.Poly:
    """P(coords(t)) mod m(t), with powers of each coordinate reduced as they are built."""
    total = sp.Poly(0, T, domain="QQ")
    for monom, coeff in P.terms():
        term = sp.Poly(coeff, T, domain="QQ")
        for i, e in enumerate(monom):
            if e:
                term = (term * _power(coords, i, e, m, powers)).rem(m)
        total += term
    return total.rem(m)


def _power(coords, i: int, e: int, m: sp.Poly, powers: dict) -> sp.Poly:
    key = (i, e)
    if key not in powers:
        powers[key] = coords[i] if e == 1 else (_power(coords, i, e - 1, m, powers) * coords[i]).rem(m)
    return powers[key]


def _interval_sign(coeffs: list[Fraction], lo: Fraction, hi: Fraction) -> int:
    """Sign of the polynomial on [lo, hi] if it is constant there (Taylor bound at the midpoint), else 0."""
    c, r = (lo + hi) / 2, (hi - lo) / 2
    shifted = _taylor_shift(coeffs, c)  # shifted[k] = coefficient of s^k in p(c + s)
    value = shifted[0]
    bound = sum(abs(a) * r ** k for k, a in enumerate(shifted) if k)
    if abs(value) > bound:
        return 1 if value > 0 else -1
    return 0


def _taylor_shift(coeffs: list[Fraction], c: Fraction) -> list[Fraction]:
    """Coefficients (low to high) of p(c + s), from p's coefficients (high to low)."""
    out = list(coeffs)
    n = len(out)
    for i in range(n - 1):  # repeated synthetic division
        for j in range(1, n - i):
            out[j] += c * out[j - 1]
    return out[::-1]


def exact_coordinates(point: AlgebraicPoint, max_ops: int = 40) -> tuple[sp.Expr, ...] | None:
    """Closed forms (rationals or radicals) for the coordinates, or None when only a float is readable."""
    m = point.poly()
    d = m.degree()
    if d == 1:
        t0 = point.root()
        return tuple(sp.Rational(c.subs(T, t0)) for c in point.coords)
    if d > 4:
        return None
    t0 = _radical_root(point, m, max_ops)
    if t0 is None:
        return None
    out = []
    for c in point.coords:
        v = sp.radsimp(sp.expand(c.subs(T, t0)))
        if sp.count_ops(v) > max_ops or v.has(sp.I):
            return None
        out.append(v)
    return tuple(out)


def _radical_root(point: AlgebraicPoint, m: sp.Poly, max_ops: int) -> sp.Expr | None:
    if m.degree() == 2:
        candidates = sp.real_roots(m)
    else:  # Cardano/Ferrari forms are only worth showing when short and free of I
        found = sp.roots(m, cubics=True, quartics=True)
        candidates = [r for r in found if sp.count_ops(r) <= max_ops and not r.has(sp.I)]
    for r in candidates:
        value = r.evalf(40)
        # a radical without I can still be complex (the principal cube root of a negative)
        if value.is_extended_real is not True:
            continue
        if point.low <= value <= point.high:
            return r
    return None
