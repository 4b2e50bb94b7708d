"""Form requirements: the value is right, but was it asked expanded, factored or simplified?

Each form is one small class; the SymPy work runs bounded, because expanding
``(x + 1)^5000`` is exactly what a hostile answer would ask for.
"""
from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import sympy as sp

from grader import symbolic
from grader.budget import run_bounded

FORMS: dict[str, "Form"] = {}


class Form:
    name: ClassVar[str] = ""
    advice: ClassVar[str] = ""

    def holds(self, answer: sp.Expr, expected: sp.Expr, variables: tuple) -> bool:  # pragma: no cover
        raise NotImplementedError


def _form(cls: type[Form]) -> type[Form]:
    FORMS[cls.name] = cls()
    return cls


@_form
class Expanded(Form):
    name = "expanded"
    advice = "multiply out the brackets"

    def holds(self, answer, expected, variables):
        if not any(isinstance(n, (sp.Pow, sp.Mul)) and any(isinstance(a, sp.Add) for a in _factors(n))
                   for n in sp.preorder_traversal(answer)):
            return True
        return run_bounded(symbolic.expanded, answer, what="checking the expanded form", share=0.5)


def _factors(node: sp.Basic):
    if isinstance(node, sp.Pow):
        return (node.base,) if node.exp.is_Integer and node.exp > 1 else ()
    return node.args


@_form
class Factored(Form):
    name = "factored"
    advice = "write it as a product of factors that cannot be factored further"

    def holds(self, answer, expected, variables):
        return run_bounded(symbolic.factored, answer, tuple(variables), what="checking the factored form",
                           share=0.5)


@_form
class Simplified(Form):
    name = "simplified"
    advice = "simplify it further"

    def holds(self, answer, expected, variables):
        size = _simplest_size(expected)
        ops = int(sp.count_ops(answer))
        return ops <= max(size + 2, size * 1.25)


@lru_cache(maxsize=1024)
def _simplest_size(expected: sp.Expr) -> int:
    return run_bounded(symbolic.simplified_size, expected, what="simplifying the expected answer", share=0.5)


def problem(form: str, answer: sp.Expr, expected: sp.Expr, variables: tuple) -> str | None:
    """None if ``answer`` is in ``form``; else the advice to give (raises ``OutOfTime``)."""
    rule = FORMS[form]
    if rule.holds(answer, expected, variables):
        return None
    return f"Your answer has the right value, but it is not {rule.name}: {rule.advice}."
