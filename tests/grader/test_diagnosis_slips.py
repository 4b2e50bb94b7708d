"""The slips of issue 13 are named right, and a slip the grader does not know is not guessed."""
from __future__ import annotations

import pytest

import exercises
import grader
from grader.checking import check_variant


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def _variant(bank, ex_id, answer_text):
    ex = bank[ex_id]
    return next(ex.variant(s) for s in range(40) if ex.variant(s).answer_text == answer_text)


def test_adam_without_bias_correction_is_named_not_rounding(bank):
    v = _variant(bank, "adam-first-step", "(4.9, 1.9)")
    r = check_variant(v, "(4.684, 1.684)")
    assert r.mistake == "adam-no-bias-correction" and "rounding" not in r.feedback


def test_a_decimal_four_percent_off_is_not_a_rounding_slip():
    r = grader.check("49/10", "4.684")
    assert r.status == "incorrect" and r.mistake != "rounding"
    assert grader.check("x/3", "0.33x").mistake == "rounding"  # 1 % off, two digits typed: rounding


@pytest.mark.parametrize("ex_id", ["gd-one-step-line-fit", "gd-one-step-quartic"])
def test_the_step_for_the_new_point_is_named_either_sign(bank, ex_id):
    import tutor

    v = bank[ex_id].variant(1)
    found = {m.key: m for m in v.mistakes}
    for key in ("gd-update-only", "gd-step-not-point"):
        r = check_variant(v, tutor.to_text(found[key].expr))
        assert r.mistake == key and "times the right one" not in r.feedback


def test_the_optimizer_steps_slips_are_named(bank):
    v = _variant(bank, "adam-first-step", "(2.9, 1.9)")
    said = {a: check_variant(v, a).mistake for a in ("(-0.1, -0.1)", "(0.1, 0.1)", "(3.1, 2.1)")}
    assert said == {"(-0.1, -0.1)": "optimizer-update-only", "(0.1, 0.1)": "optimizer-step-not-point",
                    "(3.1, 2.1)": "optimizer-update-sign"}


@pytest.mark.parametrize("seed", range(6))
def test_a_sign_slip_in_a_chain_is_a_sign_slip(bank, seed):
    v = bank["backprop-sigmoid-neuron"].variant(seed)
    r = check_variant(v, str(-v.answer))
    assert r.mistake == "sign-error" and "inner derivative" not in r.feedback


def test_a_swapped_point_is_worded_in_the_exercises_variables(bank):
    v = bank["gd-one-step-line-fit"].variant(0)
    w, b = v.answer
    r = check_variant(v, f"({b}, {w})")
    assert r.mistake == "components-swapped"
    assert "w, then b" in r.feedback and "∂f/∂x" not in r.feedback


def test_a_swapped_gradient_keeps_its_partials():
    r = grader.check("(2*x, 3)", "(3, 2*x)", kind="gradient", variables=["x", "y"])
    assert r.mistake == "components-swapped" and "∂f/∂x, then ∂f/∂y" in r.feedback


def test_a_number_with_an_unremarkable_ratio_gets_no_name():
    r = grader.check("1/6", "0.1")  # 3/5 of the right one: no slip gives that
    assert r.status == "incorrect" and r.mistake is None and "times" not in r.feedback
    halved = grader.check("1/6", "1/12")  # a lost factor 2 is a classic slip
    assert halved.mistake == "constant-factor"
