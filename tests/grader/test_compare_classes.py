"""Issue 12 (comparison half) and issue 18.9: classes of wrong verdicts, each shown gone.

Each test names the class; the examples are the issue's, and the hypothesis tests
show the law behind the class (an equivalent rewrite is right, a mutation is wrong).
"""
from __future__ import annotations

import sympy as sp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import grader
import tutor

x, y, k, m = sp.symbols("x y k m")


# -- 12.1: a constant reference does not force the number kind ---------------------

@pytest.mark.parametrize("expected, answer, kind", [
    ("1", "cos(x)^2 + sin(x)^2", None),
    ("1", "sqrt(k/m)*sqrt(m/k)", "expression"),
    ("1", "sqrt(k/m)*sqrt(m/k)", None),
    ("0", "sqrt(2x*sqrt(x^2+1)+2x^2+1) - sqrt(x^2+1) - x", "expression"),
    ("0", "sqrt(2x*sqrt(x^2+1)+2x^2+1) - sqrt(x^2+1) - x", None),
    ("2", "sec(x)^2 - tan(x)^2 + 1", None),
    ("0", "ln(x^2) - 2ln(x)", "expression"),
])
def test_an_identically_constant_answer_is_right(expected, answer, kind):
    v = grader.check(expected, answer, kind=kind)
    assert v.status == "correct", v.feedback


@pytest.mark.parametrize("expected, answer", [
    ("1", "cos(x)^2 - sin(x)^2"),
    ("0", "sqrt(x^2) - x"),
    ("1", "x/x + 1/1000000000000"),
])
def test_a_non_constant_or_wrong_answer_to_a_constant_is_still_wrong(expected, answer):
    v = grader.check(expected, answer)
    assert v.status == "incorrect"
    assert v.feedback


@settings(max_examples=40, deadline=None)
@given(st.integers(-5, 5), st.sampled_from(["sin(x)^2 + cos(x)^2", "cosh(x)^2 - sinh(x)^2",
                                              "sec(x)^2 - tan(x)^2", "exp(x)*exp(-x)"]),
       st.integers(1, 3))
def test_constant_identities_times_a_constant(c, identity, scale):
    """c·(an identity equal to 1) is c; adding 1/scale of a non-constant makes it wrong."""
    assert grader.check(str(c), f"{c}*({identity})").status == "correct"
    assert grader.check(str(c), f"{c}*({identity}) + x/{scale}").status == "incorrect"


def test_near_zero_rounding_is_judged_against_the_size_of_the_terms():
    # the terms are about 2000 at x = 1000; their residue of 1e-13 is rounding
    v = grader.check("0", "sqrt(2x*sqrt(x^2+1)+2x^2+1) - sqrt(x^2+1) - x", kind="expression")
    assert v.status == "correct"
    # a real difference of the same tiny size relative to nothing is still seen
    v = grader.check("0", "x - x + 1/10^12", kind="expression")
    assert v.status == "incorrect"


# -- 12.2: an isolated point where one side is undefined does not decide ---------------

@pytest.mark.parametrize("expected, answer", [
    ("a^(b+c)", "a^b*a^c"),
    ("(n+1)!", "(n+1)*n!"),
    ("x + 1", "(x^2 - 1)/(x - 1)"),
    ("a^(2b)", "(a^b)^2"),
])
def test_isolated_points_do_not_reject_an_identity(expected, answer):
    v = grader.check(expected, answer)
    assert v.status == "correct", v.feedback


@settings(max_examples=20, deadline=None)
@given(st.integers(-3, 3), st.integers(1, 3))
def test_factorial_ratios_are_right_despite_their_poles_at_integers(k, m):
    """(n+k)!/(n+k−m)! is the product (n+k)(n+k−1)…: the answer's poles at negative integers
    are isolated points (the reference is defined there); a missing factor is still wrong."""
    product = " * ".join(f"(n + {k - i})" for i in range(m))
    assert grader.check(product, f"(n + {k})! / (n + {k - m})!").status == "correct"
    assert grader.check(product, f"(n + {k})! / (n + {k - m - 1})!").status == "incorrect"


