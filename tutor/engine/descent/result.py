"""The result of a descent: the path, the verdict, and how it reads in every format.

``Descent`` is one run; ``MultiDescent`` holds the runs of a vectorised
multi-start. The explanation is carried as data (status, reason, notes,
stable range); ``doc()`` only arranges it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from tutor.engine.descent.diagnose import StableRange
from tutor.engine.descent.optimizers import METHODS
from tutor.render import Doc, Line, Step, Table, line
from tutor.render.mixin import Rendered, jsonable
from tutor.render.words import count

_TABLE_HEAD, _TABLE_TAIL = 6, 4


def readable(expr: Any) -> Any:
    """Exact fractions with huge numerators or denominators shown as 8-digit decimals."""
    if not isinstance(expr, sp.Basic):
        return expr
    big = {r: sp.Float(r, 8) for r in expr.atoms(sp.Rational) if r.q > 1000 or abs(r.p) > 10**9}
    return expr.xreplace(big) if big else expr


def _float(x: Any) -> str:
    """A number the way Python prints a float (the course's output), integers included."""
    return repr(float(x))


@dataclass(frozen=True, eq=False)
class Descent(Rendered):
    """One run of an optimizer on f: ``points[t]`` is the point after t steps."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    method: str
    lr: float
    hyper: tuple[tuple[str, Any], ...]
    points: np.ndarray
    values: np.ndarray
    grad_norms: np.ndarray
    status: str
    stopped_reason: str
    notes: tuple[str, ...]
    rate: float | None
    stable_range: StableRange | None
    max_steps: int
    tol: float | None = None
    batch_size: int | None = None
    samples: int = 0
    seed: Any = None
    label: str | None = None
    _problem: Any = field(default=None, repr=False, compare=False)   # the compiled f, for figures

    @property
    def problem(self):
        """The compiled problem (value and gradient functions, data); rebuilt if not kept."""
        if self._problem is not None:
            return self._problem
        from tutor.engine.descent.problem import build_problem

        return build_problem(self.function, self.variables)

    @property
    def converged(self) -> bool:
        return self.status == "converged"

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"

    @property
    def final(self) -> np.ndarray:
        """The last point reached (a copy)."""
        return self.points[-1].copy()

    @property
    def final_value(self) -> float:
        return float(self.values[-1])

    @property
    def steps(self) -> int:
        """Steps actually taken."""
        return len(self.values) - 1

    @property
    def hyper_parameters(self) -> dict[str, Any]:
        return dict(self.hyper)

    def _label(self) -> str:
        return "f(" + ", ".join(s.name for s in self.variables) + ")"

    def to_table(self, every: int = 1) -> str:
        """Epoch lines as the course's loops print them: ``Epoch 1: x = 8.0, f(x) = 64.0``."""
        every = max(1, int(every))
        epochs = list(range(every, self.steps + 1, every))
        if self.steps and (not epochs or epochs[-1] != self.steps):
            epochs.append(self.steps)
        rows = []
        for t in epochs:
            coords = ", ".join(f"{s.name} = {_float(x)}" for s, x in zip(self.variables, self.points[t]))
            rows.append(f"Epoch {t}: {coords}, {self._label()} = {_float(self.values[t])}")
        return "\n".join(rows)

    def doc(self) -> Doc:
        rule = METHODS[self.method]
        if self.samples:
            kind = "Stochastic gradient descent" if self.batch_size and self.method == "gd" else rule.title.capitalize()
            title = line(f"{kind} on the sum over {self.samples} samples of ℓ =", self.function)
        elif self.label:
            title = line(f"{rule.title.capitalize()} on L = {self.label}")
        else:
            title = line(f"{rule.title.capitalize()} on f =", self.function)
        setup = [] if not self.label else [line("Expanded: L =", readable(self.function))]
        setup += [line(f"Start at {self._point(0)}, learning rate η = {self.lr:g}, at most {count(self.max_steps, 'step')}"
                      + (f", stop when |∇f| ≤ {self.tol:g}" if self.tol is not None else "") + ".")]
        setup += [Line((f"Update: {u}",)) for u in rule.formula]
        extra = {k: v for k, v in self.hyper if k in rule.defaults and rule.defaults[k] != v}
        if extra:
            setup.append(Line(("Hyper-parameters: " + ", ".join(f"{k} = {v}" for k, v in extra.items()) + ".",)))
        setup.append(Line((f"Same update as {rule.torch}.",)))
        if self.batch_size is not None:
            setup.append(Line((f"Stochastic: each step uses a random minibatch of {self.batch_size} of the "
                               f"{self.samples} samples (seed {self.seed!r}).",)))
        nodes: list[Any] = [Step(Line(("Set-up",)), tuple(setup))]
        nodes.append(self._table())
        nodes.append(Line((f"Result ({self.status}): {self.stopped_reason}.",)))
        nodes += [Line((n,)) for n in self.notes]
        nodes.append(Line((f"Final point: {self._point(-1)}, f = {_float(self.values[-1])}.",)))
        return Doc(title, tuple(nodes))

    def _point(self, i: int) -> str:
        return ", ".join(f"{s.name} = {float(x):.10g}" for s, x in zip(self.variables, self.points[i]))

    def _table(self) -> Table:
        T = self.steps
        idx = list(range(T + 1))
        if len(idx) > _TABLE_HEAD + _TABLE_TAIL + 1:
            idx = idx[:_TABLE_HEAD] + [-1] + idx[-_TABLE_TAIL:]
        header = ("step", *(s.name for s in self.variables), "f", "|∇f|")
        rows = []
        for t in idx:
            if t < 0:
                rows.append(tuple("…" for _ in header))
                continue
            rows.append((str(t), *(f"{float(x):.10g}" for x in self.points[t]),
                         f"{float(self.values[t]):.10g}", f"{float(self.grad_norms[t]):.3g}"))
        return Table(header, tuple(rows))

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "Descent",
            "function": jsonable(self.function),
            "label": self.label,
            "variables": [s.name for s in self.variables],
            "method": self.method,
            "lr": self.lr,
            "hyper": jsonable(dict(self.hyper)),
            "status": self.status,
            "converged": self.converged,
            "diverged": self.diverged,
            "stopped_reason": self.stopped_reason,
            "notes": list(self.notes),
            "steps": self.steps,
            "max_steps": self.max_steps,
            "tol": self.tol,
            "rate": self.rate,
            "stable_range": None if self.stable_range is None else {
                "eigenvalues": list(self.stable_range.eigenvalues), "bound": self.stable_range.bound,
                "formula": self.stable_range.formula, "stable": self.stable_range.stable},
            "final": jsonable(self.final),
            "final_value": jsonable(self.final_value),
            "points": jsonable(self.points),
            "values": jsonable(self.values),
            "grad_norms": jsonable(self.grad_norms),
            "batch_size": self.batch_size,
            "samples": self.samples,
            "seed": jsonable(self.seed),
        }


