"""Name what a run did (converged, converging, slow, oscillating, diverged, …) and say why.

The verdict is read from the trace after the loop: stopping events first, then
the last window of steps (how fast |∇f| shrinks, whether steps reverse). For a
quadratic the Hessian's eigenvalues give the exact stable learning rates.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from tutor.engine.descent.loop import Trace
from tutor.engine.descent.problem import Problem, _num
from tutor.engine.descent_methods import DECLARED
from tutor.render.words import count

DEFAULT_TOL = 1e-6   # |∇f| below this counts as converged when no tol is given
FAST = 0.995         # |∇f| shrinking at least this fast per step is steady (linear) convergence
RUNAWAY = 1.01       # |∇f| growing this fast per step while moving away is divergence


@dataclass(frozen=True)
class StableRange:
    """For constant Hessian H: the learning rates for which this method's steps contract."""

    eigenvalues: tuple[float, ...]
    bound: float | None        # η must stay below this (None: no minimum, or no simple bound)
    formula: str               # how the bound is computed, e.g. "2/λ_max"
    lr: float
    factor: float | None       # GD: the worst per-step factor max|1 − ηλ|

    @property
    def at_boundary(self) -> bool:
        """η = bound (to rounding): the steepest direction neither shrinks nor grows."""
        return self.bound is not None and abs(self.lr - self.bound) <= 1e-9 * self.bound

    @property
    def stable(self) -> bool | None:
        if self.bound is None:
            return None
        return 0 < self.lr < self.bound and not self.at_boundary

    def sentence(self) -> str:
        lam = ", ".join(_num(x) for x in self.eigenvalues)
        if self.bound is None:
            if self.eigenvalues and self.eigenvalues[0] <= 0:
                return (f"The Hessian is constant with eigenvalues {lam}; one is ≤ 0, so f has no minimum "
                        "to converge to in that direction.")
            return f"The Hessian is constant with eigenvalues {lam}."
        if self.at_boundary:
            return (f"The Hessian is constant with eigenvalues {lam}; η = {self.lr:.6g} equals {self.formula} "
                    "exactly, the edge of the stable range: the steepest direction flips sign every step "
                    "without shrinking or growing.")
        eta, bound = _distinct(self.lr, self.bound)
        side = "below" if self.lr < self.bound else "above"
        text = (f"The Hessian is constant with eigenvalues {lam}, so the stable range is "
                f"0 < η < {self.formula} ≈ {bound}; η = {eta} is {side} it")
        if self.lr >= self.bound:
            return text + ": every step overshoots further."
        if self.factor == 0:
            return text + ": one step lands exactly on the minimum (the factor |1 − ηλ| is 0)."
        if self.factor is not None:
            return text + f": the slowest direction shrinks by a factor {self.factor:.4g} per step."
        return text + "."


@dataclass(frozen=True)
class Outcome:
    status: str               # converged, converging, slow, oscillating, stalled, noisy, diverged, undefined, unfinished
    reason: str               # one or two sentences: where and why it stopped
    notes: tuple[str, ...]    # further explanation
    rate: float | None        # per-step factor of |∇f| over the last window


def stable_range(problem: Problem, method: str, h: dict, lr: float) -> StableRange | None:
    if problem.hessian is None:
        return None
    H = -problem.hessian if h.get("maximize") else problem.hessian
    lam = tuple(float(x) for x in np.linalg.eigvalsh(H))
    step = DECLARED[method].step
    if lam[0] <= 0 or step == "adaptive":
        return StableRange(lam, None, "", lr, None)
    top = lam[-1]
    mu = h.get("momentum", 0.0)
    if step == "fixed":
        bound, formula = 2 / top, "2/λ_max"
        factor = max(abs(1 - lr * x) for x in lam)
    elif step == "momentum":
        bound, formula, factor = 2 * (1 + mu) / top, "2(1+μ)/λ_max", None
    else:
        bound, formula, factor = (2 + 2 * mu) / ((1 + 2 * mu) * top), "(2+2μ)/((1+2μ)·λ_max)", None
    return StableRange(lam, bound, formula, lr, factor)


OVERSHOOT = "every step overshoots further"


