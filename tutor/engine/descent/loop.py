"""The descent loops: no SymPy here, only the compiled function and the update rule.

One start runs on Python floats (a call to the compiled function costs less
than a microsecond); several starts advance together as (k, n) arrays and are
checked for stopping once per chunk of steps, so a check costs nothing per step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tutor.engine.descent.optimizers import ARRAY_OPS, SCALAR_OPS, Rule, initial_state
from tutor.engine.descent.problem import Problem

GROWTH = 1e4   # the loss rising this many times its starting scale above its best value is divergence
CHUNK = 64


@dataclass(frozen=True)
class Event:
    """Why a run stopped before its step budget: ``kind`` in tol, step_tol, nonfinite, growth."""

    kind: str
    step: int
    point: np.ndarray
    value: float


@dataclass(frozen=True)
class Trace:
    points: np.ndarray      # (T+1, n), all finite
    values: np.ndarray      # (T+1,)
    grad_norms: np.ndarray  # (T+1,)
    event: Event | None


def _scale(v0: float, best: float) -> float:
    return max(v0 - best, abs(v0), abs(best), 1e-300)


def run_single(problem: Problem, start, rule: Rule, h: dict, lr: float, steps: int,
               tol: float | None, step_tol: float | None) -> Trace:
    """One start on Python floats; falls back to the array loop when the math module can't."""
    fn = problem.scalar_fn
    if fn is None:
        return run_many(problem, np.asarray([start], dtype=float), rule, h, lr, steps, tol, step_tol)[0]
    n = problem.n
    sign = -1.0 if h.get("maximize") else 1.0
    p = [float(x) for x in start]
    states = [initial_state(rule, h, None) for _ in range(n)]
    points: list[list[float]] = []
    values: list[float] = []
    norms: list[float] = []
    update = rule.step
    event = None
    v0 = best = 0.0
    limit = math.inf
    stop_next = False
    for t in range(steps + 1):
        try:
            out = fn(*p)
            v = out[0]
            g = out[1:]
            gn = math.hypot(*g)
            ok = math.isfinite(v + gn)
        except (ArithmeticError, ValueError, TypeError):
            ok = False
        if not ok:
            event = Event("nonfinite", t, np.array(p, dtype=float), math.nan)
            break
        points.append(p)
        values.append(v)
        norms.append(gn)
        loss = sign * v
        if t == 0:
            v0 = best = loss
            limit = best + GROWTH * _scale(v0, best)
        elif loss < best:
            best = loss
            limit = best + GROWTH * _scale(v0, best)
        elif loss > limit:
            event = Event("growth", t, np.array(p, dtype=float), float(v))
            break
        if tol is not None and gn <= tol:
            event = Event("tol", t, np.array(p, dtype=float), float(v))
            break
        if stop_next:
            event = Event("step_tol", t, np.array(p, dtype=float), float(v))
            break
        if t == steps:
            break
        try:
            new = [update(p[j], g[j], states[j], t + 1, lr, h, SCALAR_OPS) for j in range(n)]
        except (ArithmeticError, ValueError):
            event = Event("nonfinite", t + 1, np.array(p, dtype=float), math.nan)
            break
        if step_tol is not None and math.dist(new, p) <= step_tol:
            stop_next = True
        p = new
    return Trace(np.array(points, dtype=float).reshape(-1, n), np.array(values, dtype=float),
                 np.array(norms, dtype=float), event)


