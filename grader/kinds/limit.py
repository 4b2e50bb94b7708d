"""Limits: a value, +∞ or −∞, or "does not exist" (``tutor.DNE``)."""
from __future__ import annotations

from grader.numeric.evaluate import free

import sympy as sp

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
        if _is_dne(expected):
            if _is_dne(answer):
                return correct("Correct: the limit does not exist.", seen)
            return incorrect("This limit does not exist. Check whether the function approaches "
                             "the same value along every path (or from both sides).", seen, "limit-exists")
        if _is_dne(answer):
            if expected in _INFINITE:
                return incorrect("The function grows without bound in a definite direction, so "
                                 "the limit is ∞ or −∞ rather than “does not exist”.", seen, "infinite-limit")
            return incorrect("This limit exists; look again at the value the function approaches.",
                             seen, "limit-dne")
        if expected in _INFINITE or answer in _INFINITE:
            if expected == answer:
                return correct("Correct.", seen)
            if {expected, answer} == {sp.oo, -sp.oo}:
                return incorrect("The sign of the infinite limit is wrong.", seen, "sign-error")
            if expected in _INFINITE:
                return incorrect("The function grows without bound here; the limit is infinite.",
                                 seen, "finite-limit")
            return incorrect("The limit is a finite number.", seen, "infinite-limit")
        if free(answer) and not free(expected):
            names = ", ".join(sorted(s.name for s in free(answer)))
            return incorrect(f"A limit is a value, but yours still contains {names}.", seen,
                             "not-a-number")
        return grade_scalar(expected, answer, ctx, seen=seen)
