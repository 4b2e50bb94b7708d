"""Rules for the course's named functions: each one is F(u) and its derivative F'(u).

Adding a function means adding one small class with ``func`` and ``formula``;
the chain rule, the wording and the checks pick it up from the registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import sympy as sp

from tutor.engine.derivative.rules.base import register
from tutor.engine.derivative.rules.core import OuterRule


def _rule(cls):
    """Register a rule class as a frozen dataclass (every rule here is one)."""
    return register(dataclass(frozen=True, kw_only=True)(cls))


@dataclass(frozen=True, kw_only=True)
class FunctionRule(OuterRule):
    """F(u) for a one-argument SymPy function class ``func``."""

    func: ClassVar[type] = type(None)

    @classmethod
    def inner_of(cls, expr, var):
        if isinstance(expr, cls.func) and len(expr.args) == 1:
            return expr.args[0]
        return None

    @staticmethod
    def derivative_of(u: sp.Expr) -> sp.Expr:
        raise NotImplementedError

    def formula(self):
        return self.derivative_of(self.argument)


@_rule
class ExponentialRule(OuterRule):
    """a^u with a constant base a: d/du a^u = a^u ln a."""

    key: ClassVar[str] = "exponential"
    label: ClassVar[str] = "exponential rule (constant base)"

    @classmethod
    def inner_of(cls, expr, var):
        if isinstance(expr, sp.Pow) and not expr.base.has(var) and expr.exp.has(var):
            return expr.exp
        return None

    @classmethod
    def rebuild(cls, expr, u):
        return sp.Pow(expr.base, u)

    def formula(self):
        a = self.expr.base
        return a ** self.argument * sp.log(a)


# The formulas are written as a teacher writes them; tests check each against sympy.diff
# (for real arguments: |u| and the inverse secants are real-variable formulas).


@_rule
class ExpRule(FunctionRule):
    key = "exp"
    label = "derivative of e^u"
    func = sp.exp

    @staticmethod
    def derivative_of(u):
        return sp.exp(u)


@_rule
class LogRule(FunctionRule):
    key = "ln"
    label = "natural logarithm rule"
    func = sp.log

    @staticmethod
    def derivative_of(u):
        return 1 / u


@_rule
class SinRule(FunctionRule):
    key = "sin"
    label = "derivative of sine"
    func = sp.sin

    @staticmethod
    def derivative_of(u):
        return sp.cos(u)


@_rule
class CosRule(FunctionRule):
    key = "cos"
    label = "derivative of cosine"
    func = sp.cos

    @staticmethod
    def derivative_of(u):
        return -sp.sin(u)


@_rule
class TanRule(FunctionRule):
    key = "tan"
    label = "derivative of tangent"
    func = sp.tan

    @staticmethod
    def derivative_of(u):
        return sp.sec(u) ** 2


@_rule
class CotRule(FunctionRule):
    key = "cot"
    label = "derivative of cotangent"
    func = sp.cot

    @staticmethod
    def derivative_of(u):
        return -sp.csc(u) ** 2


@_rule
class SecRule(FunctionRule):
    key = "sec"
    label = "derivative of secant"
    func = sp.sec

    @staticmethod
    def derivative_of(u):
        return sp.sec(u) * sp.tan(u)


@_rule
class CscRule(FunctionRule):
    key = "csc"
    label = "derivative of cosecant"
    func = sp.csc

    @staticmethod
    def derivative_of(u):
        return -sp.csc(u) * sp.cot(u)


@_rule
class AsinRule(FunctionRule):
    key = "asin"
    label = "derivative of arcsine"
    func = sp.asin

    @staticmethod
    def derivative_of(u):
        return 1 / sp.sqrt(1 - u ** 2)


@_rule
class AcosRule(FunctionRule):
    key = "acos"
    label = "derivative of arccosine"
    func = sp.acos

    @staticmethod
    def derivative_of(u):
        return -1 / sp.sqrt(1 - u ** 2)


@_rule
class AtanRule(FunctionRule):
    key = "atan"
    label = "derivative of arctangent"
    func = sp.atan

    @staticmethod
    def derivative_of(u):
        return 1 / (1 + u ** 2)


@_rule
class AcotRule(FunctionRule):
    key = "acot"
    label = "derivative of arccotangent"
    func = sp.acot

    @staticmethod
    def derivative_of(u):
        return -1 / (1 + u ** 2)


@_rule
class AsecRule(FunctionRule):
    key = "asec"
    label = "derivative of arcsecant"
    func = sp.asec

    @staticmethod
    def derivative_of(u):
        return 1 / (sp.Abs(u) * sp.sqrt(u ** 2 - 1))


@_rule
class AcscRule(FunctionRule):
    key = "acsc"
    label = "derivative of arccosecant"
    func = sp.acsc

    @staticmethod
    def derivative_of(u):
        return -1 / (sp.Abs(u) * sp.sqrt(u ** 2 - 1))


@_rule
class SinhRule(FunctionRule):
    key = "sinh"
    label = "derivative of hyperbolic sine"
    func = sp.sinh

    @staticmethod
    def derivative_of(u):
        return sp.cosh(u)


@_rule
class CoshRule(FunctionRule):
    key = "cosh"
    label = "derivative of hyperbolic cosine"
    func = sp.cosh

    @staticmethod
    def derivative_of(u):
        return sp.sinh(u)


@_rule
class TanhRule(FunctionRule):
    key = "tanh"
    label = "derivative of hyperbolic tangent"
    func = sp.tanh

    @staticmethod
    def derivative_of(u):
        return sp.sech(u) ** 2


@_rule
class CothRule(FunctionRule):
    key = "coth"
    label = "derivative of hyperbolic cotangent"
    func = sp.coth

    @staticmethod
    def derivative_of(u):
        return -sp.csch(u) ** 2


@_rule
class SechRule(FunctionRule):
    key = "sech"
    label = "derivative of hyperbolic secant"
    func = sp.sech

    @staticmethod
    def derivative_of(u):
        return -sp.sech(u) * sp.tanh(u)


@_rule
class CschRule(FunctionRule):
    key = "csch"
    label = "derivative of hyperbolic cosecant"
    func = sp.csch

    @staticmethod
    def derivative_of(u):
        return -sp.csch(u) * sp.coth(u)


@_rule
class AsinhRule(FunctionRule):
    key = "asinh"
    label = "derivative of inverse hyperbolic sine"
    func = sp.asinh

    @staticmethod
    def derivative_of(u):
        return 1 / sp.sqrt(u ** 2 + 1)


@_rule
class AcoshRule(FunctionRule):
    key = "acosh"
    label = "derivative of inverse hyperbolic cosine"
    func = sp.acosh

    @staticmethod
    def derivative_of(u):
        return 1 / (sp.sqrt(u - 1) * sp.sqrt(u + 1))  # = 1/√(u²-1) for u > 1, right for every u


@_rule
class AtanhRule(FunctionRule):
    key = "atanh"
    label = "derivative of inverse hyperbolic tangent"
    func = sp.atanh

    @staticmethod
    def derivative_of(u):
        return 1 / (1 - u ** 2)


@_rule
class AcothRule(FunctionRule):
    key = "acoth"
    label = "derivative of inverse hyperbolic cotangent"
    func = sp.acoth

    @staticmethod
    def derivative_of(u):
        return 1 / (1 - u ** 2)


@_rule
class AbsRule(FunctionRule):
    key = "abs"
    label = "derivative of the absolute value"
    func = sp.Abs

    @staticmethod
    def derivative_of(u):
        return sp.sign(u)