def run_many(problem: Problem, starts: np.ndarray, rule: Rule, h: dict, lr, steps: int,
             tol: float | None, step_tol: float | None, batch_size: int | None = None,
             rng: np.random.Generator | None = None) -> list[Trace]:
    """k starts (rows) advanced together; each run stops on its own. ``lr`` may be one per row."""
    k, n = starts.shape
    sign = -1.0 if h.get("maximize") else 1.0
    P = starts.astype(float).copy()
    state = initial_state(rule, h, (k, n))
    lr_rows = np.asarray(lr, dtype=float)
    lr_now = lr_rows[:, None] if lr_rows.ndim else float(lr_rows)
    HP = np.empty((steps + 1, k, n))
    HV = np.empty((steps + 1, k))
    HG = np.empty((steps + 1, k))
    active = np.arange(k)
    end = np.full(k, steps)
    events: list[Event | None] = [None] * k
    best = v0 = None
    N = problem.samples
    minibatch = problem.data is not None and batch_size is not None and batch_size < N
    evaluate = problem.evaluate
    update = rule.step
    t0 = 0
    with np.errstate(all="ignore"):
        while t0 <= steps and len(active):
            t1 = min(t0 + CHUNK - 1, steps)
            full = len(active) == k
            for t in range(t0, t1 + 1):
                if problem.data is not None:
                    batch = rng.choice(N, size=batch_size, replace=False) if minibatch else None
                    v, G, Gstep = problem.evaluate_batch(P, batch)
                else:
                    v, G = evaluate(P)
                    Gstep = G
                gn = np.abs(G[:, 0]) if n == 1 else np.sqrt(np.einsum("ij,ij->i", G, G))
                if full:
                    HP[t], HV[t], HG[t] = P, v, gn
                else:
                    HP[t, active], HV[t, active], HG[t, active] = P, v, gn
                if t == steps:
                    break
                P = update(P, Gstep, state, t + 1, lr_now, h, ARRAY_OPS)
            # --- check the chunk for every active run at once
            V = HV[t0:t1 + 1, active]
            L = sign * V
            if t0 == 0:
                v0 = L[0].copy()
                best = L[0].copy()
            run_best = np.fmin(np.fmin.accumulate(L, axis=0), best)
            scale = np.maximum(np.maximum(v0 - run_best, np.abs(v0)), np.maximum(np.abs(run_best), 1e-300))
            bad = ~np.isfinite(V) | ~np.isfinite(HG[t0:t1 + 1, active]) | \
                ~np.isfinite(HP[t0:t1 + 1, active]).all(axis=2)
            grow = L > run_best + GROWTH * scale
            hits = [("nonfinite", bad), ("growth", grow)]
            if tol is not None:
                hits.append(("tol", HG[t0:t1 + 1, active] <= tol))
            if step_tol is not None:
                prev = HP[t0 - 1, active] if t0 else HP[0, active]
                block = HP[t0:t1 + 1, active]
                d = np.diff(np.concatenate([prev[None], block]), axis=0)
                moved = np.sqrt((d * d).sum(axis=2)) <= step_tol
                if t0 == 0:
                    moved[0] = False
                hits.append(("step_tol", moved))
            first = np.full(len(active), np.iinfo(np.int64).max)
            kind = np.full(len(active), "", dtype=object)
            for name, mask in hits:
                any_hit = mask.any(axis=0)
                idx = np.where(any_hit, mask.argmax(axis=0), np.iinfo(np.int64).max)
                better = idx < first
                first = np.where(better, idx, first)
                kind = np.where(better, name, kind)
            done = first <= (t1 - t0)
            finished_now = t1 == steps
            best = np.where(np.isfinite(run_best[-1]), run_best[-1], best)
            for i in np.nonzero(done)[0]:
                r = active[i]
                t = t0 + int(first[i])
                pt = HP[t, r].copy()
                if kind[i] == "nonfinite":
                    end[r] = max(t - 1, 0)
                    events[r] = Event("nonfinite", t, pt, float(HV[t, r]))
                else:
                    end[r] = t
                    events[r] = Event(str(kind[i]), t, pt, float(HV[t, r]))
            keep = ~done
            if finished_now:
                break
            if not keep.all():
                active = active[keep]
                P = P[keep]
                for key, val in state.items():
                    state[key] = val[keep]
                if lr_rows.ndim:
                    lr_now = lr_now[keep]
                v0, best = v0[keep], best[keep]
            t0 = t1 + 1
    return [Trace(HP[:end[r] + 1, r].copy(), HV[:end[r] + 1, r].copy(), HG[:end[r] + 1, r].copy(), events[r])
            for r in range(k)]
