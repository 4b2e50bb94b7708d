"""``descend``: check the inputs, compile f once, run, and explain the run.

Every problem with the input is found before the first step and reported as
a ``DescentInputError`` subclass naming what is wrong; problems that appear
mid-run (a NaN, an overflow) end the run and are explained in the result.
"""
from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from tutor.engine.descent.diagnose import diagnose, stable_range
from tutor.engine.descent.errors import (BadData, BadHyperParameter, BadLearningRate, BadStart, BadSteps,
                                         DescentInputError, UndefinedStart)
from tutor.engine.descent.loop import Trace, run_many, run_single
from tutor.engine.descent.optimizers import Rule, get_rule
from tutor.engine.descent.problem import Problem, _num, build_problem, corners
from tutor.engine.descent.result import Descent, MultiDescent
from tutor.render.words import are_not, count


def descend(f: Any, start: Any, lr: Any, steps: Any, method: str = "gd", tol: float | None = None, *,
            step_tol: float | None = None, variables: Sequence[Any] | None = None,
            data: Mapping[Any, Any] | None = None, batch_size: int | None = None, seed: Any = 0,
            reduction: str = "sum", **hyper: Any) -> Descent | MultiDescent:
    """Run ``method`` on f from ``start`` (one point, or a (k × n) array of starts run together).

    ``hyper`` takes torch.optim's names (momentum, alpha, eps, betas, …). With ``data``
    (column name -> values), f is one sample's term and the loss is their sum (or mean);
    ``batch_size`` makes the descent stochastic, seeded from ``seed`` and the problem.
    """
    eta = learning_rate(lr)
    problem, rule, h, eta, n_steps, tol, step_tol = prepare(f, variables, data, reduction, method, hyper,
                                                            eta, steps, tol, step_tol)
    starts, many = start_array(start, problem)
    check_starts(problem, starts)
    batch, rng = minibatch(problem, batch_size, seed)
    if not many and problem.data is None:
        traces = [run_single(problem, starts[0], rule, h, eta, n_steps, tol, step_tol)]
    else:
        traces = run_many(problem, starts, rule, h, eta, n_steps, tol, step_tol, batch, rng)
    cache: dict = {}
    runs = tuple(make_descent(problem, t, rule, h, eta, n_steps, tol, step_tol, batch, seed, cache)
                 for t in traces)
    return MultiDescent(runs) if many else runs[0]


def prepare(f, variables, data, reduction, method, hyper, lr, steps, tol, step_tol):
    """Check everything but the start, then compile f; ``lr`` may be a list (for a sweep)."""
    label = None
    if hasattr(f, "descent_problem"):
        label = getattr(f, "label", None)
        f, variables = f.descent_problem()
    rule, h = get_rule(method, hyper)
    eta = [learning_rate(x) for x in lr] if isinstance(lr, list) else learning_rate(lr)
    n_steps = step_count(steps)
    tol = _tolerance(tol, "tol")
    step_tol = _tolerance(step_tol, "step_tol")
    problem = build_problem(f, variables, data, reduction)
    if label:
        problem = dataclasses.replace(problem, label=label)
    return problem, rule, h, eta, n_steps, tol, step_tol


def make_descent(problem: Problem, trace: Trace, rule: Rule, h: dict, eta: float, n_steps: int,
                 tol, step_tol, batch, seed, cache: dict | None = None) -> Descent:
    cache = {} if cache is None else cache
    if eta not in cache:  # one eigen-decomposition per learning rate, however many starts
        cache[eta] = stable_range(problem, rule.name, h, eta)
    stable = cache[eta]
    outcome = diagnose(problem, trace, rule.name, h, eta, n_steps, tol, step_tol, stable,
                       minibatch=batch is not None)
    return Descent(function=problem.expr, variables=problem.variables, method=rule.name, lr=eta,
                   hyper=tuple(sorted(h.items())), points=trace.points, values=trace.values,
                   grad_norms=trace.grad_norms, status=outcome.status, stopped_reason=outcome.reason,
                   notes=outcome.notes, rate=outcome.rate, stable_range=stable, max_steps=n_steps, tol=tol,
                   batch_size=batch, samples=problem.samples, seed=seed if batch is not None else None,
                   label=problem.label, _problem=problem)


def _number(x: Any) -> float | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, float, Fraction, np.integer, np.floating)):
        return float(x)
    if isinstance(x, str):
        try:
            return float(Fraction(x.strip()))
        except (ValueError, ZeroDivisionError):
            from tutor.engine.inputs import as_expr

            x = as_expr(x)
    if isinstance(x, sp.Basic) and x.is_number:
        try:
            return float(x)
        except (TypeError, ValueError):
            return None
    return None


def learning_rate(lr: Any) -> float:
    if isinstance(lr, (list, tuple, np.ndarray)):
        raise BadLearningRate("descend takes one learning rate; use lr_sweep to compare several")
    value = _number(lr)
    if value is None or not math.isfinite(value):
        raise BadLearningRate(f"the learning rate must be a positive number, not {lr!r}")
    if value <= 0:
        raise BadLearningRate(f"the learning rate must be positive, but lr = {_num(value)}: a step of "
                              f"{'zero never moves' if value == 0 else 'negative size climbs uphill'}")
    return value


