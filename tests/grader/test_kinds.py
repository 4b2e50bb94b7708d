"""Every answer kind: shape checks, per-component credit, classification, solution sets."""
from __future__ import annotations

import pytest
import sympy as sp

import grader
from tutor import DNE
from tutor.engine.mistakes import Mistake

x, y = sp.symbols("x y")
R = sp.Rational


def test_gradient_gets_per_component_credit_and_words():
    v = grader.check("(2x y, x^2)", "(2x y, 2x)", kind="gradient")
    assert v.status == "partial" and v.score == 0.5
    assert "Your ∂f/∂x is right; ∂f/∂y is not." in v.feedback
    assert [(d.label, d.status) for d in v.details] == [("∂f/∂x", "correct"), ("∂f/∂y", "incorrect")]


def test_gradient_components_in_the_wrong_order():
    v = grader.check("(2x y, x^2)", "(x^2, 2x y)", kind="gradient")
    assert v.status == "incorrect" and v.mistake == "components-swapped"


def test_vector_length_and_shape():
    assert grader.check("(1, 2)", "(1, 2, 3)").mistake == "wrong-length"
    assert grader.check("(1, 2)", "3").status == "invalid"
    assert grader.check((R(1, 2), R(1, 4)), "(0.5, 0.2500)").status == "correct"
    assert grader.check("(1, 2)", "<1, 2>").status == "correct"


def test_whole_vector_mistakes_are_named():
    m = Mistake("gd-plus", "You stepped uphill: a GD step subtracts the gradient.", sp.Tuple(3, 4))
    v = grader.check("(1, 0)", "(3, 4)", mistakes=[m])
    assert v.mistake == "gd-plus" and "uphill" in v.feedback


def test_matrices_per_entry_transpose_and_hessian_labels():
    assert grader.check("[[2, 1], [1, 2]]", "[[2, 1], [1, 2]]").status == "correct"
    v = grader.check("[[2, 1], [1, 2]]", "[[2, 1], [1, 3]]")
    assert v.status == "partial" and v.score == 0.75
    t = grader.check("[[2, y], [x, 2]]", "[[2, x], [y, 2]]")
    assert t.mistake == "transposed"
    h = grader.check("[[2y, 2x], [2x, 0]]", "[[2y, 2x], [2x, 1]]", kind="hessian")
    assert [d.label for d in h.details] == ["∂²f/∂x²", "∂²f/∂x∂y", "∂²f/∂y∂x", "∂²f/∂y²"]
    assert grader.check("[[1, 2], [3, 4]]", "[[1, 2]]").mistake == "wrong-shape"


def test_point_sets_are_order_free_with_partial_credit():
    assert grader.check("{(0, 0), (1, 1)}", "(1, 1), (0, 0)").status == "correct"
    half = grader.check("{(0, 0), (1, 1)}", "{(0, 0)}")
    assert half.status == "partial" and half.score == 0.5 and "1 of the 2" in half.feedback
    extra = grader.check("{(0, 0)}", "{(0, 0), (2, 2)}")
    assert extra.status == "partial" and extra.score == 0.5
    assert grader.check(sp.S.EmptySet, "none").status == "correct"
    assert grader.check("{(1/3, 0)}", "(0.3333, 0)").status == "correct"


def test_classified_points():
    expected = {(0, 0): "saddle", (1, 1): "minimum"}
    assert grader.check(expected, "(0,0) saddle; (1,1) local min").status == "correct"
    assert grader.check(expected, "saddle at (0, 0) and minimum at (1, 1)").status == "correct"
    v = grader.check(expected, "(0,0) saddle, (1,1) max")
    assert v.status == "partial" and v.score == 0.75 and v.mistake == "wrong-kind"
    bare = grader.check(expected, "(0,0), (1,1)")
    assert bare.status == "partial" and bare.mistake == "not-classified"
    unread = grader.check(expected, "(0,0) banana")
    assert unread.status == "invalid"


def test_critical_point_records_can_be_the_expected_answer():
    from tutor import critical_points

    pts = critical_points(x**3 - 3 * x + y**2)
    v = grader.check(list(pts), "(1, 0) min, (-1, 0) saddle")
    assert v.status == "correct", v.feedback


@pytest.mark.parametrize("expected, answer", [
    ("x + 2y = c", "y = (c - x)/2"),
    ("x + 2y = 3", "2y = 3 - x"),
    ("y = 1/x", "x y = 1"),
    ("e^(x + y) = 5", "x + y = ln 5"),
    ("y = x/3", "y = 0.3333x"),
])
def test_equations_equal_as_solution_sets(expected, answer):
    assert grader.check(expected, answer).status == "correct"


def test_different_equations_are_wrong_with_a_witness():
    v = grader.check("x + 2y = c", "y = (c + x)/2")
    assert v.status == "incorrect" and "satisfies" in v.feedback
    assert grader.check("x^2 + y^2 = 4", "x^2 + y^2 = 2").status == "incorrect"
    assert grader.check("y = 2x + 1", "2x + 1").status == "invalid"