def diagnose(problem: Problem, trace: Trace, method: str, h: dict, lr: float, steps: int,
             tol: float | None, step_tol: float | None, stable: StableRange | None,
             minibatch: bool = False) -> Outcome:
    """The outcome, each thing said once: a reason that names the stable range keeps the
    overshoot clause, and the Hessian note then only states the range."""
    out = _diagnose(problem, trace, method, h, lr, steps, tol, step_tol, stable, minibatch)
    if OVERSHOOT in out.reason:
        out = replace(out, notes=tuple(n.replace(f": {OVERSHOOT}.", ".") for n in out.notes))
    return out


def _diagnose(problem: Problem, trace: Trace, method: str, h: dict, lr: float, steps: int,
              tol: float | None, step_tol: float | None, stable: StableRange | None,
              minibatch: bool = False) -> Outcome:
    T = len(trace.values) - 1
    gn = trace.grad_norms[-1]
    names = [s.name for s in problem.variables]
    ev = trace.event
    notes: list[str] = []
    if stable is not None:
        notes.append(stable.sentence())
    if ev is not None and ev.kind == "tol":
        return _converged(problem, trace, h, f"converged at step {T}: |∇f| = {gn:.3g} ≤ tol = {tol:g}",
                          notes)
    if ev is not None and ev.kind == "nonfinite":
        return _nonfinite(problem, trace, names, stable, notes)
    if ev is not None and ev.kind == "growth":
        best = float(np.min(trace.values)) if not h.get("maximize") else float(np.max(trace.values))
        reason = (f"diverged at step {ev.step}: f rose from {_num(trace.values[0])} (best {_num(best)}) "
                  f"to {_num(ev.value)}")
        return Outcome("diverged", _with_bound(reason, stable), tuple(notes), None)
    if ev is not None and ev.kind == "step_tol":
        if gn <= (tol if tol is not None else DEFAULT_TOL):
            return _converged(problem, trace, h, f"converged at step {T}: the step fell below step_tol = "
                              f"{step_tol:g} and |∇f| = {gn:.3g}", notes)
        return Outcome("stalled", f"stalled after {count(T, 'step')}: the step fell below step_tol = {step_tol:g}, "
                       f"but |∇f| = {gn:.3g} is not small, so this is not a stationary point",
                       tuple(notes + ["A larger learning rate or more steps would keep it moving."]), None)
    if gn <= (tol if tol is not None else DEFAULT_TOL):
        return _converged(problem, trace, h, _settled(trace.grad_norms, tol if tol is not None else DEFAULT_TOL),
                          notes)
    return _tail(trace, names, stable, notes, T, tol, minibatch, h, method)


def _settled(gn: np.ndarray, tol: float) -> str:
    """The run went on to the step limit: name the step from which |∇f| ≤ tol held, not the last one."""
    T = len(gn) - 1
    above = np.nonzero(gn > tol)[0]
    t = int(above[-1]) + 1 if len(above) else 0
    rest = f" (all {count(T, 'step')} were run)" if t < T else ""
    return f"converged at step {t}: |∇f| = {gn[t]:.3g} ≤ {tol:g} from then on{rest}"


def _converged(problem: Problem, trace: Trace, h: dict, reason: str, notes: list[str]) -> Outcome:
    """Converged: also say what kind of stationary point it is, from the Hessian there."""
    H = problem.hessian_at(trace.points[-1])
    if H is not None:
        lam = np.linalg.eigvalsh(-H if h.get("maximize") else H)
        tiny = 1e-8 * max(1.0, float(np.abs(lam).max()))
        goal = "maximum" if h.get("maximize") else "minimum"
        shown = ", ".join(_num(float(v)) for v in (-lam if h.get("maximize") else lam))
        if lam[0] > tiny:
            sign = "negative" if h.get("maximize") else "positive"
            notes.append(f"The Hessian there has eigenvalues {shown}, all {sign}: a local {goal}.")
        elif lam[0] < -tiny and lam[-1] > tiny:
            notes.append(f"Careful: this stationary point is a saddle, not a {goal}: the Hessian there has "
                         f"eigenvalues {shown}, of both signs. A start slightly off this path slides away.")
        elif lam[-1] < -tiny:
            other = "minimum" if goal == "maximum" else "maximum"
            notes.append(f"Careful: this stationary point is a local {other}, not a {goal} (Hessian eigenvalues "
                         f"{shown}): the run started exactly where the gradient leads there.")
        else:
            notes.append(f"The Hessian there has eigenvalues {shown}, one of them 0, so the second-derivative "
                         f"test cannot tell whether this is a {goal}; it may be a flat inflection.")
    return Outcome("converged", reason, tuple(notes), None)


