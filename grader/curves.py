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
from dataclasses import dataclass

import numpy as np
import sympy as sp

from grader.numeric.evaluate import Unsupported, evaluate
from grader.numeric.magnitude import evaluate_with_magnitude

SCAN = np.concatenate([np.linspace(-12.0, 12.0, 481), np.geomspace(12.5, 1e3, 60), -np.geomspace(12.5, 1e3, 60)])
SCAN.sort()
_NEAR = np.abs(SCAN) <= 12.0


def _rng(seed: bytes) -> np.random.Generator:
    return np.random.default_rng(int.from_bytes(hashlib.blake2b(seed, digest_size=16).digest(), "big"))


def points_on(d: sp.Expr, variables: tuple[sp.Symbol, ...], seed: bytes, count: int = 8) -> list[dict]:
    """Up to ``count`` real points (as {Symbol: float}) where ``d`` changes sign and is ≈ 0.

    Each attempt fixes all variables but one at seeded values and scans the last one for a
    sign change. The brackets found are refined together (one array evaluation per step for
    all of them), only when enough are pending: a failed refinement does not change the seeded
    draws that follow, so the points are those of refining each bracket at once.
    """
    if not variables:
        return []
    rng = _rng(seed)
    found: list[dict] = []
    pending: list[_Bracket] = []
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
            break
        if vals.shape != SCAN.shape:
            vals = np.broadcast_to(vals, SCAN.shape)
        with np.errstate(invalid="ignore"):
            sign = np.sign(vals)
            finite = np.isfinite(vals)
            flips = np.nonzero((sign[:-1] * sign[1:] < 0) & finite[:-1] & finite[1:])[0]
            # a root on the grid itself (a = 0 in a·(x − y)); far out an exact 0 may be underflow
            # (s²·e^(st) at t = −1000), not a root
            zeros = np.nonzero((vals == 0) & _NEAR)[0]
        if len(zeros):
            zeros = zeros[_factor_vanishes(d, env)[zeros]]
        if len(flips) + len(zeros) == 0:
            continue
        i = int(rng.integers(len(flips) + len(zeros)))
        if i >= len(flips):
            at = float(SCAN[zeros[i - len(flips)]])
            pending.append(_Bracket(solve_for, fixed, at, at, exact=True))
        else:
            i = int(flips[i])
            pending.append(_Bracket(solve_for, fixed, float(SCAN[i]), float(SCAN[i + 1]),
                                    edge=float(min(abs(vals[i]), abs(vals[i + 1])))))
        if len(found) + len(pending) >= count:
            found += _refined(d, variables, pending)
            pending = []
    return found + _refined(d, variables, pending)


def _factor_vanishes(d: sp.Expr, env: dict) -> np.ndarray:
    """Where a 0 of ``d`` on the scan is a 0 of one of its factors, not the underflow of a product.

    x³⁰⁰·(sin x + 2x) is 0 in floats for |x| < 0.09, yet only x = 0 solves it: a product vanishes
    where a factor does, and a positive power where its base does. Other shapes are 0 where
    their value is.
    """
    if d.is_Mul:
        out = np.zeros(SCAN.shape, dtype=bool)
        for f in d.args:
            out |= _factor_vanishes(f, env)
        return out
    if d.is_Pow and d.exp.is_positive:
        return _factor_vanishes(d.base, env)
    if isinstance(d, sp.exp):  # e^u is never 0: a 0 is underflow
        return np.zeros(SCAN.shape, dtype=bool)
    if d.is_number:
        return np.full(SCAN.shape, d.is_zero is True)
    try:
        values = np.broadcast_to(np.asarray(evaluate(d, env), dtype=float), SCAN.shape)
    except (Unsupported, RecursionError, TypeError, ValueError):
        return np.ones(SCAN.shape, dtype=bool)  # as before: the 0 of the whole stands
    return values == 0


@dataclass(frozen=True)
class _Bracket:
    """A sign change of ``d`` in ``solve_for`` between ``lo`` and ``hi``, the other variables ``fixed``."""

    solve_for: sp.Symbol
    fixed: dict
    lo: float
    hi: float
    exact: bool = False  # d = 0 at lo = hi on the scan itself: a point as it is
    edge: float = float("inf")  # the smaller |d| at the bracket's two scan points


