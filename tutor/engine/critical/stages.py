"""The heavy steps of ``critical_points``, each a module-level function run under ``bounded``.

Locate (solve the gradient system), classify (a chunk of points at a time, so a
timeout keeps what was finished) and describe the families. Inputs and outputs
are picklable because they cross into the worker process.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from tutor.engine.critical.algebraic import AlgebraicPoint, exact_coordinates
from tutor.engine.critical.classify import HessianForms, second_derivative_test
from tutor.engine.critical.domain import Box, default_box
from tutor.engine.critical.followup import follow_up
from tutor.engine.critical.numeric import NumericRoots, numeric_roots
from tutor.engine.critical.polysolve import FamilyData, solve_polynomial_system
from tutor.engine.critical.records import Located, Note, SearchSummary, SolveReport
from tutor.engine.critical.result import CriticalPoint
from tutor.engine.critical.signs import PointSigns, decide_sign
from tutor.engine.critical.system import gradient_system
from tutor.engine.critical.transcendental import solve_exactly


@dataclass(frozen=True)
class Candidate:
    """A solution of the gradient system before classification."""

    exact: tuple[tuple[sp.Symbol, sp.Expr], ...] | None
    approx: tuple[sp.Float, ...]
    algebraic: AlgebraicPoint | None
    located: Located


@dataclass(frozen=True)
class Found:
    candidates: tuple[Candidate, ...]
    families: tuple[FamilyData, ...]
    exact_families: tuple  # transcendental families (ExactFamily)
    report: SolveReport
    complete: bool
    notes: tuple[Note, ...]
    box: Box
    forms: HessianForms
    everywhere: bool = False  # the box cut nothing off: statements about all of R^n are allowed
    pending: bool = False  # the exact stage left equations unsolved: a numerical search comes next


def locate(f: sp.Expr, variables: tuple[sp.Symbol, ...], box: Box | None) -> Found:
    """Solve grad f = 0 exactly: as a polynomial system, a trigonometric one, or per equation.

    What resists is left ``pending`` for :func:`search_numerically`.
    """
    system = gradient_system(f, variables)
    forms = HessianForms.of(f, variables)
    poly_dens = tuple(d for d in system.denominators if d.is_polynomial(*variables))
    if system.rational:
        sol = solve_polynomial_system(list(system.equations), variables, poly_dens)
        points = tuple(_from_algebraic(p, variables) for p in sol.points)
        notes: list[Note] = [Note("unresolved", (len(sol.unresolved),))] if sol.unresolved else []
        report = SolveReport(system.gradient, system.equations, system.dropped, system.denominators,
                             "groebner", sol.basis, sol.factor, sol.excluded)
        used = box or _everything(variables)
        return Found(points, sol.families, (), report, not sol.unresolved, tuple(notes), used, forms)
    used = box or default_box(variables)
    trig = _trig(system, variables, used)
    if trig is not None:
        cands = [_from_exact(dict(pt), variables, "trig") for pt in trig.points]
        cands += [Candidate(None, tuple(v for _, v in pt), None, Located("trig", "exact", note="no-closed-form"))
                  for pt in trig.numeric]
        notes = [] if box is not None else [Note("box", ())]
        report = SolveReport(system.gradient, trig.system, system.dropped, system.denominators, "trig",
                             basis=trig.basis)
        return Found(tuple(cands), (), (), report, True, tuple(notes), used, forms)
    exact = solve_exactly(system.equations, variables, used)
    cands = [_from_exact(dict(pt), variables) for pt in exact.points]
    notes = [] if box is not None else [Note("box", ())]
    method = "exact per equation" if exact.complete else ("numeric" if not cands else "mixed")
    report = SolveReport(system.gradient, system.equations, system.dropped, system.denominators, method,
                         branches=(exact.branches,))
    everywhere = exact.everywhere and box is None
    if everywhere:
        notes = [n for n in notes if n.key != "box"]
    return Found(tuple(cands), (), exact.families, report, exact.complete, tuple(notes), used, forms, everywhere,
                 pending=not exact.complete)


def search_numerically(f: sp.Expr, variables: tuple[sp.Symbol, ...], found: Found,
                       deadline: float | None = None) -> Found:
    """Add what the numerical search finds in ``found.box`` to what the exact stage solved (its own step,
    with its own time, so that a slow exact attempt does not eat the search's time)."""
    system = gradient_system(f, variables)
    cands, notes, report = list(found.candidates), list(found.notes), found.report
    try:
        roots = numeric_roots(system.equations, variables, found.box.search_bounds(), deadline=deadline)
    except Exception as exc:  # noqa: BLE001 - e.g. a function NumPy cannot evaluate (abs, Piecewise)
        notes.append(Note("numeric-failed", (type(exc).__name__,)))
    else:
        for pt, res, sure in zip(roots.points, roots.residuals, roots.proved):
            if not any(_near(pt, c.approx) for c in cands):
                cands.append(Candidate(None, pt, None, Located("numeric", "numeric", res, note=_proof(sure))))
        notes.append(Note("numeric", (roots.starts,)))
        report = replace(report, starts=roots.starts, search=summary(roots))
    return replace(found, candidates=tuple(cands), notes=tuple(notes), report=report, pending=False)


def locate_numerically(f: sp.Expr, variables: tuple[sp.Symbol, ...], box: Box,
                       deadline: float | None = None) -> Found:
    """The fallback after the exact search ran out of time: Newton from growing grids of starts."""
    system = gradient_system(f, variables)
    forms = HessianForms.of(f, variables)
    found = numeric_roots(system.equations, variables, box.search_bounds(), deadline=deadline)
    cands = tuple(Candidate(None, pt, None, Located("numeric", "numeric", res, note=_proof(sure)))
                  for pt, res, sure in zip(found.points, found.residuals, found.proved))
    report = SolveReport(system.gradient, system.equations, system.dropped, system.denominators, "numeric",
                         starts=found.starts, search=summary(found))
    return Found(cands, (), (), report, False, (Note("numeric", (found.starts,)),), box, forms)


def summary(found: NumericRoots) -> SearchSummary:
    return SearchSummary(found.searched, found.starts, found.windows, found.stable, found.cut, found.digits,
                         sum(found.proved), found.unconfirmed)


def _proof(sure: bool) -> str:
    return "krawczyk" if sure else "refined"


def _everything(variables):
    from tutor.engine.critical.domain import whole_space

    return whole_space(variables)


def _from_algebraic(p: AlgebraicPoint, variables) -> Candidate:
    closed = exact_coordinates(p)
    approx = p.approx(30)
    exact = tuple(zip(variables, closed)) if closed is not None else None
    located = Located("groebner", "exact", 0.0, p.minpoly if p.degree > 1 else None,
                      None if closed is not None else "no-closed-form")
    return Candidate(exact, approx, p, located)


def _from_exact(point: dict, variables, how: str = "exact per equation") -> Candidate:
    approx = tuple(sp.Float(sp.N(point[v], 30), 30) for v in variables)
    return Candidate(tuple((v, point[v]) for v in variables), approx, None, Located(how, "exact"))


def _trig(system, variables, box: Box):
    from tutor.engine.critical.trig import trig_solve

    try:
        return trig_solve(system.equations, variables, box)
    except (ValueError, NotImplementedError, sp.PolynomialError):
        return None


def _near(p, q) -> bool:
    return all(abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a))) for a, b in zip(p, q))


