"""Grading with odd roots: the real root on the whole line (issue 19).

Before, x^(1/3) was undefined (NaN) for x < 0, so answers were compared on x > 0 only:
|x|^(1/3) passed for cbrt(x), and the equal −cbrt(−x) failed.
"""
from __future__ import annotations

import pytest

import grader


@pytest.mark.parametrize("expected, answer, status", [
    ("cbrt(x)", "x^(1/3)", "correct"),
    ("cbrt(x)", "-cbrt(-x)", "correct"),  # equal on the whole line (real roots)
    ("cbrt(x)", "abs(x)^(1/3)", "incorrect"),  # equal only for x ≥ 0
    ("x^(2/3)", "abs(x)^(2/3)", "correct"),
    ("x^(2/3)", "cbrt(x)^2", "correct"),
    ("1/(3*x^(2/3))", "1/(3*cbrt(x)^2)", "correct"),  # the derivative of cbrt, for x < 0 too
    ("cbrt(x*y)", "cbrt(x)*cbrt(y)", "correct"),
    ("x^(1/5)", "abs(x)^(1/5)", "incorrect"),
])
def test_odd_roots_are_compared_as_real_roots(expected, answer, status):
    assert grader.check(expected, answer).status == status
