"""What the bank's prompts and hints promise is accepted must grade correct (issues 12 and 13).

A hint such as "The result can also be written $e^{-z}/(1 + e^{-z})^2$; either form is
accepted" is a promise to the learner, and so are "(a decimal is fine)" and "write it as
$+ C$". ``exercises.promises`` finds them; ``grader.promises`` grades them for
``bank validate``. Samples of how to write an answer ("Write them like (0, 0) saddle")
must at least be readable.
"""
from __future__ import annotations

import pytest

import exercises
from exercises.promises import promises
from grader.promises import check_promises, grade


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def _found(bank) -> dict[str, list]:
    out = {}
    for ex in bank.values():
        found = promises(ex.variant(0))
        if found:
            out[ex.id] = found
    return out


def test_the_bank_makes_promises_of_every_sort(bank):
    found = _found(bank)
    assert ("hints[1]", True) in [(p.field, p.accepted) for p in found["sigmoid-derivative"]]
    decimal, = found["ls-stable-learning-rate"]  # "a decimal to four significant digits is fine"
    assert decimal.accepted and len(decimal.typed.replace("0.", "").lstrip("0")) <= 4
    plus_c, = found["antiderivative-of-a-slope"]  # "write it as + C": the typed answer already has it
    assert plus_c.accepted and plus_c.typed.endswith("+ C") and plus_c.typed.count("C") == 1
    sample, = found["classify-quartic-course"]  # "Write them like (0, 0) saddle; (1, 1) minimum."
    assert not sample.accepted and sample.typed == "(0, 0) saddle; (1, 1) minimum"


@pytest.mark.parametrize("seed", [0, 1])
def test_every_promise_of_the_bank_is_kept(bank, seed):
    for exercise_id in _found(bank):
        variant = bank[exercise_id].variant(seed)
        assert check_promises(variant) == [], exercise_id


def test_the_promised_decimal_is_the_answer_to_four_digits_and_grades_correct(bank):
    variant = bank["backprop-sigmoid-neuron"].variant(0)  # "(a decimal is fine)"
    promise, = promises(variant)
    assert grade(variant, promise.typed).status == "correct"
    assert promise.typed == f"{float(variant.answer):.4g}"


def test_a_refused_form_and_a_decimal_of_no_number_are_no_promises(tmp_path):
    from bank_helpers import one

    ex = one(tmp_path, r"""
        task = "derivative"
        prompt = "Differentiate {function} (a decimal is fine)."
        function = "x^2"
        [[exercise.hints]]
        text = '''Writing it as $x^2 \cdot 2$ is not accepted. You may also write $2 \cdot x$.'''
    """)
    v = ex.variant(0)
    assert [(p.field, p.typed) for p in promises(v)] == [("hints[0]", "2 · x")]
    assert check_promises(v) == []
