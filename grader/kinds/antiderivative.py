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

import sympy as sp

from grader.equivalence import compare
from grader.kinds.base import Context, interpretation, register
from grader.kinds.expression import Expression, _witness_sentence
from grader.numeric.evaluate import free
from grader.verdict import Verdict, correct, incorrect, partial, undecided

POLICIES = ("optional", "required", "forbidden")


def integration_constant(answer: sp.Expr, expected: sp.Expr, variables: tuple) -> sp.Symbol | None:
    """The learner's constant of integration in ``answer``, if it has exactly one."""
    own = set(variables) | free(expected)
    extra = [s for s in free(answer) if s not in own]
    if len(extra) != 1:
        return None
    c = extra[0]
    if any(sp.diff(answer, v).has(c) for v in variables):
        return None
    return c


def _derivative(expr: sp.Expr, v: sp.Symbol, variables: tuple) -> sp.Expr:
    """∂expr/∂v with the variables taken real (so that d|x|/dx is sign(x))."""
    real = {s: sp.Dummy(s.name, real=True) for s in variables}
    back = {d: s for s, d in real.items()}
    return sp.diff(expr.xreplace(real), real[v]).xreplace(back)


def grade_antiderivative(expected: sp.Expr, answer: sp.Expr, ctx: Context, policy: str) -> Verdict:
    seen = interpretation(answer, ctx)
    variables = ctx.variables or tuple(sorted(free(expected), key=lambda s: s.name))
    c = integration_constant(answer, expected, variables)
    approx = ctx.approximate and not ctx.options.exact
    for v in variables:
        outcome = compare(_derivative(expected, v, variables), _derivative(answer, v, variables), variables, approximate=approx,
                          tolerance=ctx.options.tolerance, literals=ctx.literals)
        if outcome.equal is None:
            return undecided(outcome.reason or "the comparison did not finish", seen)
        if not outcome.equal:
            text = f"Differentiate your answer: its derivative{'' if len(variables) == 1 else f' in {v}'} " \
                   "is not the function you were asked to integrate."
            if outcome.witness is not None and outcome.witness.point:
                text += " " + _witness_sentence(outcome.witness).replace("your answer gives",
                                                                         "the derivative of your answer gives")
            return incorrect(text, seen, "not-an-antiderivative")
    credit = ctx.options.form_credit
    if c is None and policy == "required":
        return partial(credit, "Your antiderivative is right, but the constant of integration is missing: "
                               "write + C, since every antiderivative differs from yours by a constant.",
                       seen, "missing-constant")
    if c is not None and policy == "forbidden":
        return partial(credit, f"Your antiderivative is right, but this exercise asks for one antiderivative: "
                               f"leave out the constant {c}.", seen, "constant-not-wanted")
    if c is not None:
        return correct(f"Correct: every antiderivative, with {c} for the constant of integration.", seen)
    if answer != expected:
        return correct("Correct: your answer is an antiderivative (it differs from mine by a constant at most).",
                       seen)
    return correct("Correct. Well done.", seen)


@register
class Antiderivative(Expression):
    name = "antiderivative"
    aliases = ("integral", "indefinite_integral")
    noun = "an antiderivative such as x^2/2 + C"
    infer_order = 1000  # never inferred: an antiderivative looks like any expression

    @classmethod
    def claims(cls, expected, options):
        return False

    def grade(self, expected, answer, ctx):
        return grade_antiderivative(expected, answer, ctx, ctx.options.constant or "optional")
