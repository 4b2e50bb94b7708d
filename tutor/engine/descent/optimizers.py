"""The update rules, one small class each, with torch.optim's names, defaults and formulas.

Each rule is written once with plain arithmetic, so the same code updates one
coordinate held in a Python float (the fast single-start loop) or a (k, n)
array of k runs at once. The operation order follows torch.optim's
single-tensor code, so trajectories agree with torch to rounding.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from tutor.engine.descent.errors import BadHyperParameter, UnknownMethod
from tutor.engine.descent_methods import DECLARED, METHOD_NAMES


@dataclass(frozen=True)
class Ops:
    """The two non-arithmetic operations a rule needs, for floats or for arrays."""

    sqrt: Any
    maximum: Any


SCALAR_OPS = Ops(sqrt=math.sqrt, maximum=lambda a, b: a if a >= b else b)
ARRAY_OPS = Ops(sqrt=np.sqrt, maximum=np.maximum)


def _lerp(start, end, weight: float):
    """torch.lerp: start + weight·(end − start), computed from the nearer end."""
    if abs(weight) < 0.5:
        return start + weight * (end - start)
    return end - (end - start) * (1 - weight)


class Rule:
    """One optimizer. ``step`` returns the new parameters and updates ``state`` (a dict) in place."""

    name: ClassVar[str]
    title: ClassVar[str]
    torch: ClassVar[str]                      # the equivalent torch.optim call
    formula: ClassVar[tuple[str, ...]]        # the update, as the docs print it
    defaults: ClassVar[dict[str, Any]] = {}
    state_init: ClassVar[dict[str, str]] = {}  # state name -> hyper-parameter giving its start value ("" = 0)

    def check(self, h: dict[str, Any]) -> None:
        for key in ("weight_decay", "momentum", "eps", "alpha", "lr_decay", "initial_accumulator_value",
                    "dampening"):
            if key in h and not (isinstance(h[key], (int, float)) and h[key] >= 0 and math.isfinite(h[key])):
                raise BadHyperParameter(f"{key} must be a number ≥ 0 for {self.name}, not {h[key]!r}")

    def prepare(self, g, p, h):
        """torch's common first lines: maximize flips the gradient; weight decay adds λ·p."""
        if h.get("maximize"):
            g = -g
        wd = h.get("weight_decay", 0)
        if wd:
            g = g + wd * p
        return g

    def step(self, p, g, state: dict, t: int, lr, h: dict, ops: Ops):  # pragma: no cover - abstract
        raise NotImplementedError


class GD(Rule):
    name, title = "gd", "gradient descent"
    torch = "torch.optim.SGD(params, lr)"
    formula = ("w ← w − η·∇f(w)",)
    defaults = {"weight_decay": 0.0, "maximize": False}

    def step(self, p, g, state, t, lr, h, ops):
        return p - lr * self.prepare(g, p, h)


class Ascent(GD):
    name, title = "ascent", "gradient ascent"
    torch = "torch.optim.SGD(params, lr, maximize=True)"
    formula = ("w ← w + η·∇f(w)",)
    defaults = {"weight_decay": 0.0, "maximize": True}


class Momentum(Rule):
    name, title = "momentum", "gradient descent with momentum"
    torch = "torch.optim.SGD(params, lr, momentum=μ, dampening=0)"
    formula = ("b ← μ·b + ∇f(w)   (b = ∇f(w) at the first step)", "w ← w − η·b")
    defaults = {"momentum": 0.9, "dampening": 0.0, "weight_decay": 0.0, "maximize": False}
    state_init = {"buf": ""}
    nesterov = False

    def check(self, h):
        super().check(h)
        if self.nesterov and (h["momentum"] <= 0 or h["dampening"] != 0):
            raise BadHyperParameter("Nesterov momentum needs momentum > 0 and dampening = 0 (as in torch.optim.SGD)")

    def step(self, p, g, state, t, lr, h, ops):
        g = self.prepare(g, p, h)
        mu = h["momentum"]
        if t == 1:
            buf = g.copy() if isinstance(g, np.ndarray) else g  # a fresh copy, as torch clones
        else:
            buf = state["buf"] * mu + (1 - h["dampening"]) * g
        state["buf"] = buf
        if self.nesterov:
            g = g + mu * buf
        else:
            g = buf
        return p - lr * g


class Nesterov(Momentum):
    name, title = "nesterov", "Nesterov accelerated gradient"
    torch = "torch.optim.SGD(params, lr, momentum=μ, nesterov=True)"
    formula = ("b ← μ·b + ∇f(w)   (b = ∇f(w) at the first step)", "w ← w − η·(∇f(w) + μ·b)")
    nesterov = True


class AdaGrad(Rule):
    name, title = "adagrad", "AdaGrad"
    torch = "torch.optim.Adagrad(params, lr, lr_decay=0, eps=1e-10, initial_accumulator_value=0)"
    formula = ("r ← r + ∇f(w)⊙∇f(w)", "w ← w − η/(1 + (t−1)·lr_decay) · ∇f(w) / (√r + δ)   (δ = eps)")
    defaults = {"lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0, "weight_decay": 0.0,
                "maximize": False}
    state_init = {"sum": "initial_accumulator_value"}

    def step(self, p, g, state, t, lr, h, ops):
        g = self.prepare(g, p, h)
        clr = lr / (1 + (t - 1) * h["lr_decay"])
        s = state["sum"] + 1 * g * g
        state["sum"] = s
        std = ops.sqrt(s) + h["eps"]
        return p + (-clr) * (g / std)


