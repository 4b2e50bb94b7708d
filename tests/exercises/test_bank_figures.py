"""Variant.figure: the engine's plots where one fits, None otherwise."""
import pytest

import exercises


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def test_questions_have_no_figure(bank, tmp_path):
    assert bank["dense-level-curves"].variant(0).figure(tmp_path / "none.png") is None


@pytest.mark.parametrize("exercise_id", ["tangent-line-course", "gd-one-step-line-fit"])
def test_tangent_and_descent_figures_are_saved(bank, tmp_path, exercise_id):
    pytest.importorskip("tutor.plots.descent")
    out = bank[exercise_id].variant(0).figure(tmp_path / f"{exercise_id}.png")
    assert out is not None and out.exists() and out.stat().st_size > 10_000
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_exercise_can_switch_its_figure_off(tmp_path):
    from bank_helpers import one

    ex = one(tmp_path, '''
        task = "tangent"
        prompt = "?"
        function = "x^2"
        at = 1
        figure = "none"
    ''')
    assert ex.variant(0).figure(tmp_path / "off.png") is None
