"""Comparisons for the awkward cases the outside corpus found (issue 12).

Where a point counts although one side is undefined (isolated points, lattices), a
reference real only at isolated points (compared as a complex function), and a decimal
reference that stands for a rounding. Called from :mod:`grader.equivalence`.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from grader.budget import OutOfTime, run_bounded
from grader.numeric.evaluate import Unsupported, evaluate, free
from grader.numeric.sampling import Sample


def _broadcast(values, shape) -> np.ndarray:
    if type(values) is np.ndarray and values.shape == shape:
        return values
    return np.broadcast_to(np.asarray(values, dtype=float), shape)


_NEAR = 6  # perturbed copies of a point where one side is undefined


def isolated(ref: Sample, answer: sp.Expr, env: dict, undefined: np.ndarray) -> np.ndarray:
    """Points where the answer is undefined only at an isolated point, not on a region.

    ``(n+1)·n!`` is undefined at n = −1 alone, ``a^b·a^c`` at a = −1 only where b + c
    happens to be an integer (the reference is not real around it): at a few seeded
    nearby points either the answer is defined again or the reference is not. Such
    points are skipped; a real difference of domains (ln x² against 2 ln x at x < 0)
    persists around the point and still counts.
    """
    skip = np.zeros(undefined.shape, dtype=bool)
    if not undefined.any() or not ref.variables:
        return skip
    rng = np.random.default_rng(int.from_bytes(ref.seed[:8], "big"))
    for i in np.nonzero(undefined)[0][:8]:
        p = ref.points[i]
        near = p + rng.uniform(-1.0, 1.0, (_NEAR, len(p))) * np.maximum(np.abs(p), 1.0) * 1e-3
        local = {v: near[:, j] for j, v in enumerate(ref.variables)}
        for s, vals in env.items():
            if s not in local:
                local[s] = np.full(_NEAR, vals[i] if np.ndim(vals) else vals)
        ev = _broadcast(evaluate(ref.expr, local), (_NEAR,))
        av = _broadcast(evaluate(answer, local), (_NEAR,))
        region = np.isfinite(ev) & ~np.isfinite(av)
        skip[i] = int(region.sum()) * 2 <= _NEAR
        if skip[i] and not np.isfinite(ev).any():
            skip[i] = _defined_on_lattice(ref, answer, env, i)
    return skip


def _defined_on_lattice(ref: Sample, answer: sp.Expr, env: dict, i: int) -> bool:
    """Is the answer real at some whole-number point beside a point where only the lattice is real?

    a^b·a^c is undefined at (a, b, c) = (−2, 1/2, 1/2) where a^(b+c) is −2, but it is real
    at (−2, 1, 1), as the reference is: both are real only on a lattice there, and the
    point does not count. x·log y is real nowhere with y < 0, where log(y^x) is real at
    every even x: a real difference of domains (README of tests/data/outside, decision 3).
    """
    from itertools import product

    p = ref.points[i]
    sides = [[v for v in (np.floor(c) - 1, np.floor(c), np.ceil(c), np.ceil(c) + 1) if v * c > 0] or [c]
             for c in p]
    grid = np.array(list(product(*[sorted(set(s)) for s in sides])), dtype=float)
    local = {v: grid[:, j] for j, v in enumerate(ref.variables)}
    for s, vals in env.items():
        if s not in local:
            local[s] = np.full(len(grid), vals[i] if np.ndim(vals) else vals)
    av = _broadcast(evaluate(answer, local), (len(grid),))
    return bool(np.isfinite(av).any())


ROUNDED_DIGITS = 4  # significant digits a decimal reference needs to be read as a rounding


def rounded_reference(expected: sp.Expr, answer: sp.Expr) -> tuple[bool, float, float] | None:
    """A decimal reference (−1.709975946) against an exact irrational answer ((−5)^(1/3)).

    No irrational number equals a terminating decimal, so the reference stands for the
    number it rounds or truncates (KAS's −0.584803547 for −0.58480354764…): the answer is right
    within half a unit in its last digit, or a unit beyond it away from zero. (right, answer,
    reference) as floats, or None
    when the rule does not apply or floats cannot see that digit.
    """
    if not (expected.is_Rational and not expected.is_Integer) or answer.is_Rational or free(answer):
        return None
    q, places = int(expected.q), 0
    while q % 10 == 0 or q % 2 == 0 or q % 5 == 0:
        q //= 10 if q % 10 == 0 else (2 if q % 2 == 0 else 5)
        places += 1
    e = float(expected)
    half = 0.5 * 10.0 ** (-places)
    if q != 1 or half < 1e-14 * abs(e):
        return None
    if len(str(abs(expected.p) * (10 ** places // expected.q)).strip("0")) < ROUNDED_DIGITS:
        return None  # 1/2, −0.2, 0.25, 0.125: exact values, not roundings (π/6 is not 1/2)
    try:
        a = float(evaluate(answer, {}))
    except (Unsupported, TypeError, ValueError, OverflowError):
        return None
    if not np.isfinite(a):
        return None
    truncated = a * e > 0 and abs(e) <= abs(a) < abs(e) + 2.0 * half * (1.0 + 1e-9)
    return (abs(a - e) <= half * (1.0 + 1e-9) or truncated), a, e


_OFF_GRID = (Fraction(1, 3), Fraction(2, 5), Fraction(-3, 7), Fraction(5, 3), Fraction(1, 2), Fraction(-5, 4))


def complex_differs(expected: sp.Expr, answer: sp.Expr, seed: bytes) -> bool:
    """A reference with no real values on an open set ((−1)^x, (−2)^(n + 0.1)) is compared as
    a complex function at a few non-integer points, bounded; only a difference counts."""
    from grader import symbolic

    names = sorted(free(answer) | free(expected), key=lambda s: s.name)
    start = seed[0]
    grid = [sp.Rational(f.numerator, f.denominator) for f in _OFF_GRID]
    points = [{v: grid[(start + i + 2 * j) % len(grid)] for j, v in enumerate(names)} for i in range(3)]
    try:
        return bool(run_bounded(symbolic.complex_differs, answer, expected, points,
                                what="a complex comparison", share=0.5))
    except OutOfTime:
        return False
