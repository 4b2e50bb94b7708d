"""How runs are named and explained: each outcome from a case whose behaviour is known by hand."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from tutor.engine.descent import descend

x, y = sp.symbols("x y")


def test_stable_range_from_the_hessian_eigenvalues():
    run = descend(x**2 + 10 * y**2, (3, 1), 0.09, 200)        # H = diag(2, 20): 2/λ_max = 0.1
    sr = run.stable_range
    assert sr.eigenvalues == pytest.approx((2.0, 20.0))
    assert sr.bound == pytest.approx(0.1) and sr.stable
    assert sr.factor == pytest.approx(max(abs(1 - 0.09 * 2), abs(1 - 0.09 * 20)))
    assert run.converged


def test_exactly_at_the_bound_the_steep_direction_oscillates_forever():
    run = descend(x**2 + 10 * y**2, (3, 1), 0.1, 200)
    assert run.status == "oscillating" and not run.diverged
    assert abs(run.final[1]) == pytest.approx(1.0)             # y ← (1 − 0.1·20)·y = −y
    assert any("equals 2/λ_max exactly" in n for n in run.notes)


def test_above_the_bound_diverges_with_the_explanation():
    run = descend(x**2 + 10 * y**2, (3, 1), 0.11, 500)
    assert run.diverged and run.steps < 500                     # stopped early by the growth test
    assert "η = 0.11 is above 2/λ_max ≈ 0.1: every step overshoots further" in run.stopped_reason


def test_momentum_has_a_wider_stable_range():
    mu = 0.5
    run = descend(x**2 + 10 * y**2, (3, 1), 0.14, 400, method="momentum", momentum=mu)
    assert run.stable_range.bound == pytest.approx(2 * (1 + mu) / 20)   # 0.15 > 0.14 > 0.1
    assert run.status in ("converged", "converging")
    nag = descend(x**2 + 10 * y**2, (3, 1), 0.05, 10, method="nesterov", momentum=mu)
    assert nag.stable_range.bound == pytest.approx((2 + 2 * mu) / ((1 + 2 * mu) * 20))


def test_unbounded_below_runs_off_to_infinity():
    run = descend(-x**2, 1, 0.1, 200)
    assert run.diverged and "no minimum" in run.stopped_reason
    assert run.final[0] == pytest.approx(1.2**200, rel=1e-9)


def test_slowing_down_near_a_flat_stationary_point():
    """x + sin x at −π: f' = 1 + cos x and f'' = −sin x both vanish, so GD crawls in."""
    run = descend(x + sp.sin(x), 2.5, 1, 50)
    assert run.status == "slow" and run.stopped_reason.startswith("slowing down")
    assert any("flat stationary point" in n for n in run.notes)


def test_adagrad_slowing_is_explained_by_its_accumulator():
    run = descend(x**4, 2, 0.5, 400, method="adagrad")
    assert run.status == "slow"
    assert any("accumulator" in n for n in run.notes)


def test_step_tolerance_separates_a_stall_from_convergence():
    stalled = descend(sp.log(x**4 + x**3 + 2), -9.41, 0.001, 5000, step_tol=1e-3)
    assert stalled.status == "stalled" and stalled.steps == 1
    assert "not a stationary point" in stalled.stopped_reason
    done = descend(x**2, 10, 0.1, 500, step_tol=1e-9)
    assert done.status == "converged" and done.steps < 500


def test_tolerance_stops_early_and_says_so():
    run = descend(3 * x**2 - 4 * x + 5, -2, 0.1, 1000, tol=1e-8)
    assert run.converged and run.steps < 40
    assert run.grad_norms[-1] <= 1e-8 < run.grad_norms[-2]
    assert "≤ tol = 1e-08" in run.stopped_reason


def test_converging_estimate_of_remaining_steps_for_a_linear_rate():
    run = descend(x**2, 10, 0.1, 20)
    assert run.status == "converging" and run.rate == pytest.approx(0.8)
    more = int(run.stopped_reason.split("about ")[2].split(" more")[0])
    assert 0.8**more * run.grad_norms[-1] <= 1e-6 < 0.8**(more - 1) * run.grad_norms[-1]


def test_growth_limit_is_relative_to_where_the_run_began():
    run = descend(x**2, 10, 1.5, 100)                          # |x| doubles each step
    assert run.diverged and run.values[-1] > 1e4 * 100
    assert np.all(np.isfinite(run.points))


def test_converged_points_are_classified_by_the_hessian_there():
    saddle = descend(x**2 - y**2, (1, 0), 0.1, 300)
    assert saddle.converged and any("saddle, not a minimum" in n for n in saddle.notes)
    rosen = descend((1 - x)**2 + 10 * (y - x**2)**2, (0, 0), 0.009, 20000, tol=1e-10)
    assert rosen.converged and any("all positive: a local minimum" in n for n in rosen.notes)
    top = descend(-x**2 - y**2, (1, 1), 0.1, 300, method="ascent")
    assert top.converged and any("all negative: a local maximum" in n for n in top.notes)


def test_a_linear_function_has_no_minimum():
    run = descend(3 * x + 2 * y, (0, 0), 0.1, 100)
    assert run.diverged and "no minimum" in run.stopped_reason
    np.testing.assert_allclose(run.final, [-30, -20])


def _sentences(text: str) -> list[str]:
    import re

    return [s.strip() for s in re.split(r"(?<=[.:])\s+|\n", text) if len(s.strip()) > 12]


@pytest.mark.parametrize("lr", [0.05, 0.09, 0.1, 0.11, 0.3])
def test_no_sentence_or_clause_is_said_twice(lr):
    run = descend(x**2 + 10 * y**2, (3, 1), lr, 300)
    text = run.to_text()
    said = _sentences(text)
    assert len(said) == len(set(said)), text
    assert text.count("every step overshoots further") <= 1


@pytest.mark.parametrize("lr, first", [(0.5, 1), (0.25, None), (0.4, None)])
def test_converged_names_the_step_the_stopping_test_first_held(lr, first):
    run = descend(x**2, 1, lr, 60)
    gn = run.grad_norms
    t = first if first is not None else int(np.nonzero(gn > 1e-6)[0][-1]) + 1
    assert run.converged and t < run.steps
    assert run.stopped_reason.startswith(f"converged at step {t}: ")
    assert f"all {run.steps} steps were run" in run.stopped_reason


def test_sweep_reports_the_converged_step_not_the_last():
    from tutor.engine.descent.sweep import lr_sweep

    text = lr_sweep(x**2, 1, [0.5, 0.1], 30).to_text()
    assert "η = 0.5: converged at step 1:" in text and "after 30 steps" not in text
