"""The answer kinds: one small class each, registered by name (see ``base``)."""
from grader.kinds.base import ALIASES, KINDS, Context, Kind, WrongShape, approximate, register
from grader.kinds import (  # noqa: F401  (each module registers its kinds)
    antiderivative, choice, equation, expression, interval, limit, points, vector,
)

__all__ = ["ALIASES", "KINDS", "Context", "Kind", "WrongShape", "approximate", "register"]
