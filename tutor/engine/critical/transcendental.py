"""Exact solving of a transcendental gradient system, one equation and one variable at a time.

Each gradient component is split into factors; for every choice of one factor
per component, equations in a single unknown are solved with ``solveset`` on
the box's interval (periodic solutions become the finitely many inside it) and
substituted into the rest. Branches that stay coupled or whose equation has no
closed form are handed to the numerical search, and the result then says it
may be incomplete.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import sympy as sp

from tutor.engine.critical.domain import Box
from tutor.engine.critical.signs import decide_sign

MAX_BRANCHES = 256
MAX_POINTS = 400


@dataclass(frozen=True)
class ExactFamily:
    """Critical points filling a curve or surface: fixed coordinates plus remaining equations."""

    known: tuple[tuple[sp.Symbol, sp.Expr], ...]
    equations: tuple[sp.Expr, ...]
    free: tuple[sp.Symbol, ...]


@dataclass(frozen=True)
class ExactOutcome:
    points: tuple[tuple[tuple[sp.Symbol, sp.Expr], ...], ...]
    families: tuple[ExactFamily, ...]
    complete: bool  # every branch solved in closed form
    open_branches: tuple[tuple[sp.Expr, ...], ...] = field(default_factory=tuple)
    branches: int = 0
    everywhere: bool = False  # every solve was finite on all of R: the box did not cut anything off


def factors_of(equation: sp.Expr, variables: tuple[sp.Symbol, ...]) -> list[sp.Expr]:
    """The distinct factors of one equation that involve the variables."""
    if equation == 0:
        return []
    out = []
    for factor in sp.Mul.make_args(sp.factor_terms(equation)):
        base = factor.base if factor.is_Pow and factor.exp.is_positive else factor
        if base.free_symbols & set(variables) and base not in out:
            out.append(base)
    return out


def solve_exactly(equations: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...], box: Box) -> ExactOutcome:
    """Closed-form solutions inside the box, branch by branch; ``complete`` is False if any branch resisted."""
    choices = []
    for e in equations:
        fs = factors_of(e, variables)
        if e != 0 and not fs:  # a nonzero constant: no solutions at all
            return ExactOutcome((), (), True, everywhere=True)
        choices.append(fs or [sp.Integer(0)])
    points: list[tuple] = []
    families: list[ExactFamily] = []
    open_branches: list[tuple] = []
    cut: list = []  # solves whose solutions on R are not all inside the box
    count = 0
    for combo in itertools.product(*choices):
        count += 1
        if count > MAX_BRANCHES:
            return ExactOutcome(tuple(points), tuple(families), False, tuple(open_branches), count)
        eqs = tuple(dict.fromkeys(c for c in combo if c != 0))
        _branch(eqs, {}, variables, box, points, families, open_branches, cut)
        if len(points) > MAX_POINTS:
            break
    uniq = list(dict.fromkeys(points))
    fams = list(dict.fromkeys(families))
    complete = not open_branches and len(points) <= MAX_POINTS
    everywhere = complete and not cut and not fams
    return ExactOutcome(tuple(uniq), tuple(fams), complete, tuple(open_branches), count, everywhere)


def _branch(eqs, known: dict, variables, box: Box, points: list, families: list, open_branches: list,
            cut: list) -> None:
    unknown = [v for v in variables if v not in known]
    remaining = []
    for e in eqs:
        e = e.subs(known) if known else e
        if not e.free_symbols & set(unknown):
            s = decide_sign(e)
            if s.sign == 0 and s.how == "exact":
                continue
            if s.sign:  # nonzero: this branch is empty
                return
            open_branches.append(tuple(eqs))
            return
        if e not in remaining and -e not in remaining:
            remaining.append(e)
    if not remaining:
        if unknown:
            families.append(ExactFamily(_items(known, variables), (), tuple(unknown)))
        else:
            points.append(_items(known, variables))
        return
    single = [(e, [v for v in unknown if e.has(v)]) for e in remaining]
    single = [(e, vs[0]) for e, vs in single if len(vs) == 1]
    if not single:
        if len(remaining) < len(unknown):
            families.append(ExactFamily(_items(known, variables), tuple(remaining), tuple(unknown)))
        else:
            open_branches.append(tuple(remaining))
        return
    e, v = single[0]
    solutions = _solve_in(e, v, box)
    if solutions is None:
        open_branches.append(tuple(remaining))
        return
    if not _all_inside(e, v, box, solutions):
        cut.append(e)
    for value in solutions:
        _branch(tuple(remaining), {**known, v: value}, variables, box, points, families, open_branches, cut)


def _solve_in(e: sp.Expr, v: sp.Symbol, box: Box) -> list[sp.Expr] | None:
    """Real solutions of e = 0 for v in the box's interval, or None if not found in closed form."""
    interval = box.interval(v)
    try:
        sol = sp.solveset(e, v, interval)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if sol is sp.S.EmptySet:
        return []
    if isinstance(sol, sp.FiniteSet):
        out = []
        for s in sol:
            if s.is_real is False or s.has(sp.I):
                continue
            out.append(sp.nsimplify(s) if s.is_Float else s)
        return sorted(out, key=lambda s: float(s))
    return None


def _all_inside(e: sp.Expr, v: sp.Symbol, box: Box, inside: list) -> bool:
    """True if e = 0 has no real solutions outside the box (solveset over R is the same finite set)."""
    if box.interval(v) == sp.Interval.open(-sp.oo, sp.oo):
        return True
    try:
        everywhere = sp.solveset(e, v, sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return False
    if not isinstance(everywhere, sp.FiniteSet) and everywhere is not sp.S.EmptySet:
        return False
    return len([s for s in everywhere if not s.has(sp.I)]) == len(inside)


def _items(known: dict, variables) -> tuple[tuple[sp.Symbol, sp.Expr], ...]:
    return tuple((v, known[v]) for v in variables if v in known)
