"""Multi-start Newton search for zeros of the gradient inside a box, polished to 30 digits.

A grid of starting points runs Newton's method in NumPy all at once (cheap);
each distinct limit is then polished with mpmath's ``findroot`` (SymPy's
``nsolve`` engine) at 30 digits and kept only if the gradient vanishes there to
that precision and the point lies strictly inside the box. This can miss
points, and the result says so.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

PRECISION = 30


@dataclass(frozen=True)
class NumericRoots:
    points: tuple[tuple[sp.Float, ...], ...]
    residuals: tuple[float, ...]
    starts: int


def grid_size(n: int) -> int:
    return {1: 240, 2: 28, 3: 10}.get(n, 5)


def numeric_roots(equations: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...],
                  bounds: tuple[tuple[float, float], ...], per_axis: int | None = None) -> NumericRoots:
    """Zeros of ``equations`` (as many as variables) found from a grid of starts inside ``bounds``."""
    n = len(variables)
    m = per_axis or grid_size(n)
    jac = sp.Matrix(equations).jacobian(variables)
    fs = [sp.lambdify(variables, e, "numpy") for e in equations]
    js = [[sp.lambdify(variables, jac[i, j], "numpy") for j in range(n)] for i in range(n)]

    def F(*xs):
        return [f(*xs) for f in fs]

    def J(*xs):
        return [[g(*xs) for g in row] for row in js]

    axes = [np.linspace(lo, hi, m + 2)[1:-1] for lo, hi in bounds]
    starts = np.stack([g.ravel() for g in np.meshgrid(*axes, indexing="ij")], axis=1)
    limits = _newton(F, J, starts, bounds)
    candidates = _cluster(limits, bounds)
    found: list[tuple[sp.Float, ...]] = []
    residuals: list[float] = []
    polish = _Polisher(equations, variables)
    for c in candidates:
        polished = polish(c)
        if polished is None:
            continue
        point, res = polished
        if not _inside(point, bounds) or any(_close(point, q) for q in found):
            continue
        found.append(point)
        residuals.append(res)
    order = sorted(range(len(found)), key=lambda i: tuple(float(c) for c in found[i]))
    return NumericRoots(tuple(found[i] for i in order), tuple(residuals[i] for i in order), len(starts))


def _newton(F, J, X: np.ndarray, bounds, iterations: int = 60) -> np.ndarray:
    n = X.shape[1]
    lo = np.array([b[0] for b in bounds])
    hi = np.array([b[1] for b in bounds])
    span = hi - lo
    X = X.astype(float).copy()
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for _ in range(iterations):
            Fx = _stack(F(*X.T), len(X), n)
            Jx = _jstack(J(*X.T), len(X), n)
            ok = np.isfinite(Fx).all(axis=1) & np.isfinite(Jx).all(axis=(1, 2))
            step = np.zeros_like(X)
            if ok.any():
                try:
                    step[ok] = np.linalg.solve(Jx[ok], Fx[ok][..., None])[..., 0]
                except np.linalg.LinAlgError:
                    step[ok] = np.einsum("kij,kj->ki", np.linalg.pinv(Jx[ok]), Fx[ok])
            step = np.clip(step, -span / 4, span / 4)  # damped: no leaps across the box
            X = np.where(ok[:, None], X - step, np.nan)
            X[(X < lo - span) | (X > hi + span)] = np.nan
        Fx = _stack(F(*X.T), len(X), n)
        good = np.isfinite(X).all(axis=1) & (np.abs(Fx) < 1e-6).all(axis=1)
    return X[good]


def _stack(values, k: int, n: int) -> np.ndarray:
    cols = [np.broadcast_to(np.asarray(v, dtype=complex), (k,)) for v in values]
    arr = np.stack(cols, axis=1)
    real = np.where(np.abs(arr.imag) > 1e-12, np.nan, arr.real)
    return real.reshape(k, n)


def _jstack(values, k: int, n: int) -> np.ndarray:
    arr = np.array([[np.broadcast_to(np.asarray(v, dtype=complex), (k,)) for v in row] for row in values])
    arr = np.moveaxis(arr, 2, 0)  # k x n x n
    return np.where(np.abs(arr.imag) > 1e-12, np.nan, arr.real)


def _cluster(points: np.ndarray, bounds) -> list[np.ndarray]:
    scale = max(max(abs(a), abs(b)) for a, b in bounds)
    out: list[np.ndarray] = []
    for p in points:
        if not all(np.linalg.norm(p - q) > 1e-5 * max(1.0, scale) for q in out):
            continue
        out.append(p)
    return out


class _Polisher:
    """Newton in mpmath at 50 digits with the exact Jacobian (linear convergence still reaches
    25+ digits at a degenerate root); a root is kept if the residual is below 1e-30."""

    def __init__(self, equations, variables):
        n = self.n = len(variables)
        jac = sp.Matrix(equations).jacobian(variables)
        self.fs = [sp.lambdify(variables, e, "mpmath") for e in equations]
        self.jf = [[sp.lambdify(variables, jac[i, j], "mpmath") for j in range(n)] for i in range(n)]

    def __call__(self, start: np.ndarray):
        try:
            with mpmath.workdps(PRECISION + 20):
                return self._polish(start)
        except (ValueError, ZeroDivisionError, TypeError, OverflowError, ArithmeticError):
            return None

    def _polish(self, start):
        fs, jf = self.fs, self.jf
        x0 = [mpmath.mpf(float(s)) for s in start]
        root = mpmath.findroot(fs, x0, solver="mdnewton", J=lambda *a: [[g(*a) for g in row] for row in jf],
                               maxsteps=200, verify=False)
        root = [mpmath.mpc(root[i]) for i in range(self.n)] if isinstance(root, mpmath.matrix) \
            else [mpmath.mpc(root)]
        if any(abs(r.imag) > mpmath.mpf(10) ** -PRECISION for r in root):
            return None
        root = [r.real for r in root]
        res = max(abs(f(*root)) for f in fs)
        scale = max([mpmath.mpf(1)] + [abs(r) for r in root])
        if res > mpmath.mpf(10) ** -PRECISION * scale:
            return None
        return tuple(sp.Float(mpmath.nstr(r, PRECISION), PRECISION) for r in root), float(res)


def _inside(point, bounds) -> bool:
    return all(lo < float(x) < hi for x, (lo, hi) in zip(point, bounds))


def _close(p, q) -> bool:
    return all(abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a))) for a, b in zip(p, q))
