"""The result of differentiating: the answer, the tree of rule steps, and notes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.engine.derivative.rules import ChainRule, HigherOrderRule, Rule
from tutor.render import Doc, Rendered, jsonable


@dataclass(frozen=True)
class Derivation(Rendered):
    """d^n f / d(variables): ``result`` equals ``sympy.diff``; ``steps`` shows how, rule by rule.

    ``variables`` holds one symbol per differentiation: (x,) for f', (x, x) for f'',
    (x, y) for the mixed partial ∂²f/∂y∂x. ``steps`` is None only when the work was too
    large to do step by step; ``notes`` then says so.
    """

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    result: sp.Expr | None
    steps: Rule | None
    raw: sp.Expr | None = None  # the result as the rules give it, before simplifying
    notes: tuple[str, ...] = ()

    @property
    def variable(self) -> sp.Symbol:
        return self.variables[0]

    @property
    def order(self) -> int:
        return len(self.variables)

    @property
    def partial(self) -> bool:
        """Other variables are present (held constant): the course writes ∂ instead of d."""
        return bool(self.function.free_symbols - set(self.variables))

    @property
    def complete(self) -> bool:
        """Worked out step by step (not SymPy's plain answer after a timeout)."""
        return self.steps is not None

    @property
    def notation(self) -> sp.Derivative:
        """d/dx f (or ∂/∂x f, d²/dx² f, ...) as an unevaluated SymPy object."""
        from tutor.engine.derivative.notation import diff_notation

        return diff_notation(self.function, *self.variables)

    def doc(self, steps: bool = True) -> Doc:
        from tutor.engine.derivative.wording import derivation_doc

        return derivation_doc(self, steps=steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "Derivation",
            "function": jsonable(self.function),
            "variables": jsonable(list(self.variables)),
            "order": self.order,
            "result": jsonable(self.result),
            "raw": jsonable(self.raw),
            "complete": self.complete,
            "notes": list(self.notes),
            "steps": step_dict(self.steps) if self.steps is not None else None,
        }


def step_dict(step: Rule) -> dict[str, Any]:
    """A step tree as JSON: rule key and name, input, variable, output, sub-steps."""
    out: dict[str, Any] = {
        "rule": step.key,
        "name": step.label,
        "expr": jsonable(step.expr),
        "var": jsonable(step.var),
        "result": jsonable(step.result),
    }
    if isinstance(step, ChainRule):
        out["substitution"] = {jsonable(step.letter): jsonable(step.inner)}
    if isinstance(step, HigherOrderRule):
        out["variables"] = jsonable(list(step.variables))
    if step.substeps:
        out["substeps"] = [step_dict(s) for s in step.substeps]
    return out
