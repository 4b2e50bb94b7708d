"""Expressions (a derivative, a tangent line, f(x, y)) and plain numbers."""
from __future__ import annotations

from grader.numeric.evaluate import free

from typing import Any, ClassVar

import sympy as sp

from grader import diagnose, forms, words
from grader.budget import OutOfTime, supplied
from grader.feedback import UNKNOWN_SLIP, Note, plain
from grader.equivalence import Equivalence, compare, reference
from grader.kinds.antiderivative import grade_antiderivative
from grader.kinds.base import Context, Kind, interpretation, register, wrong_shape
from grader.numeric.evaluate import Unsupported
from grader.options import Options
from grader.verdict import Interpretation, Verdict, correct, incorrect, partial, undecided


def _parse_expected(expected: Any, options: Options) -> Any:
    from tutor.engine.inputs import as_expr

    names = [v.name for v in options.variables] if options.variables else None
    return as_expr(expected, names)


def is_scalar(obj: Any) -> bool:
    from tutor.reading.dne import DoesNotExist

    return (isinstance(obj, sp.Expr) and not isinstance(obj, (sp.Tuple, DoesNotExist))
            and not isinstance(obj, sp.MatrixBase))


@register
class Expression(Kind):
    name = "expression"
    aliases: ClassVar[tuple[str, ...]] = ("function", "derivative", "formula")
    noun = "an expression such as 2x + 1"
    infer_order = 50

    @classmethod
    def claims(cls, expected, options):
        return is_scalar(expected) and bool(free(expected))

    def prepare(self, expected, options):
        exp = _parse_expected(expected, options)
        if not is_scalar(exp):
            raise ValueError(f"the expected answer of an expression exercise must be an expression, got {exp!r}")
        return exp

    def read(self, answer, ctx):
        obj = super().read(answer, ctx)
        if not is_scalar(obj):
            raise wrong_shape(self, obj)
        return obj

    def grade(self, expected, answer, ctx):
        if ctx.options.constant is not None:  # an antiderivative, up to a constant of integration
            return grade_antiderivative(expected, answer, ctx, ctx.options.constant)
        return grade_scalar(expected, answer, ctx)


def grade_scalar(expected: sp.Expr, answer: sp.Expr, ctx: Context, *, seen: Interpretation | None = None) -> Verdict:
    """Compare one scalar (expression or number) and explain the outcome."""
    seen = seen if seen is not None else interpretation(answer, ctx)
    opts = ctx.options
    approx = ctx.approximate and not opts.exact
    outcome = compare(expected, answer, ctx.variables, approximate=approx, tolerance=opts.tolerance,
                      literals=ctx.literals)
    if outcome.equal is None:
        return undecided(outcome.reason or "the comparison did not finish", seen)
    if outcome.equal:
        return _right(expected, answer, ctx, outcome, seen)
    if ctx.approximate and opts.exact:
        loose = compare(expected, answer, ctx.variables, approximate=True, tolerance=opts.tolerance,
                        literals=ctx.literals)
        if loose.equal:
            return incorrect("Your decimals are close, but this exercise asks for the exact answer: write "
                             "fractions and roots (such as 1/3 or √2) instead of decimals.", seen, "not-exact")
    return _wrong(expected, answer, ctx, outcome, seen)


def _right(expected, answer, ctx: Context, outcome: Equivalence, seen: Interpretation) -> Verdict:
    opts = ctx.options
    if opts.form and isinstance(answer, sp.Expr):
        try:
            advice = forms.problem(opts.form, answer, expected, ctx.variables)
        except OutOfTime:
            return undecided(f"checking the {opts.form} form took too long", seen)
        if advice:
            return partial(opts.form_credit, advice, seen, mistake=f"not-{opts.form}")
    if outcome.within_tolerance:
        return correct("Correct: your decimals agree with the exact answer to the required accuracy.", seen)
    return correct("Correct. Well done.", seen)


def _wrong(expected, answer, ctx: Context, outcome: Equivalence, seen: Interpretation) -> Verdict:
    opts = ctx.options
    approx = ctx.approximate and not opts.exact
    try:
        ref = reference(expected, ctx.variables)
    except (Unsupported, RecursionError):
        ref = None
    finding = diagnose.find(expected, answer, ref, ctx.variables, approximate=approx,
                            tolerance=opts.tolerance, mistakes=supplied(opts.mistakes), literals=ctx.literals)
    if finding is None and outcome.witness is not None and outcome.witness.answer != outcome.witness.answer:
        finding = diagnose.Finding("domain", f"Your answer is not defined at {words.point(outcome.witness.point)}, "
                                             "where the right answer is: check roots, logarithms and denominators.")
    notes: list[Note] = []
    if finding is not None:
        notes.append(finding.note)
    elif outcome.reason:
        notes.append(plain(f"Your answer {outcome.reason}."))
    else:
        notes.append(plain(UNKNOWN_SLIP))
    if outcome.witness is not None and (finding is None or finding.key in _SHOW_WITNESS):
        notes.append(words.witness_note(outcome.witness))
    return incorrect(notes, seen, finding.key if finding else None)


_SHOW_WITNESS = {"coefficient", "rounding"}


@register
class Number(Kind):
    name = "number"
    aliases = ("value", "numeric", "scalar")
    noun = "a number"
    infer_order = 40

    @classmethod
    def claims(cls, expected, options):
        return is_scalar(expected) and not free(expected) and not expected.has(sp.oo, -sp.oo, sp.zoo)

    def prepare(self, expected, options):
        exp = _parse_expected(expected, options)
        if not is_scalar(exp) or free(exp):
            raise ValueError(f"the expected answer of a number exercise must be a number, got {exp!r}")
        return exp

    def variables(self, expected, options):
        return ()

    def read(self, answer, ctx):
        obj = super().read(answer, ctx)
        if not is_scalar(obj):
            raise wrong_shape(self, obj)
        return obj

    def grade(self, expected, answer, ctx):
        seen = interpretation(answer, ctx)
        if free(answer):
            if compare(expected, answer, (), approximate=ctx.approximate and not ctx.options.exact,
                       tolerance=ctx.options.tolerance, literals=ctx.literals).equal:
                extra = sorted(s.name for s in free(answer))
                values = "value of " if len(extra) == 1 else "values of "
                return correct("Correct: your expression is equal to the number asked for, whatever the "
                               + values + words.names(extra) + ".", seen)
            names = words.names(sorted(s.name for s in free(answer)))
            return incorrect(f"The answer is a number, but yours still contains {names}. "
                             "Substitute the given values and work it out.", seen, "not-a-number")
        return grade_scalar(expected, answer, ctx, seen=seen)


@register
class Antiderivative(Expression):
    """The expression kind up to a constant of integration (graded in ``antiderivative``)."""

    name = "antiderivative"
    aliases = ("integral", "indefinite_integral")
    noun = "an antiderivative such as x^2/2 + C"
    infer_order = 1000  # never inferred: an antiderivative looks like any expression

    @classmethod
    def claims(cls, expected, options):
        return False

    def grade(self, expected, answer, ctx):
        return grade_antiderivative(expected, answer, ctx, ctx.options.constant or "optional")
