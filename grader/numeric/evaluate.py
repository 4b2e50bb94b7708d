"""Evaluate a SymPy tree at many real points at once, over NumPy arrays.

Why not ``lambdify``: generating and compiling code per learner answer costs
about a millisecond; walking a 20-node tree over arrays costs tens of
microseconds. Semantics are SymPy's on the reals: a point where a value is not
real (``log`` of a negative, ``x**(1/2)`` for negative ``x``, a pole) gives NaN
or ±inf, which the caller reads as "undefined here". An odd root is the real root,
as the engine reads it (``tutor.engine.real_roots``): (−8)^(1/3) = −2.

Rounding and decimal magnitudes (how far a value can move) are in
:mod:`grader.numeric.magnitude`.
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
    # the inverse reciprocal-hyperbolic functions through their definitions (acoth x = atanh(1/x))
    sp.acoth: (lambda a: np.arctanh(1.0 / a), lambda a, v: 1.0 / np.abs(1.0 - a * a)),
    sp.asech: (lambda a: np.arccosh(1.0 / a), lambda a, v: 1.0 / (np.abs(a) * np.sqrt(np.abs(1.0 - a * a)))),
    sp.acsch: (lambda a: np.arcsinh(1.0 / a), lambda a, v: 1.0 / (np.abs(a) * np.sqrt(1.0 + a * a))),
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
        if ex.is_Rational and ex.q % 2 == 1:  # an odd root is the real root: (-8)^(1/3) = -2
            magnitude = np.power(np.abs(b), _num(ex))
            return magnitude if ex.p % 2 == 0 else np.sign(b) * magnitude
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
    if func is sp.binomial:  # Γ(n + 1) / (Γ(k + 1) Γ(n − k + 1)), as SymPy extends it to real n, k
        n, k = _value(e.args[0], env), _value(e.args[1], env)
        return _safe_gamma(n + 1.0) / (_safe_gamma(k + 1.0) * _safe_gamma(n - k + 1.0))
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