# -- classification ------------------------------------------------------------------------------
def classify_chunk(f: sp.Expr, variables: tuple[sp.Symbol, ...], forms: HessianForms,
                   candidates: tuple[Candidate, ...]) -> list[CriticalPoint | None]:
    """Classify candidates; None for one that turns out to lie outside f's domain."""
    return [classify_one(f, variables, forms, c) for c in candidates]


def classify_one(f: sp.Expr, variables, forms: HessianForms, cand: Candidate) -> CriticalPoint | None:
    exact = dict(cand.exact) if cand.exact is not None else None
    signs = PointSigns(variables, exact, cand.approx, cand.algebraic)
    value = _value(f, variables, signs, cand)
    if value is None:
        return None
    test = second_derivative_test(forms, signs)
    explanation: list = [cand.located, test]
    conclusion = test.kind
    if test.kind == "inconclusive":
        if test.positive is None:
            conclusion = "undecided"
        else:
            ups = follow_up(f, variables, signs, test.hessian)
            explanation += ups
            conclusion = _settled(ups)
    point = exact if exact is not None else dict(zip(variables, (sp.Float(a, 30) for a in cand.approx)))
    return CriticalPoint(variables, point, value, test.kind, test.hessian, tuple(explanation), conclusion,
                         exact=exact is not None)


def _settled(ups) -> str:
    for r in reversed(ups):
        if r.conclusion != "undecided":
            return r.conclusion
    return "undecided"


def _value(f, variables, signs: PointSigns, cand: Candidate) -> sp.Expr | None:
    """f at the point (exact when possible); None when f is not real and finite there."""
    if signs.exact is not None:
        v = f.subs(signs.exact)
        if v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            return None
        v = _tidy(v)
        s = decide_sign(sp.im(v)) if not v.is_extended_real else None
        if s is not None and s.sign != 0:
            return None
        return v
    v = f.subs(dict(zip(variables, cand.approx))).evalf(30)
    if not v.is_number or v.has(sp.zoo, sp.nan) or abs(sp.im(v)) > 1e-20:
        return None
    return sp.Float(sp.re(v), 30)


def _tidy(v: sp.Expr) -> sp.Expr:
    if v.is_Rational:
        return v
    if v.is_algebraic:
        return sp.radsimp(sp.expand(v))
    if sp.count_ops(v) > 12:
        simpler = sp.simplify(v)
        return simpler if sp.count_ops(simpler) < sp.count_ops(v) else v
    return v
