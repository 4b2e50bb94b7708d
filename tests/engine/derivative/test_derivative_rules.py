"""Hand-picked functions: each rule, each function family, compositions, several variables.

The expected answers are sympy.diff of the same input (an independent implementation);
every step of every tree must verify, and every composite must go through the chain rule.
"""
from __future__ import annotations

import pytest
import sympy as sp

from tutor.engine.derivative import derivative
from tutor.engine.derivative.rules import (
    ChainRule, ConstantMultipleRule, DontKnowRule, GeneralPowerRule, LogBaseRule, OuterRule, ProductRule,
    QuotientRule,
)

from tutor.engine.derivative.check import problems

x, y, z, a = sp.symbols("x y z a")


def assert_verified(d) -> None:
    assert problems(d) == []
f = sp.Function("f")

HAND_PICKED = [
    # constants, the variable, sums, constant multiples
    sp.Integer(7), x, 3 * x, -x, x + 1, 3 * x**2 - 4 * x + 5, sp.pi * x, a * x**2,
    # powers: negative, fractional, roots
    x**5, x**-1, x**-3, sp.sqrt(x), x ** sp.Rational(2, 3), 1 / sp.sqrt(x), sp.root(x, 3), x**sp.pi,
    # exponentials and logarithms
    sp.exp(x), 2**x, a**x, sp.log(x), sp.log(x, 2), sp.log(x, 10), 3 * sp.log(x, 2), sp.exp(-x),
    # trig, inverse trig, hyperbolic
    sp.sin(x), sp.cos(x), sp.tan(x), sp.cot(x), sp.sec(x), sp.csc(x),
    sp.asin(x), sp.acos(x), sp.atan(x), sp.acot(x), sp.asec(x), sp.acsc(x),
    sp.sinh(x), sp.cosh(x), sp.tanh(x), sp.coth(x), sp.sech(x), sp.csch(x),
    sp.asinh(x), sp.acosh(x), sp.atanh(x), sp.acoth(x),
    # absolute value, variable base and exponent
    sp.Abs(x), sp.Abs(x**2 - 1), x**x, x ** sp.sin(x), sp.sin(x) ** x,
    # products (up to four factors), quotients
    x * sp.sin(x), x**2 * sp.exp(x) * sp.log(x), x * sp.sin(x) * sp.exp(x) * sp.cos(x),
    (x + 1) / (x - 1), sp.sin(x) / x**2, 1 / ((x + 1) * (x - 2)), x * sp.exp(x) / (x**2 + 1),
    # chains: simple, three deep, a quotient inside a chain, powers of composites
    (2 * x + 3) ** 2, sp.sin(x**2), sp.sqrt(x**2 + 1), sp.exp(sp.sin(x**2)), sp.log(sp.cos(sp.exp(x))),
    sp.sin(sp.cos(sp.tan(x))), sp.log((x + 1) / (x - 1)), sp.sqrt((x**2 + 1) / (x + 2)),
    sp.log(x**4 + x**3 + 2), 2 ** (x**2), sp.asin(2 * x), sp.atan(1 / x), sp.Abs(sp.sin(x)),
    sp.log(sp.sin(x), 2), sp.tanh(x**3 - x), (sp.exp(x) + 1) ** -2,
]

THREE_VARIABLES = [x * y * z, x**2 * y + y**2 * z + z**2 * x, sp.exp(x * y * z), sp.sin(x + 2 * y - z),
                   sp.log(x**2 + y**2 + z**2), x * y / z]


def test_there_are_at_least_fifty_hand_picked_functions():
    assert len(HAND_PICKED) + 3 * len(THREE_VARIABLES) >= 50


@pytest.mark.parametrize("fn", HAND_PICKED, ids=str)
def test_hand_picked_function_matches_sympy_and_every_step_verifies(fn):
    assert_verified(derivative(fn, x))


@pytest.mark.parametrize("fn", THREE_VARIABLES, ids=str)
@pytest.mark.parametrize("var", [x, y, z], ids=str)
def test_functions_of_three_variables_each_partial(fn, var):
    d = derivative(fn, var)
    assert d.partial
    assert_verified(d)


@pytest.mark.parametrize("fn", HAND_PICKED, ids=str)
def test_every_function_rule_sees_the_bare_variable(fn):
    """Composites go through the chain rule: a function rule is only applied to its own variable."""
    for step in derivative(fn, x).steps.walk():
        if isinstance(step, OuterRule):
            assert step.argument == step.var, (fn, step)


