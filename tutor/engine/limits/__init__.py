"""Multivariable limits: decide, prove, and show the paths.

``limit(f, at)`` returns a :class:`LimitResult`: whether the limit exists, its exact
value, two witness paths with different limits when it does not, a checked proof
when it does, and the reasoning in order (``decide`` has the method).
"""
from tutor.engine.limits.decide import limit
from tutor.engine.limits.result import LimitResult, Path, Proof, Reason, Witness

__all__ = ["limit", "LimitResult", "Path", "Proof", "Reason", "Witness"]
