"""Classic wrong derivatives, generated from the step tree.

Each generator picks the steps it applies to (every chain-rule step, every power
rule, ...) and says what the step gives when done wrongly; the tree is then
re-evaluated with that one step wrong. A mistake is kept only when a sample point
tells its answer apart from the right one, so the grader never names a mistake
for a right answer.

Keys (stable; the grader shows the description to the student):
  chain-rule-missing-inner         the outer derivative only, times nothing
  chain-rule-inner-sign            the inner derivative with its sign flipped (e^(−z)' taken as e^(−z))
  product-rule-one-term            one term of (fg)' = f'g + fg' (one candidate per term)
  product-of-derivatives           (fg)' taken as f'g'
  quotient-rule-sign               (n d' - n' d)/d² instead of (n' d - n d')/d²
  power-rule-exponent-not-lowered  n·u^n instead of n·u^(n-1)
  trig-sign                        sin' = -cos or cos' = sin (the sign flipped)
  constant-kept                    a constant term left in instead of becoming 0
  original-function                f itself handed back
  antiderivative                   an antiderivative of f (integrated instead)
  wrong-variable                   differentiated with respect to another variable, or the
                                   other variables not held constant (all partials added)
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import sympy as sp

from tutor.engine.bounded import Unfinished, bounded
from tutor.engine.derivative.check import same
from tutor.engine.derivative.rules import (
    ChainRule, ConstantRule, HigherOrderRule, PowerRule, ProductRule, QuotientRule, Rule, SumRule,
)
from tutor.engine.derivative.solve import derivative, function_expr, resolve_variable
from tutor.engine.mistakes import Mistake

PER_KEY = 3  # at most this many candidates of one kind (one per step of that kind)

Wrong = Callable[[Rule, list[sp.Expr]], sp.Expr]


def _t(obj: Any) -> str:
    from tutor.reading.printer import to_unicode

    return to_unicode(obj)


def _d(expr: sp.Expr, var: sp.Symbol) -> str:
    return f"d/d{var}({_t(expr)})"


@dataclass(frozen=True)
class StepMistake:
    """Base of the per-step generators: ``variants`` yields (wrong rule, description) pairs."""

    key: ClassVar[str] = ""
    rule: ClassVar[type] = Rule

    def variants(self, step: Rule, parent: Rule | None) -> Iterator[tuple[Wrong, str]]:
        raise NotImplementedError


GENERATORS: list[StepMistake] = []


def generator(cls: type[StepMistake]) -> type[StepMistake]:
    GENERATORS.append(cls())
    return cls


@generator
class ChainMissingInner(StepMistake):
    key = "chain-rule-missing-inner"

    def variants(self, step, parent):
        if not isinstance(step, ChainRule):
            return
        inner = step.substeps[1]
        if inner.result == -1:
            return  # leaving out a factor −1 is a sign slip: chain-rule-inner-sign names it
        lead = f"You used the chain rule on {_t(step.expr)} but left out the inner derivative"
        yield (lambda s, r: r[0].subs(s.letter, s.inner),
               f"{lead}: with {_t(step.letter)} = {_t(step.inner)}, d{_t(step.letter)}/d{step.var} = "
               f"{_t(inner.result)}.",
               f"{lead} d{_t(step.letter)}/d{step.var}, with {_t(step.letter)} = {_t(step.inner)}.")


@generator
class ProductOneTerm(StepMistake):
    key = "product-rule-one-term"

    def variants(self, step, parent):
        if not isinstance(step, ProductRule):
            return
        for i in range(len(step.factors)):
            yield (lambda s, r, i=i: s.terms(r)[i],
                   f"You used the product rule on {_t(step.expr)} but kept only one term; "
                   f"there is one term per factor: (fg)' = f'g + fg'.")


@generator
class ProductOfDerivatives(StepMistake):
    key = "product-of-derivatives"

    def variants(self, step, parent):
        if isinstance(step, ProductRule):
            yield (lambda s, r: sp.Mul(*r),
                   f"The derivative of the product {_t(step.expr)} is not the product of the derivatives; "
                   f"use the product rule (fg)' = f'g + fg'.")


@generator
class QuotientSign(StepMistake):
    key = "quotient-rule-sign"

    def variants(self, step, parent):
        if isinstance(step, QuotientRule):
            yield (lambda s, r: (s.numerator * r[1] - r[0] * s.denominator) / s.denominator ** 2,
                   f"The two terms of the quotient rule are subtracted the other way round: the numerator is "
                   f"(derivative of top)·bottom − top·(derivative of bottom), here "
                   f"{_d(step.numerator, step.var)}·({_t(step.denominator)}) − ({_t(step.numerator)})·"
                   f"{_d(step.denominator, step.var)}.")


@generator
class PowerNotLowered(StepMistake):
    key = "power-rule-exponent-not-lowered"

    def variants(self, step, parent):
        if isinstance(step, PowerRule) and step.exponent != 0:
            n = step.exponent
            wrong = n * step.argument ** n
            lead = f"You brought the exponent {_t(n)} down but did not lower it by one: "
            yield (lambda s, r: s.exponent * s.argument ** s.exponent,
                   f"{lead}{_d(step.expr, step.var)} = {_t(step.result)}, not {_t(wrong)}.",
                   f"{lead}d/du(uⁿ) = n·uⁿ⁻¹.")


@generator
class TrigSign(StepMistake):
    key = "trig-sign"

    def variants(self, step, parent):
        if step.key in ("sin", "cos"):
            yield (lambda s, r: -s.result,
                   f"Check the sign: {_d(step.expr, step.var)} = {_t(step.result)}.",
                   "Check the sign: d/dx sin(x) = cos(x), and d/dx cos(x) = −sin(x).")


@generator
class ConstantKept(StepMistake):
    key = "constant-kept"

    def variants(self, step, parent):
        if isinstance(step, ConstantRule) and isinstance(parent, SumRule) and step.expr != 0:
            held = step.expr.free_symbols
            why = (f"it does not depend on {step.var} (the other variables are held constant)" if held
                   else "the derivative of a constant is 0")
            yield (lambda s, r: s.expr, f"The term {_t(step.expr)} should disappear: {why}.")


@generator
class ChainInnerSign(StepMistake):
    key = "chain-rule-inner-sign"

    def variants(self, step, parent):
        if not isinstance(step, ChainRule):
            return
        inner = step.substeps[1]
        yield (lambda s, r: -r[0].subs(s.letter, s.inner) * r[1],
               f"A sign slipped inside the chain rule on {_t(step.expr)}: with {_t(step.letter)} = "
               f"{_t(step.inner)}, check the sign of d{_t(step.letter)}/d{step.var}.")


def reevaluate(tree: Rule, target: Rule, wrong: Wrong) -> sp.Expr:
    """The tree's result with ``target`` giving ``wrong(target, sub-results)`` instead of its own."""
    def go(node: Rule) -> tuple[sp.Expr, bool]:
        if node is target:
            return wrong(node, [c.result for c in node.substeps]), True
        results, changed = [], False
        for c in node.substeps:
            r, ch = go(c)
            results.append(r)
            changed |= ch
        return (node.combine(results) if changed else node.result), changed

    return go(tree)[0]


