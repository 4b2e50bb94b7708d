"""The course's gradient-descent examples, computed honestly (the texts contain slips).

Each expected number is derived here independently (closed forms, the
normal equations via numpy, or a plain Python loop written in the test);
the seeds' README lists where the printed texts go wrong.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp

import tutor
from tutor.engine.descent import course_example, descend, least_squares

x = sp.Symbol("x")


def test_x_squared_epochs_print_like_the_course():
    run = descend(x**2, 10, 0.1, 20)
    lines = run.to_table().splitlines()
    assert lines[0] == "Epoch 1: x = 8.0, f(x) = 64.0"
    assert lines[1] == "Epoch 2: x = 6.4, f(x) = 40.96000000000001"
    assert lines[2] == "Epoch 3: x = 5.12, f(x) = 26.2144"
    assert lines[3].startswith("Epoch 4: x = 4.096,")
    assert lines[4].startswith("Epoch 5: x = 3.2768,")
    assert len(lines) == 20


def test_x_squared_ends_at_ten_times_point_eight_to_the_twentieth():
    run = descend(x**2, 10, 0.1, 20)
    closed = 10 * 0.8**20            # x_{t+1} = x_t − 0.1·2x_t = 0.8·x_t
    assert run.final[0] == pytest.approx(closed, rel=1e-14)
    assert run.final[0] == 0.11529215046068471         # the plain loop's float, bit for bit
    assert run.final_value == pytest.approx(closed**2, rel=1e-14)
    # the course prints x = 0.10737418240000006 for epoch 20: that number is 0.8¹⁰, no iterate at all
    assert 0.8**10 == pytest.approx(0.10737418240000006, rel=1e-15)
    assert not np.any(np.isclose(run.points[:, 0], 0.8**10, rtol=1e-9))
    last = f"Epoch 20: x = {float(run.final[0])!r}, f(x) = {run.final_value!r}"
    assert run.to_table().splitlines()[-1] == last == "Epoch 20: x = 0.11529215046068471, f(x) = 0.013292279957849162"


def test_every_prints_every_kth_epoch_and_the_last():
    run = descend(x**2, 10, 0.1, 20)
    lines = run.to_table(every=6).splitlines()
    assert [ln.split(":")[0] for ln in lines] == ["Epoch 6", "Epoch 12", "Epoch 18", "Epoch 20"]


def test_quadratic_converges_to_two_thirds():
    run = descend(3 * x**2 - 4 * x + 5, -2, 0.1, 200, tol=1e-10)
    assert run.converged and not run.diverged
    assert run.final[0] == pytest.approx(2 / 3, abs=1e-10)
    assert run.stopped_reason.startswith("converged")
    # f'(−2) = 6·(−2) − 4 = −16, the slope of the course's tangent
    assert run.points[1][0] == pytest.approx(-2 - 0.1 * (-16))


def _correct_log_loop(x0, lr, epochs):
    xv = x0
    for _ in range(epochs):
        xv = xv - lr * (4 * xv**3 + 3 * xv**2) / (xv**4 + xv**3 + 2)
    return xv


def test_log_example_gives_what_the_correct_derivative_gives():
    f = sp.log(x**4 + x**3 + 2)
    run = descend(f, -9.41, 0.001, 5000)
    expected = _correct_log_loop(-9.41, 0.001, 5000)
    assert run.final[0] == pytest.approx(expected, rel=1e-12)
    assert run.final[0] == pytest.approx(-6.868, abs=1e-3)
    assert not run.converged                     # nowhere near the minimum at −3/4
    assert abs(run.final[0] + 0.75) > 6
    assert run.status == "slow"
    assert "slow" in run.stopped_reason and "moves only about" in run.stopped_reason
    step = abs(run.points[-1][0] - run.points[-2][0])
    assert step < 1e-3                           # each step moves less than a thousandth


def test_log_example_critical_points_from_the_gradient():
    """f' = (4x³+3x²)/(x⁴+x³+2) vanishes at 0 and −3/4; f(−3/4) < f(0)."""
    f = sp.log(x**4 + x**3 + 2)
    fvals = {c: float(f.subs(x, c)) for c in (0, sp.Rational(-3, 4))}
    assert fvals[sp.Rational(-3, 4)] == pytest.approx(0.638971, abs=1e-6)
    assert fvals[0] == pytest.approx(0.693147, abs=1e-6)
    run = descend(f, -0.5, 0.1, 3000, tol=1e-10)
    assert run.converged and run.final[0] == pytest.approx(-0.75, abs=1e-8)


