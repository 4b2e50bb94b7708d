"""Numerical search for zeros of the gradient: growing windows of Newton starts, each zero verified.

Where the exact path cannot finish, the search runs Newton's method from a grid
of starts in NumPy (all starts at once, cheap), in windows that grow from the
centre of the box (half-width 1.5, 3, 6, …) until three windows in a row add
no new point, the window is the whole box, or time runs short. Each distinct limit
is refined in mpmath at 45 digits (gradient below 1e-28, last Newton
correction giving the digits claimed) and then *proved* by the Krawczyk test
in interval arithmetic (``krawczyk``): a box around it holds exactly one zero.
A refined point the test cannot prove (a degenerate zero, or a near-zero on a
"near-family" such as e^(-r²)·… far out, which looks like a zero at any fixed
precision) is left out and counted; only where the test cannot be used (a
function ``mpmath.iv`` lacks) is a point kept on the refinement alone, after
one more Newton step at 135 digits. What was searched (window, starts) is part
of the answer, because such a search can miss points.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from tutor.engine.critical.krawczyk import Krawczyk

PRECISION = 30  # digits shown and claimed
WORKING = 45  # digits of the refinement
FIRST_HALF_WIDTH = 1.5
QUIET = 3  # windows in a row without a new point after which the picture counts as settled


@dataclass(frozen=True)
class NumericRoots:
    points: tuple[tuple[sp.Float, ...], ...]
    residuals: tuple[float, ...]
    starts: int
    searched: tuple[tuple[float, float], ...] = ()  # the largest window searched completely
    windows: int = 0
    stable: bool = False  # the last window added no new point
    cut: bool = False  # time ran short before the window reached the whole box
    digits: int = PRECISION  # every point is verified to at least this many digits
    proved: tuple[bool, ...] = ()  # per point: the Krawczyk test proved a unique zero nearby
    unconfirmed: int = 0  # refined near-zeros the Krawczyk test could not confirm (left out)


def grid_size(n: int) -> int:
    return {1: 200, 2: 24, 3: 9}.get(n, 5)


def windows_of(bounds: tuple[tuple[float, float], ...]) -> list[tuple[tuple[float, float], ...]]:
    """Windows growing from the box's centre (0 where 0 is inside) by doubling, the last one the box itself."""
    centre = [0.0 if lo < 0 < hi else (lo + hi) / 2 for lo, hi in bounds]
    out, w = [], FIRST_HALF_WIDTH
    while True:
        win = tuple((max(lo, c - w), min(hi, c + w)) for c, (lo, hi) in zip(centre, bounds))
        out.append(win)
        if win == tuple(bounds):
            return out
        w *= 2


def numeric_roots(equations: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...],
                  bounds: tuple[tuple[float, float], ...], per_axis: int | None = None,
                  deadline: float | None = None) -> NumericRoots:
    """Zeros of ``equations`` (as many as variables) inside ``bounds``, searched window by window.

    ``deadline`` (``time.monotonic()``) stops the growth early; the result then says how far it got.
    """
    search = _Search(equations, variables, tuple(bounds), per_axis or grid_size(len(variables)), deadline)
    searched: tuple = ()
    starts, quiet, done, cut = 0, 0, 0, False
    for k, win in enumerate(windows_of(tuple(bounds))):
        new = search.window(win, first=k == 0)
        if new is None:
            cut = True
            break
        done, searched, starts = done + 1, win, starts + search.per_window
        quiet = quiet + 1 if new == 0 else 0
        if quiet >= QUIET:
            break
    found = search.found
    order = sorted(range(len(found)), key=lambda i: tuple(float(c) for c in found[i][0]))
    return NumericRoots(tuple(found[i][0] for i in order), tuple(found[i][1] for i in order), starts,
                        tuple(searched), done, quiet >= 1, cut, min([PRECISION] + [f[2] for f in found]),
                        tuple(found[i][3] for i in order), len(search.rejected))


