"""Evaluate a SymPy tree at many real points at once, over NumPy arrays.

Why not ``lambdify``: generating and compiling code per learner answer costs
about a millisecond; walking a 20-node tree over arrays costs tens of
microseconds. Semantics are SymPy's on the reals: a point where a value is not
real (``log`` of a negative, ``x**(1/3)`` for negative ``x``, a pole) gives NaN
or ±inf, which the caller reads as "undefined here".

``evaluate_with_magnitude`` also returns, per point, a first-order bound on how
much rounding can move the value (relative to machine epsilon): the sum of the
magnitudes of the terms that cancel. The checker scales its tolerance by it, so
``x − 1/3`` near ``x = 1/3`` or ``(x+1)² − x²`` at ``x = 1000`` compare fairly.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import sympy as sp


@lru_cache(maxsize=16384)
def free(expr: sp.Basic) -> frozenset:
    """``expr.free_symbols``, cached: SymPy recomputes it on every access, and the hot path asks often."""
    return frozenset(expr.free_symbols)


class Unsupported(Exception):
    """The tree holds something the numeric core cannot evaluate (an unknown function, I, an Integral)."""


Env = Mapping[sp.Symbol, np.ndarray]
Array = Any  # np.ndarray or np.float64


def _num(e: sp.Basic) -> np.float64:
    try:
        if e.is_Rational:  # int / int is correctly rounded in Python, and far faster than mpmath
            return np.float64(e.p / e.q) if e.q != 1 else np.float64(float(e.p))
        return np.float64(float(e))
    except OverflowError:
        return np.float64(math.inf if e.is_positive else -math.inf)
    except TypeError as exc:  # complex constants such as I
        raise Unsupported(f"the constant {e} is not real") from exc


def _sec(a):
    return 1.0 / np.cos(a)


def _csc(a):
    return 1.0 / np.sin(a)


def _cot(a):
    return np.cos(a) / np.sin(a)


def _acot(a):
    return np.arctan(1.0 / a)


def _asec(a):
    return np.arccos(1.0 / a)


def _acsc(a):
    return np.arcsin(1.0 / a)


def _heaviside(a):
    return np.where(a > 0, 1.0, np.where(a < 0, 0.0, 0.5))


_erf = np.frompyfunc(math.erf, 1, 1)
_gamma = np.frompyfunc(lambda t: math.gamma(t) if t > 0 or t != math.floor(t) else math.nan, 1, 1)


def _safe_gamma(a):
    try:
        return np.asarray(_gamma(a), dtype=float)
    except (OverflowError, ValueError):
        return np.asarray(np.frompyfunc(_gamma_one, 1, 1)(a), dtype=float)


def _gamma_one(t: float) -> float:
    try:
        return math.gamma(t)
    except (OverflowError, ValueError):
        return math.inf if t > 0 else math.nan


# func -> (value, |derivative| as a function of (argument, value)); the second
# feeds the rounding-magnitude bound only.
_UNARY: dict[type, tuple[Callable, Callable]] = {
    sp.sin: (np.sin, lambda a, v: np.abs(np.cos(a))),
    sp.cos: (np.cos, lambda a, v: np.abs(np.sin(a))),
    sp.tan: (np.tan, lambda a, v: 1.0 + v * v),
    sp.cot: (_cot, lambda a, v: 1.0 + v * v),
    sp.sec: (_sec, lambda a, v: np.abs(v * np.tan(a))),
    sp.csc: (_csc, lambda a, v: np.abs(v * _cot(a))),
    sp.asin: (np.arcsin, lambda a, v: 1.0 / np.sqrt(np.abs(1.0 - a * a))),
    sp.acos: (np.arccos, lambda a, v: 1.0 / np.sqrt(np.abs(1.0 - a * a))),
    sp.atan: (np.arctan, lambda a, v: 1.0 / (1.0 + a * a)),
    sp.acot: (_acot, lambda a, v: 1.0 / (1.0 + a * a)),
    sp.asec: (_asec, lambda a, v: 1.0 / np.abs(a * a)),
    sp.acsc: (_acsc, lambda a, v: 1.0 / np.abs(a * a)),
    sp.sinh: (np.sinh, lambda a, v: np.cosh(a)),
    sp.cosh: (np.cosh, lambda a, v: np.abs(np.sinh(a))),
    sp.tanh: (np.tanh, lambda a, v: 1.0 - v * v),
    sp.coth: (lambda a: 1.0 / np.tanh(a), lambda a, v: np.abs(1.0 - v * v)),
    sp.sech: (lambda a: 1.0 / np.cosh(a), lambda a, v: np.abs(v * np.tanh(a))),
    sp.csch: (lambda a: 1.0 / np.sinh(a), lambda a, v: np.abs(v / np.tanh(a))),
    sp.asinh: (np.arcsinh, lambda a, v: 1.0 / np.sqrt(1.0 + a * a)),
    sp.acosh: (np.arccosh, lambda a, v: 1.0 / np.sqrt(np.abs(a * a - 1.0))),
    sp.atanh: (np.arctanh, lambda a, v: 1.0 / np.abs(1.0 - a * a)),
    sp.exp: (np.exp, lambda a, v: v),
    sp.log: (np.log, lambda a, v: 1.0 / np.abs(a)),
    sp.Abs: (np.abs, lambda a, v: 1.0),
    sp.sign: (np.sign, lambda a, v: 0.0),
    sp.floor: (np.floor, lambda a, v: 0.0),
    sp.ceiling: (np.ceil, lambda a, v: 0.0),
    sp.Heaviside: (_heaviside, lambda a, v: 0.0),
    sp.erf: (lambda a: np.asarray(_erf(a), dtype=float), lambda a, v: np.exp(-a * a)),
    sp.gamma: (_safe_gamma, lambda a, v: np.abs(v) * (1.0 + np.abs(np.log(np.abs(a) + 1.0)))),
    sp.factorial: (lambda a: _safe_gamma(a + 1.0), lambda a, v: np.abs(v) * (1.0 + np.abs(np.log(np.abs(a) + 2.0)))),
}

_CONST = {
    sp.core.numbers.Infinity: np.float64(math.inf),
    sp.core.numbers.NegativeInfinity: np.float64(-math.inf),
    sp.core.numbers.ComplexInfinity: np.float64(math.nan),
    sp.core.numbers.NaN: np.float64(math.nan),
}


def evaluate(expr: sp.Basic, env: Env) -> np.ndarray:
    """Values of ``expr`` at the points of ``env`` (Symbol -> array); NaN/±inf where not real."""
    with np.errstate(all="ignore"):
        return _value(expr, env)


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
        if not _is_decimal(n):
            return 0.0
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


def _value(e: sp.Basic, env: Env) -> Array:
    t = type(e)
    if t is sp.Symbol or isinstance(e, sp.Symbol):
        try:
            return env[e]
        except KeyError:
            raise Unsupported(f"no values for the variable {e}") from None
    if t is sp.Add:
        args = e.args
        acc = _value(args[0], env)
        for a in args[1:]:
            acc = acc + _value(a, env)
        return acc
    if t is sp.Mul:
        args = e.args
        acc = _value(args[0], env)
        for a in args[1:]:
            acc = acc * _value(a, env)
        return acc
    if t is sp.Pow:
        return _pow(e, env)
    if e.is_Number or e.is_NumberSymbol:
        return _CONST.get(t) if t in _CONST else _num(e)
    fn = _UNARY.get(e.func)
    if fn is not None and len(e.args) == 1:
        return fn[0](_value(e.args[0], env))
    return _other(e, env)


def _pow(e: sp.Pow, env: Env) -> Array:
    base, ex = e.args
    b = _value(base, env)
    if ex.is_Number:
        if ex is sp.S.Half:
            return np.sqrt(b)
        if ex is sp.S.NegativeOne:
            return 1.0 / b
        if ex == 2:
            return b * b
        return np.power(b, _num(ex))
    return np.power(b, _value(ex, env))


def _other(e: sp.Basic, env: Env) -> Array:
    if e.is_Number or e.is_NumberSymbol:
        return _num(e)
    func = e.func
    if func in (sp.Max, sp.Min):
        vals = [_value(a, env) for a in e.args]
        out = vals[0]
        op = np.maximum if func is sp.Max else np.minimum
        for v in vals[1:]:
            out = op(out, v)
        return out
    if func is sp.atan2:
        return np.arctan2(_value(e.args[0], env), _value(e.args[1], env))
    if func is sp.Piecewise:
        return _piecewise(e, env, _value)
    if isinstance(e, sp.Number):
        return _num(e)
    raise Unsupported(f"cannot evaluate {type(e).__name__} numerically")


def _piecewise(e: sp.Piecewise, env: Env, value: Callable) -> Array:
    result = None
    taken = None
    for expr, cond in e.args:
        c = _condition(cond, env)
        v = value(expr, env)
        if result is None:
            shape = np.broadcast(np.asarray(c), np.asarray(v)).shape
            result = np.full(shape, math.nan)
            taken = np.zeros(shape, dtype=bool)
        result, taken = _take(result, taken, c, v)
    return result


def _take(result, taken, c, v):
    c = np.broadcast_to(np.asarray(c, dtype=bool), np.shape(result)) if np.ndim(result) else bool(c)
    new = np.logical_and(c, np.logical_not(taken))
    result = np.where(new, v, result)
    return result, np.logical_or(taken, new)


_REL = {
    sp.StrictLessThan: np.less,
    sp.LessThan: np.less_equal,
    sp.StrictGreaterThan: np.greater,
    sp.GreaterThan: np.greater_equal,
    sp.Equality: np.equal,
    sp.Unequality: np.not_equal,
}


def _condition(c: sp.Basic, env: Env) -> Array:
    if c is sp.true:
        return True
    if c is sp.false:
        return False
    op = _REL.get(type(c))
    if op is not None:
        return op(_value(c.args[0], env), _value(c.args[1], env))
    if isinstance(c, sp.And):
        return np.logical_and.reduce([np.asarray(_condition(a, env)) for a in c.args])
    if isinstance(c, sp.Or):
        return np.logical_or.reduce([np.asarray(_condition(a, env)) for a in c.args])
    if isinstance(c, sp.Not):
        return np.logical_not(_condition(c.args[0], env))
    raise Unsupported(f"cannot evaluate the condition {c}")


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
