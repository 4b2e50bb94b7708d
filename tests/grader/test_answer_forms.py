"""Issue 12, items 7–10: defined functions, left-hand sides, natural answer forms, foreign names.

Each test names a class: every spelling in it must get the same verdict.
"""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import grader
from grader.sides import read_claim

SIGMOID = {"σ(z)": "1/(1 + exp(-z))"}
D_SIGMOID = "exp(-z)/(1 + exp(-z))^2"


# -- 12.7 names the exercise defines --------------------------------------------------------------
@pytest.mark.parametrize("answer", ["σ(z)(1-σ(z))", "sigma(z)*(1-sigma(z))", "σ(z) − σ(z)^2",
                                    r"\sigma(z)\,(1 - \sigma(z))", "(1 - σ(z)) σ(z)", "e^(-z) σ(z)^2"])
def test_a_defined_function_is_graded_with_its_definition(answer):
    assert grader.check(D_SIGMOID, answer, functions=SIGMOID).status == "correct"


@pytest.mark.parametrize("answer", ["σ(z)", "σ(z)^2", "σ(z)(1+σ(z))", "sigma(2z+1)(1 - sigma(2z+1))"])
def test_a_wrong_answer_with_a_defined_function_is_incorrect(answer):
    assert grader.check(D_SIGMOID, answer, functions=SIGMOID).status == "incorrect"


def test_a_defined_function_of_another_argument_is_its_definition_there():
    assert grader.check("2/(1 + exp(-(2z+1)))", "2sigma(2z+1)", functions=SIGMOID).status == "correct"


def test_f_and_g_in_a_chain_rule_exercise():
    funcs = {"f(u)": "sin(u)", "g(x)": "x^2 + 1"}
    assert grader.check("cos(x^2 + 1)*2x", "f'(x) = cos(g(x))·2x", functions=funcs).status == "correct"
    assert grader.check("sin(x^2 + 1)", "f(g(x))", functions=funcs).status == "correct"
    assert grader.check("sin(x^2 + 1)", "g(f(x))", functions=funcs).status == "incorrect"


def test_the_expected_answer_may_use_the_defined_function_too():
    assert grader.check("σ(z)(1 - σ(z))", D_SIGMOID, functions=SIGMOID).status == "correct"


def test_a_definition_without_brackets_takes_its_only_variable():
    assert grader.check(D_SIGMOID, "σ(z)(1-σ(z))", functions={"sigma": "1/(1 + e^(-z))"}).status == "correct"


def test_a_defined_function_given_too_many_arguments_is_invalid():
    v = grader.check(D_SIGMOID, "σ(z, 1)", functions=SIGMOID)
    assert v.status == "invalid" and "takes 1 argument" in v.error


def test_bad_definitions_are_the_callers_error():
    with pytest.raises(ValueError, match="definition of σ"):
        grader.check(D_SIGMOID, "1", functions={"σ(z)": "1/(1 + "})
    with pytest.raises(ValueError, match="parameters"):
        grader.check(D_SIGMOID, "1", functions={"h": "x + y"})


@given(st.integers(-5, 5).filter(bool), st.integers(-5, 5))
@settings(max_examples=25, deadline=None)
def test_any_affine_argument_of_sigma_is_expanded(a, b):
    expected = f"1/(1 + exp(-({a}z + {b})))"
    assert grader.check(expected, f"σ({a}z + {b})", functions=SIGMOID).status == "correct"


# -- 12.8 prime and Leibniz notation on the left ---------------------------------------------------
RIGHT = "6x cos(3x^2)"


@pytest.mark.parametrize("answer", ["g'(x) = 6x cos(3x^2)", "f'(x) = 6x cos(3x^2)", "y' = 6x cos(3x^2)",
                                    "dy/dx = 6x cos(3x^2)", "df/dx = 6x cos(3x^2)", "d/dx f = 6x cos(3x^2)",
                                    "g′(x) = 6x cos(3x^2)", "y = 6x cos(3x^2)", "∂g/∂x = 6x cos(3x^2)"])
def test_a_named_derivative_is_graded_by_its_value(answer):
    assert grader.check(RIGHT, answer).status == "correct"


def test_a_named_wrong_derivative_is_incorrect_not_invalid():
    assert grader.check(RIGHT, "g'(x) = 6x sin(3x^2)").status == "incorrect"


@pytest.mark.parametrize("answer,word", [("g'(t) = 6x cos(3x^2)", "t"), ("dy/dt = 6x cos(3x^2)", "t"),
                                         ("∂f/∂z = 6x cos(3x^2)", "z")])
def test_a_derivative_with_respect_to_a_foreign_variable_is_invalid(answer, word):
    v = grader.check(RIGHT, answer)
    assert v.status == "invalid"
    assert f"with respect to {word}, which is not a variable" in v.error
    assert "left-hand side" in v.feedback


