"""The condition grammar: parsed by a fixed grammar, evaluated exactly, never as code."""
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercises.conditions import ConditionError, parse_condition

F = Fraction


@pytest.mark.parametrize("text, values, expected", [
    ("a != b", {"a": F(1), "b": F(2)}, True),
    ("a != b", {"a": F(2), "b": F(2)}, False),
    ("a ≠ b", {"a": F(2), "b": F(2)}, False),
    ("a*b > 0", {"a": F(-1), "b": F(-3)}, True),
    ("a + 2*b <= 7", {"a": F(1), "b": F(3)}, True),
    ("a + 2*b <= 7", {"a": F(2), "b": F(3)}, False),
    ("a^2 - 4*b >= 0", {"a": F(4), "b": F(4)}, True),
    ("abs(a) < 3", {"a": F(-2)}, True),
    ("0 < a < 5", {"a": F(5)}, False),
    ("a == 1 or b == 1", {"a": F(2), "b": F(1)}, True),
    ("a != 0 and b != 0", {"a": F(2), "b": F(0)}, False),
    ("a/b != 1/2", {"a": F(1), "b": F(2)}, False),
    ("(a - b)*(a + b) != 0", {"a": F(3), "b": F(-3)}, False),
    ("-a > 0", {"a": F(-1, 2)}, True),
    ("a / b > 0", {"a": F(1), "b": F(0)}, False),  # undefined: no comparison holds
    ("0.5*a == 1", {"a": F(2)}, True),
])
def test_conditions_evaluate_exactly(text, values, expected):
    assert parse_condition(text).holds(values) is expected


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",  # quotes and dots are not in the grammar
    "a.real > 0",
    "a ** 2 > 0",  # ** is not the grammar's power
    "a > ",
    "a b > 0",
    "a + b",  # compares nothing
    "",
    "a > 0 and",
    "lambda: 1",
])
def test_anything_outside_the_grammar_is_refused(text):
    with pytest.raises(ConditionError):
        parse_condition(text)


def test_names_are_collected():
    assert parse_condition("a*b + abs(c) != d").names == {"a", "b", "c", "d"}


def test_huge_powers_are_refused():
    cond = parse_condition("a^1000 > 0")
    with pytest.raises(ConditionError):
        cond.holds({"a": F(2)})


@given(st.integers(-50, 50), st.integers(-50, 50))
def test_comparisons_agree_with_python(a, b):
    values = {"a": F(a), "b": F(b)}
    assert parse_condition("a != b").holds(values) == (a != b)
    assert parse_condition("a - b < 3").holds(values) == (a - b < 3)
    assert parse_condition("a*a + b >= 2*b").holds(values) == (a * a + b >= 2 * b)
