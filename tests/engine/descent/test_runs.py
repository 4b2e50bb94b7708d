"""Multi-start runs, stochastic descent over a data set, and the laws the runner keeps."""
from __future__ import annotations

import json

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.descent import (MultiDescent, course_example, descend, least_squares, lr_sweep,
                                  minibatch_check)

x, y = sp.symbols("x y")
ROSEN = (1 - x)**2 + 10 * (y - x**2)**2

coords = st.floats(min_value=-2, max_value=2, allow_nan=False)


@settings(max_examples=25)
@given(st.lists(st.tuples(coords, coords), min_size=1, max_size=6),
       st.sampled_from(["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"]))
def test_vectorised_runs_equal_single_runs(starts, method):
    """k starts advanced together give exactly the runs one would get one at a time."""
    lr = 0.002 if method in ("gd", "momentum", "nesterov") else 0.01
    many = descend(ROSEN, np.array(starts), lr, 150, method=method, tol=1e-6)
    assert isinstance(many, MultiDescent) and len(many) == len(starts)
    for run, s in zip(many, starts):
        one = descend(ROSEN, s, lr, 150, method=method, tol=1e-6)
        assert one.status == run.status
        assert one.points.shape == run.points.shape
        np.testing.assert_allclose(run.points, one.points, rtol=1e-11, atol=1e-12)


@settings(max_examples=40)
@given(st.floats(min_value=0.1, max_value=5),
       st.floats(min_value=-50, max_value=50).filter(lambda v: v == 0 or abs(v) > 1e-100),  # no subnormals
       st.floats(min_value=0.001, max_value=0.9), st.integers(min_value=1, max_value=60))
def test_gd_on_a_parabola_follows_the_closed_form(a, x0, frac, steps):
    """On a·x², each step multiplies x by 1 − 2aη; stable exactly when η < 1/a = 2/λ."""
    eta = frac / a
    run = descend(sp.nsimplify(a) * x**2, x0, eta, steps)
    factor = 1 - 2 * float(sp.nsimplify(a)) * eta
    expected = x0 * factor ** np.arange(run.steps + 1)
    np.testing.assert_allclose(run.points[:, 0], expected, rtol=1e-9, atol=1e-13 * abs(x0))
    assert run.stable_range.bound == pytest.approx(1 / float(sp.nsimplify(a)))
    assert run.stable_range.stable


@settings(max_examples=20)
@given(coords, coords, st.sampled_from(["gd", "momentum", "adam", "rmsprop"]))
def test_ascent_on_f_is_descent_on_minus_f(a, b, method):
    f = -(x**2 + 2 * y**2) + x * y / 3
    m = "ascent" if method == "gd" else method
    extra = {} if method == "gd" else {"maximize": True}
    up = descend(f, (a, b), 0.05, 40, method=m, **extra)
    down = descend(-f, (a, b), 0.05, 40, method=method)
    np.testing.assert_allclose(up.points, down.points, rtol=1e-12, atol=1e-14)


def test_multistart_each_run_stops_on_its_own():
    starts = np.array([[0.0, 0.0], [1.0, 1.0], [-1.5, 2.0]])
    runs = descend(ROSEN, starts, 0.009, 20000, tol=1e-8)
    assert runs.converged.tolist() == [True, True, True]
    assert runs[1].steps == 0                       # (1, 1) is the minimum already
    assert runs[0].steps != runs[2].steps
    np.testing.assert_allclose(runs.finals, np.ones((3, 2)), atol=1e-6)
    text = runs.to_text()
    assert "3 converged" in text


def test_multistart_mixed_outcomes_are_counted():
    runs = descend(x**4 - 2 * x**2, [[0.5], [-0.5], [3.0]], 0.1, 300, tol=1e-10)
    assert runs[0].final[0] == pytest.approx(1, abs=1e-8)
    assert runs[1].final[0] == pytest.approx(-1, abs=1e-8)
    assert runs[2].diverged                          # f' = 4x³ − 4x is 96 at 3: the first step flies off
    assert runs.counts() == {"converged": 2, "diverged": 1}


