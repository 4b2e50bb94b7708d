"""One problem, several learning rates, run side by side and compared.

All learning rates advance together as rows of one array (each row has its
own η), so a sweep costs little more than a single run.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from tutor.engine.descent.api import check_starts, make_descent, minibatch, prepare, start_array
from tutor.engine.descent.errors import BadLearningRate, BadStart
from tutor.engine.descent.loop import run_many
from tutor.engine.descent.result import Descent
from tutor.render import Doc, Line, Table, line
from tutor.render.mixin import Rendered
from tutor.render.words import count

# how a sweep groups the outcomes, in the order it reports them
GROUPS = {"converged": "converged", "converging": "converging", "oscillating": "oscillating",
          "slow": "slow", "stalled": "slow", "noisy": "noisy", "unfinished": "unfinished",
          "diverged": "diverged", "undefined": "left the domain"}


@dataclass(frozen=True, eq=False)
class Sweep(Rendered):
    """Runs of the same problem at each learning rate in ``lrs``."""

    lrs: tuple[float, ...]
    runs: tuple[Descent, ...]

    def __iter__(self):
        return iter(self.runs)

    def __len__(self) -> int:
        return len(self.runs)

    def __getitem__(self, i: int) -> Descent:
        return self.runs[i]

    @property
    def summary(self) -> dict[float, str]:
        """Learning rate -> outcome group (converged, converging, oscillating, slow, diverged, …)."""
        return {lr: GROUPS.get(r.status, r.status) for lr, r in zip(self.lrs, self.runs)}

    def best(self) -> Descent | None:
        """The run that ended lowest (highest, for ascent) among those that did not diverge."""
        ok = [r for r in self.runs if r.status not in ("diverged", "undefined")]
        if not ok:
            return None
        sign = -1 if ok[0].hyper_parameters.get("maximize") else 1
        return min(ok, key=lambda r: sign * r.final_value)

    def doc(self) -> Doc:
        first = self.runs[0]
        title = line(f"Learning-rate sweep ({first.method}) on f =", first.function)
        rows = tuple((f"{lr:g}", GROUPS.get(r.status, r.status), r._point(-1), f"{r.final_value:.6g}",
                      str(r.steps)) for lr, r in zip(self.lrs, self.runs))
        nodes: list[Any] = [Line((f"All runs start at {first._point(0)}, at most {count(first.max_steps, 'step')}.",)),
                            Table(("η", "outcome", "final point", "f", "steps"), rows)]
        for lr, r in zip(self.lrs, self.runs):
            nodes.append(Line((f"η = {lr:g}: {r.stopped_reason}.",)))
        if first.stable_range is not None:
            nodes.append(Line((first.stable_range.sentence().split(", so the stable range")[0]
                               + self._range_text(first),)))
        best = self.best()
        if best is not None and len(self.runs) > 1:
            nodes.append(Line((f"Lowest final value: η = {best.lr:g} (f = {best.final_value:.6g}).",)))
        return Doc(title, tuple(nodes))

    @staticmethod
    def _range_text(run: Descent) -> str:
        sr = run.stable_range
        if sr is None or sr.bound is None:
            return "."
        return f"; gradient descent is stable for 0 < η < {sr.formula} ≈ {sr.bound:.4g}."

    def to_dict(self) -> dict[str, Any]:
        return {"type": "Sweep", "lrs": list(self.lrs),
                "summary": {f"{lr:g}": s for lr, s in self.summary.items()},
                "runs": [r.to_dict() for r in self.runs]}


def lr_sweep(f: Any, start: Any, lrs: Sequence[Any], steps: Any, method: str = "gd", tol: float | None = None,
             *, step_tol: float | None = None, variables: Sequence[Any] | None = None,
             data: Mapping[Any, Any] | None = None, batch_size: int | None = None, seed: Any = 0,
             reduction: str = "sum", **hyper: Any) -> Sweep:
    """Run ``method`` from one start at each learning rate; the runs advance together."""
    if isinstance(lrs, (str, bytes)) or not hasattr(lrs, "__iter__"):
        lrs = [lrs]
    lrs = list(lrs)
    if not lrs:
        raise BadLearningRate("give at least one learning rate to sweep")
    problem, rule, h, etas, n_steps, tol, step_tol = prepare(f, variables, data, reduction, method, hyper,
                                                             lrs, steps, tol, step_tol)
    starts, many = start_array(start, problem)
    if many:
        raise BadStart("a sweep runs from one start; give a single point")
    check_starts(problem, starts)
    batch, rng = minibatch(problem, batch_size, seed)
    rows = np.repeat(starts, len(etas), axis=0)
    traces = run_many(problem, rows, rule, h, np.array(etas), n_steps, tol, step_tol, batch, rng)
    runs = tuple(make_descent(problem, t, rule, h, eta, n_steps, tol, step_tol, batch, seed)
                 for t, eta in zip(traces, etas))
    return Sweep(tuple(etas), runs)
