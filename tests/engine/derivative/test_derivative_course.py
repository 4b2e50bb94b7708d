"""The course texts' derivative examples (seeds 001, 002, 004) come out right and read well."""
from __future__ import annotations

import sympy as sp

from tutor.engine.derivative import derivative
from tutor.engine.derivative.rules import ChainRule, PowerRule, SumRule
from tutor.engine.derivative.rules.functions import LogRule
from tutor.reading.printer import to_text

x, y = sp.symbols("x y")


def test_polynomial_from_the_loss_surface_text():
    d = derivative(3 * x**2 - 4 * x + 5, x)
    assert sp.expand(d.result - (6 * x - 4)) == 0
    assert isinstance(d.steps, SumRule)
    # the minimum the text finds from f' = 0
    assert sp.solve(d.result, x) == [sp.Rational(2, 3)]
    assert "Sum rule" in d.to_text()


def test_partials_of_3x2_plus_2y_hold_the_other_variable_constant():
    f = 3 * x**2 + 2 * y
    dx, dy = derivative(f, x), derivative(f, y)
    assert dx.result == 6 * x and dy.result == 2
    assert dx.partial and dy.partial
    text = dx.to_text()
    assert "Treat y as a constant" in text
    assert "y is held constant" in text


def test_chain_rule_on_2x_plus_3_squared_names_the_substitution():
    d = derivative((2 * x + 3) ** 2, x)
    assert sp.expand(d.result - 4 * (2 * x + 3)) == 0
    chain = d.steps
    assert isinstance(chain, ChainRule)
    assert chain.inner == 2 * x + 3
    outer, inner = chain.substeps
    assert isinstance(outer, PowerRule) and outer.result == 2 * chain.letter
    assert inner.result == 2
    text = d.to_text()
    assert "Chain rule: let u = " in text
    assert "Outer derivative (power rule)" in text and "Inner derivative (sum rule)" in text


def test_chain_rule_on_log_of_quartic_keeps_the_course_form():
    h = x**4 + x**3 + 2
    d = derivative(sp.log(h), x)
    assert d.result == (4 * x**3 + 3 * x**2) / h
    assert isinstance(d.steps, ChainRule) and isinstance(d.steps.substeps[0], LogRule)
    # the critical points the text reports: 0 and -3/4
    assert set(sp.solve(d.result, x)) == {0, sp.Rational(-3, 4)}
    assert "Now simplify" not in d.to_text()


def test_final_line_states_the_result():
    d = derivative(3 * x**2 - 4 * x + 5, x)
    last = d.to_text().strip().splitlines()[-1]
    assert last.startswith("So ") and last.rstrip(".").endswith(to_text(6 * x - 4))
