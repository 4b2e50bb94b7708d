"""What the bank's hints promise is accepted must grade correct (issue 12, item 7).

A hint such as "The result can also be written $σ(z)(1 − σ(z))$; either form is
accepted" is a promise to the learner: every formula in such a sentence, typed as
shown, must be graded Correct for every variant.
"""
from __future__ import annotations

import re

import pytest

import exercises
from grader.checking import check_variant

_PROMISE = re.compile(r"accepted|also be written|either form", re.IGNORECASE)
_MATH = re.compile(r"\$([^$]+)\$")


def promises() -> list[tuple[str, int]]:
    bank = exercises.load()
    return [(ex.id, i) for ex in bank.values() for i, h in enumerate(ex.hints) if _PROMISE.search(h.text)]


def test_the_bank_makes_promises_to_check():
    assert ("sigmoid-derivative", 1) in promises()


@pytest.mark.parametrize("exercise_id,hint", promises())
@pytest.mark.parametrize("seed", [0, 1])
def test_every_promised_form_grades_correct(exercise_id, hint, seed):
    variant = exercises.load()[exercise_id].variant(seed)
    text = variant.hints()[hint].text
    forms = _MATH.findall(text)
    assert forms, f"{exercise_id}: the promise names no formula"
    for form in forms:
        verdict = check_variant(variant, form)
        assert verdict.status == "correct", (exercise_id, form, verdict.status, verdict.feedback, verdict.error)