def test_x_plus_sin_x_drifts_left_toward_minus_pi():
    f = x + sp.sin(x)
    finals = {}
    for alpha in (1, 0.1, 0.01):
        run = descend(f, 2.5, alpha, 2000)
        xs = run.points[:, 0]
        assert np.all(np.diff(xs) <= 0)          # 1 + cos x ≥ 0: every step goes left
        assert xs[-1] > -math.pi                 # and never passes the stationary point −π
        finals[alpha] = xs[-1]
    assert finals[1] < finals[0.1] < finals[0.01]
    assert finals[1] == pytest.approx(-math.pi, abs=5e-3)


def test_x_plus_sin_x_sweep_names_the_outcomes():
    sweep = tutor.lr_sweep(x + sp.sin(x), 2.5, [1, 0.1, 0.01], 50)
    assert sweep.summary[0.01] == "slow"
    assert all(s != "diverged" for s in sweep.summary.values())
    assert sweep.best().lr == 1.0


@pytest.fixture(scope="module")
def course_data():
    return course_example()


def test_course_data_matches_the_course_recipe(course_data):
    X, y = course_data
    np.random.seed(1)
    xlin = -10.0 + 20.0 * np.random.random(10)
    ylin = 1.0 + 0.5 * xlin + np.random.randn(10)
    np.testing.assert_array_equal(X[:, 1], xlin)
    np.testing.assert_array_equal(X[:, 0], np.ones(10))
    np.testing.assert_array_equal(y, ylin)


def test_least_squares_normal_equations(course_data):
    X, y = course_data
    ls = least_squares(X, y)
    ref = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(ls.beta_hat, ref, rtol=1e-12)
    assert ls.exact
    b = sp.Matrix(ls.variables)
    grad = [sp.diff(ls.loss, v) for v in ls.variables]
    expected = 2 * ls.XtX * b - 2 * ls.Xty     # ∇L = 2XᵀXβ − 2Xᵀy
    assert all(sp.expand(g - e) == 0 for g, e in zip(grad, expected))
    assert all(sp.expand(g - e) == 0 for g, e in zip(ls.gradient, expected))


def test_least_squares_converges_with_eta_0_002(course_data):
    X, y = course_data
    half = least_squares(X, y, scale="1/2")     # the course's code: gradient XᵀXβ − Xᵀy
    run = half.descend((-8, -3.2), 0.002, 1000)
    assert not run.diverged
    assert np.abs(run.final - half.beta_hat).max() < 2e-4
    beta = np.array([-8, -3.2])                 # the course's own loop
    for _ in range(1000):
        beta = beta - 0.002 * (X.T @ X @ beta - X.T @ y)
    np.testing.assert_allclose(run.final, beta, rtol=1e-10)
    full = least_squares(X, y)                  # ‖y − Xβ‖² itself: twice the gradient, faster here
    run2 = full.descend((-8, -3.2), 0.002, 1000)
    assert np.abs(run2.final - full.beta_hat).max() < 1e-6


def test_least_squares_diverges_with_eta_0_0065_and_says_why(course_data):
    X, y = course_data
    half = least_squares(X, y, scale="1/2")
    lam = np.linalg.eigvalsh(X.T @ X)
    assert 2 / lam.max() == pytest.approx(0.0064007, abs=1e-7)
    run = half.descend((-8, -2), 0.0065, 100)
    assert run.diverged and not run.converged
    assert "η = 0.0065 is above 2/λ_max ≈ 0.0064: every step overshoots further" in run.stopped_reason
    assert run.stable_range.bound == pytest.approx(2 / lam.max())
    full = least_squares(X, y)                  # for ‖y − Xβ‖², the bound is 1/λ_max(XᵀX)
    run2 = full.descend((-8, -2), 0.0065, 100)
    assert run2.diverged
    assert "2/λ_max ≈ 0.0032" in run2.stopped_reason
    assert half.descend((-8, -2), 0.0055, 2000).status in ("converged", "converging")


@pytest.mark.parametrize("text,expr", [
    ("x^2", x**2),
    ("3x^2 - 4x + 5", 3 * x**2 - 4 * x + 5),
    ("log(x^4 + x^3 + 2)", sp.log(x**4 + x**3 + 2)),
    ("x + sin x", x + sp.sin(x)),
])
def test_text_and_sympy_give_the_same_run(text, expr):
    a = tutor.descend(text, "2.5", "1/10", 30)
    b = descend(expr, 2.5, 0.1, 30)
    np.testing.assert_array_equal(a.points, b.points)
    assert a.status == b.status


def test_text_start_forms():
    f = "x^2 + 2y^2"
    ref = descend(f, [1, -2], 0.1, 10).points
    for start in ("x=1, y=-2", {"x": 1, "y": "-2"}, ("1", "-2"), sp.Tuple(1, -2)):
        np.testing.assert_array_equal(descend(f, start, 0.1, 10).points, ref)
    runs = descend(f, [["1", "-2"], ["pi", "1/2"]], 0.1, 10)
    assert runs[1].points[0] == pytest.approx([math.pi, 0.5])
