"""Derivative rules as data: one small class per rule, tried in the order of their ``priority``."""
from tutor.engine.derivative.rules.base import REGISTRY, Context, DontKnowRule, Rule, register
from tutor.engine.derivative.rules.core import (
    ChainRule, ConstantMultipleRule, ConstantRule, GeneralPowerRule, HigherOrderRule,
    LogBaseRule, OuterRule, PowerRule, ProductRule, QuotientRule, SumRule, VariableRule,
)
from tutor.engine.derivative.rules import functions  # noqa: F401  registers the function rules
from tutor.engine.derivative.rules.functions import ExponentialRule, FunctionRule

__all__ = [
    "REGISTRY", "Context", "Rule", "register", "ChainRule", "ConstantMultipleRule", "ConstantRule",
    "DontKnowRule", "GeneralPowerRule", "HigherOrderRule", "LogBaseRule", "OuterRule", "PowerRule",
    "ProductRule", "QuotientRule", "SumRule", "VariableRule", "ExponentialRule", "FunctionRule",
]
