"""Proof that a refined zero of the gradient is a zero: the Krawczyk test in interval arithmetic.

For a point x̃, a box X = x̃ ± r and Y ≈ J(x̃)⁻¹, the Krawczyk operator
K(X) = x̃ − Y·F(x̃) + (I − Y·J(X))·(X − x̃) is evaluated with mpmath's interval
arithmetic (``mpmath.iv``, outward rounding). If K(X) lies inside X, then X
holds exactly one zero of F (Krawczyk 1969; Moore, *Methods and Applications
of Interval Analysis*). It fails at degenerate zeros (J singular) and for
functions ``mpmath.iv`` lacks (atan, …): the point is then refined, not proved.
"""
from __future__ import annotations

import mpmath
import sympy as sp
from mpmath import iv

_IV_NAMES = ("exp", "sin", "cos", "tan", "log", "ln", "sqrt", "pi", "e", "mpf", "fabs", "sec", "csc", "cot")


class Krawczyk:
    """``prove(point)`` -> the radius of a box around ``point`` holding exactly one zero, or None."""

    def __init__(self, equations, variables):
        n = self.n = len(variables)
        eqs = [sp.expand_trig(e.rewrite(sp.exp)) if e.has(sp.sinh, sp.cosh, sp.tanh) else e for e in equations]
        jac = sp.Matrix(eqs).jacobian(variables)
        names = {k: getattr(iv, k) for k in _IV_NAMES if hasattr(iv, k)}
        self.usable = not any(isinstance(a, sp.Function) and a.func.__name__ not in names
                              for e in eqs for a in sp.preorder_traversal(e))
        mods = [names, "mpmath"]
        self.fs = [sp.lambdify(variables, e, mods) for e in eqs]
        self.jf = [[sp.lambdify(variables, jac[i, j], mods) for j in range(n)] for i in range(n)]
        self.jm = [[sp.lambdify(variables, jac[i, j], "mpmath") for j in range(n)] for i in range(n)]

    def prove(self, point: tuple, dps: int = 45) -> float | None:
        if not self.usable:
            return None
        try:
            with mpmath.workdps(dps):
                iv.dps = dps
                x = [mpmath.mpf(str(c)) for c in point]
                Y = mpmath.inverse(mpmath.matrix([[g(*x) for g in row] for row in self.jm]))
                for r in (mpmath.mpf(10) ** -(dps // 2), mpmath.mpf(10) ** -(dps // 3), mpmath.mpf(10) ** -8):
                    if self._contains(x, Y, r):
                        return float(r)
        except (ValueError, ZeroDivisionError, TypeError, OverflowError, ArithmeticError):
            return None
        return None

    def _contains(self, x, Y, r) -> bool:
        n = self.n
        X = [iv.mpf([c - r, c + r]) for c in x]
        thin = [iv.mpf(c) for c in x]
        Fx = [f(*thin) for f in self.fs]
        JX = [[g(*X) for g in row] for row in self.jf]
        for i in range(n):
            k = thin[i]
            for j in range(n):
                k -= iv.mpf(Y[i, j]) * Fx[j]
                m = (1 if i == j else 0) - sum((iv.mpf(Y[i, l]) * JX[l][j] for l in range(n)), iv.mpf(0))
                k += m * (X[j] - thin[j])
            if not (X[i].a < k.a and k.b < X[i].b):
                return False
        return True
