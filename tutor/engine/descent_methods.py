"""The optimizers, declared once: each one's name and what the diagnosis needs to know of it.

``tutor.engine.descent.optimizers`` implements one update rule per name here (and refuses
any other); ``calctutor descend --method``, the bank's optimizer tasks and the diagnosis
read this table. It sits outside the ``descent`` package and free of NumPy, so that
``--help`` and the bank schema stay light.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Method:
    name: str
    step: str  # "fixed" (w ← w ∓ η·∇f), "momentum", "nesterov", or "adaptive" (a per-coordinate step)
    ascends: bool = False  # climbs f (gradient ascent) instead of descending
    slowing: str = ""  # why an adaptive method creeps near a minimum (a diagnosis note)


_RUNNING_AVERAGE = ("{title} divides each step by a running average of squared gradients, so its effective "
                    "learning rate changes as the gradients shrink; near the minimum the iterates creep and "
                    "jitter rather than closing in at a fixed rate.")

METHODS: tuple[Method, ...] = (
    Method("gd", "fixed"),
    Method("ascent", "fixed", ascends=True),
    Method("momentum", "momentum"),
    Method("nesterov", "nesterov"),
    Method("adagrad", "adaptive", slowing="AdaGrad's accumulator r only grows, so its effective learning rate "
                                          "η/(√r + δ) keeps shrinking, and the steps with it."),
    Method("rmsprop", "adaptive", slowing=_RUNNING_AVERAGE.format(title="RMSprop")),
    Method("adam", "adaptive", slowing=_RUNNING_AVERAGE.format(title="Adam")),
)

DECLARED: dict[str, Method] = {m.name: m for m in METHODS}
METHOD_NAMES: tuple[str, ...] = tuple(DECLARED)
