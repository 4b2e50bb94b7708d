"""Feedback levels (issue 13): guided names the slip without the right value; full keeps the detail;
verdict-only says nothing. The cases seen in the issue are played here."""
from __future__ import annotations

import re

import pytest

import exercises
import grader
from grader.feedback import LEVELS, Note, check_level, plain, revealing, text_at
from grader.checking import check_variant


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w.])-?\d+(?:[./]\d+)?(?![\w.])", text))


def test_a_note_says_less_at_each_level():
    notes = (plain("Check the signs."), revealing("The right value is 3.", "Look at x = 1."),
             revealing("The ratio is 1/2.", None))
    assert text_at(notes, "full") == "Check the signs. The right value is 3. The ratio is 1/2."
    assert text_at(notes, "guided") == "Check the signs. Look at x = 1."
    assert text_at(notes, "verdict") == ""


def test_unknown_level_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="guided, full, verdict"):
        check_level("chatty")
    assert check_level(None) == "guided" and set(LEVELS) == {"guided", "full", "verdict"}


def test_verdict_level_keeps_the_word_and_reading_errors():
    wrong = grader.check("2*x", "3*x", kind="expression")
    assert wrong.at_level("verdict").feedback == "" and wrong.at_level("verdict").status == "incorrect"
    bad = grader.check("2*x", "3*x +", kind="expression")
    assert bad.status == "invalid" and bad.at_level("verdict").feedback == bad.feedback


def test_full_level_is_todays_feedback():
    v = grader.check("2*x", "4*x", kind="expression")
    assert v.at_level("full") == v and "2 times the right one" in v.at_level("full").feedback
    assert "2 times" not in v.at_level("guided").feedback and "constant" in v.at_level("guided").feedback


def test_lr_bound_ratio_is_not_shown_at_guided(bank):
    v = bank["lr-stable-bound-quadratic"].variant(0)
    r = check_variant(v, "0.1")
    assert r.status == "incorrect"
    guided = r.at_level("guided").feedback
    assert "times the right one" not in guided and "3/5" not in guided and "1/6" not in guided


def test_loss_given_for_the_point_is_named_not_a_ratio(bank):
    v = bank["gd-twenty-steps"].variant(0)
    loss = "0.01329"  # f(x₂₀) = x₂₀², the other question's answer
    r = check_variant(v, loss)
    assert r.mistake == "gd-loss-not-point"
    assert "0.1153" not in r.at_level("guided").feedback and "0.1153" not in r.feedback


def test_limit_value_gets_paths_not_a_sample_point(bank):
    v = bank["limit-squeeze-cubic"].variant(0)
    r = check_variant(v, "1")
    for level in ("full", "guided"):
        text = r.at_level(level).feedback
        assert "path" in text and "at (x, y) =" not in text
    guided = r.at_level("guided").feedback
    assert _numbers(guided) <= {"1"}  # only the student's own value


def test_limit_that_does_not_exist_is_not_announced_at_guided(bank):
    v = bank["limit-xy-over-r2"].variant(0)
    for answer in ("0", "1/3", "7"):
        r = check_variant(v, answer)
        assert r.status == "incorrect" and r.mistake == "limit-exists"
        guided = r.at_level("guided").feedback.lower()
        assert "does not exist" not in guided and "dne" not in guided
        assert "path" in guided


def test_guided_level_falls_back_to_an_honest_unknown():
    v = grader.Verdict("incorrect", 0.0, "", notes=(revealing("The answer is 5.", None),))
    assert "not one of the slips I know" in v.at_level("guided").feedback


def test_component_feedback_is_filtered_too():
    r = grader.check("(2*x, 3*y)", "(2*x, 6*y)", kind="vector")
    guided = r.at_level("guided")
    assert all("times the right" not in d.feedback for d in guided.details)
    assert "times the right" in r.feedback


def test_notes_are_carried_from_the_grader_not_scrubbed():
    r = grader.check("2*x", "4*x", kind="expression")
    assert all(isinstance(n, Note) for n in r.notes) and any(n.guided != n.full for n in r.notes)
