"""The vector verdict's sentence reads as English whatever the component labels are."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import grader


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=2, max_size=4), st.data())
def test_a_partly_right_vector_names_its_components_plainly(values, data):
    wrong_at = data.draw(st.integers(0, len(values) - 1))
    answer = list(values)
    answer[wrong_at] += data.draw(st.integers(1, 5))
    expected = "(" + ", ".join(map(str, values)) + ")"
    typed = "(" + ", ".join(map(str, answer)) + ")"
    verdict = grader.check(expected, typed, kind="vector")
    assert verdict.status == "partial"
    assert "Your the" not in verdict.feedback
    ordinal = {0: "1st", 1: "2nd", 2: "3rd", 3: "4th"}[wrong_at]
    right_part, wrong_part = verdict.feedback.split(".")[0].split(";")
    assert right_part.startswith("Your ") and ordinal not in right_part
    assert f"the {ordinal} component" in wrong_part


def test_a_gradient_of_a_named_function_is_labelled_with_its_name():
    named = grader.check("(1, 2)", "(1, 5)", kind="gradient", variables=["w", "b"], asked="∇L")
    plain = grader.check("(1, 2)", "(1, 5)", kind="gradient", variables=["w", "b"])
    assert named.feedback.startswith("Your ∂L/∂w is right; ∂L/∂b is not.")
    assert plain.feedback.startswith("Your ∂f/∂w is right; ∂f/∂b is not.")


def test_variables_left_in_a_gradient_asked_at_a_point_are_named_as_such():
    """A gradient at a point is numbers: an answer with x and y in it is told to put the point in, not that
    x and y are unknown variables of a problem that has "none"."""
    verdict = grader.check("(2, 4)", "(2x, 2y)", kind="gradient")
    assert verdict.status == "incorrect"
    assert "none" not in verdict.feedback
    assert "still contains x" in verdict.feedback and "a number is asked" in verdict.feedback
