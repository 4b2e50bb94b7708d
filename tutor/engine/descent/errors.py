"""Why a descent could not start: each bad input has its own ValueError subclass.

The CLI turns these into one clear line (exit 2); callers that want to react
to a specific problem can catch the subclass instead of parsing the message.
"""
from __future__ import annotations


class DescentInputError(ValueError):
    """The problem as given cannot be run; ``str()`` says what is wrong and what to try."""


class BadStart(DescentInputError):
    """The start has the wrong shape or is not a finite number."""


class UndefinedStart(DescentInputError):
    """f or its gradient is undefined (or not differentiable) at the start."""


class BadLearningRate(DescentInputError):
    """The learning rate is not a positive finite number."""


class BadSteps(DescentInputError):
    """The step budget is not a positive whole number."""


class UnknownMethod(DescentInputError):
    """The optimizer name is not one we know."""


class BadHyperParameter(DescentInputError):
    """A hyper-parameter is unknown for this method, or out of its range."""


class BadData(DescentInputError):
    """The data set for stochastic descent does not fit the expression."""
