"""Expression and number answers: identities accepted, near misses rejected, mistakes named."""
from __future__ import annotations

import pytest
import sympy as sp

import grader
from grader.equivalence import compare
from tutor.engine.mistakes import Mistake

x, y = sp.symbols("x y")
R = sp.Rational


@pytest.mark.parametrize("expected, answer", [
    ("sec(x)^2", "1 + tan^2 x"),
    ("sin(2x)", "2 sin x cos x"),
    ("|x|", "sqrt(x^2)"),
    ("(x+1)^2", "x^2 + 2x + 1"),
    ("e^(2 ln x)", "x^2"),
    ("1/(1 + e^-x)", "e^x/(e^x + 1)"),
    ("log(x^2)", "2 ln|x|"),
    ("x y + y", "y (x + 1)"),
])
def test_true_identities_are_correct(expected, answer):
    assert grader.check(expected, answer).status == "correct"


@pytest.mark.parametrize("expected, answer", [
    ("x^2", "x^2 + x^3/1000000"),       # differs visibly only at large |x|
    ("2x", "2.001x"),                    # a tiny coefficient change (decimals)
    ("2x", "2001/1000 x"),               # the same, exact
    ("|x|", "x"),
    ("2x cos(x^2)", "-2x cos(x^2)"),
    ("2x cos(x^2)", "x cos(x^2)"),
    ("ln(x)", "ln(x) + 10^-20"),         # below float precision: caught exactly
    ("x^5 + 1", "x^5"),
])
def test_near_misses_are_incorrect(expected, answer):
    assert grader.check(expected, answer).status == "incorrect"


def test_decimals_are_accepted_to_about_four_significant_digits():
    assert grader.check("x/3", "0.3333x").status == "correct"
    assert grader.check("x - 1/3", "x - 0.3333").status == "correct"
    wrong = grader.check("x/3", "0.33x")
    assert wrong.status == "incorrect" and wrong.mistake == "rounding"


def test_tolerance_and_exact_options():
    assert grader.check("x/3", "0.33x", tolerance=0.02).status == "correct"
    assert grader.check("x/3", "0.3333x", digits=6).status == "incorrect"
    exact = grader.check("x/3", "0.3333x", exact=True)
    assert exact.status == "incorrect" and exact.mistake == "not-exact"
    assert grader.check("x/2", "0.5x", exact=True).status == "correct"


def test_supplied_mistakes_are_named_before_generic_ones():
    m = Mistake("chain-rule-missing-inner", "You left out the derivative of the inner function x².",
                sp.cos(x**2))
    v = grader.check(2 * x * sp.cos(x**2), "cos(x^2)", mistakes=[m])
    assert v.status == "incorrect" and v.mistake == "chain-rule-missing-inner"
    assert "inner function" in v.feedback


@pytest.mark.parametrize("answer, key", [
    ("-6x^2 - 2", "sign-error"),
    ("12x^2 + 4", "constant-factor"),
    ("6x^2", "missing-term"),
    ("6x^2 - 2", "term-sign"),
    ("6x^2 + 2 + x", "extra-term"),
    ("6x^2 + 3", "coefficient"),
    ("6t^2 + 2", "unknown-variable"),
])
def test_generic_diagnoses(answer, key):
    v = grader.check("6x^2 + 2", answer)
    assert v.status == "incorrect" and v.mistake == key, v.feedback


def test_a_witness_point_is_shown_when_nothing_more_specific_is_known():
    v = grader.check("|x|", "x")
    assert "x = -1" in v.feedback and "right value is 1" in v.feedback


def test_an_answer_undefined_where_the_reference_is_defined_is_wrong():
    v = grader.check("x", "sqrt(x^3)/sqrt(x)")
    assert v.status == "incorrect" and "not defined" in v.feedback


def test_numbers_exact_and_decimal():
    assert grader.check("2/3", "4/6").status == "correct"
    assert grader.check("2/3", "0.6667").status == "correct"
    assert grader.check("sqrt(2)", "2/sqrt(2)").status == "correct"
    assert grader.check("sqrt(2) + sqrt(3)", "sqrt(5 + 2 sqrt(6))").status == "correct"
    assert grader.check("sqrt(2)", "1.4142").status == "correct"
    assert grader.check("pi/4", "0.78").status == "incorrect"
    v = grader.check("12", "3x^2")
    assert v.status == "incorrect" and v.mistake == "not-a-number"


def test_forms():
    assert grader.check("x^2 + 2x + 1", "(x+1)^2", form="expanded").status == "partial"
    assert grader.check("x^2 + 2x + 1", "x^2 + 2x + 1", form="expanded").status == "correct"
    assert grader.check("x^2 - 1", "(x-1)(x+1)", form="factored").status == "correct"
    v = grader.check("x^2 - 1", "x^2 - 1", form="factored")
    assert v.status == "partial" and v.score == 0.5 and v.mistake == "not-factored"
    assert grader.check("x + 1", "(x^2 + 2x + 1)/(x + 1)", form="simplified").status == "partial"


def test_unreadable_answers_are_invalid_with_the_parsers_caret():
    v = grader.check("x/3", "x/3 +")
    assert v.status == "invalid" and v.score == 0 and "^" in v.error
    shape = grader.check("x/3", "(1, 2)")
    assert shape.status == "invalid" and "expression" in shape.error
    assert shape.interpreted is not None


def test_answers_may_be_sympy_objects():
    assert grader.check(x**2, x * x).status == "correct"
    assert grader.check(2 * x, 3 * x).status == "incorrect"


def test_comparison_methods():
    assert compare((x + 1) ** 2, x**2 + 2 * x + 1, (x,)).method == "exact"
    assert compare(sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x), (x,)).method == "numeric"
    assert compare(x, x, (x,)).method == "identical"


def test_bad_options_and_kinds_are_the_callers_errors():
    with pytest.raises(TypeError, match="did you mean 'tolerance'"):
        grader.check("x", "x", tolerence=0.1)
    with pytest.raises(ValueError, match="unknown answer kind"):
        grader.check("x", "x", kind="expresion")
    with pytest.raises(ValueError):
        grader.check("x", "x", form="nice")


def test_grader_check_stays_the_function_after_importing_its_module():
    import grader.checking  # noqa: F401  (the module has its own name, so nothing is shadowed)

    assert callable(grader.check) and grader.check("x", "x").status == "correct"
