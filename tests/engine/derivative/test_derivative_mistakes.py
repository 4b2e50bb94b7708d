"""Mistake generators: built from the step tree, each different from the right answer."""
from __future__ import annotations

import pytest
import sympy as sp

from tutor.engine.derivative.check import same
from tutor.engine.derivative.mistakes import derivative_mistakes
from tutor.engine.mistakes import Mistake

x, y = sp.symbols("x y")


def by_key(mistakes: list[Mistake]) -> dict[str, list[sp.Expr]]:
    out: dict[str, list[sp.Expr]] = {}
    for m in mistakes:
        out.setdefault(m.key, []).append(m.expr)
    return out


def has(mistakes, key, expected) -> bool:
    return any(same(e, expected) is True for e in by_key(mistakes).get(key, []))


def test_chain_rule_without_the_inner_derivative():
    ms = derivative_mistakes((2 * x + 3) ** 2, x)
    assert has(ms, "chain-rule-missing-inner", 2 * (2 * x + 3))
    text = next(m.description for m in ms if m.key == "chain-rule-missing-inner")
    assert "left out the inner derivative" in text and "du/dx = 2" in text


def test_chain_rule_on_log_without_inner():
    h = x**4 + x**3 + 2
    assert has(derivative_mistakes(sp.log(h), x), "chain-rule-missing-inner", 1 / h)


def test_product_rule_with_one_term_and_product_of_derivatives():
    ms = derivative_mistakes(x**2 * sp.sin(x), x)
    assert has(ms, "product-rule-one-term", 2 * x * sp.sin(x))
    assert has(ms, "product-rule-one-term", x**2 * sp.cos(x))
    assert has(ms, "product-of-derivatives", 2 * x * sp.cos(x))


def test_quotient_rule_with_the_sign_flipped():
    n, d = x + 1, x**2 + 1
    wrong = (n * 2 * x - 1 * d) / d**2
    assert has(derivative_mistakes(n / d, x), "quotient-rule-sign", wrong)


def test_power_rule_without_lowering_the_exponent():
    assert has(derivative_mistakes(x**3, x), "power-rule-exponent-not-lowered", 3 * x**3)


def test_original_function_and_antiderivative():
    ms = derivative_mistakes(3 * x**2 - 4 * x + 5, x, timeout=60)  # integrate is bounded; be generous
    assert has(ms, "original-function", 3 * x**2 - 4 * x + 5)
    assert has(ms, "antiderivative", x**3 - 2 * x**2 + 5 * x)


def test_partials_wrong_variable_and_constant_kept():
    ms = derivative_mistakes(3 * x**2 + 2 * y, x)
    assert has(ms, "wrong-variable", sp.Integer(2))  # differentiated by y
    assert has(ms, "wrong-variable", 6 * x + 2)  # y not held constant
    assert has(ms, "constant-kept", 6 * x + 2 * y)


def test_trig_sign():
    assert has(derivative_mistakes(sp.sin(x), x), "trig-sign", -sp.cos(x))


@pytest.mark.parametrize("fn", [(2 * x + 3) ** 2, x**2 * sp.sin(x), (x + 1) / (x**2 + 1), sp.exp(x), x,
                                3 * x**2 + 2 * y, sp.log(sp.cos(x)), x * sp.exp(2 * x)])
def test_no_mistake_equals_the_right_answer_and_none_repeat(fn):
    ms = derivative_mistakes(fn, x)
    right = sp.diff(fn, x)
    for i, m in enumerate(ms):
        assert isinstance(m, Mistake) and m.key and m.description.endswith(".")
        assert same(m.expr, right) is False, m
        for other in ms[:i]:
            assert same(m.expr, other.expr) is False, (m, other)


def test_exp_has_no_chain_or_power_mistake_that_equals_the_answer():
    # d/dx e^x = e^x is also "the original function": it must not be offered as a mistake
    keys = by_key(derivative_mistakes(sp.exp(x), x))
    assert "original-function" not in keys


def test_second_derivative_mistakes_come_from_the_last_stage():
    ms = derivative_mistakes(x**3, x, order=2)
    assert has(ms, "power-rule-exponent-not-lowered", 6 * x**2)
    assert has(ms, "original-function", x**3)
