"""The structural rules: constant, variable, sum, constant multiple, product,
quotient, chain, power, f^g, higher orders, and the honest fallback.

Function rules (exp, ln, trig, ...) live in ``functions.py``; each takes part in
the chain rule through :class:`OuterRule`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import sympy as sp

from tutor.engine.derivative.rules.base import Context, Rule, register


@register
@dataclass(frozen=True, kw_only=True)
class ConstantRule(Rule):
    key: ClassVar[str] = "constant"
    priority: ClassVar[int] = 10
    label: ClassVar[str] = "constant rule"

    @classmethod
    def match(cls, expr, var, ctx):
        return cls(expr=expr, var=var) if not expr.has(var) else None

    def combine(self, results):
        return sp.S.Zero


@register
@dataclass(frozen=True, kw_only=True)
class VariableRule(Rule):
    key: ClassVar[str] = "variable"
    priority: ClassVar[int] = 20
    label: ClassVar[str] = "the variable itself"

    @classmethod
    def match(cls, expr, var, ctx):
        return cls(expr=expr, var=var) if expr == var else None

    def combine(self, results):
        return sp.S.One


@register
@dataclass(frozen=True, kw_only=True)
class SumRule(Rule):
    key: ClassVar[str] = "sum"
    priority: ClassVar[int] = 30
    label: ClassVar[str] = "sum rule"

    @classmethod
    def match(cls, expr, var, ctx):
        if not isinstance(expr, sp.Add):
            return None
        return cls(expr=expr, var=var, substeps=tuple(ctx.solve(t, var) for t in sp.Add.make_args(expr)))

    def combine(self, results):
        return sp.Add(*results)


def _log_base(factor: sp.Expr) -> sp.Expr | None:
    """``b`` when ``factor`` is 1/ln(b) for a positive number b (the base of log_b)."""
    if isinstance(factor, sp.Pow) and factor.exp == -1 and isinstance(factor.base, sp.log):
        b = factor.base.args[0]
        if b.is_number and b.is_positive:
            return b
    return None


@register
@dataclass(frozen=True, kw_only=True)
class LogBaseRule(Rule):
    """log_b(u) = ln(u)/ln(b): SymPy stores it as a quotient; the course reads it as one function."""

    key: ClassVar[str] = "log-base"
    priority: ClassVar[int] = 40
    label: ClassVar[str] = "logarithm rule (base b)"
    base: sp.Expr
    argument: sp.Expr

    @classmethod
    def split(cls, expr: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
        """(b, u) when ``expr`` is exactly ln(u)/ln(b)."""
        if not isinstance(expr, sp.Mul) or len(expr.args) != 2:
            return None
        a, b = expr.args
        for f, g in ((a, b), (b, a)):
            base = _log_base(g)
            if base is not None and isinstance(f, sp.log):
                return base, f.args[0]
        return None

    @classmethod
    def match(cls, expr, var, ctx):
        parts = cls.split(expr)
        if parts is None:
            return None
        base, u = parts
        if u == var:
            return cls(expr=expr, var=var, base=base, argument=u)
        return ChainRule.build(expr, var, ctx, u,
                               lambda w: cls(expr=sp.log(w) / sp.log(base), var=w, base=base, argument=w))

    def combine(self, results):
        return 1 / (self.argument * sp.log(self.base))


@register
@dataclass(frozen=True, kw_only=True)
class ConstantMultipleRule(Rule):
    key: ClassVar[str] = "constant-multiple"
    priority: ClassVar[int] = 50
    label: ClassVar[str] = "constant multiple rule"
    constant: sp.Expr
    other: sp.Expr

    @classmethod
    def match(cls, expr, var, ctx):
        if not isinstance(expr, sp.Mul):
            return None
        c, g = expr.as_independent(var, as_Add=False)
        if isinstance(g, sp.log):  # keep 1/ln(b) with ln(u): that is log_b(u)
            for f in sp.Mul.make_args(c):
                b = _log_base(f)
                if b is not None:
                    c, g = c / f, sp.Mul(g, f)
                    break
        if c == 1:
            return None
        return cls(expr=expr, var=var, constant=c, other=g, substeps=(ctx.solve(g, var),))

    def combine(self, results):
        return self.constant * results[0]


def _denominator_factor(f: sp.Expr, var: sp.Symbol) -> bool:
    return isinstance(f, sp.Pow) and f.exp.is_Number and f.exp.is_negative and f.base.has(var)


@register
@dataclass(frozen=True, kw_only=True)
class QuotientRule(Rule):
    key: ClassVar[str] = "quotient"
    priority: ClassVar[int] = 60
    label: ClassVar[str] = "quotient rule"
    numerator: sp.Expr
    denominator: sp.Expr

    @classmethod
    def match(cls, expr, var, ctx):
        if not isinstance(expr, sp.Mul):
            return None
        factors = sp.Mul.make_args(expr)
        below = [f for f in factors if _denominator_factor(f, var)]
        above = [f for f in factors if not _denominator_factor(f, var)]
        if not below or (len(below) == 1 and not any(f.has(var) for f in above)):
            return None
        num = sp.Mul(*above)
        den = sp.Mul(*(f.base ** (-f.exp) for f in below))
        return cls(expr=expr, var=var, numerator=num, denominator=den,
                   substeps=(ctx.solve(num, var), ctx.solve(den, var)))

    def combine(self, results):
        dn, dd = results
        return (dn * self.denominator - self.numerator * dd) / self.denominator ** 2


@register
@dataclass(frozen=True, kw_only=True)
class ProductRule(Rule):
    key: ClassVar[str] = "product"
    priority: ClassVar[int] = 70
    label: ClassVar[str] = "product rule"
    factors: tuple[sp.Expr, ...]

    @classmethod
    def match(cls, expr, var, ctx):
        if not isinstance(expr, sp.Mul):
            return None
        factors = sp.Mul.make_args(expr)
        return cls(expr=expr, var=var, factors=factors, substeps=tuple(ctx.solve(f, var) for f in factors))

    def terms(self, results: Sequence[sp.Expr]) -> list[sp.Expr]:
        """One term per factor: that factor differentiated, the others kept."""
        out = []
        for i, d in enumerate(results):
            others = [f for j, f in enumerate(self.factors) if j != i]
            out.append(sp.Mul(d, *others))
        return out

    def combine(self, results):
        return sp.Add(*self.terms(results))


@dataclass(frozen=True, kw_only=True)
class ChainRule(Rule):
    """d/dx F(g(x)) = F'(u)·g'(x) with u = g(x); substeps are (outer in u, inner in x)."""

    key: ClassVar[str] = "chain"
    label: ClassVar[str] = "chain rule"
    letter: sp.Symbol
    inner: sp.Expr

    @classmethod
    def build(cls, expr, var, ctx: Context, inner, make_outer) -> "ChainRule":
        """Let u = ``inner``; ``make_outer(u)`` is the step for F(u) with respect to u."""
        u = ctx.fresh()
        outer = make_outer(u)
        inner_step = ctx.inner().solve(inner, var)
        return cls(expr=expr, var=var, letter=u, inner=inner, substeps=(outer, inner_step))

    @property
    def outer_at_inner(self) -> sp.Expr:
        """F'(u) with u put back as g(x)."""
        return self.substeps[0].result.subs(self.letter, self.inner)

    def combine(self, results):
        return results[0].subs(self.letter, self.inner) * results[1]