class _Search:
    """The state of one search: points found (point, residual, digits, proved) and near-zeros rejected."""

    def __init__(self, equations, variables, bounds, per_axis: int, deadline: float | None):
        self.bounds, self.per_axis, self.deadline = bounds, per_axis, deadline
        self.per_window = per_axis ** len(variables)
        self.newton = _FloatNewton(equations, variables)
        self.refine = _Refiner(equations, variables)
        self.proof = Krawczyk(equations, variables)
        self.found: list[tuple] = []
        self.rejected: list = []

    def late(self) -> bool:
        return self.deadline is not None and time.monotonic() > self.deadline

    def window(self, win, first: bool = False) -> int | None:
        """Search one window: the number of new points, or None if time ran short before it was done.

        The first window always runs to its end (the caller's hard time limit still applies)."""
        if self.late() and not first:
            return None
        axes = [np.linspace(lo, hi, self.per_axis + 2)[1:-1] for lo, hi in win]
        grid = np.stack([g.ravel() for g in np.meshgrid(*axes, indexing="ij")], axis=1)
        new = 0
        for c in _cluster(self.newton(grid, self.bounds)):
            if not _inside(c, win) or any(_near_float(c, q) for q in self._seen()):
                continue  # outside: a later window's; or known already
            if self.late() and not first:
                return None
            new += self._add(c)
        return new

    def _seen(self):
        return [f[0] for f in self.found] + self.rejected

    def _add(self, start) -> int:
        verified = self.refine(start)
        if verified is None:
            return 0
        point, res, good = verified
        if not _inside(point, self.bounds) or any(_close(point, q) for q in self._seen()):
            return 0
        sure = self.proof.prove(point) is not None
        if not sure and (self.proof.usable or not self.refine.stays(point)):
            self.rejected.append(point)  # degenerate, or a near-zero along a near-family: not claimed
            return 0
        self.found.append((point, res, good, sure))
        return 1


class _FloatNewton:
    """Damped Newton on many starts at once; keeps the starts that converged (small residual, settled step)."""

    def __init__(self, equations, variables):
        n = self.n = len(variables)
        jac = sp.Matrix(equations).jacobian(variables)
        self.fs = [sp.lambdify(variables, e, "numpy") for e in equations]
        self.js = [[sp.lambdify(variables, jac[i, j], "numpy") for j in range(n)] for i in range(n)]

    def __call__(self, X: np.ndarray, bounds, iterations: int = 60) -> np.ndarray:
        n = self.n
        lo = np.array([b[0] for b in bounds])
        hi = np.array([b[1] for b in bounds])
        span = hi - lo
        X = X.astype(float).copy()
        last = np.full(len(X), np.inf)
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            for _ in range(iterations):
                Fx = _stack([f(*X.T) for f in self.fs], len(X), n)
                Jx = _jstack([[g(*X.T) for g in row] for row in self.js], len(X), n)
                ok = np.isfinite(Fx).all(axis=1) & np.isfinite(Jx).all(axis=(1, 2)) & np.isfinite(X).all(axis=1)
                step = np.zeros_like(X)
                if ok.any():
                    step[ok] = _solve(Jx[ok], Fx[ok])
                step = np.clip(step, -span / 4, span / 4)  # damped: no leaps across the box
                X = np.where(ok[:, None], X - step, np.nan)
                last = np.linalg.norm(step, axis=1)
                X[(X < lo - span) | (X > hi + span)] = np.nan
            Fx = _stack([f(*X.T) for f in self.fs], len(X), n)
            scale = 1 + np.abs(X).max(axis=1)
            good = np.isfinite(X).all(axis=1) & (np.abs(Fx) < 1e-8).all(axis=1) & (last < 1e-7 * scale)
        return X[good]


def _solve(J: np.ndarray, F: np.ndarray) -> np.ndarray:
    """Newton steps J⁻¹F; a singular J gives NaN (that start is dropped), never a step that skips its kernel."""
    det = np.abs(np.linalg.det(J))
    ok = det > 1e-300
    out = np.full(F.shape, np.nan)
    if ok.any():
        out[ok] = np.linalg.solve(J[ok], F[ok][..., None])[..., 0]
    return out


def _stack(values, k: int, n: int) -> np.ndarray:
    cols = [np.broadcast_to(np.asarray(v, dtype=complex), (k,)) for v in values]
    arr = np.stack(cols, axis=1)
    real = np.where(np.abs(arr.imag) > 1e-12, np.nan, arr.real)
    return real.reshape(k, n)


