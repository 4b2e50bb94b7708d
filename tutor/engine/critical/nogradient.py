"""Merge the critical points without a gradient (``singular``) into a critical-point result.

Kept apart from ``api`` so that the solver of ∇f = 0 and this search stay independent:
a point found by both is kept once (the local-behaviour classification wins when the
Hessian test could not decide), and a family found by both is kept once.
"""
from __future__ import annotations

from dataclasses import replace

import sympy as sp

from tutor.engine.critical.domain import Box
from tutor.engine.critical.records import FamilyFacts
from tutor.engine.critical.result import CriticalFamily, CriticalPoint
from tutor.engine.critical.singular import SingularSearch


def singular_point(variables, point: dict, value: sp.Expr, rec) -> CriticalPoint:
    n = len(variables)
    undefined = sp.ImmutableMatrix(n, n, [sp.nan] * (n * n))  # no Hessian: f is not differentiable there
    is_global = True if rec.global_ and rec.conclusion in ("minimum", "maximum") else None
    return CriticalPoint(variables, dict(point), value, "singular", undefined, (rec,), rec.conclusion,
                         exact=True, is_global=is_global)


def merge(points: list[CriticalPoint], families: list[CriticalFamily], found: SingularSearch, box: Box,
          variables) -> tuple[list[CriticalPoint], list[CriticalFamily]]:
    """Add the singular points inside ``box`` and the singular curves; sorted like the solver's points."""
    out = list(points)
    for point, value, rec in found.points:
        if box.contains(point) is False:
            continue
        same = next((i for i, p in enumerate(out) if _same(p.point, point, variables)), None)
        new = singular_point(variables, point, value, rec)
        if same is None:
            out.append(new)
        elif out[same].conclusion == "undecided" or out[same].hessian.has(sp.nan, sp.zoo):
            out[same] = new
    out.sort(key=lambda p: tuple(float(sp.N(p.point[v], 20)) for v in variables))
    fams = [_plain(f) for f in families]
    for c in found.curves:
        fam = CriticalFamily(variables, (c.equation,), len(variables) - 1, c.value, c.conclusion,
                             FamilyFacts((c.equation,), len(variables) - 1, c.parametrization,
                                         extra=("no-gradient",)),
                             is_global=True if c.global_ else None)
        clash = next((i for i, f in enumerate(fams) if _same_curve(f.equations, c.equation)), None)
        if clash is None:
            fams.append(fam)
        else:
            fams[clash] = fam
    return out, fams


def _plain(fam: CriticalFamily) -> CriticalFamily:
    """sign(u) = 0 (SymPy's d|u|/du at u = 0) is the curve u = 0: say so."""
    eqs = tuple(e.replace(lambda a: isinstance(a, sp.sign), lambda a: a.args[0]) for e in fam.equations)
    return fam if eqs == fam.equations else replace(fam, equations=eqs)


def _same(p: dict, q: dict, variables) -> bool:
    try:
        return all(sp.simplify(p[v] - q[v]) == 0 for v in variables)
    except (TypeError, KeyError):
        return False


def _same_curve(equations, e: sp.Expr) -> bool:
    if len(equations) != 1:
        return False
    a, b = sp.expand(equations[0]), sp.expand(e)
    return a == b or a == -b
