"""The descent loops: no SymPy here, only the compiled function and the update rule.

One start runs on Python floats (a call to the compiled function costs less
than a microsecond); several starts advance together as (k, n) arrays and are
checked for stopping once per chunk of steps, so a check costs nothing per step.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

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


def _limit(v0, best):
    """The loss above which a run has diverged: far above its best, on the scale of where it began.

    The limit is refreshed once per chunk of steps (in both loops, so they stop alike).
    """
    if isinstance(v0, np.ndarray):
        scale = np.maximum(np.maximum(v0 - best, np.abs(v0)), np.maximum(np.abs(best), 1e-300))
    else:
        scale = max(v0 - best, abs(v0), abs(best), 1e-300)
    return best + GROWTH * scale


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
        if t % CHUNK == 0:
            limit = _limit(v0, best)
        if loss > limit:
            event = Event("growth", t, np.array(p, dtype=float), float(v))
            break
        if loss < best:
            best = loss
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
    """k starts (rows) advanced together; each run stops on its own. ``lr`` may be one per row.

    Inside, a point set is (n, k): one contiguous row per variable, which is how the
    compiled function wants its arguments; the update rules are elementwise either way.
    """
    k, n = starts.shape
    P = np.ascontiguousarray(starts.T, dtype=float)
    state = initial_state(rule, h, (n, k))
    lr_rows = np.asarray(lr, dtype=float)
    lr_now: Any = lr_rows[None, :] if lr_rows.ndim else float(lr_rows)
    HP = np.empty((steps + 1, n, k))
    HV = np.empty((steps + 1, k))
    HG = np.empty((steps + 1, k))
    checker = _Checker(k, steps, -1.0 if h.get("maximize") else 1.0, tol, step_tol)
    minibatch = problem.data is not None and batch_size is not None and batch_size < problem.samples
    if minibatch and rng is None:
        raise ValueError("a minibatch run needs its random generator (rng)")
    fn, update = problem.vector_fn, rule.step
    t0 = 0
    with np.errstate(all="ignore"):
        while t0 <= steps and len(checker.active):
            t1 = min(t0 + CHUNK - 1, steps)
            act = None if len(checker.active) == k else checker.active
            for t in range(t0, t1 + 1):
                if problem.data is not None:
                    batch = (rng.choice(problem.samples, size=batch_size, replace=False)
                             if minibatch and rng is not None else None)
                    v, G, Gstep = problem.evaluate_batch(P.T, batch)
                    G, Gstep = G.T, Gstep.T
                else:
                    out = fn(*P)
                    v = out[0]
                    G = np.empty_like(P)
                    for j in range(n):
                        G[j] = out[j + 1]
                    Gstep = G
                gn = np.abs(G[0]) if n == 1 else np.sqrt((G * G).sum(axis=0))
                if act is None:
                    HP[t], HV[t], HG[t] = P, v, gn
                else:
                    HP[t][:, act], HV[t, act], HG[t, act] = P, v, gn
                if t == steps:
                    break
                P = update(P, Gstep, state, t + 1, lr_now, h, ARRAY_OPS)
            keep = checker.check(HP, HV, HG, t0, t1, act)
            if t1 == steps:
                break
            if not keep.all():
                P = P[:, keep]
                for key, val in state.items():
                    state[key] = val[:, keep]
                if lr_rows.ndim:
                    lr_now = lr_now[:, keep]
            t0 = t1 + 1
    runs_first = HP.transpose(2, 0, 1)   # (k, steps+1, n) views: no copying per run
    values, norms = HV.T, HG.T
    return [Trace(runs_first[r, :e + 1], values[r, :e + 1], norms[r, :e + 1], ev)
            for r, (e, ev) in enumerate(zip(checker.end.tolist(), checker.events))]


class _Checker:
    """Stopping tests for a chunk of steps of every active run at once (no per-step cost)."""

    def __init__(self, k: int, steps: int, sign: float, tol, step_tol):
        self.active = np.arange(k)
        self.end = np.full(k, steps)
        self.events: list[Event | None] = [None] * k
        self.sign, self.tol, self.step_tol = sign, tol, step_tol
        self.v0: Any = None
        self.best: Any = None

    def check(self, HP, HV, HG, t0: int, t1: int, act) -> np.ndarray:
        """Record the runs that stopped in steps t0..t1; return the mask of runs that go on."""
        rows = slice(t0, t1 + 1)
        pick = (lambda a: a) if act is None else (lambda a: a[..., act])
        V, GN, PB = pick(HV[rows]), pick(HG[rows]), pick(HP[rows])
        L = self.sign * V
        if t0 == 0:
            self.v0, self.best = L[0].copy(), L[0].copy()
        limit = _limit(self.v0, self.best)          # from the best value before this chunk
        hits = [("nonfinite", ~(np.isfinite(L) & np.isfinite(GN) & np.isfinite(PB).all(axis=1))),
                ("growth", L > limit)]
        if self.tol is not None:
            hits.append(("tol", GN <= self.tol))
        if self.step_tol is not None:
            prev = pick(HP[t0 - 1 if t0 else 0])[None]
            d = np.diff(np.concatenate([prev, PB]), axis=0)
            moved = np.sqrt((d * d).sum(axis=1)) <= self.step_tol
            if t0 == 0:
                moved[0] = False
            hits.append(("step_tol", moved))
        never = np.iinfo(np.int64).max
        first = np.full(len(self.active), never)
        kind = np.zeros(len(self.active), dtype=np.int64)
        for code, (_name, mask) in enumerate(hits):
            idx = np.where(mask.any(axis=0), mask.argmax(axis=0), never)
            better = idx < first
            first = np.where(better, idx, first)
            kind = np.where(better, code, kind)
        self.best = np.fmin(self.best, np.fmin.reduce(L, axis=0))
        done = first <= (t1 - t0)
        for i in np.nonzero(done)[0]:
            r, t, name = self.active[i], t0 + int(first[i]), hits[kind[i]][0]
            self.end[r] = max(t - 1, 0) if name == "nonfinite" else t
            self.events[r] = Event(name, t, HP[t, :, r].copy(), float(HV[t, r]))
        keep = ~done
        if not keep.all():
            self.active = self.active[keep]
            self.v0, self.best = self.v0[keep], self.best[keep]
        return keep