def test_chain_three_deep_uses_three_substitutions():
    d = derivative(sp.sin(sp.cos(sp.tan(x))), x)
    chains = [s for s in d.steps.walk() if isinstance(s, ChainRule)]
    assert [c.inner for c in chains] == [sp.cos(sp.tan(x)), sp.tan(x)]
    assert len({c.letter for c in chains}) == 2  # nested chains never reuse a letter
    assert_verified(d)


def test_product_of_four_factors_has_four_terms():
    fn = x * sp.sin(x) * sp.exp(x) * sp.cos(x)
    step = derivative(fn, x).steps
    assert isinstance(step, ProductRule) and len(step.factors) == 4 and len(step.substeps) == 4


def test_quotient_inside_a_chain():
    d = derivative(sp.log((x + 1) / (x - 1)), x)
    assert isinstance(d.steps, ChainRule)
    assert isinstance(d.steps.substeps[1], QuotientRule)


def test_log_base_two_is_one_function():
    assert isinstance(derivative(sp.log(x, 2), x).steps, LogBaseRule)
    step = derivative(3 * sp.log(x, 2), x).steps
    assert isinstance(step, ConstantMultipleRule) and isinstance(step.substeps[0], LogBaseRule)
    assert step.constant == 3


def test_x_to_the_x_goes_through_e_to_the_x_ln_x():
    d = derivative(x**x, x)
    assert isinstance(d.steps, GeneralPowerRule)
    assert d.steps.exponent_form == x * sp.log(x)
    assert sp.simplify(d.result - x**x * (sp.log(x) + 1)) == 0


def test_unknown_function_says_there_is_no_rule_and_gives_sympys_answer():
    d = derivative(f(x) * x, x)
    unknown = [s for s in d.steps.walk() if isinstance(s, DontKnowRule)]
    assert unknown and unknown[0].result == sp.Derivative(f(x), x)
    assert "No rule" in d.to_text() and "SymPy gives" in d.to_text()
    assert_verified(d)


def test_variable_that_does_not_occur_gives_zero_with_a_note():
    d = derivative(x**2 + 1, y)
    assert d.result == 0
    assert any("y does not occur" in n for n in d.notes)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_higher_orders_are_repeated_derivations(n):
    fn = x**3 * sp.sin(x)
    d = derivative(fn, x, order=n)
    assert d.order == n and len(d.steps.substeps) == n
    assert sp.simplify(d.result - sp.diff(fn, x, n)) == 0
    assert_verified(d)
    assert "Second derivative" in d.to_text()


def test_variable_is_inferred_when_there_is_only_one():
    assert derivative(sp.sin(y)).result == sp.cos(y)


@pytest.mark.parametrize("bad, message", [
    ((x**2 + y, None), "several variables"),
    ((x**2, x, 0), "whole number"),
    ((x**2, x, 1.5), "whole number"),
    ((x**2, "2x"), "not a variable name"),
    ((sp.Tuple(x, x**2), x), "vector"),
    ((sp.Eq(x, 1), x), "equation"),
])
def test_bad_requests_get_specific_messages(bad, message):
    with pytest.raises(ValueError, match=message):
        derivative(*bad)


def test_names_match_the_functions_own_symbol():
    """A variable given by name finds the function's symbol even if it carries assumptions."""
    xr = sp.Symbol("x", real=True)
    assert derivative(xr**2, "x").result == 2 * xr


def test_rules_are_tried_in_their_declared_priority_not_import_order():
    from tutor.engine.derivative.rules import REGISTRY
    from tutor.engine.derivative.rules.functions import FunctionRule

    assert REGISTRY == sorted(REGISTRY, key=lambda r: (r.priority, r.key))
    assert [r.key for r in REGISTRY[:9]] == [
        "constant", "variable", "sum", "log-base", "constant-multiple", "quotient", "product",
        "general-power", "power"]
    # rules that share a priority each recognise one function class of their own, so no
    # expression can match two of them and their relative order cannot change a step
    ties = [r for r in REGISTRY if [s.priority for s in REGISTRY].count(r.priority) > 1]
    funcs = [r.func for r in ties if issubclass(r, FunctionRule)]
    assert len(funcs) == len(set(funcs)) == len(ties) - 1  # and ExponentialRule (constant base)


def test_a_shuffled_registration_gives_the_same_order():
    import random

    from tutor.engine.derivative.rules import REGISTRY, register

    saved = list(REGISTRY)
    try:
        shuffled = saved[:]
        random.Random(17).shuffle(shuffled)
        REGISTRY.clear()
        for cls in shuffled:
            register(cls)
        assert REGISTRY == saved
    finally:
        REGISTRY[:] = saved
