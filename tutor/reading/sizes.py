"""How big a number SymPy would compute while building a node, estimated before it is built.

SymPy evaluates as it constructs: ``10^999 * 10^999`` multiplies, ``(√10)^5000`` folds
to a 5001-digit integer, and ``e^(1000 ln(10^1000))`` becomes ``(10^1000)^1000``. The
reader asks these functions first and refuses what would exceed ``max_digits``, so
it never spends time building a number nobody can print. All sizes are in decimal
digits, computed from bit lengths (never by printing the number).
"""
from __future__ import annotations

import math

import sympy as sp

INFINITIES = (sp.oo, -sp.oo, sp.zoo, sp.nan)


def digits(r: sp.Rational) -> float:
    """log10 of the larger of numerator and denominator (10^1000 counts 1000, as in the limits)."""
    size = max(abs(int(r.p)), int(r.q))
    return math.log10(size) if size else 0.0


def coefficient_digits(expr) -> float:
    """Digits of the exact number that raising or multiplying ``expr`` would work with.

    A product multiplies its numerators and its denominators, and a power of a power
    folds its exponents, so both add up; sums, functions and symbols hold their
    numbers apart.
    """
    return max(_numerator_denominator(expr))


def _numerator_denominator(expr) -> tuple[float, float]:
    if isinstance(expr, sp.Rational):
        return (math.log10(abs(int(expr.p))) if expr.p else 0.0), math.log10(int(expr.q))
    if isinstance(expr, sp.Mul):
        parts = [_numerator_denominator(f) for f in expr.args]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)
    if isinstance(expr, sp.Pow) and isinstance(expr.exp, sp.Rational):
        num, den = _numerator_denominator(expr.base)
        scale = abs(float(expr.exp))
        return (den * scale, num * scale) if expr.exp < 0 else (num * scale, den * scale)
    return 0.0, 0.0


def product_digits(factors) -> float:
    """Digits of the number a product of ``factors`` computes."""
    parts = [_numerator_denominator(f) for f in factors]
    return max(sum(p[0] for p in parts), sum(p[1] for p in parts))


def sum_digits(terms) -> float:
    """Digits of the number a sum computes: its exact terms combine (denominators multiply)."""
    numbers = sum(coefficient_digits(t) for t in terms if isinstance(t, sp.Rational))
    others = max((coefficient_digits(t) for t in terms if not isinstance(t, sp.Rational)), default=0.0)
    return numbers + others


def log_power_digits(expr) -> float:
    """Digits of the number ``e^expr`` could become: ``e^(c ln b)`` evaluates to ``b^c``.

    Logarithms of exact numbers count with every exact factor multiplying them; sums
    add up, because SymPy combines ``c ln a + d ln b`` into ``ln(a^c b^d)``.
    """
    if isinstance(expr, sp.log):
        return coefficient_digits(expr.args[0])
    if isinstance(expr, sp.Add):
        return sum(log_power_digits(t) for t in expr.args)
    if isinstance(expr, sp.Mul):
        scale, inner = 1.0, 0.0
        for f in expr.args:
            if isinstance(f, sp.Rational):
                scale *= max(abs(float(f)), 1.0)
            else:
                inner += log_power_digits(f)
        return scale * inner
    if isinstance(expr, sp.Pow):
        return log_power_digits(expr.base) * max(coefficient_digits(expr.exp), 1.0)
    return 0.0


def about(n: float) -> str:
    """``12,345`` or ``10^8`` for a message."""
    if n < 1e6:
        return f"{int(n):,}"
    return f"10^{int(math.log10(n))}"


def has_infinity(expr) -> bool:
    return any(expr.has(i) for i in INFINITIES)


def unsure_constant(expr) -> bool:
    """A number written with functions that is not known to be real (``acos(2)^2``).

    Asked for a non-integer power of it, SymPy decides the branch by evaluating ever
    more precisely, which runs for minutes when the answer lies exactly on a boundary;
    even asking afterwards whether the result is real does the same.
    """
    if not isinstance(expr, sp.Expr) or expr.free_symbols or expr.is_Rational:
        return False
    functions = expr.atoms(sp.Function)
    if not functions and not expr.has(sp.I):
        return False
    return expr.has(sp.I) or not all(f.is_extended_real for f in functions)


def largest_number(obj) -> float:
    """Digits of the longest exact number anywhere in ``obj`` (the reader's last check)."""
    if not isinstance(obj, sp.Basic):
        return 0.0
    return max((digits(a) for a in sp.preorder_traversal(obj) if isinstance(a, sp.Rational)), default=0.0)