@pytest.mark.parametrize("expected, answer", [
    ("ln(x^2)", "2 ln(x)"),
    ("sqrt(x^2)", "x"),
    ("1/x", "1/sqrt(x^2)"),
])
def test_domains_that_differ_on_a_region_are_still_wrong(expected, answer):
    assert grader.check(expected, answer).status == "incorrect"


# -- 12.3: undefined answers are invalid, naming the undefined part ---------------------

@pytest.mark.parametrize("answer, part", [
    ("1/0", "1/0"), ("0/0", "0"), ("log(0)", "log(0)"), ("0^0", "0^0"),
    ("tan(pi/2)", "tan"), ("x + 1/(2-2)", "division by 0"), ("ln(0) + x", "ln(0)"),
])
@pytest.mark.parametrize("expected", ["1", "x^2 + 1", "(1, 2)", "{0}", "{(0, 1)}"])
def test_undefined_answers_are_invalid_for_every_kind(answer, part, expected):
    if expected.startswith("(") or expected.startswith("{"):
        answer = f"({answer}, 2)" if expected.startswith("(") else (
            "{" + answer + "}" if expected == "{0}" else "{(" + answer + ", 1)}")
    v = grader.check(expected, answer)
    assert v.status == "invalid", (answer, v.status, v.feedback)
    assert "undefined" in v.error
    assert part.replace(" ", "") in v.error.replace(" ", "")


def test_undefined_limit_answers_are_invalid_too():
    v = grader.check(tutor.DNE, "1/0", kind="limit")
    assert v.status == "invalid"
    assert "undefined" in v.error


# -- 18.9: a term that is exactly non-zero but below float precision -----------------

@pytest.mark.parametrize("answer", ["2x + e^(-10^299)", "2x + 10^(-999) sin(x)", "2x + 10^(-30)",
                                    "2x(1 + 10^(-40))", "2x + e^(-1000) cos(x)^2"])
def test_tiny_non_zero_differences_are_wrong(answer):
    assert grader.check("2x", answer).status == "incorrect"


def test_a_constant_past_what_the_reader_keeps_is_refused_not_graded():
    """e^(-10^1000) has more than 10^300 zeros after the point: the reader refuses it (18.10)."""
    verdict = grader.check("2x", "2x + e^(-10^1000)")
    assert verdict.status == "invalid" and "too large to work with" in verdict.error


@settings(max_examples=30, deadline=None)
@given(st.integers(20, 900), st.sampled_from(["sin(x)", "1", "x^2", "e^x", "cos(x)^2"]))
def test_any_tiny_multiple_of_a_non_zero_term_is_seen(exponent, term):
    assert grader.check("2x", f"2x + 10^(-{exponent})*{term}").status == "incorrect"
    # and the identity with the tiny term cancelling is still right
    assert grader.check("2x", f"2x + 10^(-{exponent})*({term}) - ({term})/10^{exponent}").status == "correct"


# -- 12.5: decimal tolerance is measured against the right value ---------------------------

def test_relative_tolerance_is_symmetric_about_the_right_value():
    assert grader.check("1", "0.95", tolerance=0.05).status == "correct"
    assert grader.check("1", "1.05", tolerance=0.05).status == "correct"
    assert grader.check("1", "1.051", tolerance=0.05).status == "incorrect"
    assert grader.check("1", "0.949", tolerance=0.05).status == "incorrect"
    assert grader.check("10x", "9.6x", tolerance=0.05).status == "correct"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10**6), st.integers(-40, 40), st.sampled_from([0.01, 0.05, 0.1]))
def test_relative_tolerance_law(mantissa, off_tenths, tol):
    """An answer within tol·|right value| of it is accepted; one beyond 1.05·tol is not."""
    right = sp.Integer(mantissa)
    rel = off_tenths / 40 * tol * 1.2  # up to ±1.2·tol
    typed = f"{float(right * (1 + sp.Rational(str(rel)))):.9e}".replace("e+0", "e").replace("e+", "e")
    v = grader.check(str(right), typed, tolerance=tol)
    actual = abs(float(tutor.parse(typed)) - mantissa) / mantissa
    if actual <= tol * 0.99:
        assert v.status == "correct", (typed, actual)
    elif actual > tol * 1.01:
        assert v.status == "incorrect", (typed, actual)


