"""Trigonometric polynomials become polynomial systems: c = cos x, s = sin x, c^2 + s^2 = 1.

When every gradient equation is, after ``expand_trig``, a polynomial in the
sines and cosines of the variables (and in variables that appear outside trig
functions not at all), the exact polynomial solver finds every solution; each
(c, s) is one angle atan2(s, c), repeated with period 2*pi across the box. So
sin x + sin y + sin(x + y) gets all its critical points, including the
degenerate one at (pi, pi) that Newton's method approaches only slowly.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp

from tutor.engine.critical.algebraic import exact_coordinates
from tutor.engine.critical.domain import Box
from tutor.engine.critical.polysolve import solve_polynomial_system

MAX_POINTS = 400


@dataclass(frozen=True)
class TrigOutcome:
    points: tuple[tuple[tuple[sp.Symbol, sp.Expr], ...], ...]  # exact where closed forms exist
    numeric: tuple[tuple[tuple[sp.Symbol, sp.Float], ...], ...]  # angles of irrational (c, s)
    system: tuple[sp.Expr, ...]
    basis: tuple[sp.Expr, ...]


def trig_solve(equations: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...], box: Box) -> TrigOutcome | None:
    """All solutions in the box via the (cos, sin) polynomial system; None if not applicable or not finite."""
    trig_vars = [v for v in variables if any(_has_trig_of(e, v) for e in equations)]
    if not trig_vars:
        return None
    C = {v: sp.Symbol(f"c_{v.name}") for v in trig_vars}
    S = {v: sp.Symbol(f"s_{v.name}") for v in trig_vars}
    polys = []
    for e in equations:
        p = _to_polynomial(e, trig_vars, C, S)
        if p is None:
            return None
        polys.append(p)
    unknowns = tuple(v for v in variables if v not in C) + tuple(z for v in trig_vars for z in (C[v], S[v]))
    if any(p.free_symbols - set(unknowns) for p in polys):
        return None
    polys += [C[v] ** 2 + S[v] ** 2 - 1 for v in trig_vars]
    sol = solve_polynomial_system(polys, unknowns)
    if sol.families or sol.unresolved:
        return None
    exact_pts: list = []
    numeric_pts: list = []
    for p in sol.points:
        closed = exact_coordinates(p)
        approx = p.approx(30)
        values = dict(zip(unknowns, closed if closed is not None else approx))
        plain = [v for v in variables if v not in C]
        base = {}
        for v in trig_vars:
            c, s = values[C[v]], values[S[v]]
            base[v] = sp.atan2(s, c) if closed is not None else sp.Float(sp.atan2(s, c).evalf(30), 30)
        choices = [[values[v]] for v in plain] + [_shifts(base[v], box.interval(v)) for v in trig_vars]
        order = plain + trig_vars
        for combo in itertools.product(*choices):
            pt = dict(zip(order, combo))
            item = tuple((v, pt[v]) for v in variables)
            (exact_pts if closed is not None else numeric_pts).append(item)
            if len(exact_pts) + len(numeric_pts) > MAX_POINTS:
                return None
    return TrigOutcome(tuple(exact_pts), tuple(numeric_pts), tuple(polys), sol.basis)


def _has_trig_of(e: sp.Expr, v: sp.Symbol) -> bool:
    return any(a.has(v) for a in e.atoms(sp.sin, sp.cos, sp.tan))


def _to_polynomial(e: sp.Expr, trig_vars, C, S) -> sp.Expr | None:
    e = sp.expand(sp.expand_trig(e))
    if e.has(sp.tan, sp.cot, sp.sec, sp.csc):
        return None
    reps = {}
    for a in e.atoms(sp.sin, sp.cos):
        arg = a.args[0]
        if arg not in C:
            return None
        reps[a] = (S if isinstance(a, sp.sin) else C)[arg]
    p = e.xreplace(reps)
    if any(p.has(v) for v in trig_vars):  # a trig variable also appears outside sin/cos
        return None
    if not p.is_polynomial(*C.values(), *S.values()):
        return None
    return sp.expand(p)


def _shifts(theta: sp.Expr, interval: sp.Interval) -> list[sp.Expr]:
    """theta + 2*k*pi inside the open interval (finite bounds required)."""
    lo, hi = interval.inf, interval.sup
    if not (lo.is_finite and hi.is_finite):
        raise ValueError("a periodic variable needs a bounded interval")
    t = float(theta)
    two_pi = 2 * float(sp.pi)
    k_lo = int((float(lo) - t) // two_pi) - 1
    k_hi = int((float(hi) - t) // two_pi) + 1
    out = []
    for k in range(k_lo, k_hi + 1):
        if isinstance(theta, sp.Float):
            val = sp.Float((theta + 2 * k * sp.pi).evalf(30), 30)
        else:
            val = theta + 2 * k * sp.pi
        inside = interval.contains(val)
        if inside == sp.true or (inside != sp.false and float(lo) < float(val) < float(hi)):
            out.append(val)
    return out