@dataclass(frozen=True, kw_only=True)
class OuterRule(Rule):
    """A rule for F(u): applied directly when u is the variable, inside the chain rule otherwise."""

    argument: sp.Expr

    @classmethod
    def inner_of(cls, expr: sp.Expr, var: sp.Symbol) -> sp.Expr | None:
        """The argument u if ``expr`` has this rule's form F(u), else None."""
        return None

    @classmethod
    def rebuild(cls, expr: sp.Expr, u: sp.Expr) -> sp.Expr:
        """F with ``u`` in place of its argument."""
        return expr.func(u)

    def formula(self) -> sp.Expr:
        """F'(u), in terms of ``self.argument`` (which is the variable)."""
        raise NotImplementedError

    @classmethod
    def match(cls, expr, var, ctx):
        u = cls.inner_of(expr, var)
        if u is None or not u.has(var):
            return None
        if u == var:
            return cls(expr=expr, var=var, argument=u)
        return ChainRule.build(expr, var, ctx, u, lambda w: cls(expr=cls.rebuild(expr, w), var=w, argument=w))

    def combine(self, results):
        return self.formula()


@register
@dataclass(frozen=True, kw_only=True)
class GeneralPowerRule(Rule):
    """f^g with the variable in both: write f^g = e^(g·ln f); the substep differentiates g·ln f."""

    key: ClassVar[str] = "general-power"
    priority: ClassVar[int] = 80
    label: ClassVar[str] = "variable base and exponent"
    exponent_form: sp.Expr

    @classmethod
    def match(cls, expr, var, ctx):
        if not (isinstance(expr, sp.Pow) and expr.base.has(var) and expr.exp.has(var)):
            return None
        g_ln_f = expr.exp * sp.log(expr.base)
        return cls(expr=expr, var=var, exponent_form=g_ln_f, substeps=(ctx.solve(g_ln_f, var),))

    def combine(self, results):
        return self.expr * results[0]


@register
@dataclass(frozen=True, kw_only=True)
class PowerRule(OuterRule):
    key: ClassVar[str] = "power"
    priority: ClassVar[int] = 90
    label: ClassVar[str] = "power rule"

    @classmethod
    def inner_of(cls, expr, var):
        if isinstance(expr, sp.Pow) and not expr.exp.has(var):
            return expr.base
        return None

    @classmethod
    def rebuild(cls, expr, u):
        return sp.Pow(u, expr.exp)

    @property
    def exponent(self) -> sp.Expr:
        return self.expr.exp

    def formula(self):
        n = self.exponent
        return n * self.argument ** (n - 1)


@dataclass(frozen=True, kw_only=True)
class HigherOrderRule(Rule):
    """Repeated differentiation: each stage differentiates the (simplified) previous result."""

    key: ClassVar[str] = "higher-order"
    label: ClassVar[str] = "repeated differentiation"
    variables: tuple[sp.Symbol, ...]

    def combine(self, results):
        return results[-1]
