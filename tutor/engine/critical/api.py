"""``critical_points``: locate, classify and describe, every heavy step under a time limit.

The steps run through ``tutor.engine.bounded`` against one overall budget. When
a step runs out of time the answer still comes back: what was found so far,
with ``complete=False`` and a note saying which step was cut short.
"""
from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import sympy as sp

from tutor.engine.bounded import DEFAULT_TIMEOUT, Unfinished, bounded
from tutor.engine.critical.domain import Box, default_box, make_box
from tutor.engine.critical.families import describe_family
from tutor.engine.critical.globals import GlobalFacts, global_facts
from tutor.engine.critical.records import FollowUp, Note
from tutor.engine.critical.result import CriticalFamily, CriticalPoint, CriticalPoints
from tutor.engine.critical.stages import (Candidate, Found, classify_chunk, locate, locate_numerically,
                                          search_numerically)
from tutor.engine.inputs import as_expr, ordered_variables

CHUNK = 6
SEARCH_SHARE = 0.75  # of a step's time, what a numerical search may use before it stops growing its window


class _Budget:
    def __init__(self, total: float):
        self.deadline = time.monotonic() + total

    def soon(self, seconds: float) -> float:
        """The ``time.monotonic()`` instant ``seconds`` from now (a deadline handed to a worker)."""
        return time.monotonic() + seconds

    def left(self, cap: float | None = None) -> float:
        rest = max(0.05, self.deadline - time.monotonic())
        return min(rest, cap) if cap else rest


def critical_points(f: Any, variables: Sequence[Any] | None = None,
                    domain: Mapping[Any, tuple[Any, Any]] | str | None = None, *,
                    timeout: float | None = None) -> CriticalPoints:
    """Every critical point of ``f`` (in ``domain``, a dict of open intervals), classified and explained.

    The result behaves as ``list[CriticalPoint]`` and also says whether the list is
    ``complete``, on which ``domain`` it was searched, and which ``families`` exist.
    ``timeout`` bounds the whole call (default: four times CALCTUTOR_TIMEOUT).
    """
    expr, vars_ = _prepare(f, variables)
    box = make_box(domain, vars_)
    budget = _Budget(timeout if timeout is not None else 4 * DEFAULT_TIMEOUT)
    notes: list[Note] = []
    try:
        found: Found = bounded(locate, expr, vars_, box, timeout=budget.left() * 0.6, what="solving grad f = 0")
        if found.pending:
            found = _search(expr, vars_, found, budget, notes)
    except Unfinished as exc:
        notes.append(Note("timeout", ("solve", exc.seconds)))
        search_box = box or default_box(vars_)
        try:
            seconds = budget.left()
            found = bounded(locate_numerically, expr, vars_, search_box, budget.soon(seconds * SEARCH_SHARE),
                            timeout=seconds, what="the numerical search")
        except Unfinished as exc2:
            notes.append(Note("timeout", ("numeric", exc2.seconds)))
            return _empty(expr, vars_, search_box, notes)
    cands = [c for c in found.candidates if found.box.contains(_approx_map(c, vars_)) is not False]
    cands.sort(key=lambda c: tuple(float(a) for a in c.approx))
    points, cut = _classify(expr, vars_, found, cands, budget)
    if cut:
        notes.append(Note("timeout", ("classify", cut)))
    families = _families(expr, vars_, found, budget, notes)
    complete = found.complete and not any(n.key == "timeout" and n.data[0] == "solve" for n in notes)
    points, families, singular_complete = _singular(expr, vars_, found, points, families, budget, notes)
    complete = complete and singular_complete
    facts = _globals(expr, vars_, points, families, complete, found, budget, notes)
    points, families = _mark_global(points, families, facts)
    periods = _periods(expr, vars_, found, budget) if not found.report.method == "groebner" else ()
    notes = list(found.notes) + notes
    if periods:
        notes.append(Note("periodic", periods))
    return CriticalPoints(expr, vars_, tuple(points), tuple(families), complete, found.box, found.report.method,
                          found.report, tuple(notes), facts.remarks, periods)


def _search(expr, vars_, found: Found, budget: _Budget, notes: list) -> Found:
    """The numerical search after an incomplete exact stage, with its own share of the time."""
    seconds = budget.left() * 0.7  # the rest: classifying what was found
    try:
        return bounded(search_numerically, expr, vars_, found, budget.soon(seconds * SEARCH_SHARE),
                       timeout=seconds, what="the numerical search")
    except Unfinished as exc:
        notes.append(Note("timeout", ("numeric", exc.seconds)))
        return found


def _singular(expr, vars_, found: Found, points, families, budget: _Budget, notes: list):
    """Add the points where the gradient does not exist; (points, families, whether that search was complete)."""
    from tutor.engine.critical.nogradient import merge
    from tutor.engine.critical.singular import may_lack_gradient, singular_critical_points

    if not may_lack_gradient(expr):
        return points, families, True
    try:
        undecided = tuple(p.point for p in points if p.conclusion == "undecided" and p.exact)
        sing = bounded(singular_critical_points, expr, vars_, undecided, timeout=budget.left(cap=DEFAULT_TIMEOUT),
                       what="points where the gradient does not exist")
    except Unfinished as exc:
        notes.append(Note("timeout", ("singular", exc.seconds)))
        return points, families, False
    if sing.points or sing.curves:
        notes.append(Note("no-gradient", (len(sing.points), len(sing.curves))))
    if not sing.complete:
        notes.append(Note("no-gradient-incomplete", ()))
    points, families = merge(points, families, sing, found.box, vars_)
    return points, families, sing.complete