def _refined(d: sp.Expr, variables: tuple[sp.Symbol, ...], brackets: list[_Bracket]) -> list[dict]:
    """The points of ``brackets`` whose bisection ends at a root (not at a pole), in their order."""
    todo = [b for b in brackets if not b.exact]
    roots = dict(zip(map(id, todo), _bisect_all(d, todo))) if todo else {}
    found = []
    for b in brackets:
        root = b.lo if b.exact else roots[id(b)]
        if root is not None:
            point = dict(b.fixed)
            point[b.solve_for] = root
            found.append({v: point[v] for v in variables})
    return found


def _columns(brackets: list[_Bracket]) -> dict:
    """Per variable: which brackets solve for it, and the value the others fix it at."""
    names = {v for b in brackets for v in (b.solve_for, *b.fixed)}
    return {v: (np.array([b.solve_for == v for b in brackets]), np.array([b.fixed.get(v, 0.0) for b in brackets]))
            for v in names}


def _env(columns: dict, rows: np.ndarray, solve_values: np.ndarray) -> dict:
    """The brackets ``rows``: their row of ``solve_values`` for the variable solved for, their fixed values else."""
    return {v: np.where(solved[rows, None], solve_values, fixed[rows, None]).ravel() for v, (solved, fixed) in columns.items()}


def _bisect_all(d: sp.Expr, brackets: list[_Bracket]) -> list[float | None]:
    """Shrink every bracket 64-fold per step by evaluating on a grid inside it (all in one array).

    At most 8 steps; a bracket where ``d`` is not finite on the grid or has no sign change left
    gives None, as does a final point where ``d`` is not ≈ 0 relative to its terms, or where |d|
    grew past its value at the bracket's ends: bisection closes in on a root with |d| shrinking,
    on a pole with |d| growing (−1 + 1/A near A = 0, whose rounding-error magnitude is as huge as its
    value, so the relative test alone takes it for a root).
    """
    width = 65
    lo = np.array([b.lo for b in brackets])
    hi = np.array([b.hi for b in brackets])
    live = np.ones(len(brackets), dtype=bool)  # still shrinking
    failed = np.zeros(len(brackets), dtype=bool)
    columns = _columns(brackets)
    for _ in range(8):
        rows = np.nonzero(live)[0]
        if not len(rows):
            break
        grid = _grid(lo[rows], hi[rows], width)
        env = _env(columns, rows, grid)
        vals = np.broadcast_to(np.asarray(evaluate(d, env), dtype=float), (len(rows) * width,))
        lo[rows], hi[rows], live[rows], failed[rows] = _step(grid, vals.reshape(len(rows), width))
    values, mags = evaluate_with_magnitude(d, _env(columns, np.arange(len(brackets)), (0.5 * (lo + hi))[:, None]))
    values = np.broadcast_to(np.asarray(values, dtype=float), lo.shape)
    mags = np.broadcast_to(np.asarray(mags, dtype=float), lo.shape)
    roots: list[float | None] = []
    for k in range(len(brackets)):
        value, mag = float(values[k]), float(mags[k])
        ok = not failed[k] and np.isfinite(value) and abs(value) <= 1e-6 * max(mag, 1.0) \
            and abs(value) <= brackets[k].edge
        roots.append(float(0.5 * (lo[k] + hi[k])) if ok else None)  # else a pole, not a root
    return roots


def _grid(lo: np.ndarray, hi: np.ndarray, width: int) -> np.ndarray:
    """Row k is ``np.linspace(lo[k], hi[k], width)``, bit for bit: linspace's own arithmetic (i·step + lo,
    the last point hi; i/div·delta where a step underflows to 0), without its generality's cost."""
    delta = hi - lo
    i = np.arange(width, dtype=float)
    step = delta / (width - 1)
    y = (i / (width - 1)) * delta[:, None] if (step == 0).any() else i * step[:, None]
    y += lo[:, None]
    y[:, -1] = hi
    return y


