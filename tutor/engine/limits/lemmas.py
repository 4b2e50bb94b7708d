"""Standard inequalities, as data: Taylor polynomials with a bound on the remainder.

Each :class:`Lemma` says F(u) = T(u) + R with |R| ≤ C·|u|^m whenever |u| ≤ δ
(δ = None: for every real u). Level 0 is the crude bound (|sin u| ≤ |u|,
|1 − cos u| ≤ u²/2, …); higher levels keep more Taylor terms, so that
cancellations such as sin u − u can be seen. The constants are the Lagrange
remainder bounds; tests check every entry numerically.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import sympy as sp

U = sp.Symbol("u", real=True)


@dataclass(frozen=True)
class Lemma:
    key: str  # e.g. "sin-1"
    name: str  # what F is, for explanations: "sin u"
    head: Callable[[sp.Expr], sp.Expr]  # F(u)
    taylor: sp.Expr  # T(u), a polynomial in U
    C: sp.Expr
    m: sp.Rational
    delta: sp.Expr | None = None

    def statement(self, u: sp.Expr = U) -> sp.Expr:
        """|F(u) − T(u)| ≤ C|u|^m as a SymPy relation (printed by the renderers)."""
        t = self.taylor.subs(U, u)
        inner = self.head(u) if t == 0 else sp.Add(self.head(u), -t, evaluate=False)
        lhs = sp.Abs(inner, evaluate=False)
        return sp.Le(lhs, self.C * sp.Abs(u) ** self.m, evaluate=False)

    def condition(self, u: sp.Expr = U) -> sp.Expr | None:
        return None if self.delta is None else sp.Le(sp.Abs(u), self.delta, evaluate=False)


def _L(key, name, head, taylor, C, m, delta=None) -> Lemma:
    return Lemma(key, name, head, sp.sympify(taylor, strict=True), sp.sympify(C, strict=True), sp.Rational(m),
                 None if delta is None else sp.sympify(delta, strict=True))


_u = U
LEMMAS: dict[str, list[Lemma]] = {
    "sin": [_L("sin-0", "sin u", sp.sin, 0, 1, 1),
            _L("sin-1", "sin u", sp.sin, _u, sp.Rational(1, 6), 3),
            _L("sin-2", "sin u", sp.sin, _u - _u**3 / 6, sp.Rational(1, 120), 5)],
    "cos": [_L("cos-0", "cos u", sp.cos, 1, sp.Rational(1, 2), 2),
            _L("cos-1", "cos u", sp.cos, 1 - _u**2 / 2, sp.Rational(1, 24), 4),
            _L("cos-2", "cos u", sp.cos, 1 - _u**2 / 2 + _u**4 / 24, sp.Rational(1, 720), 6)],
    "exp": [_L("exp-0", "e^u", sp.exp, 1, sp.E, 1, 1),
            _L("exp-1", "e^u", sp.exp, 1 + _u, sp.E / 2, 2, 1),
            _L("exp-2", "e^u", sp.exp, 1 + _u + _u**2 / 2, sp.E / 6, 3, 1)],
    "log1p": [_L("log1p-0", "log(1 + u)", lambda u: sp.log(1 + u), 0, 2, 1, sp.Rational(1, 2)),
              _L("log1p-1", "log(1 + u)", lambda u: sp.log(1 + u), _u, 2, 2, sp.Rational(1, 2)),
              _L("log1p-2", "log(1 + u)", lambda u: sp.log(1 + u), _u - _u**2 / 2, sp.Rational(8, 3), 3,
                 sp.Rational(1, 2))],
    "atan": [_L("atan-0", "atan u", sp.atan, 0, 1, 1),
             _L("atan-1", "atan u", sp.atan, _u, sp.Rational(1, 3), 3)],
    "tan": [_L("tan-0", "tan u", sp.tan, 0, 2, 1, 1),
            _L("tan-1", "tan u", sp.tan, _u, 1, 3, 1)],
    "sinh": [_L("sinh-0", "sinh u", sp.sinh, 0, 2, 1, 1),
             _L("sinh-1", "sinh u", sp.sinh, _u, sp.Rational(1, 5), 3, 1)],
    "cosh": [_L("cosh-0", "cosh u", sp.cosh, 1, 1, 2, 1),
             _L("cosh-1", "cosh u", sp.cosh, 1 + _u**2 / 2, sp.Rational(1, 20), 4, 1)],
    "asin": [_L("asin-0", "asin u", sp.asin, 0, 2, 1, 1),
             _L("asin-1", "asin u", sp.asin, _u, 1, 3, 1)],
}

_FUNC_KEY = {sp.sin: "sin", sp.cos: "cos", sp.exp: "exp", sp.atan: "atan", sp.tan: "tan",
             sp.sinh: "sinh", sp.cosh: "cosh", sp.asin: "asin"}


def binomial_lemma(q: sp.Rational, level: int) -> Lemma:
    """(1 + u)^q for |u| ≤ 1/2: Taylor to order ``level``, Lagrange remainder."""
    q = sp.Rational(q)
    n = level + 1  # remainder order
    coeff = sp.Integer(1)
    taylor = sp.Integer(0)
    for j in range(n):
        taylor += coeff * _u**j
        coeff = coeff * (q - j) / (j + 1)
    # |R| ≤ |binom(q, n)| · max over |ξ| ≤ 1/2 of (1 + ξ)^(q − n) · |u|^n
    worst = sp.Max(sp.Rational(1, 2) ** (q - n), sp.Rational(3, 2) ** (q - n))
    C = sp.nsimplify(abs(coeff) * worst)
    return Lemma(f"pow{q}-{level}", f"(1 + u)^{q}", lambda u: (1 + u) ** q, sp.expand(taylor), C,
                 sp.Integer(n), sp.Rational(1, 2))


def lemma_for(func, level: int) -> Lemma | None:
    key = _FUNC_KEY.get(func)
    if key is None:
        return None
    table = LEMMAS[key]
    return table[min(level, len(table) - 1)]


def log1p_lemma(level: int) -> Lemma:
    table = LEMMAS["log1p"]
    return table[min(level, len(table) - 1)]


def all_lemmas() -> list[Lemma]:
    out = [lem for table in LEMMAS.values() for lem in table]
    for q in (sp.Rational(1, 2), sp.Rational(-1, 2), sp.Rational(1, 3), sp.Rational(3, 2), sp.Integer(-1)):
        out += [binomial_lemma(q, lv) for lv in range(3)]
    return out
