"""Is f continuous at the point? A walk over the expression that says why (or why not).

Continuity is certified only from facts we can check exactly: every denominator is
non-zero at the point, every logarithm and fractional power has a positive
argument, and every function used is continuous there. Anything else is "not
certified", never "discontinuous".
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

# functions continuous on all of R (for real arguments)
_EVERYWHERE = (sp.sin, sp.cos, sp.exp, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.Abs,
               sp.erf, sp.asinh, sp.Max, sp.Min)


@dataclass(frozen=True)
class Fact:
    """One checked fact: ``what`` (e.g. "denominator") of ``expr`` has ``value`` at the point."""

    what: str
    expr: sp.Expr
    value: sp.Expr


class NotCertified(Exception):
    """Continuity could not be established; ``expr`` is the offending piece."""

    def __init__(self, reason: str, expr: sp.Expr, value: sp.Expr | None = None):
        super().__init__(reason)
        self.reason, self.expr, self.value = reason, expr, value


def continuity_facts(expr: sp.Expr, point: dict) -> list[Fact]:
    """The facts showing ``expr`` is continuous at ``point``; raises :class:`NotCertified`."""
    facts: list[Fact] = []
    _walk(expr, point, facts)
    return facts


def is_continuous(expr: sp.Expr, point: dict) -> bool:
    try:
        continuity_facts(expr, point)
    except NotCertified:
        return False
    return True


def _at(e: sp.Expr, point: dict) -> sp.Expr:
    return e.xreplace(point) if point else e


def _positive(v: sp.Expr) -> bool:
    return bool(v.is_extended_real) and v.is_positive is True


def _nonzero(v: sp.Expr) -> bool:
    return v.is_finite is True and v.is_zero is False


def _walk(e: sp.Expr, point: dict, facts: list[Fact]) -> None:
    if e.is_Number or e.is_NumberSymbol or isinstance(e, sp.Symbol):
        if e.is_finite is False or e is sp.nan:
            raise NotCertified("not a finite number", e)
        return
    if not e.free_symbols:
        v = e
        if v.is_finite and v.is_extended_real:
            return
        raise NotCertified("not a finite real number", e, v)
    if isinstance(e, (sp.Add, sp.Mul)):
        for a in e.args:
            _walk(a, point, facts)
        return
    if isinstance(e, sp.Pow):
        _walk_pow(e, point, facts)
        return
    if isinstance(e, _EVERYWHERE):
        for a in e.args:
            _walk(a, point, facts)
        return
    if isinstance(e, sp.log):
        arg = e.args[0]
        _walk(arg, point, facts)
        v = _at(arg, point)
        if not _positive(v):
            raise NotCertified("logarithm of a non-positive number", arg, v)
        facts.append(Fact("log argument", arg, v))
        return
    if isinstance(e, (sp.tan, sp.sec)):
        _need_nonzero(sp.cos(e.args[0]), e.args[0], point, facts, "cosine")
        return
    if isinstance(e, (sp.cot, sp.csc)):
        _need_nonzero(sp.sin(e.args[0]), e.args[0], point, facts, "sine")
        return
    if isinstance(e, (sp.asin, sp.acos)):
        arg = e.args[0]
        _walk(arg, point, facts)
        v = _at(arg, point)
        if not (v.is_extended_real and (abs(v) < 1) is sp.true):
            raise NotCertified("inverse sine/cosine needs an argument strictly between -1 and 1", arg, v)
        return
    if isinstance(e, sp.sign):
        _need_nonzero(e.args[0], e.args[0], point, facts, "sign argument")
        return
    raise NotCertified(f"{type(e).__name__} is not known to be continuous here", e)


def _need_nonzero(expr: sp.Expr, arg: sp.Expr, point: dict, facts: list[Fact], what: str) -> None:
    _walk(arg, point, facts)
    v = sp.simplify(_at(expr, point)) if _at(expr, point).free_symbols == set() else _at(expr, point)
    if not _nonzero(v):
        raise NotCertified(f"{what} is zero at the point", expr, v)
    facts.append(Fact("nonzero", expr, v))


def _walk_pow(e: sp.Pow, point: dict, facts: list[Fact]) -> None:
    base, ex = e.args
    _walk(base, point, facts)
    if ex.free_symbols:
        _walk(ex, point, facts)
        v = _at(base, point)
        if not _positive(v):
            raise NotCertified("a power with variable exponent needs a positive base", base, v)
        facts.append(Fact("positive base", base, v))
        return
    if ex.is_Integer and ex >= 0:
        return
    v = _at(base, point)
    if ex.is_Integer:  # negative integer: a denominator
        if not _nonzero(v):
            raise NotCertified("the denominator is zero at the point", base, v)
        facts.append(Fact("denominator", base, v))
        return
    # a fractional power (SymPy's principal branch): the base must be positive, or zero with a positive exponent
    if _positive(v):
        facts.append(Fact("root argument", base, v))
        return
    if v.is_zero and ex.is_positive:
        facts.append(Fact("root of zero", base, v))
        return
    raise NotCertified("a root or power of a non-positive number", base, v)
