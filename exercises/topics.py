"""The course's topics in teaching order (a teacher's own topics come after these)."""
from __future__ import annotations

TOPICS: dict[str, str] = {
    "several-variables": "Functions of several variables",
    "surfaces": "Surfaces and saddle points",
    "level-curves": "Level curves and the perpendicular gradient",
    "limits": "Limits along paths",
    "derivative-definition": "The derivative as a limit (ratio of intervals)",
    "derivative-rules": "Derivative rules and tangent lines",
    "partial-derivatives": "Partial derivatives",
    "gradients": "Gradients and directional derivatives",
    "chain-rule": "The chain rule and backpropagation",
    "critical-points": "Critical points and their classification",
    "gradient-descent": "Gradient descent",
    "learning-rate": "Learning-rate effects",
    "least-squares": "Least squares and the normal equations",
    "optimizers": "Momentum, AdaGrad, RMSProp and Adam",
    "sgd": "Stochastic gradient descent",
}


def topic_order(topics: list[str]) -> list[str]:
    """Known topics in course order, then the others in order of first appearance."""
    seen = list(dict.fromkeys(topics))
    known = [t for t in TOPICS if t in seen]
    return known + [t for t in seen if t not in TOPICS]