def test_limits():
    assert grader.check(DNE, "DNE").status == "correct"
    assert grader.check(DNE, "0").mistake == "limit-exists"
    assert grader.check(sp.oo, "infinity").status == "correct"
    assert grader.check(sp.oo, "-oo").mistake == "sign-error"
    assert grader.check(R(1, 2), "0.5", kind="limit").status == "correct"
    assert grader.check(R(1, 2), "DNE", kind="limit").mistake == "limit-dne"


def test_multiple_choice_and_true_false():
    letters = ["a", "b", "c", "d"]
    assert grader.check("b", "(B)", choices=letters).status == "correct"
    m = Mistake("choice-c", "A saddle point is not a minimum.", "c")
    v = grader.check("b", "c", choices=letters, mistakes=[m])
    assert v.mistake == "choice-c" and "saddle" in v.feedback
    assert grader.check("b", "e", choices=letters).status == "invalid"
    assert grader.check("b", "two", choices=["one", "two"]).status == "correct"
    assert grader.check(["a", "c"], "a and c", choices=letters).status == "correct"
    assert grader.check(["a", "c"], "a", choices=letters).score == 0.5
    assert grader.check(True, "yes").status == "correct"
    assert grader.check(False, "T").status == "incorrect"
    assert grader.check(False, "perhaps").status == "invalid"


@pytest.mark.parametrize(("answer", "message", "caret"), [
    ("(1, 2", "'(' is never closed", "  ^"),
    ("(1,, 2)", "',' can't follow ','", "     ^"),
    ("a,,c", "',' can't follow ','", "    ^"),
    ("a, c,", "a comma needs an item after it", "      ^"),
    (", a", "',' needs an item before it", "  ^"),
    ("(a", "'(' is never closed", "  ^"),
    ("ab)", "')' has no matching opening bracket", "    ^"),
    ("[a, c)", "'[' at column 1 is closed by ')'", "  ^"),
])
def test_unreadable_multiple_choice_answer_is_invalid_with_the_parsers_caret(answer, message, caret):
    # "(1, 2" would otherwise read as choices a and b and cost the learner an attempt
    for expected in ("a", ["a", "c"]):
        v = grader.check(expected, answer, choices=["3", "4", "5"])
        assert v.status == "invalid" and v.score == 0
        lines = v.error.splitlines()
        assert lines[0] == message and lines[1] == "  " + answer and lines[2] == caret


def test_readable_multiple_choice_answers_with_brackets_and_commas_still_grade():
    letters = ["a", "b", "c"]
    assert grader.check(["a", "c"], "(a, c)", choices=letters).status == "correct"
    assert grader.check(["a", "c"], "[1, 3]", choices=letters).status == "correct"
    assert grader.check("a", "(1, 2)", choices=letters).status == "incorrect"
    # a choice whose own text holds a bracket and a comma is read as that choice
    assert grader.check("b", "(1, 2", choices=["(0, 0)", "(1, 2"]).status == "correct"
    assert grader.check("b", "(1, 2)", choices=["(0, 0)", "(1, 2)"]).status == "correct"
    # labels as a printed list writes them: "b)" or "a), c)"
    assert grader.check("b", "b)", choices=letters).status == "correct"
    assert grader.check(["a", "c"], "a), c)", choices=letters).status == "correct"


@pytest.mark.parametrize(("answer", "message"), [
    ("(true", "'(' is never closed"),
    ("true)", "')' has no matching opening bracket"),
    ("true,,", "',' can't follow ','"),
])
def test_unreadable_true_false_answer_is_invalid_with_the_parsers_caret(answer, message):
    v = grader.check(True, answer)
    assert v.status == "invalid" and v.error.splitlines()[:2] == [message, "  " + answer]
    assert grader.check(True, "(true)").status == "correct"


def test_intervals():
    I = sp.Interval.open(0, R(1, 2))
    assert grader.check(I, "(0, 1/2)").status == "correct"
    assert grader.check(I, "0 < lr < 0.5").status == "correct"
    v = grader.check(I, "(0, 1/2]")
    assert v.status == "partial" and v.mistake == "endpoint-inclusion"
    assert grader.check(sp.Interval.Lopen(0, 2), "0 < η ≤ 2").status == "correct"
    assert grader.check(I, "(0, 2)").status == "partial"
    assert grader.check(I, "(1, 0)").status == "invalid"


def test_kind_inference():
    assert grader.check(sp.Tuple(1, 2), "(1, 2)").status == "correct"
    assert grader.check(sp.Eq(y, x), "y = x").status == "correct"
    assert grader.check(sp.ImmutableMatrix([[1]]), "[[1]]").status == "correct"
    with pytest.raises(ValueError):
        grader.check(object(), "1")