def _prepare(f: Any, variables) -> tuple[sp.Expr, tuple[sp.Symbol, ...]]:
    expr = as_expr(f, variables)
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.Tuple):
        raise ValueError("critical points need one real-valued function, e.g. x^2 + y^2")
    if expr.has(sp.Float):
        expr = sp.nsimplify(expr, rational=True)  # exact first: floats make solving slow and unsure
    vars_ = ordered_variables(expr, variables)
    if not vars_:
        raise ValueError(f"{expr} has no variables, so there are no critical points to find")
    if expr.has(sp.I):
        raise ValueError("the function must be real-valued (it contains I)")
    return expr, vars_


def _approx_map(c: Candidate, vars_) -> dict:
    if c.exact is not None:
        return dict(c.exact)
    return dict(zip(vars_, c.approx))


def _classify(expr, vars_, found: Found, cands: list[Candidate], budget: _Budget):
    points: list[CriticalPoint] = []
    cut = 0
    for i in range(0, len(cands), CHUNK):
        chunk = tuple(cands[i:i + CHUNK])
        try:
            done = bounded(classify_chunk, expr, vars_, found.forms, chunk,
                           timeout=budget.left(cap=max(DEFAULT_TIMEOUT, 2.0)), what="classifying critical points")
        except Unfinished:
            done = [_unclassified(expr, vars_, c) for c in chunk]
            cut += len(chunk)
        points += [p for p in done if p is not None]
    return points, cut


def _unclassified(expr, vars_, c: Candidate) -> CriticalPoint:
    point = dict(c.exact) if c.exact is not None else dict(zip(vars_, (sp.Float(a, 30) for a in c.approx)))
    value = expr.subs(dict(zip(vars_, c.approx))).evalf(15)
    H = sp.ImmutableMatrix.zeros(len(vars_), len(vars_))
    return CriticalPoint(vars_, point, value, "inconclusive", H, (c.located,), "undecided", exact=c.exact is not None)


def _families(expr, vars_, found: Found, budget: _Budget, notes: list) -> list[CriticalFamily]:
    out = []
    items = [(fam.equations, fam.dimension, ()) for fam in found.families]
    items += [(fam.equations, len(fam.free) - len(fam.equations), fam.known) for fam in found.exact_families]
    for eqs, dim, known in items:
        try:
            out.append(bounded(describe_family, expr, vars_, eqs, dim, known, timeout=budget.left(cap=DEFAULT_TIMEOUT),
                               what="describing a family of critical points"))
        except Unfinished as exc:
            notes.append(Note("timeout", ("family", exc.seconds)))
            out.append(CriticalFamily(vars_, tuple(eqs), dim, None, "undecided", _bare_facts(eqs, dim)))
    return out


def _bare_facts(eqs, dim):
    from tutor.engine.critical.records import FamilyFacts

    return FamilyFacts(tuple(eqs), dim)


def _globals(expr, vars_, points, families, complete, found: Found, budget: _Budget, notes: list) -> GlobalFacts:
    if not (found.box.is_everything() or found.everywhere):
        return GlobalFacts((), (), ())
    values = [p.value for p in points] + [fam.value for fam in families]
    try:
        return bounded(global_facts, expr, vars_, values, complete, timeout=budget.left(cap=DEFAULT_TIMEOUT),
                       what="global remarks")
    except Unfinished:
        return GlobalFacts((), (), ())


def _mark_global(points: list[CriticalPoint], families: list[CriticalFamily], facts: GlobalFacts):
    """Flag proved global extrema; a degenerate point at the global minimum value is a minimum."""
    out = []
    for i, p in enumerate(points):
        for index, kind in ((facts.global_min, "minimum"), (facts.global_max, "maximum")):
            if i in index and p.conclusion in (kind, "undecided"):
                extra = () if p.conclusion == kind else (FollowUp("global", kind, global_=True),)
                p = replace(p, is_global=True, conclusion=kind, explanation=p.explanation + extra)
        if p.is_global is None and any(r.global_ for r in p.follow_ups if r.conclusion == p.conclusion):
            p = replace(p, is_global=True)
        out.append(p)
    fams = []
    for j, fam in enumerate(families, start=len(points)):
        for index, kind in ((facts.global_min, "minimum"), (facts.global_max, "maximum")):
            if j in index and fam.conclusion == kind:
                fam = replace(fam, is_global=True)
        fams.append(fam)
    return out, fams


def _periods(expr, vars_, found: Found, budget: _Budget) -> tuple:
    if not expr.has(sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc):
        return ()
    try:
        return bounded(_periods_of, expr, vars_, timeout=budget.left(cap=1.0), what="periodicity")
    except Unfinished:
        return ()


def _periods_of(expr, vars_) -> tuple:
    """Periods of the gradient (so of the set of critical points) in each variable, where all components agree."""
    from sympy.calculus.util import periodicity

    grad = [sp.diff(expr, v) for v in vars_]
    out = []
    for v in vars_:
        periods = set()
        for g in grad:
            if not g.has(v):
                continue
            try:
                periods.add(periodicity(g, v))
            except (NotImplementedError, ValueError, TypeError):
                periods.add(None)
        if len(periods) == 1:
            p = periods.pop()
            if p is not None and p != 0:
                out.append((v, p))
    return tuple(out)


def _empty(expr, vars_, box: Box, notes: list[Note]) -> CriticalPoints:
    from tutor.engine.critical.records import SolveReport

    grad = tuple(sp.diff(expr, v) for v in vars_)
    return CriticalPoints(expr, vars_, (), (), False, box, "none", SolveReport(grad, grad, method="none"),
                          tuple(notes))