@pytest.mark.parametrize("answer,why", [
    ("f'(x) = 6x cos(3x^2)", "names the function f, but the question is about g"),
    ("g(x) = 6x cos(3x^2)", "is the function itself"),
    ("g''(x) = 6x cos(3x^2)", "of order 2"),
    ("∇g = 6x cos(3x^2)", "is a gradient"),
])
def test_asked_names_the_function_and_a_wrong_left_side_is_said(answer, why):
    v = grader.check(RIGHT, answer, asked="g'(x)")
    assert v.status == "invalid" and why in v.error


def test_asked_accepts_every_spelling_of_the_same_derivative():
    for answer in ("g'(x) = 6x cos(3x^2)", "dg/dx = 6x cos(3x^2)", "dy/dx = 6x cos(3x^2)", "y' = 6x cos(3x^2)",
                   "6x cos(3x^2)"):
        assert grader.check(RIGHT, answer, asked="g'(x)").status == "correct", answer


def test_partial_derivatives_name_their_variable():
    assert grader.check("2x", "∂f/∂x = 2x", variables="x, y", asked="∂f/∂x").status == "correct"
    v = grader.check("2x", "∂f/∂y = 2x", variables="x, y", asked="∂f/∂x")
    assert v.status == "invalid" and "with respect to y" in v.error


def test_a_gradient_on_the_left_of_a_vector():
    for answer in ("∇f = (2x, 2y)", "grad f = (2x, 2y)", "∇f(x, y) = <2x, 2y>"):
        assert grader.check("(2x, 2y)", answer, kind="gradient").status == "correct", answer


def test_a_variable_of_the_answer_is_not_a_name_for_it():
    v = grader.check("2x + 1", "x = 2x + 1")
    assert v.status == "invalid" and "a variable of the answer itself" in v.error


def test_an_equation_answer_keeps_its_left_side():
    assert grader.check("y = 2x + 1", "y = 2x + 1", kind="equation").status == "correct"
    assert grader.check("y = 2x + 1", "y - 2x = 1", kind="equation").status == "correct"


# -- 12.9 natural answer forms ----------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["(w, b) = (0.4, -0.2)", "(b, w) = (-0.2, 0.4)", "w = 0.4, b = -0.2",
                                    "b = -0.2, w = 0.4", "<w, b> = <0.4, -0.2>", "(0.4, -0.2)"])
def test_named_components_are_put_in_the_exercises_order(answer):
    assert grader.check("(2/5, -1/5)", answer, variables="w, b").status == "correct"


@pytest.mark.parametrize("answer", ["(u, v) = (0.4, -0.2)", "w = 0.4, c = -0.2", "(w, b, c) = (0.4, -0.2, 1)"])
def test_names_that_are_not_the_exercises_are_invalid(answer):
    v = grader.check("(2/5, -1/5)", answer, variables="w, b")
    assert v.status == "invalid"


def test_asked_names_a_point_without_variables():
    assert grader.check("(3/5, 4/5)", "(x, y) = (0.6, 0.8)", asked="(x, y)").status == "correct"
    assert grader.check("(3/5, 4/5)", "y = 0.8, x = 0.6", asked="(x, y)").status == "correct"
    assert grader.check("(3/5, 4/5)", "(a, b) = (0.6, 0.8)", asked="(x, y)").status == "invalid"


@given(st.permutations(["w", "b", "c"]), st.lists(st.integers(-9, 9), min_size=3, max_size=3))
@settings(max_examples=30, deadline=None)
def test_any_order_of_named_components_grades_as_the_vector(order, values):
    expected = sp.Tuple(*values)
    value = dict(zip(["w", "b", "c"], values))
    typed = ", ".join(f"{n} = {value[n]}" for n in order)
    assert grader.check(expected, typed, kind="vector", variables="w, b, c").status == "correct"
    tupled = f"({', '.join(order)}) = ({', '.join(str(value[n]) for n in order)})"
    assert grader.check(expected, tupled, kind="vector", variables="w, b, c").status == "correct"


@pytest.mark.parametrize("answer", ["DNE", "D.N.E.", "d.n.e", "no limit", "does not exist", "limit does not exist",
                                    "The limit does not exist", "doesn't exist"])
def test_every_way_to_say_does_not_exist(answer):
    from tutor.reading.dne import DNE

    assert grader.check(DNE, answer, kind="limit").status == "correct"
    assert grader.check("2", answer, kind="limit").status == "incorrect"


# -- 12.10 garbage is invalid, naming the strangers -------------------------------------------------
@pytest.mark.parametrize("expected,answer,named", [
    ("2x", "asdfgh", "a, d, f, g, h and s are not variables of this exercise"),
    ("6x cos(3x^2)", "x6cos(3x^2)", "x6 is not a variable of this exercise"),
    ("12", "twelve", "l, t, v and w are not variables"),
    ("x y", "xyz", "z is not a variable"),
])
def test_letter_runs_of_foreign_names_are_invalid(expected, answer, named):
    v = grader.check(expected, answer)
    assert v.status == "invalid" and v.mistake is None
    assert named in v.error


