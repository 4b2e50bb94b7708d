"""Antiderivatives: right up to an additive constant, with the exercise's policy for "+ C".

An answer F is an antiderivative of f exactly when F' = f, so the answer's
derivative is compared with the reference's (each variable's partial derivative,
for a potential function) by the usual machinery. A learner's constant is a name
that is not a variable of the exercise and on which no derivative depends
(``+ C``, ``+ 2K``, ``ln|x| + ln C``). The exercise says what a missing or present
constant costs: ``constant="optional"`` (the default of this kind), ``"required"``
or ``"forbidden"``; either way the feedback says which.
"""
from __future__ import annotations

from functools import lru_cache

import sympy as sp

from grader import words
from grader.equivalence import compare
from grader.kinds.base import Context, interpretation
from grader.kinds.constants import (Family, by_name, compare_domains, family, plainly_defined, restricted_constant,
                                    RangeUnknown, shifts, undeclared_constants)
from grader.kinds.derivatives import derivative
from grader.numeric.evaluate import free
from grader.verdict import Verdict, correct, incorrect, partial, undecided

POLICIES = ("optional", "required", "forbidden")


@lru_cache(maxsize=2048)
def _derivative(expr: sp.Expr, v: sp.Symbol, variables: tuple) -> sp.Expr:
    """∂expr/∂v with every name taken real (so that d|x|/dx is sign(x) and d|kx|/dx has no im(k)).

    Remembered: a check needs each derivative twice (the family, then the comparison), and a
    class's answers share the reference's. ``derivative`` skips the real names where they
    cannot change the result.
    """
    return derivative(expr, v, variables)


def derivatives_of(answer: sp.Expr, expected: sp.Expr, variables: tuple, of_expected: tuple) -> tuple:
    """The answer's derivatives; the reference's, without differentiating, when answer − expected is free
    of every variable (x²/2 + C against x²/2, say).

    SymPy cancels only equal terms with equal coefficients, so such an answer's terms that hold a
    variable are the reference's, and ``diff`` (term by term, 0 for a term free of v) gives the very
    same expression: the fast path skips the answer's differentiation (a cold pass's largest cost).
    """
    if not free(answer - expected) & set(variables):
        return of_expected
    return tuple(_derivative(answer, v, variables) for v in variables)


def _not_an_antiderivative(ref: tuple, mine: tuple, variables, space, ctx, seen) -> Verdict | None:
    """Incorrect (or undecided) when a derivative of the answer (``mine``) differs from the reference's."""
    approx = ctx.approximate and not ctx.options.exact
    for v, d_ref, d_mine in zip(variables, ref, mine):
        outcome = compare(d_ref, d_mine, space,
                          approximate=approx, tolerance=ctx.options.tolerance, literals=ctx.literals)
        if outcome.equal is None:
            return undecided(outcome.reason or "the comparison did not finish", seen)
        if not outcome.equal:
            text = f"Differentiate your answer: its derivative{'' if len(variables) == 1 else f' in {v}'} " \
                   "is not the function you were asked to integrate."
            if outcome.witness is not None and outcome.witness.point:
                # the integrand is in the question, so its value gives nothing away
                text += " " + words.witness_note(outcome.witness).full.replace("your answer gives",
                                                                         "the derivative of your answer gives")
            return incorrect(text, seen, "not-an-antiderivative")
    return None


def _family_flaw(expected, answer, ref: Family, mine: Family, space, seen) -> Verdict | None:
    """Incorrect when F itself is undefined where the reference is, or its constant is not arbitrary."""
    if (not mine.constants or shifts(answer, mine.constants)) and \
            plainly_defined(expected, ref.constants, answer, mine.constants, space):
        return None  # neither check can fail: F + C against F, say (no sample of F is needed)
    domain = compare_domains(expected, ref.constants, answer, mine.constants, space)
    if domain.missing is not None:
        where = ", ".join(f"{s} = {words.number(p)}" for s, p in domain.missing.items())
        which = f", and no single value of {', '.join(map(str, mine.constants))} defines it everywhere" \
            if mine.constants else ""
        return incorrect(f"Your antiderivative is not defined at {where}, where the antiderivative is{which}: "
                         "it must hold on the whole domain (think of ln|x| rather than ln x).", seen, "domain")
    bad = restricted_constant(answer, mine.constants, domain)
    if isinstance(bad, RangeUnknown):
        return undecided(f"I could not settle in time whether your constant {bad.constant} takes every "
                         "real value", seen)
    if bad is not None:
        c, values = bad
        where = ", ".join(f"{s} = {words.number(p)}" for s, p in (domain.anchor or {}).items())
        return incorrect(f"Your constant {c} does not reach every antiderivative: at {where} your answer "
                         f"{_reach(values)}, whatever {c} is. Write + C, with C any real number.",
                         seen, "restricted-constant")
    return None


def _reach(values: sp.Set) -> str:
    """Which values a restricted constant leaves out, in words."""
    low, high = values.inf, values.sup
    if low.is_finite and high.is_finite:
        return f"stays between {words.number(low)} and {words.number(high)}"
    if low.is_finite:
        return f"is never below {words.number(low)}"
    if high.is_finite:
        return f"is never above {words.number(high)}"
    return "misses some values"


def grade_antiderivative(expected: sp.Expr, answer: sp.Expr, ctx: Context, policy: str) -> Verdict:
    seen = interpretation(answer, ctx)
    variables = tuple(ctx.variables or by_name(free(expected)))
    if ctx.options.variables is None:  # x^3/3 + C: C is the reference's constant, not a variable
        variables = tuple(v for v in variables if v not in undeclared_constants(expected, variables))
    d_ref = tuple(_derivative(expected, v, variables) for v in variables)
    d_mine = derivatives_of(answer, expected, variables, d_ref)
    ref = family(expected, d_ref, variables)
    mine = family(answer, d_mine, variables, ref.parameters)
    space = tuple(variables) + ref.parameters
    wrong = _not_an_antiderivative(d_ref, d_mine, variables, space, ctx, seen) \
        or _family_flaw(expected, answer, ref, mine, space, seen)
    if wrong is not None:
        return wrong
    credit = ctx.options.form_credit
    names = ", ".join(map(str, mine.constants))
    if not mine.constants and policy == "required":
        return partial(credit, "Your antiderivative is right, but the constant of integration is missing: "
                               "write + C, since every antiderivative differs from yours by a constant.",
                       seen, "missing-constant")
    if mine.constants and policy == "forbidden":
        return partial(credit, f"Your antiderivative is right, but this exercise asks for one antiderivative: "
                               f"leave out the constant {names}.", seen, "constant-not-wanted")
    if mine.constants:
        return correct(f"Correct: every antiderivative, with {names} for the constant of integration.", seen)
    if answer != expected:
        return correct("Correct: your answer is an antiderivative (it differs from mine by a constant at most).",
                       seen)
    return correct("Correct. Well done.", seen)
