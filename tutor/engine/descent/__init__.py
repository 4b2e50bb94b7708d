"""Gradient descent and its relatives, compiled from the symbolic gradient.

f is differentiated once with SymPy and lambdified into one NumPy function
(value and gradient, shared subexpressions once); the loops then run on
numbers only. The optimizers match torch.optim's update rules.
"""
from tutor.engine.descent.api import descend
from tutor.engine.descent.errors import (BadData, BadHyperParameter, BadLearningRate, BadStart, BadSteps,
                                         DescentInputError, UndefinedStart, UnknownMethod)
from tutor.engine.descent.least_squares import LeastSquares, course_example, least_squares
from tutor.engine.descent.optimizers import METHODS
from tutor.engine.descent.result import Descent, MultiDescent
from tutor.engine.descent.sgd import GradientCheck, minibatch_check
from tutor.engine.descent.sweep import Sweep, lr_sweep

__all__ = ["descend", "lr_sweep", "minibatch_check", "GradientCheck", "Sweep", "least_squares", "LeastSquares", "course_example", "Descent", "MultiDescent", "METHODS", "DescentInputError", "BadStart", "UndefinedStart",
           "BadLearningRate", "BadSteps", "UnknownMethod", "BadHyperParameter", "BadData"]
