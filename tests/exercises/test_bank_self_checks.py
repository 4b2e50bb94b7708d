"""``bank validate`` checks the bank's own promises (issue 13).

A test bank (tests/data/banks/broken_promises.toml) breaks each promise once; the
validator must name every problem. The built-in bank must pass the same checks.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sympy as sp

import exercises
from exercises.soundness import check_figure, check_options, degenerate_choices
from exercises.tasks import load_all
from tutor.cli import main

BROKEN = Path(__file__).parents[1] / "data" / "banks" / "broken_promises.toml"

# exercise -> (field, words the problem must contain)
EXPECTED = {
    "promise-wrong-form": ("hints[0]", "'x · 2x' is accepted"),
    "promise-two-digits": ("prompt", "'0.35' is accepted"),
    "mc-two-true": ("choices", "more than one choice is true (b, c)"),
    "gd-step-mirror": ("conditions", "step-keeps-loss"),
    "gd-zero-gradient": ("conditions", "zero-gradient"),
    "critical-points-on-the-edge": ("figure", "(3, 0) lies on the edge"),
}


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def test_validate_fails_on_the_broken_bank_and_names_each_problem(capsys):
    status = main(["bank", "validate", str(BROKEN), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 1 and not report["ok"]
    found = {(p["exercise"], p["field"]): p["message"] for p in report["problems"]}
    for exercise_id, (fld, words) in EXPECTED.items():
        assert (exercise_id, fld) in found, (exercise_id, sorted(found))
        assert words in found[(exercise_id, fld)], found[(exercise_id, fld)]
    assert {p["exercise"] for p in report["problems"]} == set(EXPECTED)


def test_the_degenerate_choices_are_named_by_their_parameters():
    broken = exercises.load(BROKEN)
    (fld, message), = degenerate_choices(broken["gd-zero-gradient"], [0, 1])
    assert fld == "conditions" and "s = 2" in message and "s = 1" not in message
    (_, message), = degenerate_choices(broken["gd-step-mirror"], [0])
    assert "η = 1 is exactly 2/λ" in message


def test_no_variant_of_the_line_fit_step_has_eta_two_over_lambda(bank):
    ex = bank["gd-one-step-line-fit"]
    assert degenerate_choices(ex, [0]) == []
    for combo in ex.space.valid:
        x0 = dict(zip(ex.space.names, combo))["x0"]
        assert sp.Rational(1, 10) * 2 * (x0**2 + 1) != 2  # λ_max = 2(x0² + 1)


@pytest.mark.parametrize("exercise_id,true", [
    ("stationary-inflection-course", "c"),  # log(x⁴ + x³ + 2) at 0: f'' = 0, yet no extremum
    ("degenerate-critical-point", "a"),  # x⁴ + y⁴ at the origin: D = 0, yet a minimum
])
def test_a_degenerate_point_has_one_true_choice(bank, exercise_id, true):
    v = bank[exercise_id].variant(0)
    truths = load_all()["classify"].option_truths(v)
    assert v.result.kind == "inconclusive"  # "the second-derivative test cannot decide" would be true too
    assert [k for k, t in truths.items() if t] == [true] == [v.answer]
    assert "second-derivative test cannot decide" not in v.prompt_text
    assert check_options(v) == []


def test_a_plane_is_only_a_plane(tmp_path):
    from bank_helpers import one

    ex = one(tmp_path, '''
        task = "surface_kind"
        prompt = "What is the shape of {function}?"
        function = "2*x + 3*y"
        at = [0, 0]
    ''', topic="surfaces")
    v = ex.variant(0)
    assert load_all()["surface_kind"].option_truths(v) == {"a": False, "b": False, "c": False, "d": True, "e": False}
    assert v.answer == "d"


def test_classification_figures_mark_the_points_inside_the_window(bank, tmp_path):
    from exercises.figures import window

    ex = bank["classify-cubic-saddle"]  # x³ − 3a²x + y²: points (±a, 0)
    for seed in range(6):
        v = ex.variant(seed)
        a = float(v.params["a"])
        shown = window(v)
        assert set(shown.marked) == {(-a, 0.0), (a, 0.0)}
        (x_lo, x_hi), (y_lo, y_hi) = shown.box
        assert x_lo < -a - 0.5 and a + 0.5 < x_hi and y_lo < 0 < y_hi
        assert check_figure(v) == []
    path = v.figure(tmp_path / "cubic.png")
    assert path is not None and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