@pytest.mark.parametrize("expected, answer, status", [
    ("104.03", "104.0", "correct"),
    ("104.3", "104.0", "incorrect"),
    ("1.0401e33", "1.04e33", "correct"),
    ("1.05e33", "1.04e33", "incorrect"),
    ("2000.4", "2000.", "correct"),
])
def test_whole_decimals_get_the_tolerance(expected, answer, status):
    assert grader.check(expected, answer).status == status


# -- 12.4: equations are compared as solution sets, every case decided --------------------

@pytest.mark.parametrize("expected, answer, status", [
    ("x = y", "a*x = a*y", "incorrect"),
    ("x = y", "sqrt(x) = sqrt(y)", "incorrect"),
    ("x = x", "y = y", "correct"),
    ("2 = 3", "1 = 4", "correct"),
    ("x = 2", "x = 1", "incorrect"),
    ("x = 2", "(x-2)^2 = 0", "correct"),
    ("x = 2", "x^2 = 4", "incorrect"),
    ("x^2 = 4", "x = 2", "incorrect"),
    ("x^2 = 4", "(x-2)(x+2) = 0", "correct"),
    ("x = y", "y = y", "incorrect"),
    ("2 = 3", "x = 1", "incorrect"),
    ("x = 2", "2x = 4", "correct"),
    ("e^x = 1", "x = 0", "correct"),
    ("x^2 = -1", "1 = 2", "correct"),
    ("sin(x) = 2", "x^2 + 1 = 0", "correct"),
])
def test_equations_are_decided_as_solution_sets(expected, answer, status):
    v = grader.check(expected, answer, kind="equation")
    assert v.status == status, v.feedback


@settings(max_examples=40, deadline=None)
@given(st.integers(-6, 6), st.integers(-6, 6), st.integers(1, 3))
def test_one_variable_equations_law(r, s, mult):
    """(x - r)^mult (x - s) = 0 has the roots {r, s}: the same as x^2 - (r+s)x + rs = 0 (multiplicity is
    not part of a solution set), and never the same as x = r when r ≠ s."""
    same = f"(x - ({r}))^{mult} * (x - ({s})) = 0"
    assert grader.check(f"x^2 - ({r + s})x + ({r * s}) = 0", same, kind="equation").status == "correct"
    expect = "correct" if r == s else "incorrect"
    assert grader.check(f"x = {r}", same, kind="equation").status == expect


# -- 12.6: sets of expressions and of equations ---------------------------------------------

@pytest.mark.parametrize("expected, answer, status", [
    ("{A^2, B}", "{B, A^2}", "correct"),
    ("{A^2, B}", "{A^2, C}", "partial"),
    ("{x^2, 2x}", "{2x, x*x}", "correct"),
    ("{x = 1, y = 2}", "{y = 2, x = 1}", "correct"),
    ("{x = 1, y = 2}", "{x = 1, y = 3}", "partial"),
    ("{x = 1, y = 2}", "{2y = 4, x - 1 = 0}", "correct"),
])
def test_sets_of_expressions_and_equations(expected, answer, status):
    v = grader.check(expected, answer)
    assert v.status == status, v.feedback


def test_the_reader_keeps_zoo_for_round_trips_but_never_reads_0_to_the_0():
    assert tutor.parse("1/0") is sp.zoo  # to_text(zoo) == "1/0" parses back
    with pytest.raises(tutor.ParseError, match="0\\^0 is undefined"):
        tutor.parse("(1-1)^0")
    assert tutor.parse("x^0") == 1 and tutor.parse("0^x") == sp.Pow(0, x)


def test_undefined_sympy_answers_are_invalid_too():
    assert grader.check("1", sp.zoo).status == "invalid"
    assert grader.check("x", x + sp.nan).status == "invalid"


# -- 12.11: claims of a global extremum are checked against the engine's global analysis ----

def _cubic():
    return tutor.critical_points(x**3 - 3 * x * y + y**3)