def test_sweep_classifies_converged_oscillating_slow_diverged():
    sweep = lr_sweep(x**2, 10, [0.4, 1.0, 0.0001, 1.2], 60)
    assert sweep.summary == {0.4: "converged", 1.0: "oscillating", 0.0001: "slow", 1.2: "diverged"}
    assert sweep.best().lr == 0.4
    d = sweep.to_dict()
    assert d["summary"]["1.2"] == "diverged"
    json.dumps(d)


@pytest.fixture(scope="module")
def data_term():
    X, yv = course_example()
    ls = least_squares(X, yv)
    return ls, *ls.sample_term()


def test_full_batch_over_data_equals_the_expanded_loss(data_term):
    ls, term, data, vars_ = data_term
    a = descend(term, (-8, -3.2), 0.002, 200, data=data, variables=vars_)
    b = ls.descend((-8, -3.2), 0.002, 200)
    np.testing.assert_allclose(a.points, b.points, rtol=1e-10)
    assert a.stable_range.bound == pytest.approx(ls.stable_bound)


def test_sgd_is_seeded_and_reproducible(data_term):
    _, term, data, vars_ = data_term
    run = lambda seed: descend(term, (-8, -3.2), 0.002, 200, data=data, variables=vars_, batch_size=2,
                               seed=seed)
    a, b, c = run(1), run(1), run("another")
    np.testing.assert_array_equal(a.points, b.points)
    assert not np.allclose(a.points, c.points)
    assert a.status == "noisy" and a.batch_size == 2 and a.samples == 10
    assert "minibatch of 2 of the 10 samples" in a.to_text()


def test_sgd_gets_near_the_least_squares_solution(data_term):
    ls, term, data, vars_ = data_term
    runs = descend(term, np.array([[-8, -3.2], [5, 2]]), 0.0005, 3000, data=data, variables=vars_,
                   batch_size=5, seed=3)
    for r in runs:
        assert np.abs(r.values[-500:].mean() - r.values.min()) < 5        # hovering near the bottom
        assert np.linalg.norm(r.final - ls.beta_hat) < 0.5


@settings(max_examples=15)
@given(st.integers(min_value=3, max_value=9), st.data())
def test_minibatch_gradient_is_unbiased(n, draw):
    rng = np.random.default_rng(n)
    xs, ys = rng.normal(size=n), rng.normal(size=n)
    b = draw.draw(st.integers(min_value=1, max_value=n))
    w, c = sp.symbols("w c")
    at = (draw.draw(coords), draw.draw(coords))
    check = minibatch_check((w * sp.Symbol("t") + c - sp.Symbol("u"))**2, {"t": xs, "u": ys}, at, b,
                            variables=[w, c], batches=400)
    assert check.exact_mean is not None
    np.testing.assert_allclose(check.exact_mean, check.full, rtol=1e-9, atol=1e-9)
    assert check.unbiased


def test_minibatch_check_reads_well(data_term):
    _, term, data, vars_ = data_term
    check = minibatch_check(term, data, (0, 0), 3, variables=vars_)
    text = check.to_text()
    assert "probability b/N = 3/10" in text and "mean over all 120 minibatches" in text
    assert check.unbiased
    json.dumps(check.to_dict())
    mean = minibatch_check(term, data, (0, 0), 3, variables=vars_, reduction="mean")
    np.testing.assert_allclose(mean.full * 10, check.full)


def test_results_serialise_to_json():
    run = descend(ROSEN, (0, 0), 0.002, 50, method="adam")
    d = run.to_dict()
    json.loads(json.dumps(d))
    assert d["steps"] == 50 and len(d["points"]) == 51 and d["method"] == "adam"
    assert d["final"] == pytest.approx(list(run.final))
    for fmt in ("text", "unicode", "latex", "markdown", "html"):
        assert "Adam" in run.render(fmt)