@dataclass(frozen=True, eq=False)
class MultiDescent(Rendered):
    """Several starts run together; ``runs[i]`` is the run from ``starts[i]``."""

    runs: tuple[Descent, ...]

    def __len__(self) -> int:
        return len(self.runs)

    def __iter__(self):
        return iter(self.runs)

    def __getitem__(self, i: int) -> Descent:
        return self.runs[i]

    @property
    def starts(self) -> np.ndarray:
        return np.array([r.points[0] for r in self.runs])

    @property
    def finals(self) -> np.ndarray:
        return np.array([r.points[-1] for r in self.runs])

    @property
    def converged(self) -> np.ndarray:
        return np.array([r.converged for r in self.runs])

    @property
    def diverged(self) -> np.ndarray:
        return np.array([r.diverged for r in self.runs])

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(r.status for r in self.runs)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.statuses:
            out[s] = out.get(s, 0) + 1
        return out

    def doc(self) -> Doc:
        first = self.runs[0]
        rule = METHODS[first.method]
        title = line(f"{rule.title.capitalize()} from {len(self.runs)} starts on f =", first.function)
        summary = ", ".join(f"{n} {s}" for s, n in self.counts().items())
        header = ("start", "final", "f", "steps", "status")
        shown = self.runs if len(self.runs) <= 20 else self.runs[:20]
        rows = tuple((r._point(0), r._point(-1), f"{r.final_value:.6g}", str(r.steps), r.status) for r in shown)
        nodes: list[Any] = [Line((f"η = {first.lr:g}; outcomes: {summary}.",)), Table(header, rows)]
        if len(self.runs) > 20:
            nodes.append(Line((f"(first 20 of {len(self.runs)} runs shown)",)))
        return Doc(title, tuple(nodes))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "MultiDescent", "counts": self.counts(), "runs": [r.to_dict() for r in self.runs]}
