"""How derivative steps read: one sentence per rule, naming it and showing the mathematics.

Kept apart from the rules so that the mathematics never builds prose. Each rule class
maps to a phrase function; function rules (sin, ln, a^u, ...) share one phrase.
"""
from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from tutor.engine.derivative.rules import (
    ChainRule, ConstantMultipleRule, ConstantRule, DontKnowRule, GeneralPowerRule, HigherOrderRule,
    OuterRule, PowerRule, ProductRule, QuotientRule, Rule, SumRule, VariableRule,
)
from tutor.engine.derivative.notation import diff_notation
from tutor.render import Doc, Line, Step, line

_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth")

Phrase = Callable[[Rule, str], Step]
PHRASES: dict[type, Phrase] = {}


def phrase(cls: type) -> Callable[[Phrase], Phrase]:
    def deco(fn: Phrase) -> Phrase:
        PHRASES[cls] = fn
        return fn
    return deco


def D(expr: sp.Expr, *variables: sp.Symbol) -> sp.Derivative:
    return diff_notation(expr, *variables)


def ordinal(n: int) -> str:
    return _ORDINALS[n - 1] if n <= len(_ORDINALS) else f"{n}th"


def _names(symbols) -> str:
    names = sorted(s.name for s in symbols)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _head(step: Rule, prefix: str, extra: str = "") -> str:
    """'Power rule:' or, inside the chain rule, 'Outer derivative (power rule):'; ``extra`` is a remark
    such as 'y held constant'."""
    if prefix:
        return f"{prefix} ({step.label}{'; ' + extra if extra else ''}):"
    label = step.label[0].upper() + step.label[1:]
    return f"{label} ({extra}):" if extra else f"{label}:"


def step_node(step: Rule, prefix: str = "") -> Step:
    """The worked step for one rule application and everything beneath it."""
    for cls in type(step).__mro__:
        if cls in PHRASES:
            return PHRASES[cls](step, prefix)
    return _generic(step, prefix)


def _children(step: Rule, prefixes: tuple[str, ...] = ()) -> tuple[Step, ...]:
    out = []
    for i, s in enumerate(step.substeps):
        out.append(step_node(s, prefixes[i] if i < len(prefixes) else ""))
    return tuple(out)


@phrase(ConstantRule)
def _constant(step, prefix):
    head = _head(step, prefix)
    held = step.expr.free_symbols
    if held:
        verb = "is" if len(held) == 1 else "are"
        return Step(line(head, _names(held), verb, "held constant, so", D(step.expr, step.var), "=", 0))
    return Step(line(head, D(step.expr, step.var), "=", 0))


@phrase(VariableRule)
def _variable(step, prefix):
    return Step(line(_head(step, prefix), D(step.var, step.var), "=", 1))


@phrase(SumRule)
def _sum(step, prefix):
    # children in the order the terms are printed (3x², -4x, 5), not SymPy's internal order
    order = {t: i for i, t in enumerate(step.expr.as_ordered_terms())}
    kids = sorted(step.substeps, key=lambda s: order.get(s.expr, len(order)))
    return Step(line(_head(step, prefix), "differentiate term by term,", D(step.expr, step.var), "=",
                     step.result), tuple(step_node(k) for k in kids))


@phrase(ConstantMultipleRule)
def _constant_multiple(step, prefix):
    x = step.var
    held = step.constant.free_symbols
    head = _head(step, prefix, f"{_names(held)} held constant" if held else "")
    return Step(line(head, D(step.expr, x), "=", step.constant * D(step.other, x), "=", step.result),
                _children(step))


@phrase(ProductRule)
def _product(step, prefix):
    x = step.var
    pattern = sp.Add(*step.terms([D(f, x) for f in step.factors]))
    return Step(line(_head(step, prefix), D(step.expr, x), "=", pattern, "=", step.result), _children(step))


