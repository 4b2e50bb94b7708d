"""How far a value can move: rounding magnitudes and typed-decimal magnitudes.

``evaluate_with_magnitude`` returns, per point, a first-order bound on how much
rounding can move the value (relative to machine epsilon): the sum of the
magnitudes of the terms that cancel. The checker scales its tolerance by it, so
``x − 1/3`` near ``x = 1/3`` or ``(x+1)² − x²`` at ``x = 1000`` compare fairly.
``decimal_magnitude`` does the same for the decimals a learner typed, which is
what a decimal answer's tolerance is measured against.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy as sp

from grader.numeric.evaluate import _UNARY, Array, Env, _other, _piecewise, _pow, _value


def evaluate_with_magnitude(expr: sp.Basic, env: Env) -> tuple[np.ndarray, np.ndarray]:
    """Values and rounding magnitudes (see the module docstring)."""
    with np.errstate(all="ignore"):
        return _with_mag(expr, env, _ROUNDING)


def decimal_magnitude(expr: sp.Basic, env: Env, per_digit: bool = True, literals=None) -> np.ndarray:
    """How far the value can move if every decimal constant in ``expr`` moves by one
    unit of its leading digit (0.3333 by 0.1, 2.001 by 1), to first order.

    Times the tolerance (5e-4: half a unit in the 4th significant digit), this is
    the slack a decimal answer earns: only the typed decimals (``0.3333``, or
    ``3333/10000`` once read exactly) are uncertain, never the variables or exact
    constants such as 2/3 or π. With ``per_digit=False`` a decimal's uncertainty is
    its own size instead (for a plain relative tolerance).
    """
    with np.errstate(all="ignore"):
        if literals is None:
            policy = _DECIMALS if per_digit else _DECIMALS_RELATIVE
        else:
            policy = _typed(literals, per_digit)
            if policy.prepare is not None:
                policy.prepare(expr)
        return _with_mag(expr, env, policy)[1]


def _typed(literals, per_digit: bool) -> "_Policy":
    """Uncertainty from the decimals actually typed (``literals``: their absolute values).

    SymPy merges a typed decimal with exact neighbours (−12 + 0.0001 becomes
    −11.9999), which would make the leading-digit rule generous. A leaf that is
    not itself a typed literal gets at most the uncertainty of the typed literals
    that vanished into merges.
    """
    from fractions import Fraction

    typed = {Fraction(q) for q in literals}

    def size(v: Fraction) -> float:
        return float(_place(float(v))) if per_digit else float(v)

    def uncertainty(n, v):
        if not _is_decimal(n) and not n.is_Integer:
            return 0.0  # an exact number (a typed 104.0 or 1.04e33 is a decimal, whole or not)
        # (an integer leaf that is not typed may hold a merged decimal: 1.12345 * 10^200)
        own = _place(v) if per_digit else np.abs(v)
        value = abs(Fraction(int(n.p), int(n.q)))
        if value in typed:
            return own
        merged = sum(size(q) for q in typed if q not in leaves)
        return np.minimum(own, merged)

    leaves: set = set()
    policy = _Policy(0.0, uncertainty, 0.0)
    policy.prepare = lambda expr: leaves.update(
        abs(Fraction(int(a.p), int(a.q))) for a in expr.atoms(sp.Rational) if _is_decimal(a))
    return policy


def _is_decimal(n: sp.Basic) -> bool:
    if n.is_Float:
        return True
    if n.is_Rational and not n.is_Integer:
        q = int(n.q)
        while q % 10 == 0:
            q //= 10
        while q % 2 == 0:
            q //= 2
        while q % 5 == 0:
            q //= 5
        return q == 1
    return False


class _Policy:
    """Which leaves are uncertain, and whether each operation adds its own rounding."""

    def __init__(self, symbols: float, number: Callable[[sp.Basic, Any], Any], rounding: float):
        self.symbols, self.number, self.rounding = symbols, number, rounding
        self.prepare: Callable[[sp.Basic], None] | None = None


def _place(v) -> Any:
    """The place value of the leading digit: 0.3333 -> 0.1, 2.001 -> 1, 3.142 -> 1."""
    a = np.abs(v)
    return np.where(a > 0, 10.0 ** np.floor(np.log10(np.where(a > 0, a, 1.0))), 0.0)


# a leaf's uncertainty: rounding = its own size (integers are exact in floating point);
# decimals = the place value of its leading digit, so that tolerance 5e-4 is half a
# unit in the 4th significant digit of each typed decimal
_ROUNDING = _Policy(1.0, lambda n, v: 0.0 if n.is_Integer else np.abs(v), 1.0)
_DECIMALS = _Policy(0.0, lambda n, v: _place(v) if _is_decimal(n) else 0.0, 0.0)
_DECIMALS_RELATIVE = _Policy(0.0, lambda n, v: np.abs(v) if _is_decimal(n) else 0.0, 0.0)


def _with_mag(e: sp.Basic, env: Env, pol: _Policy) -> tuple[Array, Array]:
    """Value and first-order error bound (in units of the leaves' relative uncertainty)."""
    t = type(e)
    if isinstance(e, sp.Symbol):
        v = _value(e, env)
        return v, pol.symbols * np.abs(v)
    if t is sp.Add:
        pairs = [_with_mag(a, env, pol) for a in e.args]
        v = pairs[0][0]
        m = pairs[0][1]
        for pv, pm in pairs[1:]:
            v, m = v + pv, m + pm
        return v, m + pol.rounding * np.abs(v)
    if t is sp.Mul:
        pairs = [_with_mag(a, env, pol) for a in e.args]
        v = pairs[0][0]
        for pv, _ in pairs[1:]:
            v = v * pv
        m = 0.0
        for i, (_, mi) in enumerate(pairs):  # product rule: sum of m_i times the other |v_j|
            term = mi
            for j, (vj, _) in enumerate(pairs):
                if j != i:
                    term = term * np.abs(vj)
            m = m + term
        return v, m + pol.rounding * np.abs(v)
    if t is sp.Pow:
        base, ex = e.args
        b, mb = _with_mag(base, env, pol)
        x, mx = _with_mag(ex, env, pol)
        v = _pow(e, env) if ex.is_Number else np.power(b, x)
        av = np.abs(v)
        m = np.abs(x) * np.power(np.abs(b), x - 1.0) * mb
        if not (ex.is_Number and not np.any(mx)):
            m = m + av * np.abs(np.log(np.abs(b))) * mx
        return v, m + pol.rounding * av
    if e.is_Number or e.is_NumberSymbol:
        v = _value(e, env)
        return v, (pol.number(e, v) if e.is_Number else pol.rounding * np.abs(v))
    fn = _UNARY.get(e.func)
    if fn is not None and len(e.args) == 1:
        a, ma = _with_mag(e.args[0], env, pol)
        v = fn[0](a)
        return v, pol.rounding * np.abs(v) + fn[1](a, v) * ma
    if e.func is sp.Piecewise:
        v = _piecewise(e, env, _value)
        m = _piecewise(e, env, lambda x, env: _with_mag(x, env, pol)[1])
        return v, m
    v = _other(e, env)
    m = pol.rounding * np.abs(v)
    for a in e.args:
        if isinstance(a, sp.Expr):
            m = m + _with_mag(a, env, pol)[1]
    return v, m
