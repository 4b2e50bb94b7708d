"""'1/2x^(-1/2)' for 1/(2√x): the other reading of a/bc is right, so ask for brackets."""
from __future__ import annotations

import pytest

from grader.checking import check


@pytest.mark.parametrize(
    "expected, typed, retype",
    [
        ("1/(2*sqrt(x))", "1/2x^(-1/2)", "1/2*x^(-1/2)"),
        ("x/2", "1/2x", "1/2*x"),
        ("(3/4)*x^(-1/4)", "3/4x^(-1/4)", "3/4*x^(-1/4)"),
    ],
)
def test_ambiguous_division_is_invalid_with_the_retype_suggestion(expected, typed, retype):
    v = check(expected, typed)
    assert v.status == "invalid" and v.score == 0
    assert "two ways" in v.feedback and retype in v.feedback


def test_the_main_reading_still_grades_correct():
    assert check("1/(2*x)", "1/2x").status == "correct"


def test_no_alternative_is_offered_when_neither_reading_is_right():
    v = check("x", "1/2x")
    assert v.status == "incorrect" and "two ways" not in v.feedback


def test_verdict_titles_use_the_five_words():
    assert check("x", "x").to_text().startswith("Correct")
    assert check("x", "2x").to_text().startswith("Incorrect")
    assert check("x", "x+").to_text().startswith("Invalid")
