"""The rule record every derivative step shares, the registry and the solver context.

A rule is data: the expression it differentiates, the variable, its sub-steps,
and ``combine`` (how the sub-results make this step's result). The solver tries
the registered classes by their ``priority``; the first whose ``match`` accepts builds the step.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

import sympy as sp

REGISTRY: list[type["Rule"]] = []

# letters for chain-rule substitutions, by nesting depth
_LETTERS = ("u", "v", "w", "s", "t", "r", "p", "q")


def register(cls: type["Rule"]) -> type["Rule"]:
    """Add a rule class to the solver's list, which stays sorted by (``priority``, ``key``):
    the order of trial is declared by the rules, not by the order of import."""
    REGISTRY.append(cls)
    REGISTRY.sort(key=lambda rule: (rule.priority, rule.key))
    return cls


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One rule application: d/d(var) of ``expr``, made from ``substeps``."""

    expr: sp.Expr
    var: sp.Symbol
    substeps: tuple["Rule", ...] = ()

    key: ClassVar[str] = "rule"  # stable identifier, used in JSON and by the wording
    label: ClassVar[str] = "rule"  # the rule's name in the course's words
    # order of trial (lower first); the structural rules come before the named functions,
    # which exclude one another (one function class each), so their ties are harmless
    priority: ClassVar[int] = 100

    @classmethod
    def match(cls, expr: sp.Expr, var: sp.Symbol, ctx: "Context") -> "Rule | None":
        """The step for ``expr`` if this rule applies, else None."""
        return None

    def combine(self, results: Sequence[sp.Expr]) -> sp.Expr:
        """This step's derivative from the sub-steps' derivatives (in order)."""
        raise NotImplementedError

    def eval(self) -> sp.Expr:
        return self.combine([s.result for s in self.substeps])

    @cached_property
    def result(self) -> sp.Expr:
        return self.eval()

    def walk(self) -> Iterator["Rule"]:
        """This step and every step beneath it, parents first."""
        yield self
        for s in self.substeps:
            yield from s.walk()


@dataclass(frozen=True, kw_only=True)
class DontKnowRule(Rule):
    """No rule of ours applies (an unknown function, Piecewise, ...): SymPy's answer, said plainly.

    The solver's fallback, never registered: it lives here so that the solver needs no rule module."""

    key: ClassVar[str] = "no-rule"
    label: ClassVar[str] = "no rule"

    def combine(self, results):
        return sp.diff(self.expr, self.var)


@dataclass
class Context:
    """What the solver carries down the tree: the names in use, the chain-rule depth."""

    reserved: set[str] = field(default_factory=set)
    depth: int = 0

    def solve(self, expr: sp.Expr, var: sp.Symbol) -> Rule:
        for cls in REGISTRY:
            step = cls.match(expr, var, self)
            if step is not None:
                return step
        return DontKnowRule(expr=expr, var=var)

    def fresh(self) -> sp.Symbol:
        """A substitution letter not used in the problem, one per nesting depth."""
        free = [n for n in _LETTERS if n not in self.reserved]
        if self.depth < len(free):
            return sp.Symbol(free[self.depth])
        return sp.Symbol(f"u{self.depth + 1}")

    def inner(self) -> "Context":
        return Context(self.reserved, self.depth + 1)