def _parents(tree: Rule) -> Iterator[tuple[Rule, Rule | None]]:
    stack: list[tuple[Rule, Rule | None]] = [(tree, None)]
    while stack:
        node, parent = stack.pop(0)
        yield node, parent
        stack.extend((c, node) for c in node.substeps)


MAX_ANTIDERIVATIVE_OPS = 12  # students hand back antiderivatives of simple functions only


def _table_integrable(f: sp.Expr, x: sp.Symbol) -> bool:
    """Small, and every function or non-polynomial power has a linear argument (e^(2x), (2x+3)^-1).

    Those are the antiderivatives a student might write by mistake; anything else
    (log of a quartic, say) can take seconds and would make the list depend on load.
    """
    if sp.count_ops(f) > MAX_ANTIDERIVATIVE_OPS:
        return False
    for node in sp.preorder_traversal(f):
        if isinstance(node, sp.Function):
            inner = node.args
        elif isinstance(node, sp.Pow) and node.base.has(x) and not (node.exp.is_Integer and node.exp >= 0):
            inner = (node.base,) if not node.exp.has(x) else (node.base, node.exp)
        else:
            continue
        if any(a.has(x) and not (a.is_polynomial(x) and sp.degree(a, x) <= 1) for a in inner):
            return False
    return True


