"""Why stochastic gradient descent works: the minibatch gradient is an unbiased estimate.

For a loss L = Σᵢ ℓᵢ over N samples, a uniformly random minibatch B of size b
gives the estimate (N/b)·Σ_{i∈B} ∇ℓᵢ. Each sample lies in B with probability
b/N, so its expectation is Σᵢ ∇ℓᵢ = ∇L. ``minibatch_check`` shows this with
numbers: exactly (averaging over every possible batch, when there are few)
and by sampling.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from tutor.engine.descent.api import seeded_rng, start_array
from tutor.engine.descent.errors import BadData
from tutor.engine.descent.problem import build_problem
from tutor.render import Doc, Line, Step, Table, line
from tutor.render.mixin import Rendered, jsonable

_ENUMERATE_LIMIT = 5000


@dataclass(frozen=True, eq=False)
class GradientCheck(Rendered):
    """The full gradient at a point against the mean of minibatch estimates."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    point: np.ndarray
    samples: int
    batch_size: int
    full: np.ndarray                 # ∇L at the point
    exact_mean: np.ndarray | None    # mean over every possible minibatch (None: too many to list)
    batches: int                     # how many random minibatches were drawn
    sampled_mean: np.ndarray
    std_error: np.ndarray            # standard error of the sampled mean, per component
    spread: np.ndarray               # standard deviation of a single minibatch estimate
    reduction: str

    @property
    def unbiased(self) -> bool:
        """The exact mean equals the full gradient (to rounding), and sampling agrees within 4 SE."""
        ok = True
        if self.exact_mean is not None:
            ok = bool(np.allclose(self.exact_mean, self.full, rtol=1e-9, atol=1e-9 * (1 + np.abs(self.full).max())))
        gap = np.abs(self.sampled_mean - self.full)
        return ok and bool(np.all(gap <= 4 * self.std_error + 1e-12 * (1 + np.abs(self.full))))

    def doc(self) -> Doc:
        N, b = self.samples, self.batch_size
        names = [s.name for s in self.variables]
        where = ", ".join(f"{n} = {float(v):.6g}" for n, v in zip(names, self.point))
        total = "Σᵢ" if self.reduction == "sum" else "(1/N)·Σᵢ"
        scale = "(N/b)·Σ_{i∈B}" if self.reduction == "sum" else "(1/b)·Σ_{i∈B}"
        argument = Step(Line(("Why the estimate is unbiased:",)), (
            Line((f"The loss is L = {total} ℓᵢ over the N = {N} samples; a minibatch B is {b} of them "
                  "chosen uniformly at random.",)),
            Line((f"The estimate is g_B = {scale} ∇ℓᵢ. Each sample is in B with probability b/N = {b}/{N}.",)),
            Line(("So E[g_B] = (N/b)·(b/N)·Σᵢ ∇ℓᵢ = Σᵢ ∇ℓᵢ = ∇L." if self.reduction == "sum" else
                  "So E[g_B] = (1/b)·(b/N)·Σᵢ ∇ℓᵢ = (1/N)·Σᵢ ∇ℓᵢ = ∇L.",)),
        ))
        header = ("", *names)
        rows = [("∇L (all samples)", *(f"{v:.8g}" for v in self.full))]
        if self.exact_mean is not None:
            count = math.comb(N, b)
            rows.append((f"mean over all {count} minibatches", *(f"{v:.8g}" for v in self.exact_mean)))
        rows.append((f"mean of {self.batches} random minibatches", *(f"{v:.8g}" for v in self.sampled_mean)))
        rows.append(("± standard error", *(f"{v:.3g}" for v in self.std_error)))
        rows.append(("spread of one minibatch", *(f"{v:.3g}" for v in self.spread)))
        verdict = ("The averages agree with the full gradient: the minibatch gradient is an unbiased estimate, "
                   "though any single minibatch can be far off (its spread) — that noise is what makes "
                   "SGD wander." if self.unbiased else
                   "The sampled mean is further from the full gradient than sampling noise explains.")
        return Doc(line(f"Minibatch gradients at {where} for f =", self.function),
                   (argument, Table(header, tuple(rows)), Line((verdict,))))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "GradientCheck", "variables": [s.name for s in self.variables],
                "point": jsonable(self.point), "samples": self.samples, "batch_size": self.batch_size,
                "full": jsonable(self.full), "exact_mean": jsonable(self.exact_mean),
                "sampled_mean": jsonable(self.sampled_mean), "std_error": jsonable(self.std_error),
                "spread": jsonable(self.spread), "batches": self.batches, "unbiased": self.unbiased,
                "reduction": self.reduction}


def minibatch_check(f: Any, data: Mapping[Any, Any], at: Any, batch_size: int,
                    variables: Sequence[Any] | None = None, batches: int = 2000, seed: Any = 0,
                    reduction: str = "sum") -> GradientCheck:
    """Compare ∇L at ``at`` with minibatch estimates (f is one sample's term over ``data``)."""
    problem = build_problem(f, variables, data, reduction)
    pts, many = start_array(at, problem)
    if many:
        raise BadData("the check is made at one point")
    N = problem.samples
    if not (isinstance(batch_size, int) and 1 <= batch_size <= N):
        raise BadData(f"batch_size must be a whole number from 1 to the {N} samples, not {batch_size!r}")
    if not (isinstance(batches, int) and batches >= 2):
        raise BadData("draw at least 2 random minibatches")
    per = problem.per_sample_gradients(pts[0])           # (N, n), reduction applied
    full = per.sum(axis=0)
    factor = N / batch_size
    exact = None
    if math.comb(N, batch_size) <= _ENUMERATE_LIMIT:
        acc = np.zeros_like(full)
        count = 0
        for combo in itertools.combinations(range(N), batch_size):
            acc += per[list(combo)].sum(axis=0) * factor
            count += 1
        exact = acc / count
    rng = seeded_rng(seed, sp.srepr(problem.expr), batch_size, N, "check")
    draws = np.array([per[rng.choice(N, size=batch_size, replace=False)].sum(axis=0) * factor
                      for _ in range(batches)])
    spread = draws.std(axis=0, ddof=1)
    return GradientCheck(function=problem.expr, variables=problem.variables, point=pts[0], samples=N,
                         batch_size=batch_size, full=full, exact_mean=exact, batches=batches,
                         sampled_mean=draws.mean(axis=0), std_error=spread / math.sqrt(batches), spread=spread,
                         reduction=reduction)
