"""Independent check of tests/data/critical_numeric.toml (run by hand: python tests/data/critical_numeric_make.py).

For each function: a dense grid of starts (200 per axis in 1-D, 70 x 70 in 2-D) over the
domain runs a finite-difference Newton iteration written here in NumPy (not calctutor's
code); every distinct limit is polished with ``mpmath.findroot`` at 40 digits, kept if the
gradient's size there is below 1e-35 and the point is strictly inside the domain, and
classified by the eigenvalues of the Hessian at 40 digits. It prints the corpus rows.
"""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import mpmath
import numpy as np
import sympy as sp

FILE = Path(__file__).with_name("critical_numeric.toml")


def grad_fns(f, vs):
    g = [sp.diff(f, v) for v in vs]
    return g, sp.lambdify(vs, g, "numpy"), [sp.lambdify(vs, e, "mpmath") for e in g]


def scan(gn, bounds, per):
    axes = [np.linspace(lo, hi, per + 2)[1:-1] for lo, hi in bounds]
    X = np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], axis=1)
    n, h = X.shape[1], 1e-7
    with np.errstate(all="ignore"):
        for _ in range(80):
            F = np.array(np.broadcast_arrays(*gn(*X.T)), dtype=float).T
            J = np.empty((len(X), n, n))
            for j in range(n):
                d = np.zeros(n)
                d[j] = h
                J[:, :, j] = (np.array(np.broadcast_arrays(*gn(*(X + d).T)), dtype=float).T - F) / h
            ok = np.isfinite(J).all(axis=(1, 2)) & (np.abs(np.linalg.det(np.where(np.isfinite(J), J, 0))) > 1e-14)
            step = np.zeros_like(X)
            step[ok] = np.linalg.solve(J[ok], F[ok][..., None])[..., 0]
            X = np.where(ok[:, None], X - np.clip(step, -0.5, 0.5), np.nan)
        F = np.array(np.broadcast_arrays(*gn(*X.T)), dtype=float).T
    good = np.isfinite(X).all(axis=1) & (np.abs(F) < 1e-9).all(axis=1)
    return X[good]


def polish(f, vs, gm, start, bounds):
    with mpmath.workdps(40):
        try:
            r = mpmath.findroot(gm if len(vs) > 1 else gm[0], [mpmath.mpf(float(s)) for s in start]
                                if len(vs) > 1 else mpmath.mpf(float(start[0])))
        except (ZeroDivisionError, ValueError):
            return None
        r = [r[i] for i in range(len(vs))] if len(vs) > 1 else [r]
        if any(isinstance(c, mpmath.mpc) and abs(c.imag) > 1e-35 for c in r):
            return None
        r = [mpmath.re(c) for c in r]
        if max(abs(g(*r)) for g in gm) > mpmath.mpf(10) ** -35:
            return None
        if not all(lo < c < hi for c, (lo, hi) in zip(r, bounds)):
            return None
        H = sp.hessian(f, vs) if len(vs) > 1 else sp.Matrix([[sp.diff(f, vs[0], 2)]])
        Hm = mpmath.matrix([[sp.lambdify(vs, H[i, j], "mpmath")(*r) for j in range(len(vs))] for i in range(len(vs))])
        ev = mpmath.eigsy(Hm)[0]
        ev = [ev[i] for i in range(len(vs))]
        if any(abs(e) < 1e-25 for e in ev):
            kind = "degenerate"
        elif all(e > 0 for e in ev):
            kind = "minimum"
        elif all(e < 0 for e in ev):
            kind = "maximum"
        else:
            kind = "saddle"
        return [float(c) for c in r], kind, mpmath.nstr(r, 20)


def main() -> None:
    data = tomllib.loads(FILE.read_text(encoding="utf-8"))
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    for case in data["case"]:
        if only not in case["function"]:
            continue
        vs = sp.symbols(case["variables"])
        vs = tuple(vs) if isinstance(vs, (tuple, list)) else (vs,)
        from tutor import parse

        f = parse(case["function"])
        bounds = [tuple(b) for b in case["domain_bounds"]]
        g, gn, gm = grad_fns(f, vs)
        pts: list = []
        starts: list = []
        for s in scan(gn, bounds, 200 if len(vs) == 1 else 70):
            if not any(np.max(np.abs(s - t)) < 1e-6 for t in starts):
                starts.append(s)
        for s in starts:
            p = polish(f, vs, gm, s, bounds)
            if p and not any(max(abs(a - b) for a, b in zip(p[0], q[0])) < 1e-8 for q in pts):
                pts.append(p)
        pts.sort()
        print(f"# {case['function']}: {len(pts)} points")
        for p in pts:
            print("  {point = [%s], kind = %r},  # %s" % (", ".join(f"{c:.12f}" for c in p[0]), p[1], p[2]))


if __name__ == "__main__":
    main()
