"""The derivatives an antiderivative is checked with, as SymPy builds them with every name real.

With real names, d|x|/dx is sign(x) and d|kx|/dx has no im(k); but real names cost most of a
cold check, since every step of ``sp.diff`` asks their assumptions. Most answers do not need
them: for an expression that is ``real_blind``, SymPy builds the same derivative with plain
names, and a direct chain rule over SymPy's own rules (``fdiff``, Mul, Pow) builds it without
the assumption queries of ``diff``'s driver. Anything else takes the real path.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import sympy as sp

from grader.numeric.evaluate import Unsupported, evaluate, free

# heads whose evaluation and derivative SymPy builds the same for a real name as for a plain one
_BLIND = (sp.Symbol, sp.Rational, sp.Float, sp.Add, sp.Mul, sp.Pow, sp.log, sp.exp,
          sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc, sp.asin, sp.acos, sp.atan, sp.acot, sp.asec, sp.acsc,
          sp.sinh, sp.cosh, sp.tanh, sp.coth, sp.sech, sp.csch, sp.asinh, sp.acosh, sp.atanh, sp.acoth)


def derivative(expr: sp.Expr, v: sp.Symbol, variables: tuple) -> sp.Expr:
    """∂expr/∂v, the expression ``real_derivative`` gives, by the cheapest path that is known to give it."""
    if real_blind(expr):
        d = chain_rule(expr, v)
        if real_blind(d):  # the chain rule can build a root of a square: asin(√(1 − x²))′ holds √(x²)
            return d
    elif real_blind(expr, bars=True):
        bars = {b: _LineAbs(b.args[0]) for b in expr.atoms(sp.Abs)}
        d = chain_rule(expr.xreplace(bars), v)
        if real_blind(d, bars=True):
            return d.xreplace({f: b for b, f in bars.items()})
    return real_derivative(expr, v, variables)


def real_derivative(expr: sp.Expr, v: sp.Symbol, variables: tuple) -> sp.Expr:
    """∂expr/∂v computed by ``sp.diff`` with a real Dummy for every name (the general path)."""
    real = {s: sp.Dummy(s.name, real=True) for s in free(expr) | set(variables)}
    back = {d: s for s, d in real.items()}
    return sp.diff(expr.xreplace(real), real[v]).xreplace(back)


def real_blind(expr: sp.Basic, bars: bool = False) -> bool:
    """Would SymPy build ``expr`` and its derivatives alike with every name real?

    Realness changes Abs, sign and their kin, a root of a power, of a product or of exp
    ((x²)^½ = |x|, √(eˣ) = e^(x/2)) and ln(eᵘ) = u: these go to the real path. With ``bars``, a
    logarithm of m·|u| is admitted too (u ``indefinite``), and in a derivative sign(u) and 1/|u|
    (see ``_LineAbs``).
    """
    if bars and isinstance(expr, (_LineAbs, sp.sign)):
        return indefinite(expr.args[0])
    if expr.is_Pow and (isinstance(expr.base, _LineAbs) and expr.exp != -1
                        or not expr.exp.is_Integer and isinstance(expr.base, (sp.Pow, sp.Mul, sp.exp))):
        return False
    if isinstance(expr, sp.log):
        if isinstance(expr.args[0], sp.exp):
            return False
        if bars and _log_of_line(expr.args[0]):
            return True
    if not (isinstance(expr, _BLIND) or expr in (sp.pi, sp.E)):
        return False
    return all(real_blind(a, bars) for a in expr.args)


def _log_of_line(arg: sp.Expr) -> bool:
    """Is ``arg`` = m·|u|, u ``indefinite``, m blind and free of bars?"""
    factors = sp.Mul.make_args(arg)
    bars = [f for f in factors if isinstance(f, sp.Abs)]
    return len(bars) == 1 and indefinite(bars[0].args[0]) and \
        all(real_blind(f) for f in factors if f is not bars[0])


@lru_cache(maxsize=1024)
def indefinite(u: sp.Expr) -> bool:
    """Is u real for real names, of no sign SymPy could prove, with |u| and sign(u) left as they are?

    u is a product of distinct factors, each a line q + Σ pᵢ·nameᵢ (rational p ≠ 0, q) or a function of
    one name, real at every real value, that changes sign at the probe points: a real function that
    takes both signs has no sign to prove (SymPy's assumptions are sound).
    """
    factors = sp.Mul.make_args(u)
    return len(set(factors)) == len(factors) and all(_line(f) or _changes_sign(f) for f in factors)


def _line(u: sp.Expr) -> bool:
    terms = sp.Add.make_args(u)
    names = [t.as_coeff_Mul()[1] for t in terms if not t.is_Rational]
    return bool(names) and all(n.is_Symbol for n in names) and \
        all(t.as_coeff_Mul()[0].is_Rational for t in terms) and len(set(names)) == len(names)


# heads that are real and finite at every real argument, so SymPy takes them real for real names
_REAL = (sp.Symbol, sp.Rational, sp.Add, sp.Mul, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.asinh, sp.exp)
_PROBES = np.array([-10.0, -5.0, -3.0, -2.0, -1.5, -1.0, -0.5, -0.25, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0])


def _changes_sign(u: sp.Expr) -> bool:
    """A sum or a function of one name, real and finite for every real value of it, that takes both
    signs: exactly for a polynomial with rational coefficients, else at float points by far more than
    their rounding (sin x, eˣ − 2)."""
    names = free(u)
    if u.is_Mul or u.is_Pow or len(names) != 1 or not _real_everywhere(u):
        return False
    name = next(iter(names))
    try:
        poly = sp.Poly(u, name, domain="QQ")
    except (sp.PolynomialError, sp.CoercionFailed):
        poly = None
    if poly is not None:
        return {1, -1} <= {sp.sign(poly.eval(sp.Rational(p))) for p in _PROBES}
    try:
        terms = [np.asarray(evaluate(t, {name: _PROBES}), dtype=float) for t in sp.Add.make_args(u)]
    except (Unsupported, TypeError, ValueError, OverflowError):
        return False
    values, scale = sum(terms), sum(np.abs(t) for t in terms)
    clear = np.isfinite(values) & (np.abs(values) > 1e-9 * scale)
    return bool((clear & (values > 0)).any() and (clear & (values < 0)).any())


def _real_everywhere(u: sp.Basic) -> bool:
    if u.is_Pow:
        return u.exp.is_Integer and u.exp >= 0 and _real_everywhere(u.base)
    return (isinstance(u, _REAL) or u in (sp.pi, sp.E)) and all(_real_everywhere(a) for a in u.args)


class _LineAbs(sp.Function):
    """|u| of an ``indefinite`` u, differentiated as SymPy does with real names: sign(u)·u′.

    Stands in for Abs while a logarithm of m·|u| is differentiated with plain names: that
    derivative holds |u| only to the power −1 (1/(m·|u|)), the one power SymPy leaves alone for a
    real u (it rewrites |u|² as u²), so putting Abs back gives the real path's expression.
    """

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return sp.sign(self.args[0])


def chain_rule(expr: sp.Expr, v: sp.Symbol) -> sp.Expr:
    """∂expr/∂v by SymPy's own rules (Add, Mul, Pow, each function's ``fdiff``), built as ``sp.diff``
    builds it, without the assumption queries its driver makes at every step (``is_zero`` of each part).

    For the heads ``real_blind`` admits (and ``_LineAbs``); a term is left out when it is 0 in form.
    """
    if v not in expr.free_symbols:
        return sp.S.Zero
    if expr == v:
        return sp.S.One
    if expr.is_Add:
        return sp.Add(*[chain_rule(a, v) for a in expr.args])
    if expr.is_Mul:
        args = expr.args
        return sp.Add(*[sp.Mul(*args[:i], d, *args[i + 1:])
                        for i, d in enumerate(chain_rule(a, v) for a in args) if d != 0])
    if expr.is_Pow:
        base, exponent = expr.args
        if v not in exponent.free_symbols:  # 0·ln(base) is 0 (base holds v, so it is no number): skip building ln
            return expr * (chain_rule(base, v) * exponent / base)
        return expr * (chain_rule(exponent, v) * sp.log(base) + chain_rule(base, v) * exponent / base)
    terms = []
    for i, a in enumerate(expr.args, 1):
        d = chain_rule(a, v)
        if d != 0:
            terms.append(expr.fdiff(i) * d)
    return sp.Add(*terms)
