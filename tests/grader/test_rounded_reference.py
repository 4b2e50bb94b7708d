"""A decimal reference stands for a rounding only when it has the digits of one.

The rule (grader.special.rounded_reference) lets −1.709975946 accept (−5)^(1/3). Without a floor
on its digits it also read exact values as roundings: 1/2 accepted π/6, −1/5 accepted the real
root of −2x³ − 2x − 1/2 = 0 (−0.2367...) as a solution of −5x/2 − 1/2 = 0, found by the
fast-path property of issue 16.
"""
import sympy as sp
from hypothesis import given, settings, strategies as st

import grader
from grader.special import ROUNDED_DIGITS

x = sp.Symbol("x")


def test_short_exact_references_are_not_roundings():
    assert grader.check("1/2", "pi/6").status == "incorrect"
    assert grader.check("0.5", "pi/6").status == "incorrect"
    assert grader.check("-1/5", "-sqrt(14)/16").status == "incorrect"
    right, wrong = sp.Eq(-5 * x / 2 - sp.Rational(1, 2), 0), sp.Eq(-2 * x * (x**2 + 1) - sp.Rational(1, 2), 0)
    assert grader.check(right, wrong).status == "incorrect"


def test_long_decimals_still_stand_for_roundings():
    assert grader.check("-1.709975946", "(-5)^(1/3)").status == "correct"
    assert grader.check("1.414", "sqrt(2)").status == "correct"


@settings(max_examples=60, deadline=None)
@given(st.integers(-999, 999).filter(lambda n: n % 10), st.integers(1, 3), st.integers(2, 30))
def test_an_irrational_answer_near_a_short_decimal_is_wrong(n, places, k):
    """A reference with fewer than ROUNDED_DIGITS significant digits is exact: an irrational
    answer within half a unit of its last digit is still a different number."""
    reference = sp.Rational(n, 10**places)
    if len(str(abs(n)).strip("0")) >= ROUNDED_DIGITS:
        return
    answer = reference + sp.sqrt(k) / (10**places * 7 * sp.sqrt(k + 1))  # under half a unit away
    assert not answer.is_Rational
    assert grader.check(str(reference), sp.nsimplify(answer), kind="number").status == "incorrect"
