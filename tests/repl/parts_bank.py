"""A small multi-part bank for the REPL's tests (the built-in bank's multi-part exercises may change).

``fit-chain``: the loss L(w, b) = (w + b - 3)² at (1, 0); its gradient is (-4, -4), one step of
gradient descent with η = 0.1 lands on (1.4, 0.4), where the loss is 1.44. A wrong gradient
(4, 4) leads, consistently, to the step (0.6, -0.4) and the loss 7.84.
"""
from __future__ import annotations

from pathlib import Path

import exercises

BANK = r"""
topic = "gradient-descent"

[[exercise]]
id = "fit-chain"
title = "Loss, gradient, one step"
prompt = '''The loss of a line fitted to one data point is $L(w, b) = (w + b - 3)^2$.'''
function = "(w + b - 3)^2"
variables = ["w", "b"]
tags = ["test"]

[[exercise.parts]]
name = "grad"
prompt = '''Find $\nabla L$ at $(w, b) = (1, 0)$.'''
task = "gradient"
at = [1, 0]
points = 2
[[exercise.parts.hints]]
text = '''One partial derivative per variable: $\partial L/\partial w$, then $\partial L/\partial b$.'''
cost = 0.5

[[exercise.parts]]
name = "step"
prompt = '''Using your gradient, take one gradient-descent step with $\eta = 0.1$ from $(1, 0)$.'''
task = "numeric"
value = "(1, 0) - 0.1*{grad}"
points = 2
[[exercise.parts.hints]]
text = '''The new point is the old one minus $\eta$ times the gradient.'''
cost = 0.5

[[exercise.parts]]
name = "loss"
prompt = '''What is the loss at your new point?'''
task = "numeric"
value = "({step[1]} + {step[2]} - 3)^2"
points = 1

[[exercise]]
id = "power-one"
title = "Power rule"
task = "derivative"
prompt = '''Differentiate $f(x) = {function}$.'''
function = "x^3"
points = 1
"""

RIGHT = {"grad": "(-4, -4)", "step": "(1.4, 0.4)", "loss": "1.44"}
WRONG_GRAD = "(4, 4)"
CARRIED = {"step": "(0.6, -0.4)", "loss": "7.84"}  # right for the wrong gradient


def write(folder: Path) -> Path:
    path = folder / "parts_bank.toml"
    path.write_text(BANK, encoding="utf-8")
    return path


def load(folder: Path):
    return exercises.load(write(folder))