def _tail(trace: Trace, names, stable, notes, T, tol, minibatch, h, method) -> Outcome:
    """Steps ran out: read the last window of the run."""
    gn = trace.grad_norms
    if T < 4:
        return Outcome("unfinished", f"the {count(T, 'step')} ran out with |∇f| = {gn[-1]:.3g}", tuple(notes), None)
    W = max(2, min(50, T // 4))
    sign = -1.0 if h.get("maximize") else 1.0
    L = sign * trace.values
    a, b = gn[-W - 1], gn[-1]
    rate = (b / a) ** (1 / W) if a > 0 and b > 0 else None
    d = np.diff(trace.points[-W - 2:], axis=0)
    dots = (d[1:] * d[:-1]).sum(axis=1)
    reversals = float(np.mean(dots < 0)) if len(dots) else 0.0
    moved = float(np.sqrt((d[-W:] ** 2).sum(axis=1)).mean())
    where = _point(names, trace.points[-1])
    growing = L[-1] > L[-W - 1]
    if stable is not None and stable.stable is False and not stable.at_boundary:
        reason = f"diverged: after {T} steps f = {_num(trace.values[-1])} and growing"
        return Outcome("diverged", _with_bound(reason, stable), tuple(notes), rate)
    if rate is not None and rate > RUNAWAY and growing:
        reason = (f"diverged: f grew over the last {W} steps and |∇f| grows by a factor {rate:.3g} per step "
                  "(the steps are too large)")
        return Outcome("diverged", reason, tuple(notes + ["Try a smaller learning rate."]), rate)
    if rate is not None and rate > RUNAWAY and not growing:
        far = np.linalg.norm(trace.points[-1]) > np.linalg.norm(trace.points[-W - 1])
        if far:
            reason = (f"diverged: the run heads off to infinity ({where} after {T} steps) while f keeps "
                      "falling, so f has no minimum in that direction")
            return Outcome("diverged", reason, tuple(notes), rate)
    if stable is not None and stable.eigenvalues and stable.eigenvalues[0] <= 1e-12 * max(1.0, abs(stable.eigenvalues[-1])):
        start_gap = np.linalg.norm(trace.points[-1] - trace.points[0])
        if not growing and start_gap > np.linalg.norm(trace.points[-W - 1] - trace.points[0]) and moved > 0:
            reason = (f"diverged: f has no minimum — after {T} steps ({where}) f = {_num(trace.values[-1])} and "
                      "still falling at a steady pace, and it falls without bound along this direction")
            return Outcome("diverged", reason, tuple(notes), rate)
    if minibatch:
        reason = (f"after {T} steps ({where}) the minibatch gradient is noisy: with a constant η the run "
                  f"wanders near a minimum instead of settling (|∇f| = {gn[-1]:.3g})")
        return Outcome("noisy", reason, tuple(notes + ["A smaller η, a larger batch, or a decaying η reduces "
                                                       "the wandering."]), rate)
    if reversals >= 0.8:
        if rate is not None and rate < FAST:
            notes.append("Each step overshoots the valley floor and jumps back across it (a zig-zag), "
                         "but the jumps shrink.")
            return Outcome("converging", _converging(T, where, gn[-1], rate, tol), tuple(notes), rate)
        reason = (f"oscillating: for the last {W} steps each step reverses the previous one, jumping "
                  f"back and forth across the valley ({where}, |∇f| = {gn[-1]:.3g}) without settling")
        return Outcome("oscillating", reason, tuple(notes + ["A smaller learning rate damps the jumps."]), rate)
    if rate is not None and rate < FAST:
        earlier = _window_rate(gn, W, 2 * W)
        linear = stable is not None and stable.bound is not None   # GD on a convex quadratic: linear rate
        if not linear and earlier is not None and earlier < 1 and (1 - rate) < 0.8 * (1 - earlier):
            reason = (f"slowing down: after {T} steps {where}; |∇f| = {gn[-1]:.3g} still shrinks, but by a "
                      f"factor {rate:.4g} per step now against {earlier:.4g} before, so each step gains less "
                      "than the last")
            notes.append(_slowing_note(h, method))
            return Outcome("slow", reason, tuple(notes), rate)
        return Outcome("converging", _converging(T, where, gn[-1], rate, tol), tuple(notes), rate)
    total = float(np.linalg.norm(trace.points[-1] - trace.points[0]))
    reason = (f"very slow progress: after {T} steps {where}, and each step now moves only about "
              f"{moved:.3g} (|∇f| = {gn[-1]:.3g}); it has moved {total:.4g} in total")
    if rate is not None and rate < 1:
        target = tol if tol is not None else DEFAULT_TOL
        more = math.ceil(math.log(target / gn[-1]) / math.log(rate)) if gn[-1] > target else 0
        notes.append(f"|∇f| shrinks by a factor of only {rate:.6g} per step; at that pace about {more} more "
                     f"steps would bring it below {target:g}.")
    else:
        notes.append(f"|∇f| changed by a factor of {b / a:.4g} over the last {W} steps: the run is not "
                     "closing in on a stationary point at any steady rate, just moving slowly.")
    if DECLARED[method].step == "adaptive":
        notes.append(_slowing_note(h, method))
        notes.append("More steps or a larger learning rate would get there sooner.")
    else:
        notes.append("More steps, a larger learning rate, or an adaptive method (AdaGrad, RMSprop, Adam) "
                     "would get there sooner.")
    return Outcome("slow", reason, tuple(notes), rate)


def _slowing_note(h: dict, method: str) -> str:
    if DECLARED[method].slowing:
        return DECLARED[method].slowing
    return ("Convergence that keeps slowing like this is typical near a flat stationary point (where the "
            "second derivative is 0 as well), which gradient descent approaches ever more slowly.")


def _window_rate(gn: np.ndarray, W: int, back: int) -> float | None:
    """Per-step factor of |∇f| over the window ending ``back − W`` steps before the end."""
    if len(gn) < back + 1:
        return None
    a, b = gn[-back - 1], gn[-back - 1 + W]
    return (b / a) ** (1 / W) if a > 0 and b > 0 else None


def _converging(T, where, gn, rate, tol) -> str:
    target = tol if tol is not None else DEFAULT_TOL
    more = math.ceil(math.log(target / gn) / math.log(rate)) if 0 < rate < 1 and gn > target else 0
    return (f"still converging when the {T} steps ran out ({where}): |∇f| = {gn:.3g} shrinks by a factor "
            f"of about {rate:.4g} per step; at that rate about {more} more steps would bring it below {target:g}")


def _nonfinite(problem: Problem, trace: Trace, names, stable, notes) -> Outcome:
    ev = trace.event
    assert ev is not None  # a run that stopped on a non-finite value records where
    pt = ev.point
    last = _point(names, trace.points[-1])
    if not np.all(np.isfinite(pt)):
        reason = f"diverged at step {ev.step}: the numbers overflowed after {last}"
        return Outcome("diverged", _with_bound(reason, stable), tuple(notes), None)
    why = problem.describe_undefined(pt)
    generic = why.startswith("f or its gradient")
    with np.errstate(all="ignore"):
        v, G = problem.evaluate(pt[None, :])
    overflow = not np.isnan(v).any() and not np.isnan(G).any()
    if generic and (overflow or np.max(np.abs(pt)) > 1e100):
        reason = f"diverged at step {ev.step}: f overflowed at {_point(names, pt)}"
        return Outcome("diverged", _with_bound(reason, stable), tuple(notes), None)
    reason = (f"stopped at step {ev.step}: {why}. The step from {last} jumped to a point where f or its "
              "derivative is not defined")
    return Outcome("undefined", reason,
                   tuple(notes + ["A smaller learning rate keeps the steps inside f's domain."]), None)


def _with_bound(reason: str, stable: StableRange | None) -> str:
    if stable is not None and stable.bound is not None and stable.lr > stable.bound and not stable.at_boundary:
        eta, bound = _distinct(stable.lr, stable.bound)
        return f"{reason}. η = {eta} is above {stable.formula} ≈ {bound}: every step overshoots further"
    return reason


def _point(names, p) -> str:
    return ", ".join(f"{n} = {_num(x)}" for n, x in zip(names, p))


def _distinct(eta: float, bound: float) -> tuple[str, str]:
    """η as given, and the bound with just enough digits that rounding keeps it on its side of η."""
    text = f"{bound:.12g}"
    for digits in range(2, 13):
        s = f"{bound:.{digits}g}"
        if (float(s) > eta) == (bound > eta) and float(s) != eta:
            text = s
            break
    return f"{eta:.6g}", text
