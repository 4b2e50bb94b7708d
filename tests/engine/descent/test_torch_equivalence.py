"""Our optimizers against torch.optim with the same hyper-parameters (skipped without torch).

Two comparisons: torch fed our symbolic gradient at each of its points (the
update rules alone), and torch computing its own gradient by autograd (the
whole pipeline). Both must agree to ~1e-12 in float64.
"""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from tutor.engine.descent import descend, lr_sweep

torch = pytest.importorskip("torch")

x, y = sp.symbols("x y")
QUAD = 3 * x**2 + x * y + 2 * y**2 - 4 * x + y          # convex, constant Hessian
NONCONVEX = x**4 / 4 - x**2 + 2 * y**2 + x * y / 2 + sp.sin(y)

CASES = [
    ("gd", {}, torch.optim.SGD, {}),
    ("ascent", {}, torch.optim.SGD, {"maximize": True}),
    ("momentum", {"momentum": 0.8}, torch.optim.SGD, {"momentum": 0.8}),
    ("momentum", {"momentum": 0.5, "dampening": 0.3, "weight_decay": 0.01}, torch.optim.SGD,
     {"momentum": 0.5, "dampening": 0.3, "weight_decay": 0.01}),
    ("nesterov", {"momentum": 0.9}, torch.optim.SGD, {"momentum": 0.9, "nesterov": True}),
    ("adagrad", {}, torch.optim.Adagrad, {}),
    ("adagrad", {"eps": 1e-6, "initial_accumulator_value": 0.1, "lr_decay": 0.01}, torch.optim.Adagrad,
     {"eps": 1e-6, "initial_accumulator_value": 0.1, "lr_decay": 0.01}),
    ("rmsprop", {}, torch.optim.RMSprop, {}),
    ("rmsprop", {"alpha": 0.9, "momentum": 0.5, "centered": True}, torch.optim.RMSprop,
     {"alpha": 0.9, "momentum": 0.5, "centered": True}),
    ("adam", {}, torch.optim.Adam, {}),
    ("adam", {"betas": (0.8, 0.99), "eps": 1e-6, "amsgrad": True, "weight_decay": 0.1}, torch.optim.Adam,
     {"betas": (0.8, 0.99), "eps": 1e-6, "amsgrad": True, "weight_decay": 0.1}),
]
IDS = [f"{m}-{i}" for i, (m, *_rest) in enumerate(CASES)]


def _torch_path(opt_cls, kwargs, start, lr, steps, grad_of):
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = opt_cls([p], lr=lr, foreach=False, **kwargs)
    path = [p.detach().clone().numpy()]
    for _ in range(steps):
        opt.zero_grad()
        grad_of(p)
        opt.step()
        path.append(p.detach().clone().numpy())
    return np.array(path)


def _feed(expr):
    """Give torch our own gradient at its current point (tests the update rules alone)."""
    g = sp.lambdify([x, y], [sp.diff(expr, x), sp.diff(expr, y)])

    def grad_of(p):
        a, b = p.detach().numpy()
        p.grad = torch.tensor([float(v) for v in g(a, b)], dtype=torch.float64)
    return grad_of


def _autograd_quad(p):
    a, b = p[0], p[1]
    (3 * a**2 + a * b + 2 * b**2 - 4 * a + b).backward()


@pytest.mark.parametrize("method,ours,opt_cls,theirs", CASES, ids=IDS)
def test_update_rules_match_torch(method, ours, opt_cls, theirs):
    start, lr, steps = [1.5, -0.7], 0.05, 60
    expr = -NONCONVEX if method == "ascent" else NONCONVEX
    run = descend(expr, start, lr, steps, method=method, **ours)
    ref = _torch_path(opt_cls, theirs, start, lr, steps, _feed(expr))
    assert run.points.shape == ref.shape
    np.testing.assert_allclose(run.points, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("method,ours,opt_cls,theirs", CASES, ids=IDS)
def test_whole_pipeline_matches_torch_autograd(method, ours, opt_cls, theirs):
    if method == "ascent":
        pytest.skip("ascent on a convex quadratic runs away; covered with fed gradients")
    start, lr, steps = [2.0, -1.0], 0.03, 80
    run = descend(QUAD, start, lr, steps, method=method, **ours)
    ref = _torch_path(opt_cls, theirs, start, lr, steps, _autograd_quad)
    # Centered RMSprop divides by √(s − ḡ²), which cancels as the run settles: the one-ulp
    # difference between autograd's gradient and ours grows there (the fed test shows the rule is exact).
    tol = 1e-9 if theirs.get("centered") else 1e-12
    np.testing.assert_allclose(run.points, ref, rtol=tol, atol=tol)


@pytest.mark.parametrize("method,ours,opt_cls,theirs", CASES, ids=IDS)
def test_vectorised_runs_match_torch(method, ours, opt_cls, theirs):
    """k starts advanced together give each start's torch trajectory."""
    expr = -NONCONVEX if method == "ascent" else NONCONVEX
    starts = np.array([[1.5, -0.7], [-1.0, 0.4], [0.3, 0.9]])
    lr, steps = 0.05, 40
    runs = descend(expr, starts, lr, steps, method=method, **ours)
    for run, s in zip(runs, starts):
        ref = _torch_path(opt_cls, theirs, list(s), lr, steps, _feed(expr))
        np.testing.assert_allclose(run.points, ref, rtol=1e-12, atol=1e-12)


def test_sweep_rows_match_torch_per_learning_rate():
    lrs = [0.01, 0.05, 0.2]
    sweep = lr_sweep(QUAD, [2.0, -1.0], lrs, 50, method="adam")
    for lr, run in zip(lrs, sweep):
        ref = _torch_path(torch.optim.Adam, {}, [2.0, -1.0], lr, 50, _autograd_quad)
        np.testing.assert_allclose(run.points, ref, rtol=1e-12, atol=1e-12)