class RMSprop(Rule):
    name, title = "rmsprop", "RMSprop"
    torch = "torch.optim.RMSprop(params, lr, alpha=0.99, eps=1e-8, momentum=0, centered=False)"
    formula = ("s ← α·s + (1−α)·∇f(w)⊙∇f(w)", "w ← w − η·∇f(w) / (√s + ε)",
               "(momentum μ > 0: b ← μ·b + ∇f(w)/(√s + ε), w ← w − η·b; centered: √(s − ḡ²) with ḡ the mean gradient)")
    defaults = {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False, "weight_decay": 0.0,
                "maximize": False}
    state_init = {"square_avg": "", "grad_avg": "", "buf": ""}

    def step(self, p, g, state, t, lr, h, ops):
        g = self.prepare(g, p, h)
        alpha = h["alpha"]
        sa = state["square_avg"] * alpha + (1 - alpha) * g * g
        state["square_avg"] = sa
        if h["centered"]:
            ga = _lerp(state["grad_avg"], g, 1 - alpha)
            state["grad_avg"] = ga
            avg = ops.sqrt(sa + (-1) * ga * ga)
        else:
            avg = ops.sqrt(sa)
        avg = avg + h["eps"]
        if h["momentum"] > 0:
            buf = state["buf"] * h["momentum"] + g / avg
            state["buf"] = buf
            return p + (-lr) * buf
        return p + (-lr) * (g / avg)


class Adam(Rule):
    name, title = "adam", "Adam"
    torch = "torch.optim.Adam(params, lr, betas=(0.9, 0.999), eps=1e-8, amsgrad=False)"
    formula = ("m ← β₁·m + (1−β₁)·∇f(w),  v ← β₂·v + (1−β₂)·∇f(w)⊙∇f(w)",
               "w ← w − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)   (amsgrad: v replaced by its running maximum)")
    defaults = {"betas": (0.9, 0.999), "eps": 1e-8, "amsgrad": False, "weight_decay": 0.0, "maximize": False}
    state_init = {"exp_avg": "", "exp_avg_sq": "", "max_exp_avg_sq": ""}

    def check(self, h):
        super().check(h)
        b = h["betas"]
        if not (isinstance(b, (tuple, list)) and len(b) == 2 and all(isinstance(x, (int, float)) for x in b)
                and all(0 <= x < 1 for x in b)):
            raise BadHyperParameter(f"betas must be two numbers in [0, 1), such as (0.9, 0.999), not {b!r}")
        h["betas"] = (float(b[0]), float(b[1]))

    def step(self, p, g, state, t, lr, h, ops):
        g = self.prepare(g, p, h)
        b1, b2 = h["betas"]
        m = _lerp(state["exp_avg"], g, 1 - b1)
        v = state["exp_avg_sq"] * b2 + (1 - b2) * g * g
        state["exp_avg"], state["exp_avg_sq"] = m, v
        bc1 = 1 - b1 ** float(t)
        bc2 = 1 - b2 ** float(t)
        step_size = lr / bc1
        bc2_sqrt = bc2 ** 0.5
        if h["amsgrad"]:
            vmax = ops.maximum(state["max_exp_avg_sq"], v)
            state["max_exp_avg_sq"] = vmax
            denom = ops.sqrt(vmax) / bc2_sqrt + h["eps"]
        else:
            denom = ops.sqrt(v) / bc2_sqrt + h["eps"]
        return p + (-step_size) * (m / denom)


METHODS: dict[str, Rule] = {r.name: r for r in (GD(), Ascent(), Momentum(), Nesterov(), AdaGrad(), RMSprop(), Adam())}
if tuple(METHODS) != METHOD_NAMES:  # one rule per declared optimizer, in the declared order
    raise TypeError(f"the update rules {tuple(METHODS)} differ from tutor.engine.descent_methods {METHOD_NAMES}")


def get_rule(method: str, hyper: dict[str, Any]) -> tuple[Rule, dict[str, Any]]:
    """The rule for ``method`` and its complete, checked hyper-parameters."""
    key = str(method).strip().lower()
    rule = METHODS.get(key)
    if rule is None:
        close = difflib.get_close_matches(key, METHODS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownMethod(f"unknown method {method!r}; choose one of {', '.join(METHODS)}.{hint}")
    h = dict(rule.defaults)
    for name, value in hyper.items():
        if name not in rule.defaults:
            close = difflib.get_close_matches(name, rule.defaults, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            known = ", ".join(rule.defaults) or "none"
            raise BadHyperParameter(f"{rule.name} has no hyper-parameter {name!r} (it takes: {known}).{hint}")
        h[name] = value
    if DECLARED[key].ascends:
        h["maximize"] = True
    rule.check(h)
    return rule, h


def initial_state(rule: Rule, h: dict[str, Any], shape: tuple[int, ...] | None) -> dict[str, Any]:
    """Zeros (or the accumulator's start value): floats for one coordinate, arrays for many."""
    out = {}
    for key, source in rule.state_init.items():
        value = float(h[source]) if source else 0.0
        out[key] = value if shape is None else np.full(shape, value)
    return out