def _integrate(f: sp.Expr, x: sp.Symbol) -> sp.Expr:
    """Rule-based integration: quick and the same on any machine, unlike Risch under a timeout."""
    return sp.integrate(f, x, manual=True)


def _whole_function(f: sp.Expr, x: sp.Symbol, order: int, timeout: float) -> Iterator[Mistake]:
    yield Mistake("original-function", "That is the function itself; it still has to be differentiated.", f)
    if order == 1 and _table_integrable(f, x):
        try:
            anti = bounded(_integrate, f, x, timeout=timeout, what="integrating")
        except Unfinished:
            anti = None
        # a student never writes RootSum or Piecewise: such an antiderivative is no likely answer
        if anti is not None and not anti.has(sp.Integral, sp.RootSum, sp.Piecewise):
            yield Mistake("antiderivative", f"That is an antiderivative of {_t(f)}: you integrated "
                          "instead of differentiating.", anti)
    others = sorted(f.free_symbols - {x}, key=lambda s: s.name)
    for v in others:
        yield Mistake("wrong-variable", f"You differentiated with respect to {v.name} instead of {x.name}.",
                      sp.diff(f, v, order))
    if others and order == 1:
        names = ", ".join(v.name for v in others)
        yield Mistake("wrong-variable", f"You let {names} change along with {x.name}; in ∂/∂{x.name} the other "
                      f"variables are held constant (treat {names} like numbers).",
                      sp.Add(*(sp.diff(f, v) for v in (x, *others))))


def derivative_mistakes(f: Any, var: Any = None, order: int = 1, *, timeout: float = 2.0) -> list[Mistake]:
    """Wrong answers a student is likely to give for d^n f/dx^n, each different from the right one."""
    return list(iter_derivative_mistakes(f, var, order, timeout=timeout))


def iter_derivative_mistakes(f: Any, var: Any = None, order: int = 1, *, timeout: float = 2.0) -> Iterator[Mistake]:
    """``derivative_mistakes`` one at a time, in the same order: a grader that stops at the mistake an
    answer matches never pays for the later ones (an antiderivative costs most)."""
    expr = function_expr(f)
    x = resolve_variable(expr, var)
    d = derivative(expr, x, order, simplify=False, timeout=timeout)
    if d.steps is None or d.result is None:
        return
    tree = d.steps.substeps[-1] if isinstance(d.steps, HigherOrderRule) else d.steps
    yield from _distinct(_candidates(tree, expr, x, order, timeout), d.result)


def _candidates(tree: Rule, expr: sp.Expr, x: sp.Symbol, order: int, timeout: float) -> Iterator[Mistake]:
    """Each step done wrong (a wrong last stage on top of right earlier stages), then the whole-function slips."""
    counts: dict[str, int] = {}
    guided: list[str]
    for node, parent in _parents(tree):
        for gen in GENERATORS:
            for wrong, text, *guided in gen.variants(node, parent):  # guided: the words without the answer
                if counts.get(gen.key, 0) >= PER_KEY:
                    break
                yield Mistake(gen.key, text, reevaluate(tree, node, wrong), *guided)
                counts[gen.key] = counts.get(gen.key, 0) + 1
    yield from _whole_function(expr, x, order, timeout)


def _chain_signs_last(candidates: Iterable[Mistake]) -> Iterator[Mistake]:
    """The candidates in order, but the chain-rule sign slips after all the others (lazily up to them)."""
    later: list[Mistake] = []
    for m in candidates:
        if m.key == ChainInnerSign.key:
            later.append(m)
        else:
            yield m
    yield from later


def _distinct(candidates: Iterable[Mistake], right: sp.Expr) -> Iterator[Mistake]:
    """Keep mistakes that differ from the right answer and from every earlier kept mistake."""
    kept: list[Mistake] = []
    # a sign flipped inside a chain comes last: a more specific slip with the same answer (trig-sign) names it
    for m in _chain_signs_last(candidates):
        if same(m.expr, right) is not False:
            continue
        if any(same(m.expr, k.expr) is not False for k in kept):
            continue
        kept.append(m)
        yield m
