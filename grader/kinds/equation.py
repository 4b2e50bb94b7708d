"""Equations (level curves, tangent lines): right when they describe the same solution set.

``x + 2y = c`` ≡ ``y = (c − x)/2`` ≡ ``2y = c − x``: first the cheap test (the two
sides' differences are proportional by a constant), then points on each curve
are checked in the other equation (see :mod:`grader.curves`).
"""
from __future__ import annotations

from grader.budget import supplied
from grader.numeric.evaluate import free

from fractions import Fraction

import numpy as np
import sympy as sp

from grader import curves, solution_sets, words
from grader.equivalence import compare, reference
from grader.kinds.base import Context, Kind, interpretation, register, wrong_shape
from grader.numeric.evaluate import Unsupported, evaluate
from grader.numeric.sampling import seed_of
from grader.verdict import correct, incorrect, undecided


def _difference(eq: sp.Equality) -> sp.Expr:
    return eq.lhs - eq.rhs


@register
class Equation(Kind):
    name = "equation"
    aliases = ("level_curve", "curve", "line")
    noun = "an equation such as y = 2x + 1"
    infer_order = 10

    @classmethod
    def claims(cls, expected, options):
        return isinstance(expected, sp.Equality)

    def prepare(self, expected, options):
        if isinstance(expected, str):
            from tutor.engine.inputs import as_expr

            names = [v.name for v in options.variables] if options.variables else None
            expected = as_expr(expected, names)
        if not isinstance(expected, sp.Equality):
            raise ValueError(f"the expected answer of an equation exercise must be an equation, got {expected!r}")
        return expected

    def read(self, answer, ctx):
        obj = super().read(answer, ctx)
        if not isinstance(obj, sp.Equality):
            raise wrong_shape(self, obj)
        return obj

    def grade(self, expected, answer, ctx):
        seen = interpretation(answer, ctx)
        de, da = _difference(expected), _difference(answer)
        variables = tuple(sorted(set(ctx.variables) | free(de) | free(da), key=lambda s: s.name))
        if _degenerate(de) or _degenerate(da):
            return _degenerate_verdict(de, da, variables, seen)
        outcome = same_solutions(de, da, variables, ctx)
        if outcome is True:
            return correct("Correct: your equation describes the same curve." if len(variables) > 1 else
                           "Correct: your equation has the same solutions.", seen)
        if outcome is None:
            return undecided("I could not solve the equations exactly to compare their solutions"
                             if len(variables) == 1 else "I could not find points on the curves to compare", seen)
        for mk in supplied(ctx.options.mistakes):
            expr = getattr(mk, "expr", None)
            if isinstance(expr, sp.Equality) and same_solutions(_difference(expr), da, variables, ctx) is True:
                return incorrect(mk.description, seen, mk.key)
        what = "set of points" if len(variables) > 1 else "set of solutions"
        return incorrect(f"Your equation describes a different {what}. {outcome}", seen)


def _degenerate(d: sp.Expr) -> str | None:
    """"all" for an equation that always holds (x = x), "none" for one that never does (2 = 3)."""
    if d == 0:
        return "all"
    if d.is_number:
        return "none" if d.is_zero is False else None
    return None


def _degenerate_verdict(de: sp.Expr, da: sp.Expr, variables: tuple, seen):
    """Compare when one side always or never holds: the whole space, or the empty set."""
    ke, ka = _degenerate(de), _degenerate(da)
    if ke is None and len(variables) == 1:
        ke = _everywhere_or_nowhere(de, variables[0])
    if ka is None and len(variables) == 1:
        ka = _everywhere_or_nowhere(da, variables[0])
    if ke is not None and ke == ka:
        what = "holds for every value" if ke == "all" else "has no solution"
        return correct(f"Correct: like the right equation, yours {what}.", seen)
    if ka is not None:
        what = "always true" if ka == "all" else "never true"
        return incorrect(f"Your equation is {what}, but the right one is not.", seen, "degenerate-equation")
    if ke == "none" and not curves.points_on(da, variables, seed_of(da, variables)):
        return undecided("I could not find a point on your curve to compare with an equation "
                         "that has no solution", seen)
    if ke == "none":
        return incorrect("The right equation has no solution, but yours has solutions.", seen)
    return incorrect("The right equation holds for every value, but yours does not.", seen)


def _everywhere_or_nowhere(d: sp.Expr, v: sp.Symbol) -> str | None:
    solutions = _solutions(d, v)
    if solutions is sp.S.EmptySet:
        return "none"
    if solutions == sp.S.Reals:
        return "all"
    return None


def _solutions(d: sp.Expr, v: sp.Symbol) -> sp.Set | None:
    """The real solution set of ``d = 0`` (bounded), or None when SymPy does not finish."""
    from grader import symbolic
    from grader.budget import OutOfTime, run_bounded

    try:
        return run_bounded(symbolic.real_solutions, d, v, what="solving the equation", share=0.3)
    except OutOfTime:
        return None
    except Exception:  # noqa: BLE001 - a SymPy failure means "no exact answer", and the numbers decide
        return None


