"""The per-part table says why an unreadable part could not be read, not only that it could not."""
from __future__ import annotations

import pytest

import exercises
import grader


@pytest.fixture(scope="module")
def variant():
    return exercises.load()["line-fit-chain"].variant(0)


@pytest.mark.parametrize("typed, reason", [
    ("(1, 2", "'(' is never closed"),
    ("(9^9^9^9, 1)", "too large to work with"),
    ("import os", "not variables of this exercise"),
])
def test_an_unreadable_part_shows_the_readers_message_and_hint(variant, typed, reason):
    verdict = grader.check_parts(variant, {"loss": "1", "grad": typed})
    part = verdict.part("grad")
    assert part.status == "invalid" and part.earned == 0
    row = next(r for r in verdict.doc().nodes[0].rows if r[0] == "grad")
    assert reason in row[3]
    assert "(hint: " in row[3]
    assert "\n" not in row[3]  # one table cell: the caret picture stays with :why and check


def test_a_graded_part_keeps_its_feedback_in_the_table(variant):
    verdict = grader.check_parts(variant, {"loss": "1"})
    row = next(r for r in verdict.doc().nodes[0].rows if r[0] == "loss")
    assert row[3] == verdict.part("loss").verdict.feedback