def _step(grid: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One bisection step of each row: (lo, hi, still shrinking, failed).

    A row fails where ``d`` is not finite or no longer changes sign; an exact 0 on the grid ends it
    there; else its first sign change is the new bracket, final once narrower than 1e-13 (relative).
    """
    rows = np.arange(len(grid))
    finite = np.all(np.isfinite(vals), axis=1)
    zero = vals == 0
    has_zero = finite & zero.any(axis=1)
    flip = np.sign(vals[:, :-1]) != np.sign(vals[:, 1:])
    has_flip = finite & ~has_zero & flip.any(axis=1)
    i = np.where(has_zero, zero.argmax(axis=1), flip.argmax(axis=1))
    lo = np.where(has_zero | has_flip, grid[rows, i], grid[:, 0])
    hi = np.where(has_zero, lo, np.where(has_flip, grid[rows, np.minimum(i + 1, grid.shape[1] - 1)], grid[:, -1]))
    failed = ~(has_zero | has_flip)
    live = has_flip & ~(hi - lo <= 1e-13 * np.maximum(1.0, np.abs(lo)))
    return lo, hi, live, failed


def first_unsatisfied(d: sp.Expr, points: list[dict], tolerance: float = 1e-7, decimals=None,
                      curve: sp.Expr | None = None) -> dict | None:
    """The first of ``points`` where ``d ≈ 0`` fails, relative to the size of its terms, or where
    ``d`` is undefined; None when it holds at every one. One array evaluation for all the points.

    ``decimals`` (a ``Tolerance``) also forgives what typed decimals in ``d`` can move. ``curve``:
    the side the points were found on; a point only as sharp as its band there does not count
    (see :func:`_within_band`).
    """
    if not points:
        return None
    env = {k: np.array([p[k] for p in points]) for k in points[0]}
    for s in d.free_symbols:
        env.setdefault(s, np.zeros(len(points)))
    try:
        values, mags = evaluate_with_magnitude(d, env)
    except (Unsupported, RecursionError):
        return points[0]
    shape = (len(points),)
    values = np.broadcast_to(np.asarray(values, dtype=float), shape)
    slack = tolerance * np.maximum(np.broadcast_to(np.asarray(mags, dtype=float), shape), 1e-12)
    if decimals is not None:
        from grader.numeric.magnitude import decimal_magnitude

        slack = slack + decimals.value * np.broadcast_to(np.asarray(decimal_magnitude(d, env, decimals.per_digit),
                                                                    dtype=float), shape)
    with np.errstate(invalid="ignore"):
        bad = np.nonzero(~(np.isfinite(values) & (np.abs(values) <= slack)))[0]
    for i in bad:
        if curve is None or not np.isfinite(values[i]) or not _within_band(curve, d, points[int(i)], tolerance):
            return points[int(i)]
    return None


_OFFSETS = np.geomspace(1e-15, 0.1, 57)


def _within_band(curve: sp.Expr, d: sp.Expr, point: dict, tolerance: float) -> bool:
    """Is ``d`` ≈ 0 somewhere in the band around ``point`` where ``curve`` ≈ 0, along one axis?

    A point of ``curve`` = 0 is only as sharp as that band: at a root of multiplicity 3 written out,
    (2 sin x − 1)³ expanded, floats put it anywhere within ~10⁻³ of the root, and the other
    equation, 2 sin x − 1 = 0, is off there by as much. Such a point shows nothing; a point where
    the band holds no 0 of ``d`` still refutes. The band is the tolerance the points are accepted
    with, so this forgives nothing the other direction of the comparison does not.
    """
    for v in point:
        scale = max(1.0, abs(point[v]))
        steps = np.concatenate([-_OFFSETS[::-1], [0.0], _OFFSETS]) * scale
        env = {k: np.full(steps.shape, val) for k, val in point.items()}
        env[v] = point[v] + steps
        try:
            on, on_mag = (np.broadcast_to(np.asarray(a, dtype=float), steps.shape)
                          for a in evaluate_with_magnitude(curve, env))
            off, off_mag = (np.broadcast_to(np.asarray(a, dtype=float), steps.shape)
                            for a in evaluate_with_magnitude(d, env))
        except (Unsupported, RecursionError):
            return False
        with np.errstate(invalid="ignore"):
            band = np.isfinite(on) & (np.abs(on) <= tolerance * np.maximum(on_mag, 1e-12))
            middle = len(_OFFSETS)
            lo = middle
            while lo > 0 and band[lo - 1]:
                lo -= 1
            hi = middle
            while hi < len(steps) - 1 and band[hi + 1]:
                hi += 1
            near = off[lo:hi + 1]
            if not np.isfinite(near).all():
                continue
            small = np.abs(near) <= tolerance * np.maximum(off_mag[lo:hi + 1], 1e-12)
            if small.any() or (np.sign(near[:-1]) * np.sign(near[1:]) < 0).any():
                return True
    return False
