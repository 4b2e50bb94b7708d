"""Set up the gradient system: numerators, denominators, and factors that can never vanish.

Dropping exp(...) and positive factors turns x*exp(-x^2-y^2) or log(x^4+x^3+2)
into polynomial systems, which are then solved exactly; what was dropped is
kept for the explanation.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class GradientSystem:
    gradient: tuple[sp.Expr, ...]
    equations: tuple[sp.Expr, ...]  # one per component: the part that can vanish (numerator)
    denominators: tuple[sp.Expr, ...]
    dropped: tuple[sp.Expr, ...]  # factors that are never zero
    rational: bool  # every equation a polynomial with rational coefficients


def gradient_system(f: sp.Expr, variables: tuple[sp.Symbol, ...]) -> GradientSystem:
    real = {v: sp.Dummy(v.name, real=True) for v in variables}
    gradient = real_gradient(f, variables)
    equations, denominators, dropped = [], [], []
    for g in gradient:
        num, den = sp.fraction(sp.together(g))
        kept = []
        for factor in sp.Mul.make_args(sp.factor_terms(num)):
            base = factor.base if factor.is_Pow and factor.exp.is_positive else factor
            if _never_zero(base, real, variables):
                if base.free_symbols & set(variables) and base not in dropped:
                    dropped.append(base)
                continue
            kept.append(base)
        equations.append(sp.expand(sp.Mul(*kept)) if kept else sp.Integer(1))
        if den.free_symbols & set(variables):
            for factor in sp.Mul.make_args(sp.factor_terms(den)):
                base = factor.base if factor.is_Pow else factor
                if base.free_symbols & set(variables) and not _never_zero(base, real, variables):
                    denominators.append(base)
    denominators += _denominators_of(f, variables)
    rational = all(_is_rational_poly(e, variables) for e in equations)
    return GradientSystem(gradient, tuple(equations), tuple(dict.fromkeys(denominators)), tuple(dropped), rational)


def real_gradient(f: sp.Expr, variables: tuple[sp.Symbol, ...]) -> tuple[sp.Expr, ...]:
    """∂f/∂v with the variables taken real: d|x|/dx = sign(x), not an expression in re(x) and im(x).

    (Where the argument of |·| vanishes the derivative does not exist; ``singular`` finds those points.)
    """
    if not needs_real(f):
        return tuple(sp.diff(f, v) for v in variables)
    real = {v: sp.Dummy(v.name, real=True) for v in variables}
    back = {d: v for v, d in real.items()}
    fr = f.xreplace(real)
    return tuple(sp.diff(fr, real[v]).xreplace(back) for v in variables)


def needs_real(f: sp.Expr) -> bool:
    """|·| or sign in f: its derivatives need the variables declared real (else re/im parts appear)."""
    return f.has(sp.Abs, sp.sign)


def _never_zero(factor: sp.Expr, real: dict, variables) -> bool:
    if not factor.free_symbols & set(variables):
        return factor != 0
    if isinstance(factor, sp.exp):
        return bool(factor.args[0].subs(real).is_extended_real)
    r = factor.subs(real)
    return bool(r.is_positive or r.is_negative)


def _denominators_of(f: sp.Expr, variables) -> list[sp.Expr]:
    den = sp.fraction(sp.together(f))[1]
    out = []
    for factor in sp.Mul.make_args(sp.factor_terms(den)):
        base = factor.base if factor.is_Pow else factor
        if base.free_symbols & set(variables) and base.is_polynomial(*variables):
            out.append(sp.expand(base))
    return out


def _is_rational_poly(e: sp.Expr, variables) -> bool:
    if not e.is_polynomial(*variables):
        return False
    if e.free_symbols - set(variables):
        return False
    try:
        poly = sp.Poly(e, *variables)
    except sp.PolynomialError:
        return False
    return poly.domain.is_ZZ or poly.domain.is_QQ
