"""Global remarks that can be proved: coercive, unbounded along a line, which local extremum is global.

A continuous f on R^n that tends to +infinity in every direction at infinity
(a positive definite leading form, for polynomials) attains its minimum at a
critical point: with a complete list, the lowest critical value is the global
minimum. A line along which f -> -infinity proves there is no global minimum.
One variable uses the limits at +-infinity instead.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from tutor.engine.critical.followup import _definite_weighted, _directions, _even_terms_sign
from tutor.engine.critical.records import GlobalRemark
from tutor.engine.critical.signs import decide_sign


@dataclass(frozen=True)
class GlobalFacts:
    remarks: tuple[GlobalRemark, ...]
    global_min: tuple[int, ...]  # indices into the values passed in
    global_max: tuple[int, ...]


def global_facts(f: sp.Expr, variables: tuple[sp.Symbol, ...], values: Sequence[sp.Expr | None],
                 complete: bool) -> GlobalFacts:
    """Remarks about f on all of R^n, given every critical value (points first, then families)."""
    if f.is_polynomial(*variables):
        behaviour = _polynomial_behaviour(f, variables)
    elif len(variables) == 1:
        behaviour = _limits_behaviour(f, variables[0])
    else:
        return GlobalFacts((), (), ())
    if behaviour is None:
        return GlobalFacts((), (), ())
    remarks, low_at_infinity, high_at_infinity = behaviour
    known = [v for v in values if v is not None]
    gmin: tuple[int, ...] = ()
    gmax: tuple[int, ...] = ()
    if complete and known and len(known) == len(values):
        lo = _extreme(known, -1)
        hi = _extreme(known, 1)
        if lo is not None and _at_most(lo, low_at_infinity):
            gmin = tuple(i for i, v in enumerate(values) if decide_sign(v - lo).sign == 0)
            remarks.append(GlobalRemark("global-min", (lo,)))
        elif low_at_infinity is not None and lo is not None and low_at_infinity != -sp.oo:
            remarks.append(GlobalRemark("no-global-min", (low_at_infinity,)))
        if hi is not None and _at_least(hi, high_at_infinity):
            gmax = tuple(i for i, v in enumerate(values) if decide_sign(v - hi).sign == 0)
            remarks.append(GlobalRemark("global-max", (hi,)))
        elif high_at_infinity is not None and hi is not None and high_at_infinity != sp.oo:
            remarks.append(GlobalRemark("no-global-max", (high_at_infinity,)))
    return GlobalFacts(tuple(remarks), gmin, gmax)


def _polynomial_behaviour(f, variables):
    """(remarks, inf of f "at infinity", sup "at infinity") from the leading form and sample lines."""
    poly = sp.Poly(f, *variables)
    d = poly.total_degree()
    if d == 0:
        return None
    lead = sum((c * sp.prod(v ** e for v, e in zip(variables, m)) for m, c in poly.terms() if sum(m) == d),
               sp.Integer(0))
    remarks: list[GlobalRemark] = []
    definite = 0
    if d == 2 and len(variables) > 1:
        definite = _definite_quadratic(lead, variables)
    elif d % 2 == 0:
        if len(variables) == 1:
            definite = 1 if poly.LC() > 0 else -1
        elif len(variables) == 2:
            definite = _definite_weighted(lead, variables, (1, 1))
        else:
            definite = _even_terms_sign(lead, variables, strict=True)
    if definite > 0:
        remarks.append(GlobalRemark("coercive", (lead,)))
        return remarks, sp.oo, sp.oo
    if definite < 0:
        remarks.append(GlobalRemark("anticoercive", (lead,)))
        return remarks, -sp.oo, -sp.oo
    below = above = None
    t = sp.Symbol("t")
    for u in ([(1,)] if len(variables) == 1 else _directions(len(variables))):
        along = sp.Poly(sp.expand(f.subs({v: ui * t for v, ui in zip(variables, u)}, simultaneous=True)), t)
        k = along.degree()
        if k < 1:
            continue
        lc = along.LC()
        ends = {1: int(sp.sign(lc)), -1: int(sp.sign(lc)) * (-1) ** k}
        for direction, s in ends.items():
            line = tuple(direction * ui for ui in u)
            if s < 0 and below is None:
                below = line
            if s > 0 and above is None:
                above = line
        if below and above:
            break
    if below:
        remarks.append(GlobalRemark("unbounded-below", (below,)))
    if above:
        remarks.append(GlobalRemark("unbounded-above", (above,)))
    return remarks, (-sp.oo if below else None), (sp.oo if above else None)


def _definite_quadratic(q: sp.Expr, variables) -> int:
    """+1 / -1 for a positive / negative definite quadratic form (exact, from its matrix's characteristic polynomial)."""
    coeffs = sp.hessian(q, variables).charpoly().all_coeffs()
    signs = [int(sp.sign(c)) for c in coeffs]
    if all(signs[i] * (-1) ** i > 0 for i in range(len(signs))):
        return 1
    if all(s > 0 for s in signs):
        return -1
    return 0


def _positive_on_reals(g: sp.Expr, x: sp.Symbol) -> bool:
    """g > 0 for every real x: exactly for polynomials (no real roots, positive at 0), else by assumptions."""
    if g.is_polynomial(x):
        p = sp.Poly(g, x)
        if p.domain.is_ZZ or p.domain.is_QQ:
            return (p.degree() == 0 and p.LC() > 0) or (p.count_roots() == 0 and p.eval(0) > 0)
    return bool(g.subs(x, sp.Dummy(real=True)).is_positive)


def continuous_on_reals(f: sp.Expr, x: sp.Symbol) -> bool:
    """f is defined and continuous on all of R (a sufficient check: logs of positive, no poles, no tan)."""
    for node in sp.preorder_traversal(f):
        if isinstance(node, sp.log):
            if not _positive_on_reals(node.args[0], x):
                return False
        elif node.is_Pow and node.base.has(x):
            e = node.exp
            if e.has(x):
                if not _positive_on_reals(node.base, x):
                    return False
            elif e.is_negative or (e.is_Rational and not e.is_Integer):
                if not _positive_on_reals(node.base, x):
                    return False
        elif isinstance(node, sp.Function) and not isinstance(node, (sp.exp, sp.sin, sp.cos, sp.log,
                                                                     sp.sinh, sp.cosh, sp.tanh, sp.atan)):
            return False
    return True


def _limits_behaviour(f, x):
    if not continuous_on_reals(f, x):
        return None
    lims = {}
    for end in (-sp.oo, sp.oo):
        try:
            lims[end] = sp.limit(f, x, end)
        except (NotImplementedError, ValueError):
            return None
    finite_or_inf = [lim for lim in lims.values() if lim.is_extended_real]
    if len(finite_or_inf) != 2:
        return None
    remarks = [GlobalRemark("limits", (lims[-sp.oo], lims[sp.oo]))]
    low = min(lims.values(), key=lambda v: float(v) if v.is_finite else (float("inf") if v == sp.oo else float("-inf")))
    high = max(lims.values(), key=lambda v: float(v) if v.is_finite else (float("inf") if v == sp.oo else float("-inf")))
    if low == sp.oo:
        remarks.append(GlobalRemark("coercive", ()))
    if high == -sp.oo:
        remarks.append(GlobalRemark("anticoercive", ()))
    return remarks, low, high


def _extreme(values, direction: int):
    best = values[0]
    for v in values[1:]:
        s = decide_sign(v - best).sign
        if s is None:
            return None
        if s == direction:
            best = v
    return best


def _at_most(v, bound) -> bool:
    """v <= bound, where bound may be +-oo or None (unknown)."""
    if bound is None:
        return False
    if bound == sp.oo:
        return True
    if bound == -sp.oo:
        return False
    s = decide_sign(bound - v).sign
    return s is not None and s >= 0


def _at_least(v, bound) -> bool:
    if bound is None:
        return False
    if bound == -sp.oo:
        return True
    if bound == sp.oo:
        return False
    s = decide_sign(v - bound).sign
    return s is not None and s >= 0
