"""A hostile or unlucky answer can neither hang nor crash the checker."""
from __future__ import annotations

import sympy as sp

import grader

x = sp.Symbol("x")


def test_overlong_answers_are_refused_before_reading():
    v = grader.check("x", "x+" * 1500 + "x")
    assert v.status == "invalid" and "characters" in v.error


def test_huge_numbers_are_unreadable_not_slow():
    assert grader.check("x", "9^9999").status == "invalid"
    assert grader.check("x", "1000!").status == "invalid"


def test_huge_powers_and_towers_are_simply_wrong():
    for answer in ("x^9999", "(x+1)^9000", "e^(e^(e^(e^x)))", "10^999 x"):
        v = grader.check("x", answer)
        assert v.status == "incorrect", answer
    assert "too large to compute" in grader.check("x", "x^9999").feedback


def test_a_step_that_runs_too_long_gives_undecided_not_wrong():
    v = grader.check("(x+1)^3000", "(x+1)^3000", form="expanded", timeout=0.5)
    assert v.status == "undecided" and v.score == 0
    assert "flagged for your teacher" in v.feedback and "not counted as wrong" in v.feedback


def test_something_the_numbers_cannot_evaluate_falls_back_to_symbolic_then_undecided():
    v = grader.check(sp.Integral(sp.exp(-x**2), (x, 0, x)), "x", timeout=1)
    assert v.status == "undecided"


def test_an_expected_answer_with_no_real_values_is_decided_symbolically():
    v = grader.check(sp.sqrt(-1 - x**2), "sqrt(-1 - x^2)")
    assert v.status == "correct"


def test_deep_nesting_is_refused_by_the_reader():
    v = grader.check("x", "(" * 60 + "x" + ")" * 60)
    assert v.status == "invalid"


def test_a_very_large_tree_is_graded_in_the_worker():
    from grader.checking import _hostile
    from tutor import parse

    text = "+".join(f"x^{i}" for i in range(1, 300))
    assert _hostile(parse(text))
    v = grader.check("x", text)
    assert v.status == "incorrect" and "e+" in v.feedback  # huge values shown in short form
    assert grader.check(parse(text), text).status == "correct"
