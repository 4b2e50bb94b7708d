"""Oscillation: two witness sequences with different limits for sin(w), cos(w) with w → ±∞.

For f with a factor sin(1/(x² + y²)) no path gives a limit (SymPy answers with an
interval, AccumBounds). But along a path where w(t) is one-to-one, the points where
w = 2πn + θ form a sequence tending to the point on which sin(w) = sin θ and
cos(w) = cos θ exactly, so f becomes a function of n without oscillation. Two phases θ
whose sequences give different limits prove that the limit does not exist.

Each sequence is checked: w equals 2πn + θ on it (simplification), it tends to the
point, and the limit of f along it is SymPy's limit in n of the non-oscillating form.
"""
from __future__ import annotations

import sympy as sp

from tutor.engine.limits import work
from tutor.engine.limits.continuity import is_continuous
from tutor.engine.limits.explore import different
from tutor.engine.limits.frame import Frame
from tutor.engine.limits.result import Path, Witness
from tutor.engine.limits.work import Budget, Unfinished, room

N = sp.Symbol("n", integer=True, positive=True)
_S = sp.Symbol("s", positive=True)
_T = sp.Symbol("t", positive=True)
PHASES = (sp.pi / 2, -sp.pi / 2, sp.Integer(0), sp.pi)


def oscillating(h: sp.Expr, xs) -> list[sp.Expr]:
    """Arguments w of sin/cos in h that are not continuous at the origin (candidates for w → ±∞)."""
    zero = {x: sp.Integer(0) for x in xs}
    out = []
    for a in h.atoms(sp.sin, sp.cos):
        w = a.args[0]
        if w.free_symbols & set(xs) and not is_continuous(w, zero) and w not in out:
            out.append(w)
    return out


def _probes(d: int) -> list[tuple[sp.Expr, ...]]:
    t, z = _T, sp.Integer(0)
    if d == 1:
        return [(t,), (-t,)]
    if d == 2:
        return [(t, z), (z, t), (t, t), (t, -t), (-t, z), (z, -t)]
    return [(t, z, z), (z, t, z), (z, z, t), (t, t, t)]


def oscillation_witnesses(h: sp.Expr, frame: Frame, budget: Budget,
                          side: str | None = None) -> tuple[Witness, Witness] | None:
    """Two sequences tending to the point along which f has different limits, or None.

    ``side`` ("+" or "-", one variable) keeps the sequences on that side of the point.
    """
    ws = oscillating(h, frame.xs)
    if len(ws) != 1:
        return None
    w = ws[0]
    probes = _probes(frame.d)
    if side is not None:
        probes = [p for p in probes if p[0] == (_T if side == "+" else -_T)]
    for probe in probes:
        try:
            found = _along(h, w, probe, frame, budget)
        except Unfinished:
            return None
        if found is not None:
            return found
    return None


def _along(h, w, probe, frame: Frame, budget: Budget) -> tuple[Witness, Witness] | None:
    sub = dict(zip(frame.xs, probe))
    w_t = w.xreplace(sub)
    if not w_t.has(_T) or w_t.has(sp.zoo, sp.nan):
        return None
    end = budget.call(work.one_sided_limit, w_t, _T, sp.Integer(0), "+", cap=room(budget, 1.5),
                      what="the oscillating argument")
    if end not in (sp.oo, -sp.oo):
        return None
    sign = 1 if end == sp.oo else -1
    roots = budget.call(work.solve_for, w_t - sign * _S, _T, cap=room(budget, 1.5), what="solving for the sequence")
    t_of_s = None
    for r in roots:
        r = sp.sympify(r, strict=True)  # a root SymPy returned (never text)
        if r.is_positive and budget.call(work.one_sided_limit, r, _S, sp.oo, "-", cap=room(budget, 1.0),
                                         what="checking the sequence") == 0:
            t_of_s = r
            break
    if t_of_s is None or not budget.call(work.is_zero, w_t.xreplace({_T: t_of_s}) - sign * _S, cap=room(budget, 1.0),
                                         what="checking the sequence"):
        return None
    seen: list[Witness] = []
    for theta in PHASES:
        s_n = 2 * sp.pi * N + theta  # on the sequence w = sign·s_n
        phase = {sp.sin(w): sp.sin(sign * theta), sp.cos(w): sp.cos(sign * theta)}
        t_n = t_of_s.xreplace({_S: s_n})
        along = h.xreplace(phase).xreplace(sub).xreplace({_T: t_n})
        if along.has(sp.sin, sp.cos) and oscillating(along, (N,)):
            return None
        try:
            value = budget.call(work.one_sided_limit, along, N, sp.oo, "-", cap=room(budget, 1.5),
                                what="the limit along a sequence")
        except Unfinished:
            raise
        except Exception:  # noqa: BLE001 - SymPy could not take it: try another phase
            continue
        if value.has(sp.AccumBounds, sp.Limit, sp.nan) or value is sp.zoo or not (
                value.is_extended_real or value in (sp.oo, -sp.oo)):
            continue
        seq = tuple(c.xreplace({_T: t_n}) for c in probe)
        wit = Witness(_sequence_path(seq, frame), value, along)
        for other in seen:
            if different(other.value, value):
                return other, wit
        seen.append(wit)
    return None


def _sequence_path(seq, frame: Frame) -> Path:
    coords = tuple(p + c for p, c in zip(frame.point, seq))
    eqs = tuple(sp.Eq(v, c, evaluate=False) for v, c in zip(frame.variables, coords))
    return Path(coords, N, sp.oo, None, eqs, "the sequence")
