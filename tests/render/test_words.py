"""One plural helper, everywhere: counts agree with their nouns in what the learner reads."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

import grader
from tutor.render.words import count, every, names, plural, which_are_not

# a number followed by a noun that disagrees with it, or a "(s)" left for the reader
_ONE_PLURAL = re.compile(r"(?<![\d.])1 (points|hints|answers|exercises|variables|coordinates|problems|students)\b")
_MANY_SINGULAR = re.compile(r"\b(?:[02-9]|\d{2,})(?:\.\d+)? (point|hint|answer|exercise|variable|coordinate)\b(?!s)")


def agrees(text: str) -> bool:
    return "(s)" not in text and not _ONE_PLURAL.search(text) and not _MANY_SINGULAR.search(text)


def test_plural_and_count():
    assert count(1, "point") == "1 point" and count(2, "point") == "2 points"
    assert count(0, "hint") == "0 hints" and count(1.0, "point", shown="1") == "1 point"
    assert count(1.5, "point") == "1.5 points" and count(3, "matrix") == "3 matrices"
    assert plural("is", 1) == "is" and plural("is", 3) == "are" and plural("its", 2) == "their"
    assert every(1, "point") == "the point" and every(2, "point") == "both points"
    assert every(5, "point") == "all 5 points"


@given(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), min_size=1, max_size=5))
def test_which_are_not_agrees_with_the_number_of_names(items):
    said = which_are_not(items, where="of f")
    assert said.startswith(names(items))
    if len(items) == 1:
        assert said.endswith("which is not a variable of f")
    else:
        assert said.endswith("which are not variables of f") and " and " in said


@given(st.integers(0, 10**6), st.sampled_from(["point", "hint", "answer", "exercise", "variable"]))
def test_counts_always_agree(n, noun):
    assert agrees(f"You used {count(n, noun)}.")


def test_unknown_variables_in_feedback_agree():
    one = grader.check("x^2", "sigma x", variables=["x"])
    two = grader.check("x^2 + y", "sigma x + q", variables=["x", "y"])
    assert "sigma, which is not a variable of this problem" in one.feedback
    assert "q and sigma, which are not variables of this problem" in two.feedback


@pytest.mark.parametrize("answer, said", [
    ("{(1, 0)}", "You found 1 of the 2 points."),
    ("{(1, 0), (-1, 0), (2, 2)}", "You found both points."),
])
def test_points_feedback_counts(answer, said):
    v = grader.check("{(1, 0), (-1, 0)}", answer, kind="points")
    assert said in v.feedback and agrees(v.feedback)
    three = grader.check("{(1, 0), (-1, 0), (0, 1)}", "{(1, 0), (-1, 0), (0, 1), (5, 5)}", kind="points")
    assert "You found all 3 points." in three.feedback


def test_descent_start_of_the_wrong_size_counts_its_coordinates():
    from tutor import descend
    from tutor.engine.descent.errors import BadStart

    with pytest.raises(BadStart) as one:
        descend("x^2 + y^2", [1, 2, 3], 0.1, 5)
    assert "f has 2 variables (x, y) but the start has 3 coordinates" in str(one.value)
    with pytest.raises(BadStart) as other:
        descend("x^2 + y^2", {"x": 1, "y": 2, "z": 3, "w": 4}, 0.1, 5)
    assert agrees(str(other.value)) and "z and w are not variables of f" in str(other.value)


@pytest.mark.parametrize("credit, points, said", [
    (1.0, 1.0, "Score: 1 of 1 point."), (0.0, 1.0, "Score: 0 of 1 point."), (2.0, 2.0, "Score: 2 of 2 points."),
    (0.5, 0.5, "Score: 0.5 of 0.5 points."),
])
def test_repl_score_line_agrees_with_the_points_possible(credit, points, said):
    from grader.scoring import Policy
    from tutor.repl.feedback import Scoring, score_line

    assert score_line("correct", Scoring(Policy(points=points).credit(credit / points))) == said
