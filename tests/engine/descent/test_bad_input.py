"""Bad input is refused before the first step, with a message naming the problem;
trouble that only appears mid-run ends the run and is explained in the result."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from tutor.engine.descent import (BadData, BadHyperParameter, BadLearningRate, BadStart, BadSteps,
                                  DescentInputError, UndefinedStart, UnknownMethod, descend, lr_sweep)

x, y = sp.symbols("x y")


@pytest.mark.parametrize("kwargs,error,words", [
    (dict(f=x**2 + y**2, start=1), BadStart, "2 variables (x, y) but the start has 1 coordinate"),
    (dict(f=x**2, start=[1, 2, 3]), BadStart, "for several starts give a column"),
    (dict(f=x**2 + y**2, start=np.ones((3, 3))), BadStart, "(k × 2)"),
    (dict(f=x**2, start=float("nan")), BadStart, "finite"),
    (dict(f=x**2, start="banana"), Exception, ""),
    (dict(f=x**2 + y**2, start={"x": 1}), BadStart, "missing y"),
    (dict(f=x**2 + y**2, start={"x": 1, "y": 2, "z": 3}), BadStart, "z is not a variable"),
    (dict(f=sp.log(x), start=-1), UndefinedStart, "log needs a positive argument"),
    (dict(f=sp.sqrt(x), start=0), UndefinedStart, "gradient of f is not defined"),
    (dict(f=sp.Abs(x - 1), start=1), UndefinedStart, "corner"),
    (dict(f=x**2, lr=0), BadLearningRate, "lr = 0"),
    (dict(f=x**2, lr=-0.1), BadLearningRate, "negative"),
    (dict(f=x**2, lr=[0.1, 0.2]), BadLearningRate, "lr_sweep"),
    (dict(f=x**2, lr=float("inf")), BadLearningRate, "positive number"),
    (dict(f=x**2, steps=0), BadSteps, "at least 1"),
    (dict(f=x**2, steps=-5), BadSteps, "at least 1"),
    (dict(f=x**2, steps=2.5), BadSteps, "whole number"),
    (dict(f=x**2, method="sgdd"), UnknownMethod, "gd, ascent"),
    (dict(f=x**2, method="adam", beta1=0.9), BadHyperParameter, "no hyper-parameter 'beta1'"),
    (dict(f=x**2, method="adam", betas=(0.9, 1.5)), BadHyperParameter, "betas"),
    (dict(f=x**2, method="momentum", momentum=-1), BadHyperParameter, "momentum must be"),
    (dict(f=x**2, method="nesterov", momentum=0), BadHyperParameter, "Nesterov"),
    (dict(f=x**2, tol=-1), BadHyperParameter, "tol"),
    (dict(f=x**2 + sp.Symbol("a"), variables=["x"]), DescentInputError, "neither a variable"),
    (dict(f=sp.Integer(3)), DescentInputError, "no variables"),
    (dict(f=x**2, batch_size=2), BadData, "needs a data set"),
])
def test_bad_input_is_named(kwargs, error, words):
    args = dict(start=1.0, lr=0.1, steps=10)
    args.update(kwargs)
    with pytest.raises(error) as info:
        descend(args.pop("f"), args.pop("start"), args.pop("lr"), args.pop("steps"), **args)
    assert isinstance(info.value, ValueError)
    assert words in str(info.value)


def test_errors_are_value_errors():
    for cls in (BadStart, UndefinedStart, BadLearningRate, BadSteps, UnknownMethod, BadHyperParameter, BadData):
        assert issubclass(cls, DescentInputError) and issubclass(cls, ValueError)


def test_one_bad_start_among_many_is_named():
    with pytest.raises(UndefinedStart, match=r"start 2 \(x = -1\)"):
        descend(sp.log(x), [[1.0], [-1.0]], 0.1, 10)


def test_nan_mid_run_stops_and_says_where_and_why():
    run = descend(sp.log(x), 1, 2, 50)        # x = 1 − 2·(1/1) = −1: out of log's domain
    assert run.status == "undefined" and not run.converged and not run.diverged
    assert "step 1" in run.stopped_reason
    assert "log needs a positive argument" in run.stopped_reason
    assert "x = -1" in run.stopped_reason and "x = 1" in run.stopped_reason
    assert np.all(np.isfinite(run.points)) and len(run.points) == 1


def test_nan_mid_run_in_vectorised_runs_stops_only_that_run():
    f = (x - 3)**2 + sp.log(x)     # from 0.05 the first step (f' ≈ 14) lands at x < 0
    runs = descend(f, [[0.05], [5.0]], 0.1, 200, tol=1e-9)
    assert runs[0].status == "undefined" and runs[0].steps == 0
    assert "log needs a positive argument" in runs[0].stopped_reason
    assert runs[1].converged and runs[1].steps > 0
    single = descend(f, 5.0, 0.1, 200, tol=1e-9)
    np.testing.assert_allclose(runs[1].points, single.points, rtol=1e-13)


def test_overflow_is_divergence_not_undefined():
    run = descend(x**4, 3, 1, 100)
    assert run.diverged
    assert run.stopped_reason.startswith("diverged")


def test_sweep_checks_each_learning_rate():
    with pytest.raises(BadLearningRate, match="lr = 0"):
        lr_sweep(x**2, 1, [0.1, 0], 10)
    with pytest.raises(BadStart, match="one start"):
        lr_sweep(x**2, [[1.0], [2.0]], [0.1], 10)