def test_a_false_global_claim_is_not_accepted():
    v = grader.check(_cubic(), "(0,0) saddle; (1,1) global minimum")
    assert v.status != "correct"
    assert "only a local minimum" in v.to_text()
    assert grader.check(_cubic(), "(0,0) saddle; (1,1) absolute min").status != "correct"
    for right in ["(0,0) saddle; (1,1) local minimum", "(0,0) saddle; (1,1) minimum"]:
        assert grader.check(_cubic(), right).status == "correct"


def test_a_proved_global_claim_is_accepted():
    found = tutor.critical_points(x**2 + y**2 - 2 * x)
    assert found[0].is_global is True
    assert grader.check(found, "(1, 0) global minimum").status == "correct"
    assert grader.check(tuple(found), "(1, 0) global minimum").status == "correct"


def test_an_unestablished_global_claim_is_left_to_the_teacher():
    # a bare tuple of points carries no global analysis beyond each point's own flag
    v = grader.check(tuple(_cubic()), "(0,0) saddle; (1,1) global minimum")
    assert v.status == "undecided"


def test_the_echo_of_a_classified_point_set_keeps_the_kinds():
    v = grader.check(_cubic(), "(0,0) saddle; (1,1) local minimum")
    assert v.interpreted.text == "(0, 0) saddle; (1, 1) local minimum"


# -- 12.13: antiderivatives, up to a constant, with the exercise's + C policy ---------------

@pytest.mark.parametrize("answer, policy, status, mistake", [
    ("x^3/3 + C", "optional", "correct", None),
    ("x^3/3", "optional", "correct", None),
    ("x^3/3 + 7", "optional", "correct", None),
    ("(x^3 + 1)/3 + K", "optional", "correct", None),
    ("x^3/3 + C", "required", "correct", None),
    ("x^3/3", "required", "partial", "missing-constant"),
    ("x^3/3 + 5", "required", "partial", "missing-constant"),
    ("x^3/3", "forbidden", "correct", None),
    ("x^3/3 + C", "forbidden", "partial", "constant-not-wanted"),
    ("x^3 + C", "optional", "incorrect", "not-an-antiderivative"),
    ("x^2 + C", "required", "incorrect", "not-an-antiderivative"),
    ("x^3/3 + C x", "optional", "incorrect", None),
])
def test_antiderivatives_up_to_a_constant(answer, policy, status, mistake):
    v = grader.check("x^3/3", answer, kind="antiderivative", constant=policy)
    assert v.status == status, v.feedback
    if mistake:
        assert v.mistake == mistake
    assert v.feedback
    # the same as an option on an expression answer
    assert grader.check("x^3/3", answer, constant=policy).status == status


def test_antiderivative_with_a_logarithmic_constant_and_a_restricted_domain():
    assert grader.check("ln(x)", "ln|x| + C", kind="antiderivative").status == "correct"
    assert grader.check("ln(x)", "ln(C x)", kind="antiderivative").status == "correct"
    assert grader.check("-cos(x)", "sin(x)^2/2 - cos(x)^2/2 + C", kind="antiderivative").status == "incorrect"
    assert grader.check("sin(x)^2/2", "-cos(x)^2/2 + C", kind="antiderivative").status == "correct"


@settings(max_examples=30, deadline=None)
@given(st.integers(-9, 9), st.sampled_from(["x^2", "sin(x)", "e^(2x)", "x e^x", "ln(x^2 + 1)"]),
       st.sampled_from(["C", "K", "c"]))
def test_antiderivative_laws(shift, f, name):
    """F + any constant (+ C) is an antiderivative of F'; F + x is not."""
    assert grader.check(f, f"{f} + {shift} + {name}", kind="antiderivative").status == "correct"
    assert grader.check(f, f"{f} + {shift} + x", kind="antiderivative").status == "incorrect"


def test_an_unknown_constant_policy_is_the_callers_error():
    with pytest.raises(ValueError, match="constant policy"):
        grader.check("x", "x", constant="sometimes")


def test_a_never_true_reference_against_a_curve_without_real_points_is_left_to_the_teacher():
    assert grader.check("2 = 3", "x^2 + y^2 = -1", kind="equation").status == "undecided"
    v = grader.check("2 = 3", "x + y = 1", kind="equation")
    assert v.status == "incorrect" and "has no solution" in v.feedback
