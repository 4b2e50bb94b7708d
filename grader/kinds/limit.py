"""Limits: a value, +∞ or −∞, or "does not exist" (``tutor.DNE``)."""
from __future__ import annotations

from grader.numeric.evaluate import free

import sympy as sp

from dataclasses import replace

from grader import words
from grader.feedback import Note, revealing
from grader.kinds.base import Kind, interpretation, register, wrong_shape
from grader.kinds.expression import grade_scalar
from grader.verdict import correct, incorrect


def _dne():
    from tutor.reading.dne import DNE

    return DNE


def _is_dne(obj) -> bool:
    from tutor.reading.dne import DoesNotExist

    return isinstance(obj, DoesNotExist)


_INFINITE = (sp.oo, -sp.oo, sp.zoo)


@register
class Limit(Kind):
    name = "limit"
    aliases = ("limit_value",)
    noun = "a limit: a number, ∞, −∞ or DNE"
    infer_order = 5

    @classmethod
    def claims(cls, expected, options):
        if _is_dne(expected) or (hasattr(expected, "exists") and hasattr(expected, "value")):
            return True
        return isinstance(expected, sp.Expr) and any(expected is i for i in _INFINITE)

    def prepare(self, expected, options):
        if hasattr(expected, "exists") and hasattr(expected, "value"):  # a LimitResult
            if expected.exists is False:
                return _dne()
            expected = expected.value
        if isinstance(expected, str):
            from tutor.engine.inputs import as_expr

            expected = as_expr(expected)
        if not isinstance(expected, sp.Expr) or isinstance(expected, sp.Tuple):
            raise ValueError(f"the expected answer of a limit exercise must be a value, ±∞ or DNE, got {expected!r}")
        return expected

    def variables(self, expected, options):
        return () if options.variables is None else options.variables

    def read(self, answer, ctx):
        obj = super().read(answer, ctx)
        if not isinstance(obj, sp.Expr) or isinstance(obj, sp.Tuple):
            raise wrong_shape(self, obj)
        return obj

    def grade(self, expected, answer, ctx):
        seen = interpretation(answer, ctx)
        near = _near(ctx)
        if _is_dne(expected):
            if _is_dne(answer):
                return correct("Correct: the limit does not exist.", seen)
            return incorrect(_supplied(answer, ctx) or _one_value(answer, near), seen, "limit-exists")
        if _is_dne(answer):
            if expected in _INFINITE:
                return incorrect(revealing("The function grows without bound in a definite direction, so "
                                           "the limit is ∞ or −∞ rather than “does not exist”.",
                                           f"Look again at how the function behaves {near}."), seen, "infinite-limit")
            return incorrect(revealing("This limit exists; look again at the value the function approaches.",
                                       "Look again at the paths you compared: simplify first, and check that "
                                       "their values really differ."), seen, "limit-dne")
        if expected in _INFINITE or answer in _INFINITE:
            if expected == answer:
                return correct("Correct.", seen)
            if {expected, answer} == {sp.oo, -sp.oo}:
                return incorrect(revealing("The sign of the infinite limit is wrong.",
                                           "Check the sign: which way does the function grow?"), seen, "sign-error")
            if expected in _INFINITE:
                return incorrect(revealing("The function grows without bound here; the limit is infinite.",
                                           f"Look at how large the function gets {near}."), seen, "finite-limit")
            return incorrect(revealing("The limit is a finite number.",
                                       f"Check whether the function really grows without bound {near}."),
                             seen, "infinite-limit")
        if free(answer) and not free(expected):
            names = ", ".join(sorted(s.name for s in free(answer)))
            return incorrect(f"A limit is a value, but yours still contains {names}.", seen,
                             "not-a-number")
        return _value(expected, answer, ctx, seen, near)


def _near(ctx) -> str:
    """Where the limit is taken, in words: the kind knows the variables, not the point."""
    if len(ctx.variables) > 1:
        return "to the point"
    if len(ctx.variables) == 1:
        return f"as {ctx.variables[0].name} approaches the point"
    return "near the point"


def _supplied(answer, ctx) -> Note | None:
    """A supplied mistake (the limit along one path only) that the answer equals."""
    from grader.diagnose import supplied_note
    from grader.equivalence import compare

    for mk in ctx.options.mistakes:
        expr = getattr(mk, "expr", None)
        if not isinstance(expr, sp.Expr) or isinstance(expr, sp.Tuple) or free(expr) or _is_dne(expr):
            continue
        if expr == answer or compare(expr, answer, (), approximate=ctx.approximate, tolerance=ctx.options.tolerance,
                                     literals=ctx.literals).equal:
            return supplied_note(mk)
    return None


def _one_value(answer, near: str) -> Note:
    """A value given where the limit does not exist: point to the paths, without saying "DNE"."""
    shown = words.math_text(answer)
    guided = (f"Check the values along several paths to the point (the axes, lines such as y = x, parabolas): "
              f"do they all approach {shown}?" if near == "to the point" else
              f"Check both sides: does the function approach {shown} from the left and from the right?")
    return revealing("This limit does not exist. Check whether the function approaches the same value along "
                     "every path (or from both sides).", guided)


def _value(expected, answer, ctx, seen, near: str):
    """A finite value against a finite limit: graded as numbers, explained by paths, never by a sample point."""
    v = grade_scalar(expected, answer, replace(ctx, variables=()), seen=seen)
    if v.status != "incorrect" or v.mistake == "not-exact":
        return v
    supplied = _supplied(answer, ctx)
    if supplied is not None:
        return incorrect(supplied, seen, v.mistake)
    shown = words.math_text(answer)
    right = words.math_text(expected)
    if near == "to the point":
        note = revealing(f"Along every path to the point the values tend to {right}, not {shown}.",
                         f"Along a path to the point (a straight line such as y = x, say) the values tend to "
                         f"something other than {shown}: simplify, or bound the function, to see where they go.")
    else:
        note = revealing(f"The values tend to {right} {near}, not {shown}.",
                         f"The values tend to something other than {shown} {near}: simplify, or bound the "
                         "function, to see where they go.")
    return incorrect(note, seen, None)
