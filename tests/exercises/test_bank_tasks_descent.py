"""Descent tasks: exact GD steps checked against the engine, runs, behaviour, optimizers, data."""
import pytest
import sympy as sp

pytest.importorskip("tutor.engine.descent")
pytest.importorskip("tutor.reading.parser")

from bank_helpers import one  # noqa: E402


def test_one_gd_step_is_exact_with_classic_mistakes(tmp_path):
    ex = one(tmp_path, '''
        task = "gd_step"
        prompt = "Step from {start} with rate {lr} on ${function}$."
        function = "x^2"
        start = { range = [2, 9] }
        lr = 0.1
    '''.replace("start = { range = [2, 9] }", 'start = "s"\nparameters = { s = { range = [2, 9] } }'))
    for seed in range(4):
        v = ex.variant(seed)
        s = v.params["s"]
        assert v.answer == s - sp.Rational(1, 10) * 2 * s
        keys = {m.key: m.expr for m in v.mistakes}
        assert keys["gd-plus-instead-of-minus"] == s + sp.Rational(2, 10) * s
        assert keys["gd-learning-rate-forgotten"] == s - 2 * s
        assert v.answer_text == str(sp.Rational(4, 5) * s).replace("/5", "/5") or "." in v.answer_text


def test_gd_step_on_the_course_loss_is_a_vector(tmp_path):
    ex = one(tmp_path, '''
        task = "gd_step"
        prompt = "One step on $L(w, b) = {function}$ from ${start}$."
        function = "(w*2 + b - 3)^2"
        variables = ["w", "b"]
        start = [1, 0]
        lr = 0.1
    ''', topic="gradient-descent")
    v = ex.variant(0)
    # ∇L = (4(2w+b−3), 2(2w+b−3)) = (−4, −2) at (1, 0)
    assert v.kind == "vector" and v.answer == sp.Tuple(sp.Rational(7, 5), sp.Rational(1, 5))
    assert v.answer_text == "(1.4, 0.2)"


def test_twenty_steps_on_x_squared_end_at_ten_times_point_eight_to_the_twentieth(tmp_path):
    ex = one(tmp_path, '''
        task = "gd_run"
        prompt = "Twenty steps."
        function = "x^2"
        start = 10
        lr = 0.1
        steps = 20
    ''', topic="gradient-descent")
    v = ex.variant(0)
    assert v.answer == 10 * sp.Rational(4, 5) ** 20  # the seed's printed 0.8**10 is the slip
    assert v.answer_text == "0.1152921504606846976"
    assert {m.key for m in v.mistakes} == {"gd-one-step-short", "gd-one-step-too-many", "gd-loss-not-point"}
    loss = next(m for m in v.mistakes if m.key == "gd-loss-not-point")
    assert loss.expr == v.answer ** 2  # f(x₂₀) = x₂₀², the loss given for the point


@pytest.mark.parametrize("lr, letter", [(0.1, "a"), (1.0, "c"), (1.1, "b")])
def test_behaviour_of_the_learning_rate(tmp_path, lr, letter):
    ex = one(tmp_path, f'''
        task = "gd_run"
        prompt = "What happens?"
        function = "x^2"
        start = 10
        lr = {lr}
        steps = 100
        ask = "behaviour"
    ''', topic="learning-rate")
    v = ex.variant(0)
    assert v.kind == "multiple_choice" and v.answer == letter
    assert "\na) " in v.prompt and "\nd) " in v.prompt


def test_stable_bound_of_a_quadratic(tmp_path):
    ex = one(tmp_path, '''
        task = "gd_run"
        prompt = "Largest stable rate?"
        function = "3x^2 + y^2"
        start = [1, 1]
        lr = 0.1
        steps = 5
        ask = "stable_bound"
    ''', topic="learning-rate")
    assert ex.variant(0).answer == sp.Rational(1, 3)  # 2/λ_max with λ_max = 6


def test_adagrad_first_step_moves_each_coordinate_by_about_lr(tmp_path):
    ex = one(tmp_path, '''
        task = "optimizer_step"
        prompt = "One AdaGrad step."
        function = "x^2 + 3y^2"
        start = [1, 2]
        lr = 0.1
        method = "adagrad"
    ''', topic="optimizers")
    v = ex.variant(0)
    assert v.kind == "vector" and v.answer_text == "(0.9, 1.9)"
    assert [m.key for m in v.mistakes] == ["optimizer-plain-gd", "optimizer-update-only", "optimizer-step-not-point",
                                           "optimizer-update-sign"]
    slips = {m.key: tuple(float(c) for c in m.expr) for m in v.mistakes}
    assert slips["optimizer-update-only"] == pytest.approx((-0.1, -0.1), abs=1e-9)   # x₁ − x₀
    assert slips["optimizer-step-not-point"] == pytest.approx((0.1, 0.1), abs=1e-9)  # x₀ − x₁
    assert slips["optimizer-update-sign"] == pytest.approx((1.1, 2.1), abs=1e-9)     # x₀ + (x₀ − x₁)


def test_momentum_second_step(tmp_path):
    ex = one(tmp_path, '''
        task = "optimizer_step"
        prompt = "Two momentum steps."
        function = "x^2"
        start = 10
        lr = 0.1
        steps = 2
        method = "momentum"
        hyper = { momentum = 0.9 }
    ''', topic="optimizers")
    # b1 = 20, x1 = 8; g = 16, b2 = 0.9·20 + 16 = 34, x2 = 8 − 3.4 = 4.6
    assert float(ex.variant(0).answer) == pytest.approx(4.6, rel=1e-12)


def test_least_squares_solution_and_gradient(tmp_path):
    ex = one(tmp_path, '''
        task = "least_squares"
        prompt = "Fit."
        x = [0, 1, 2]
        y = [1, 3, "a"]
        parameters = { a = [5, 7] }
    ''', topic="least-squares")
    for seed in range(2):
        v = ex.variant(seed)
        X = sp.Matrix([[1, 0], [1, 1], [1, 2]])
        y = sp.Matrix([1, 3, v.params["a"]])
        assert sp.Matrix(v.answer) == (X.T * X).inv() * X.T * y


def test_least_squares_needs_x_or_X(tmp_path):
    from exercises.errors import BankLoadError

    with pytest.raises(BankLoadError) as info:
        one(tmp_path, '''
            task = "least_squares"
            prompt = "Fit."
            y = [1, 2]
        ''', topic="least-squares")
    assert info.value.errors[0].field == "x"


def test_minibatch_estimate_is_rescaled(tmp_path):
    ex = one(tmp_path, '''
        task = "sgd_estimate"
        prompt = "Estimate from sample 2."
        function = "(w*x - y)^2"
        data = { x = [1, 2, 3], y = [2, 4, 5] }
        variables = "w"
        at = 1
        batch = [2]
    ''', topic="sgd")
    v = ex.variant(0)
    # ℓ₂' = 2(w·2 − 4)·2 = −8 at w = 1; N/b = 3 -> −24; the full gradient is −2 − 8 − 12 = −22
    assert v.answer == -24
    assert {m.key: m.expr for m in v.mistakes} == {"sgd-not-rescaled": -8, "sgd-full-gradient": -22}