def test_names_of_the_exercise_in_a_run_are_fine():
    assert grader.check("x y", "xy").status == "correct"
    assert grader.check("2 lr x", "2lrx", variables="lr, x").status == "correct"
    assert grader.check("2x sin(x)", "2xsin(x)").status == "correct"
    assert grader.check("a b", "ab").status == "correct"


def test_a_single_unknown_letter_is_still_graded():
    assert grader.check("2x", "2x + k").status == "incorrect"


@given(st.text(alphabet="bcdfghjklmnpqrstvwz", min_size=2, max_size=8))
@settings(max_examples=40, deadline=None)
def test_any_run_of_foreign_letters_is_invalid(run):
    v = grader.check("2x", run + " + 1")
    assert v.status == "invalid", (run, v.status, v.feedback)


# -- the claim reader itself ------------------------------------------------------------------------
@pytest.mark.parametrize("text,what,name,wrt,order", [
    ("f'(x)", "derivative", "f", ("x",), 1), ("y''", "derivative", "y", (), 2), ("f''(t)", "derivative", "f", ("t", "t"), 2),
    ("dy/dx", "derivative", "y", ("x",), 1), ("d^2y/dx^2", "derivative", "y", ("x", "x"), 2),
    ("d²y/dx²", "derivative", "y", ("x", "x"), 2), ("∂f/∂x", "derivative", "f", ("x",), 1),
    ("∂²f/∂x∂y", "derivative", "f", ("x", "y"), 2), ("d/dx", "derivative", None, ("x",), 1),
    ("∇f", "gradient", "f", (), 0), ("f(x, y)", "value", "f", (), 0), ("y", "value", "y", (), 0),
])
def test_left_hand_sides_are_read(text, what, name, wrt, order):
    c = read_claim(text)
    assert (c.what, c.name, c.wrt, c.order) == (what, name, wrt, order)


@pytest.mark.parametrize("text", ["x + y", "2x", "xy", "x^2", "sin(x)", "1"])
def test_ordinary_expressions_are_not_left_hand_sides(text):
    assert read_claim(text) is None


@pytest.mark.parametrize("hostile", ["d/" + "dx" * 500 + "!", "∂f/" + "∂x2" * 600 + "+", "d" * 900 + "/" + "d" * 900 + "!",
                                     "dy/" + "dxdy" * 300 + "(", "d/d" + "x_" * 900])
def test_long_hostile_left_sides_are_simply_not_left_sides(hostile):
    """Each pattern has one way to match: these return at once (they once backtracked for ever)."""
    assert read_claim(hostile) is None


@given(st.text(alphabet="d∂xyf/^2²()', ∇", max_size=40))
@settings(max_examples=200, deadline=None)
def test_the_claim_reader_reads_or_declines_anything(text):
    claim = read_claim(text)
    assert claim is None or claim.what in ("value", "derivative", "gradient", "names")


def test_the_echo_shows_the_defined_function_as_typed():
    v = grader.check(D_SIGMOID, "σ(z)(1-σ(z))", functions=SIGMOID)
    assert v.status == "correct" and v.interpreted.unicode == "(1 − σ(z))·σ(z)"
    assert grader.check(D_SIGMOID, "σ(z)^2", functions=SIGMOID).interpreted.unicode == "σ(z)²"


@pytest.mark.parametrize("answer", ["(x, y) = (1, 2)", "(y, x) = (2, 1)", "x = 1, y = 2", "y = 2, x = 1"])
def test_a_named_point_is_a_point_of_the_set(answer):
    assert grader.check("{(1, 2)}", answer, kind="point_set", asked="(x, y)").status == "correct"


def test_several_points_under_one_name_are_each_put_in_order():
    for answer in ("(x, y) = (1, 2), (0, 0)", "(y, x) = {(2, 1), (0, 0)}"):
        assert grader.check("{(1, 2), (0, 0)}", answer, kind="point_set", asked="(x, y)").status == "correct"


@pytest.mark.parametrize("answer,why", [("(a, b) = (1, 2)", "unknowns are x and y"),
                                        ("∇f = (1, 2)", "a set of points")])
def test_a_wrong_name_on_a_point_set_is_said(answer, why):
    v = grader.check("{(1, 2)}", answer, kind="point_set", asked="(x, y)")
    assert v.status == "invalid" and why in v.error


@pytest.mark.parametrize("answer", ["1/2x^(-1/2)", "f'(x) = 1/2x^(-1/2)", "dy/dx = 1/2x^(-1/2)", "y = 1/2x^(-1/2)"])
def test_the_slash_ambiguity_is_asked_about_with_or_without_a_left_side(answer):
    v = grader.check("(1/2)*x^(-1/2)", answer)
    assert v.status == "invalid" and "can be read two ways" in v.error
    left = answer[:answer.index("=") + 2] if "=" in answer else ""
    assert f"type {left}1/2*x^(-1/2) (or use brackets)" in v.error   # the suggestion keeps the left side
