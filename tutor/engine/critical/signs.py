"""Sign decisions that never mistake "unknown" for "zero".

SymPy's assumptions answer ``None`` when they cannot tell; that is resolved by
evaluation to 30 significant digits with SymPy's error-tracking ``evalf``
(``strict=True`` refuses to return digits it cannot vouch for). A value that
cannot be separated from zero is then proved zero symbolically or reported as
"zero to 60 digits", which callers treat as inconclusive rather than certain.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.core.evalf import PrecisionExhausted

from tutor.engine.critical.algebraic import AlgebraicPoint, Sign

DIGITS = 30


def decide_sign(value: sp.Expr) -> Sign:
    """The sign of a closed-form real number, and how it was established."""
    value = sp.sympify(value)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.DiracDelta, sp.Derivative) or not value.is_number:
        return Sign(None, "undecided")  # e.g. the "second derivative" of |x| at 0: no number to sign
    if value.is_zero:
        return Sign(0, "exact", 0.0)
    if value.is_positive:
        return Sign(1, "exact", _float(value))
    if value.is_negative:
        return Sign(-1, "exact", _float(value))
    try:
        v = value.evalf(DIGITS, strict=True, maxn=200)
    except PrecisionExhausted:
        v = None
    except (TypeError, ValueError):  # pragma: no cover - non-numeric input
        return Sign(None, "undecided")
    if v is not None and v.is_number:
        re, im = v.as_real_imag()
        if im != 0 and abs(im) > abs(re) * sp.Float(10) ** -(DIGITS - 5):
            return Sign(None, "undecided")
        if re != 0:
            return Sign(1 if re > 0 else -1, "numeric", float(re))
    if _proves_zero(value):
        return Sign(0, "exact", 0.0)
    high = value.evalf(60, chop=sp.Float(10) ** -60)
    if high == 0 or abs(high) < sp.Float(10) ** -55:
        return Sign(0, "numeric-zero", 0.0)
    return Sign(None, "undecided")


def _proves_zero(value: sp.Expr) -> bool:
    try:
        if sp.simplify(value) == 0:
            return True
        return bool(value.equals(0))
    except (TypeError, ValueError, NotImplementedError):  # pragma: no cover
        return False


def _float(value: sp.Expr) -> float | None:
    try:
        return float(value.evalf(17))
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class PointSigns:
    """Decides signs of expressions in the variables at one point, by the most exact route available."""

    variables: tuple[sp.Symbol, ...]
    exact: Mapping[sp.Symbol, sp.Expr] | None
    approx: Sequence[sp.Float]
    algebraic: AlgebraicPoint | None = None

    def at(self, expr: sp.Expr) -> sp.Expr:
        """The value of ``expr`` here: exact when the point is, else a 30-digit Float."""
        if self.exact is not None:
            return sp.sympify(expr).subs(dict(self.exact))
        return sp.sympify(expr).subs(dict(zip(self.variables, self.approx))).evalf(DIGITS)

    def sign(self, expr: sp.Expr) -> Sign:
        expr = sp.sympify(expr)
        memo = self._memo()
        if expr in memo:
            return memo[expr]
        memo[expr] = result = self._sign(expr)
        return result

    def _memo(self) -> dict:
        memo = self.__dict__.get("_signs")
        if memo is None:
            memo = {}
            object.__setattr__(self, "_signs", memo)
        return memo

    def _sign(self, expr: sp.Expr) -> Sign:
        if not expr.free_symbols & set(self.variables):
            return decide_sign(expr) if self.exact is not None or expr.is_number else Sign(None, "undecided")
        if self.algebraic is not None:
            s = self.algebraic.sign(expr, self.variables)
            if s is not None:
                return s
        if self.exact is not None:
            return decide_sign(self.at(expr))
        return numeric_sign(self.at(expr))


def numeric_sign(value: sp.Expr, tolerance: float = 1e-18) -> Sign:
    """Sign of a value computed at a numerically located point (known to about 30 digits)."""
    try:
        v = complex(value)
    except (TypeError, ValueError):
        return Sign(None, "undecided")
    if abs(v.imag) > 1e-12 * max(1.0, abs(v.real)):
        return Sign(None, "undecided")
    if abs(v.real) <= tolerance:
        return Sign(0, "numeric-zero", 0.0)
    return Sign(1 if v.real > 0 else -1, "numeric", v.real)
