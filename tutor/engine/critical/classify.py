"""The second-derivative test with exact sign decisions.

Two variables use the course's D = f_xx f_yy - f_xy^2 and f_xx; one variable
uses f''; three or more count eigenvalue signs exactly with Descartes' rule on
the characteristic polynomial (exact because a symmetric matrix has real
eigenvalues), and show the leading principal minors.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, cast

import sympy as sp

from tutor.engine.critical.algebraic import Sign
from tutor.engine.critical.records import Quantity, SecondDerivativeTest, kind_of
from tutor.engine.critical.signs import PointSigns
from tutor.engine.critical.system import needs_real


@dataclass(frozen=True)
class HessianForms:
    """The symbolic pieces of the test, computed once per function and reused at every point."""

    variables: tuple[sp.Symbol, ...]
    hessian: sp.ImmutableMatrix
    named: tuple[tuple[str, sp.Expr], ...]  # ("D", ...), ("f_xx", ...), or minors
    char_coeffs: tuple[sp.Expr, ...]  # e_1 .. e_n: sums of principal minors

    @classmethod
    def of(cls, f: sp.Expr, variables: tuple[sp.Symbol, ...]) -> HessianForms:
        if needs_real(f):  # d|x|/dx = sign(x), not an expression in re(x) and im(x)
            real = {v: sp.Dummy(v.name, real=True) for v in variables}
            back = {d: v for v, d in real.items()}
            H = sp.ImmutableMatrix(sp.hessian(f.xreplace(real), [real[v] for v in variables]).xreplace(back))
        else:
            H = sp.ImmutableMatrix(sp.hessian(f, variables))
        n = len(variables)
        names = [v.name for v in variables]
        if n == 1:
            named: tuple[tuple[str, Any], ...] = ((f"f''({names[0]})", H[0, 0]),)
        elif n == 2:
            D = H[0, 0] * H[1, 1] - H[0, 1] ** 2
            named = (("D", D), (f"f_{names[0]}{names[0]}", H[0, 0]))
        else:
            named = tuple((f"Δ{k}", H[:k, :k].det(method="berkowitz")) for k in range(1, n + 1))
        coeffs = []
        for k in range(1, n + 1):
            total = sp.Integer(0)
            for idx in itertools.combinations(range(n), k):
                total += H.extract(list(idx), list(idx)).det(method="berkowitz")
            coeffs.append(total)
        return cls(variables, H, named, tuple(coeffs))


def second_derivative_test(forms: HessianForms, signs: PointSigns) -> SecondDerivativeTest:
    """Classify by the Hessian at the point; never treats an undecided sign as zero."""
    H = sp.ImmutableMatrix(forms.hessian.applyfunc(signs.at))
    n = len(forms.variables)
    quantities = tuple(Quantity(name, formula, _show(signs.at(formula)), signs.sign(formula))
                       for name, formula in forms.named)
    counts = _eigen_signs(forms, signs, quantities)
    if counts is None:
        return SecondDerivativeTest(H, quantities, None, None, None, _eigenvalues(H), "inconclusive")
    pos, neg, zero = counts
    if n == 2:  # the course's reading: D > 0 and f_xx decide; D < 0 saddle; D = 0 inconclusive
        kind = _course_kind(cast(int, quantities[0].sign.sign), cast(int, quantities[1].sign.sign), pos, neg, zero)
    else:
        kind = kind_of(pos, neg, zero)
    return SecondDerivativeTest(H, quantities, pos, neg, zero, _eigenvalues(H), kind)


def _course_kind(D: int, fxx: int, pos: int, neg: int, zero: int) -> str:
    if D > 0:
        return "minimum" if fxx > 0 else "maximum"
    if D < 0:
        return "saddle"
    return kind_of(pos, neg, zero)


def _eigen_signs(forms: HessianForms, signs: PointSigns,
                 quantities: tuple[Quantity, ...]) -> tuple[int, int, int] | None:
    """(positive, negative, zero) eigenvalue counts, or None if some coefficient's sign is undecided."""
    n = len(forms.variables)
    if n == 1:
        s = quantities[0].sign
        if not _usable(s):
            return None
        sign = cast(int, s.sign)  # usable: decided
        return (int(sign > 0), int(sign < 0), int(sign == 0))
    e = []  # char poly: λ^n - e1 λ^(n-1) + e2 λ^(n-2) - ...
    for c in forms.char_coeffs:
        s = signs.sign(c)
        if not _usable(s):
            return None
        e.append(s.sign)
    coeff_signs = [1] + [(-1) ** (k + 1) * e[k] for k in range(n)]  # p(λ) coefficients, high to low
    zero = 0
    while coeff_signs and coeff_signs[-1] == 0:
        coeff_signs.pop()
        zero += 1
    pos = _variations(coeff_signs)
    m = len(coeff_signs) - 1
    neg = _variations([s * (-1) ** (m - i) for i, s in enumerate(coeff_signs)])
    return pos, neg, zero


def _usable(s: Sign) -> bool:
    return s.sign is not None


def _variations(signs: list[int]) -> int:
    nz = [s for s in signs if s != 0]
    return sum(1 for a, b in zip(nz, nz[1:]) if a != b)


def _show(value: sp.Expr) -> sp.Expr:
    """A readable form of an exact value (radicals combined); Floats pass through."""
    if isinstance(value, sp.Float) or value.has(sp.Float) or value.has(sp.CRootOf):
        return value
    try:
        return sp.radsimp(sp.nsimplify(value)) if value.is_algebraic and sp.count_ops(value) > 8 else value
    except (TypeError, ValueError, NotImplementedError):  # pragma: no cover
        return value


def _eigenvalues(H: sp.ImmutableMatrix) -> tuple[sp.Expr, ...] | None:
    """Exact eigenvalues when they are small (diagonal, or 2x2 with readable radicals)."""
    if H.has(sp.Float) or H.has(sp.CRootOf):
        return None
    if H.is_diagonal():
        return tuple(H[i, i] for i in range(H.rows))
    if H.rows == 2:
        ev = []
        for val, mult in sp.Matrix(H).eigenvals().items():
            val = sp.radsimp(val)
            if sp.count_ops(val) > 25:
                return None
            ev += [val] * mult
        return tuple(sorted(ev, key=lambda v: float(v.evalf())))
    return None