@phrase(QuotientRule)
def _quotient(step, prefix):
    x, n, d = step.var, step.numerator, step.denominator
    pattern = (D(n, x) * d - n * D(d, x)) / d ** 2
    return Step(line(_head(step, prefix), "with numerator", n, "and denominator", d, ",", D(step.expr, x), "=",
                     pattern, "=", step.result), _children(step, ("Numerator", "Denominator")))


@phrase(ChainRule)
def _chain(step, prefix):
    x, u, g = step.var, step.letter, step.inner
    outer, inner = step.substeps
    head = line(_head(step, prefix), "let", u, "=", g, ", so", step.expr, "=", outer.expr, ".")
    combine = line("Multiply the outer derivative", outer.result, "by the inner derivative", inner.result,
                   "and put back", u, "=", g, ":", D(step.expr, x), "=", step.result)
    return Step(head, (step_node(outer, "Outer derivative"), step_node(inner, "Inner derivative"), combine))


@phrase(GeneralPowerRule)
def _general_power(step, prefix):
    x, e = step.var, step.expr
    rewritten = sp.exp(step.exponent_form, evaluate=False)
    return Step(line(_head(step, prefix), "write", e, "=", rewritten, ", so by the chain rule",
                     D(e, x), "=", e * D(step.exponent_form, x), "=", step.result), _children(step))


@phrase(PowerRule)
def _power(step, prefix):
    n = step.exponent
    if n.is_Rational and not n.is_Integer:
        head = _head(step, prefix, f"a root is a fractional power, n = {n}")
        return Step(line(head, D(step.expr, step.var), "=", step.result))
    return Step(line(_head(step, prefix), D(step.expr, step.var), "=", step.result))


@phrase(OuterRule)
def _function(step, prefix):
    parts = [_head(step, prefix), D(step.expr, step.var), "=", step.result]
    if step.key == "abs":
        parts += ["(that is", step.argument / sp.Abs(step.argument), "for", sp.Ne(step.argument, 0), ")"]
    return Step(line(*parts))


@phrase(DontKnowRule)
def _dont_know(step, prefix):
    return Step(line(prefix + ": " if prefix else "", "No rule: calctutor has no rule for", step.expr,
                     "; SymPy gives", D(step.expr, step.var), "=", step.result))


def _generic(step, prefix):
    return Step(line(_head(step, prefix), D(step.expr, step.var), "=", step.result), _children(step))


def _stages(step: HigherOrderRule) -> list:
    """One worked step per differentiation, with the simplification between them."""
    nodes: list = []
    mixed = len(set(step.variables)) > 1
    for i, stage in enumerate(step.substeps):
        name = f"{ordinal(i + 1)} derivative" + (f" in {step.variables[i]}" if mixed else "")
        nodes.append(step_node(stage, name))
        if i + 1 < len(step.substeps) and step.substeps[i + 1].expr != stage.result:
            nodes.append(line("Now simplify:", stage.result, "=", step.substeps[i + 1].expr))
    return nodes


def derivation_doc(d, steps: bool = True) -> Doc:
    """The worked derivation: what is held constant, the steps, simplification, the result."""
    title = line(d.notation)
    nodes: list = []
    if steps and d.partial:
        held = d.function.free_symbols - set(d.variables)
        treat = "as a constant" if len(held) == 1 else "as constants"
        nodes.append(line("Treat", _names(held), treat + ": only", _names(set(d.variables)), "varies."))
    if steps and d.steps is not None:
        if isinstance(d.steps, HigherOrderRule):
            nodes += _stages(d.steps)
        else:
            nodes.append(step_node(d.steps))
        if d.result is not None and d.raw is not None and d.raw != d.result:
            nodes.append(line("Now simplify:", d.raw, "=", d.result))
    nodes += [Line((note,)) for note in d.notes]
    if d.result is None:
        nodes.append(line("No result for", d.notation, "in the time allowed."))
    elif steps:
        nodes.append(line("So", d.notation, "=", d.result, "."))
    else:  # the answer alone, no title
        return Doc(None, (line(d.notation, "=", d.result), *nodes))
    return Doc(title=title, nodes=tuple(nodes))