def _jstack(values, k: int, n: int) -> np.ndarray:
    arr = np.array([[np.broadcast_to(np.asarray(v, dtype=complex), (k,)) for v in row] for row in values])
    arr = np.moveaxis(arr, 2, 0)  # k x n x n
    return np.where(np.abs(arr.imag) > 1e-12, np.nan, arr.real)


def _cluster(points: np.ndarray) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for p in points:
        if all(not _near_float(p, q) for q in out):
            out.append(p)
    return out


def _near_float(p, q) -> bool:
    return bool(np.linalg.norm(np.asarray(p, dtype=float) - np.asarray(q, dtype=float)) <= 1e-5 * max(1.0, float(
        np.abs(np.asarray(p, dtype=float)).max())))


class _Refiner:
    """Newton in mpmath at 45 digits with the exact Jacobian; gives up as soon as it stops converging.

    Verified means: the gradient is below 1e-28 (relative to the point's size) and the last
    correction, which bounds the distance to the root of a simple zero, gives the digits claimed.
    """

    def __init__(self, equations, variables):
        n = self.n = len(variables)
        jac = sp.Matrix(equations).jacobian(variables)
        self.fs = [sp.lambdify(variables, e, "mpmath") for e in equations]
        self.jf = [[sp.lambdify(variables, jac[i, j], "mpmath") for j in range(n)] for i in range(n)]

    def __call__(self, start: np.ndarray):
        try:
            with mpmath.workdps(WORKING):
                return self._refine(start)
        except (ValueError, ZeroDivisionError, TypeError, OverflowError, ArithmeticError):
            return None

    def stays(self, point, dps: int = 3 * WORKING) -> bool:
        """At ``dps`` digits, does one Newton step from ``point`` move it by less than 1e-12 (relative)?

        An unproved point must pass this: along a near-family (a gradient like e^(-r²) below the
        working precision) the refined point is no zero and the step at higher precision is large.
        """
        try:
            with mpmath.workdps(dps):
                x = [mpmath.mpf(str(c)) for c in point]
                F = mpmath.matrix([f(*x) for f in self.fs])
                if max(abs(v) for v in F) == 0:
                    return True
                J = mpmath.matrix([[g(*x) for g in row] for row in self.jf])
                step = mpmath.norm(mpmath.lu_solve(J, F))
                return bool(step <= mpmath.mpf(10) ** -12 * max([1] + [abs(c) for c in x]))
        except (ValueError, ZeroDivisionError, TypeError, OverflowError, ArithmeticError):
            return False

    def _refine(self, start):
        x = mpmath.matrix([mpmath.mpf(float(s)) for s in start])
        tiny = mpmath.mpf(10) ** -(WORKING - 3)
        history: list = []
        for _ in range(150):
            F = mpmath.matrix([f(*x) for f in self.fs])
            res = max(abs(v) for v in F)
            history.append(res)
            if len(history) > 8 and res > history[-8] / 4 and res > tiny:  # not converging: give up
                return None
            J = mpmath.matrix([[g(*x) for g in row] for row in self.jf])
            step = mpmath.lu_solve(J, F)  # at the end: the correction that bounds the error
            step_size = mpmath.norm(step)
            if res <= tiny or step_size <= tiny * (1 + mpmath.norm(x)):
                break
            x = x - step
        if any(abs(mpmath.im(v)) > tiny for v in x):
            return None
        x = [mpmath.re(v) for v in x]
        res = max(abs(mpmath.re(f(*x))) + abs(mpmath.im(f(*x))) for f in self.fs)
        scale = max([mpmath.mpf(1)] + [abs(r) for r in x])
        if res > mpmath.mpf(10) ** -28 * scale:
            return None
        good = PRECISION if step_size == 0 else int(min(PRECISION, max(0, -mpmath.log10(step_size / scale))))
        if good < 12:
            return None
        return tuple(sp.Float(mpmath.nstr(r, PRECISION), PRECISION) for r in x), float(res), good


def _inside(point, bounds) -> bool:
    return all(lo < float(x) < hi for x, (lo, hi) in zip(point, bounds))


def _close(p, q) -> bool:
    return all(abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a))) for a, b in zip(p, q))
