"""Equations as solution sets: find real points on ``D = 0`` and test them elsewhere.

Two equations are the same when their solution sets are: ``x + 2y = c`` and
``y = (c − x)/2`` differ by a constant factor, ``xy = 1`` and ``y = 1/x`` by a
factor with no zeros on the curve, ``e^(x+y) = c`` and ``x + y = ln c`` by
nothing algebraic at all. So points on each curve are found numerically (fix all
variables but one at seeded values, scan for a sign change, bisect) and checked
in the other equation.
"""
from __future__ import annotations

import hashlib

import numpy as np
import sympy as sp

from grader.numeric.evaluate import Unsupported, evaluate
from grader.numeric.magnitude import evaluate_with_magnitude

SCAN = np.concatenate([np.linspace(-12.0, 12.0, 481), np.geomspace(12.5, 1e3, 60), -np.geomspace(12.5, 1e3, 60)])
SCAN.sort()


def _rng(seed: bytes) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.blake2b(seed, digest_size=16).digest(), "big"))


def points_on(d: sp.Expr, variables: tuple[sp.Symbol, ...], seed: bytes, count: int = 8) -> list[dict]:
    """Up to ``count`` real points (as {Symbol: float}) where ``d`` changes sign and is ≈ 0."""
    if not variables:
        return []
    rng = _rng(seed)
    found: list[dict] = []
    attempts = 0
    while len(found) < count and attempts < 6 * count:
        attempts += 1
        solve_for = variables[attempts % len(variables)]
        fixed = {v: float(rng.uniform(-3.0, 3.0)) for v in variables if v != solve_for}
        env = {v: np.full(SCAN.shape, val) for v, val in fixed.items()}
        env[solve_for] = SCAN
        try:
            vals = np.asarray(evaluate(d, env), dtype=float)
        except (Unsupported, RecursionError):
            return found
        vals = np.broadcast_to(vals, SCAN.shape)
        with np.errstate(invalid="ignore"):
            sign = np.sign(vals)
            flips = np.nonzero((sign[:-1] * sign[1:] < 0) & np.isfinite(vals[:-1]) & np.isfinite(vals[1:]))[0]
            # a root on the grid itself (a = 0 in a·(x − y)); far out an exact 0 may be underflow
            # (s²·e^(st) at t = −1000), not a root
            zeros = np.nonzero((vals == 0) & (np.abs(SCAN) <= 12.0))[0]
        if len(flips) + len(zeros) == 0:
            continue
        i = int(rng.integers(len(flips) + len(zeros)))
        if i >= len(flips):
            root: float | None = float(SCAN[zeros[i - len(flips)]])
        else:
            i = int(flips[i])
            root = _bisect(d, solve_for, fixed, SCAN[i], SCAN[i + 1])
        if root is not None:
            point = dict(fixed)
            point[solve_for] = root
            found.append({v: point[v] for v in variables})
    return found


def _bisect(d: sp.Expr, v: sp.Symbol, fixed: dict, lo: float, hi: float) -> float | None:
    """Shrink the bracket 64-fold per step by evaluating on a grid inside it (6 array evaluations)."""
    width = 65
    for _ in range(8):
        grid = np.linspace(lo, hi, width)
        env = {k: np.full(width, val) for k, val in fixed.items()}
        env[v] = grid
        vals = np.broadcast_to(np.asarray(evaluate(d, env), dtype=float), grid.shape)
        if not np.all(np.isfinite(vals)):
            return None
        zero = np.nonzero(vals == 0)[0]
        if len(zero):
            lo = hi = grid[zero[0]]
            break
        flips = np.nonzero(np.sign(vals[:-1]) != np.sign(vals[1:]))[0]
        if not len(flips):
            return None
        i = int(flips[0])
        lo, hi = grid[i], grid[i + 1]
        if hi - lo <= 1e-13 * max(1.0, abs(lo)):
            break
    root = 0.5 * (lo + hi)
    env = {k: np.array([val]) for k, val in fixed.items()}
    env[v] = np.array([root])
    values, mags = evaluate_with_magnitude(d, env)
    value, mag = float(np.ravel(values)[0]), float(np.ravel(mags)[0])
    if not np.isfinite(value) or abs(value) > 1e-6 * max(mag, 1.0):
        return None  # a pole, not a root
    return root


def satisfies(d: sp.Expr, point: dict, tolerance: float = 1e-7, decimals=None) -> bool | None:
    """Is ``d ≈ 0`` at ``point``, relative to the size of its terms? None if undefined there.

    ``decimals`` (a ``Tolerance``) also forgives what typed decimals in ``d`` can move.
    """
    env = {k: np.array([val]) for k, val in point.items()}
    for s in d.free_symbols:
        env.setdefault(s, np.array([0.0]))
    try:
        values, mags = evaluate_with_magnitude(d, env)
    except (Unsupported, RecursionError):
        return None
    value, mag = float(np.ravel(values)[0]), float(np.ravel(mags)[0])
    if not np.isfinite(value):
        return None
    slack = tolerance * max(mag, 1e-12)
    if decimals is not None:
        from grader.numeric.magnitude import decimal_magnitude

        slack += decimals.value * float(np.ravel(decimal_magnitude(d, env, decimals.per_digit))[0])
    return bool(abs(value) <= slack)