def step_count(steps: Any) -> int:
    value = _number(steps)
    if value is None or not math.isfinite(value) or value != int(value):
        raise BadSteps(f"steps must be a whole number of steps, not {steps!r}")
    if value <= 0:
        raise BadSteps(f"steps must be at least 1, but steps = {int(value)}")
    if value > 10_000_000:
        raise BadSteps(f"steps = {int(value)} is more than the limit of 10,000,000")
    return int(value)


def _tolerance(tol: Any, name: str) -> float | None:
    if tol is None:
        return None
    value = _number(tol)
    if value is None or not math.isfinite(value) or value < 0:
        raise BadHyperParameter(f"{name} must be a number ≥ 0, not {tol!r}")
    return value


def start_array(start: Any, problem: Problem) -> tuple[np.ndarray, bool]:
    """The start(s) as a (k, n) float array, and whether several starts were given."""
    n = problem.n
    names = ", ".join(s.name for s in problem.variables)
    if isinstance(start, Mapping) or (isinstance(start, str) and "=" in start):
        from tutor.engine.inputs import as_point

        try:
            point = as_point(start, problem.variables)
        except (TypeError, ValueError) as exc:
            raise BadStart(f"could not read the start: {exc}") from None
        missing = [s.name for s in problem.variables if s not in point]
        unknown = [str(s) for s in point if s not in problem.variables]
        if missing or unknown:
            raise BadStart(f"the start must give each of {names}"
                           + (f"; missing {', '.join(missing)}" if missing else "")
                           + (f"; {are_not(unknown, where='of f')}" if unknown else ""))
        start = [point[s] for s in problem.variables]
    if isinstance(start, str):
        from tutor.engine.inputs import as_expr

        start = as_expr(start)
    if isinstance(start, sp.Basic) and not isinstance(start, (sp.Tuple, sp.MatrixBase)):
        start = [start]
    try:
        raw = np.array(start, dtype=object)
        arr = np.vectorize(_coordinate, otypes=[float])(raw) if raw.size else raw.astype(float)
    except (TypeError, ValueError) as exc:
        raise BadStart(f"the start must be numbers, one per variable ({names}): {exc}") from None
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim == 1:
        if arr.shape[0] != n:
            hint = (f"; for several starts give a column, e.g. [[{_num(arr[0])}], [{_num(arr[1])}]]"
                    if n == 1 and arr.shape[0] > 1 else "")
            raise BadStart(f"f has {count(n, 'variable')} ({names}) but the start has "
                           f"{count(arr.shape[0], 'coordinate')}{hint}")
        many, arr = False, arr[None, :]
    elif arr.ndim == 2:
        if arr.shape[1] != n or arr.shape[0] == 0:
            raise BadStart(f"several starts must form a (k × {n}) array, one row per start with a "
                           f"coordinate for each of {names}; got shape {arr.shape}")
        many = True
    else:
        raise BadStart(f"the start must be one point or a (k × {n}) array of points; got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise BadStart("the start must be finite numbers")
    return arr, many


def _coordinate(x: Any) -> float:
    value = _number(x)
    if value is None:
        raise ValueError(f"{x!r} is not a number")
    return value


def check_starts(problem: Problem, starts: np.ndarray) -> None:
    """Refuse a start where f or its gradient is undefined, or f has a corner."""
    with np.errstate(all="ignore"):
        v, G = problem.evaluate(starts)
    names = [s.name for s in problem.variables]
    on_corner = corners(problem.expr, problem.variables, starts)
    defined = np.isfinite(v) & np.isfinite(G).all(axis=1)
    for i in np.nonzero(~defined | np.array([c is not None for c in on_corner]))[0]:
        row = starts[i]
        where = ", ".join(f"{n} = {_num(x)}" for n, x in zip(names, row))
        which = f"start {i + 1} ({where})" if len(starts) > 1 else f"the start {where}"
        if on_corner[i]:
            raise UndefinedStart(f"f is not differentiable at {which}: {on_corner[i]}; start somewhere else")
        if not defined[i]:
            why = problem.describe_undefined(row)
            what = "f is not defined" if not np.isfinite(v[i]) else "the gradient of f is not defined"
            raise UndefinedStart(f"{what} at {which}: {why}; start somewhere else")


def seeded_rng(seed: Any, *parts: Any) -> np.random.Generator:
    """A NumPy generator seeded from stable text (hashlib, never hash())."""
    text = "|".join(str(p) for p in (seed, *parts))
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def minibatch(problem: Problem, batch_size: Any, seed: Any):
    if batch_size is None:
        return None, None
    if problem.data is None:
        raise BadData("batch_size needs a data set: pass data={column: values} with f as one sample's term")
    N = problem.samples
    b = _number(batch_size)
    if b is None or b != int(b) or not 1 <= b <= N:
        raise BadData(f"batch_size must be a whole number from 1 to the {N} samples, not {batch_size!r}")
    b = int(b)
    if b == N:
        return None, None
    rng = seeded_rng(seed, sp.srepr(problem.expr), [s.name for s in problem.variables],
                     [s.name for s in problem.data_symbols], b, N)
    return b, rng


__all__ = ["descend", "DescentInputError", "learning_rate", "step_count", "start_array", "seeded_rng"]