def _one_variable(de: sp.Expr, da: sp.Expr, v: sp.Symbol, ctx: Context) -> bool | str | None:
    """Exact solution sets in one variable; multiplicity is not part of a solution set,
    so (x − 2)² = 0 has the solutions of x = 2. None: not settled exactly."""
    se, sa = _solutions(de, v), _solutions(da, v)
    if not (isinstance(se, (sp.FiniteSet, sp.sets.sets.EmptySet)) and
            isinstance(sa, (sp.FiniteSet, sp.sets.sets.EmptySet))):
        return True if se is not None and se == sa else None
    approx = ctx.approximate and not ctx.options.exact
    left = list(sa.args)
    for root in se.args:
        match = next((r for r in left if compare(root, r, (), approximate=approx, tolerance=ctx.options.tolerance,
                                                  literals=ctx.literals).equal), None)
        if match is None:
            return f"For example, {words.point({v: root})} solves the right equation but not yours."
        left.remove(match)
    if left:
        return f"For example, {words.point({v: left[0]})} solves your equation but not the right one."
    return True


def same_solutions(de: sp.Expr, da: sp.Expr, variables: tuple, ctx: Context) -> bool | str | None:
    """True if ``de = 0`` and ``da = 0`` have the same real solutions; else a sentence
    with a witness point; None if no points could be found to decide."""
    if de == da:  # the same equation, as SymPy writes it (1.44^y and (36/25)^y, sin(x + 2π) and sin x)
        return True
    polynomials = solution_sets.polynomials(de, da, variables)
    if polynomials and solution_sets.proportional(*polynomials):
        return True  # da = c·de, polynomials: the same solutions, whatever the rest would find
    approx = ctx.approximate and not ctx.options.exact
    exact = _rational_comparison(de, da, variables[0], polynomials) if len(variables) == 1 else None
    # proved the same, or proved different where the ratio test below could not say otherwise
    # (no tolerance, no denominator whose removable zero a constant ratio would overlook)
    if exact is not None and (exact.same or not (approx or exact.poles)):
        return _exact_outcome(exact, variables[0])
    # two polynomials not proportional exactly: the ratio test could only find a constant that
    # the exact comparison below refutes (without decimals to forgive)
    factor = None if polynomials and not approx else _constant_ratio(de, da, variables)
    if factor is not None:
        scaled = compare(factor * de, da, variables, approximate=approx, tolerance=ctx.options.tolerance,
                         literals=ctx.literals)
        if scaled.equal:
            return True
    if exact is not None and not approx:
        return _exact_outcome(exact, variables[0])
    if len(variables) == 1:
        solved = _one_variable(de, da, variables[0], ctx)
        if solved is not None:
            return solved
    decimals = ctx.options.tolerance if approx else None
    seed = seed_of(de, variables)
    on_expected = curves.points_on(de, variables, seed)
    miss = curves.first_unsatisfied(da, on_expected, decimals=decimals, curve=de)  # False, or undefined there
    if miss is not None:
        return f"For example, {words.point(miss)} satisfies the right equation but not yours."
    on_answer = curves.points_on(da, variables, seed + b"|answer")  # only when the right points all hold
    if not on_expected and not on_answer:
        return None
    # the answer's own points are only as exact as its decimals: check them more loosely
    loose = max(1e-7, 10 * ctx.options.tolerance.value) if approx else 1e-7
    miss = curves.first_unsatisfied(de, on_answer, tolerance=loose, curve=da)
    if miss is not None:
        return f"For example, {words.point(miss)} satisfies your equation but not the right one."
    if not on_expected:
        return "The right equation has no points where yours does."
    # in one variable the solutions are finitely many points, and sampling can miss one (a root
    # whose powers overflow, say): the numbers may refute, but only an exact solution set confirms
    return None if len(variables) == 1 else True


def _rational_comparison(de: sp.Expr, da: sp.Expr, v: sp.Symbol,
                         polynomials: tuple | None = None) -> solution_sets.Comparison | None:
    """Rational equations over ℚ compared exactly by polynomial gcds (bounded); None: not such, or no time.
    Two linear ``polynomials`` (read already) are compared by their roots, here."""
    from grader.budget import OutOfTime, run_bounded

    if polynomials and (linear := solution_sets.linear(*polynomials)) is not None:
        return linear
    if not (solution_sets.rational_over_q(de, v) and solution_sets.rational_over_q(da, v)):
        return None  # (no round trip to the worker for e^x = 1 and the like)
    try:
        return run_bounded(solution_sets.compare, de, da, v, what="comparing the solutions", share=0.3)
    except OutOfTime:
        return None
    except Exception:  # noqa: BLE001 - a SymPy failure means "not decided here": solveset and the numbers decide
        return None


def _exact_outcome(exact: solution_sets.Comparison, v: sp.Symbol) -> bool | str:
    if exact.same:
        return True
    if exact.in_right:
        return f"For example, {words.point({v: exact.witness})} solves the right equation but not yours."
    return f"For example, {words.point({v: exact.witness})} solves your equation but not the right one."


def _constant_ratio(de: sp.Expr, da: sp.Expr, variables: tuple) -> sp.Rational | None:
    """If ``da / de`` looks constant at the sample points, that constant (as a simple fraction)."""
    try:
        ref = reference(de, variables)
        env = ref.env_with(free(da))
        a = np.broadcast_to(np.asarray(evaluate(da, env), dtype=float), ref.values.shape)
    except (Unsupported, RecursionError):
        return None
    e = ref.values
    with np.errstate(all="ignore"):
        ok = np.isfinite(a) & (np.abs(e) > 1e-9)
        if ok.sum() < 2:
            return None
        r = a[ok] / e[ok]
    c = float(np.median(r))
    if not np.isfinite(c) or c == 0 or np.max(np.abs(r - c)) > 1e-3 * abs(c):
        return None
    q = Fraction(c).limit_denominator(10**6)
    return sp.Rational(q.numerator, q.denominator)
