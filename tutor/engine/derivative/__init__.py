"""Derivatives with worked, verified steps.

``derivative(f, var, order)`` returns a :class:`Derivation`: the result (equal to
``sympy.diff``) and a tree of rule applications, one small class per rule
(``rules``), with the wording kept apart (``wording``) and a checker (``check``).
"""
from tutor.engine.derivative.result import Derivation, step_dict
from tutor.engine.derivative.rules import Rule
from tutor.engine.derivative.solve import derivative, differentiate

__all__ = ["derivative", "differentiate", "Derivation", "Rule", "step_dict"]
