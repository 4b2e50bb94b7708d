"""Antiderivatives as families (issue 12, STACK's Int rows): constants in the reference, domains of F,
constants that cannot take every value, and parameters such as a and n."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import grader
from grader.numeric.evaluate import evaluate

FUNCTIONS = ["x^3/3", "sin(2x)", "e^(3x)", "x e^x", "atan(x)", "ln(x^2 + 1)"]
POLICIES = ["optional", "required"]


def _check(reference, answer, policy="required", **options):
    return grader.check(reference, answer, kind="antiderivative", constant=policy, variables=["x"], **options)


# -- a reference with its own constant is a family; the same constant in the answer is a constant --

@settings(max_examples=25, deadline=None)
@given(st.sampled_from(FUNCTIONS), st.sampled_from(["c", "C", "k"]), st.sampled_from(["c", "K", "c + k", "3c", "-c"]),
       st.sampled_from(POLICIES))
def test_a_constant_written_in_the_reference_too_is_recognised(f, ref_name, mine, policy):
    v = _check(f"{f} + {ref_name}", f"{f} + {mine}", policy)
    assert v.status == "correct", v.feedback


@pytest.mark.parametrize("reference, answer", [
    ("ln(abs(x)) + c", "ln(abs(x)) + c"),
    ("ln(k abs(x))", "ln(k abs(x))"),
    ("ln(k abs(x))", "ln(abs(x)) + c"),
    ("ln(abs(x)) + c", "ln(abs(k x))"),
    ("ln(abs(2x+6))/2 + c", "ln(abs(x+3))/2 + c"),
])
def test_logarithmic_families_with_constants_on_both_sides(reference, answer):
    assert _check(reference, answer).status == "correct"


def test_without_a_constant_the_answer_is_one_member_of_the_family():
    v = _check("x^3/3 + c", "x^3/3")
    assert (v.status, v.mistake) == ("partial", "missing-constant")


# -- the domain of F itself: an answer undefined on part of the reference's domain is wrong --------

@settings(max_examples=20, deadline=None)
@given(st.integers(-6, 6), st.sampled_from(POLICIES))
def test_a_logarithm_without_abs_misses_half_the_domain(a, policy):
    ref = f"ln(abs(x - ({a}))) + C"
    assert _check(ref, f"ln(abs(x - ({a}))) + C", policy).status == "correct"
    assert _check(ref, f"ln(K abs(x - ({a})))", policy).status == "correct"
    for wrong in (f"ln(x - ({a})) + C", f"ln(K (x - ({a})))"):
        v = _check(ref, wrong, policy)
        assert (v.status, v.mistake) == ("incorrect", "domain"), (wrong, v.feedback)


@pytest.mark.parametrize("reference, answer, status", [
    ("log(abs(x-3)) + log(abs(x+3))", "log(x-3) + log(x+3) + c", "incorrect"),
    ("log(x-3) + log(x+3)", "log(abs(x-3)) + log(abs(x+3)) + c", "correct"),  # a larger domain is no fault
    ("log(abs(x-3))/6 - log(abs(x+3))/6", "-acoth(x/3)/3 + c", "incorrect"),  # acoth: only |x| > 3
    ("-acoth(x/3)/3", "log(x-3)/6 - log(x+3)/6 + c", "incorrect"),  # log(x-3): not for x < -3
    ("-acoth(x/3)/3", "log(abs(x-3))/6 - log(abs(x+3))/6 + c", "correct"),
    ("log(x-3)/6 - log(x+3)/6", "-acoth(x/3)/3 + c", "correct"),  # on x > 3 both are defined
    ("atan(2x-3)", "atan((x-2)/(x-1)) + c", "correct"),  # undefined at the single point x = 1
])
def test_the_domain_of_the_antiderivative_counts(reference, answer, status):
    v = _check(reference, answer)
    assert v.status == status, v.feedback
    if status == "incorrect":
        assert v.mistake == "domain" and "not defined at x = " in v.feedback


def test_the_inverse_hyperbolic_cotangent_is_real_only_outside_the_unit_interval():
    x = sp.Symbol("x")
    values = evaluate(sp.acoth(x), {x: np.array([-2.0, -0.5, 0.5, 2.0])})
    assert np.isnan(values[1]) and np.isnan(values[2])
    assert np.allclose(values[[0, 3]], [float(sp.acoth(-2)), float(sp.acoth(2))])


# -- an arbitrary constant takes every real value ----------------------------------------------------

FULL = ["C", "3C", "-C", "C/5", "C + K", "C^3", "ln(K)", "C K", "C^3 - C"]
RESTRICTED = ["C^2", "e^C", "atan(C)", "sqrt(C)", "C^2 + 1", "abs(C)", "C^2 + K^2"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(FUNCTIONS), st.sampled_from(FULL), st.sampled_from(POLICIES))
def test_a_constant_that_takes_every_value_is_arbitrary(f, g, policy):
    v = _check(f, f"{f} + {g}", policy)
    assert v.status == "correct", (g, v.feedback)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(FUNCTIONS), st.sampled_from(RESTRICTED), st.sampled_from(POLICIES))
def test_a_constant_with_a_restricted_range_is_not_arbitrary(f, g, policy):
    v = _check(f, f"{f} + {g}", policy)
    assert (v.status, v.mistake) == ("incorrect", "restricted-constant"), (g, v.feedback)


@pytest.mark.parametrize("answer", ["(x^3 + c)/3", "x^3/3 - c", "ln(k) + x^3/3", "(x^3 + 3)/3 + c"])
def test_constants_inside_the_expression(answer):
    assert _check("x^3/3", answer).status == "correct"


# -- parameters (a, n) are sampled like variables, so a wrong answer is decided ----------------------

@settings(max_examples=15, deadline=None)
@given(st.integers(2, 60))
def test_an_answer_with_a_parameter_is_decided(m):
    ref = f"(x-a)^{m}/{m}"
    assert _check(ref, f"{ref} + c").status == "correct"
    v = _check(ref, f"{m - 1}*(x-a)^{m - 2}")
    assert v.status == "incorrect", v.feedback


@pytest.mark.parametrize("reference, answer", [
    ("(x-a)^6001/6001", "6000*(x-a)^5999"),
    ("n*x^(n-1)", "n*x^n"),
    ("ln(k*abs(x+a))", "ln(x) + ln(a)"),
])
def test_wrong_answers_with_parameters_are_incorrect_not_undecided(reference, answer):
    assert _check(reference, answer).status == "incorrect"


def test_the_parameter_of_the_reference_is_not_taken_for_a_constant():
    v = _check("(x-a)^3/3", "(x-a)^3/3 + a")  # a is the exercise's, not a new C
    assert (v.status, v.mistake) == ("partial", "missing-constant")


@pytest.mark.parametrize("reference, answer, status", [
    ("x^3/3 + C", "x^3/3 + K", "correct"),
    ("x^3/3 + C", "x^3/3", "partial"),
    ("ln(abs(x)) + C", "ln(x) + C", "incorrect"),
    ("t^2/2 + k", "t^2/2 + k^2", "incorrect"),
])
def test_without_declared_variables_the_references_conventional_constant_is_no_variable(reference, answer, status):
    assert grader.check(reference, answer, kind="antiderivative", constant="required").status == status


# -- a range that SymPy could not settle is never taken for "every value" -----------------------------

def _range_runs_out_of_time(monkeypatch):
    from grader.budget import OutOfTime
    from grader.kinds import constants

    def out_of_time(*args, **kwargs):
        raise OutOfTime("the range of the constant")

    monkeypatch.setattr(constants, "run_bounded", out_of_time)


@pytest.mark.parametrize("g", ["e^C", "atan(C)", "sqrt(C)", "abs(C)", "C^2 + sin(C)", "1/C"])
def test_an_unsettled_range_is_undecided_not_correct(monkeypatch, g):
    _range_runs_out_of_time(monkeypatch)
    v = _check("x^3/3", f"x^3/3 + {g}")
    assert v.status == "undecided" and "every real value" in v.feedback, v.feedback


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(FUNCTIONS), st.sampled_from(["C^2", "C^2 + 1", "-C^4 + 2C^2 + 3", "(C - 1)^2"]))
def test_a_polynomial_constant_of_even_degree_is_restricted_without_the_worker(f, g):
    with pytest.MonkeyPatch.context() as mp:
        _range_runs_out_of_time(mp)
        v = _check(f, f"{f} + {g}")
    assert (v.status, v.mistake) == ("incorrect", "restricted-constant"), v.feedback


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(FUNCTIONS), st.sampled_from(["C^3", "C^3 - C", "C^5/2 + C^2", "-C^3 + 4"]))
def test_a_polynomial_constant_of_odd_degree_is_arbitrary_without_the_worker(f, g):
    with pytest.MonkeyPatch.context() as mp:
        _range_runs_out_of_time(mp)
        v = _check(f, f"{f} + {g}")
    assert v.status == "correct", v.feedback
