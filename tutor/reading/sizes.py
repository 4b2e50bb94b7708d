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
from sympy.utilities.iterables import iterable

MAX_MAGNITUDE = 1e300  # digits of a constant the reader keeps (e^e^e^10 has 10^9565)


def digits(r: sp.Rational) -> float:
    """log10 of the larger of numerator and denominator (10^1000 counts 1000, as in the limits)."""
    size = max(abs(int(r.p)), int(r.q))
    return math.log10(size) if size else 0.0


def size(r: sp.Rational) -> float:
    """|r| as a float: inf past floats, 0 below them (``float`` of 10^999 raises OverflowError)."""
    if not r.p:
        return 0.0
    scale = math.log10(abs(int(r.p))) - math.log10(int(r.q))
    if scale > 300:
        return math.inf
    return 0.0 if scale < -300 else abs(float(r))


def coefficient_digits(expr) -> float:
    """Digits of the exact number that raising or multiplying ``expr`` would work with.

    A product multiplies its numerators and its denominators, and a power of a power
    folds its exponents, so both add up; sums, functions and symbols hold their
    numbers apart.
    """
    return max(_numerator_denominator(expr))


def _numerator_denominator(expr) -> tuple[float, float]:
    if expr.is_Symbol or expr.is_Function:
        return 0.0, 0.0
    if isinstance(expr, sp.Rational):
        return (math.log10(abs(int(expr.p))) if expr.p else 0.0), math.log10(int(expr.q))
    if isinstance(expr, sp.Mul):
        parts = [_numerator_denominator(f) for f in expr.args]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)
    if isinstance(expr, sp.Pow) and isinstance(expr.exp, sp.Rational):
        num, den = _numerator_denominator(expr.base)
        scale = size(expr.exp)
        return (den * scale, num * scale) if expr.exp < 0 else (num * scale, den * scale)
    return 0.0, 0.0


def product_digits(factors) -> float:
    """Digits of the number a product of ``factors`` computes."""
    num = den = 0.0
    for f in factors:
        if not f.is_Symbol:  # a symbol adds no digits (the commonest factor: skip the call)
            n, d = _numerator_denominator(f)
            num, den = num + n, den + d
    return max(num, den)


def sum_digits(terms, cap: float = math.inf) -> float:
    """Digits of the number a sum computes: its exact terms combine over a common denominator.

    The denominator is the lcm of the terms' denominators (``10^-500 - 10^-500`` needs
    10^500, not 10^1000), found step by step and given up as soon as it passes ``cap``,
    so the work stays bounded; the numerator is at most the count of terms times the
    largest numerator times that denominator.
    """
    rationals = [t for t in terms if isinstance(t, sp.Rational)]
    others = max((coefficient_digits(t) for t in terms if not isinstance(t, sp.Rational)), default=0.0)
    if not rationals:
        return others
    common, largest = 1, 0
    for r in rationals:
        common = math.lcm(common, int(r.q))
        largest = max(largest, abs(int(r.p)) // int(r.q) + 1)
        if common.bit_length() * math.log10(2) > cap:
            return common.bit_length() * math.log10(2) + others  # already past the cap: stop here
    numbers = math.log10(len(rationals)) + math.log10(largest) + common.bit_length() * math.log10(2)
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
                scale *= max(size(f), 1.0)
            else:
                inner += log_power_digits(f)
        return scale * inner
    if isinstance(expr, sp.Pow):
        return log_power_digits(expr.base) * max(coefficient_digits(expr.exp), 1.0)
    return 0.0


def magnitude(expr) -> float:
    """|log10 |value|| of a constant, estimated with floats: how many digits it has (or zeros
    after the point). Towers such as e^(e^(9^9)) are past any float; evaluating them even to
    two digits (which SymPy does to compare or order numbers) would run for hours."""
    try:
        return abs(_log10(expr))
    except (OverflowError, ValueError, ZeroDivisionError):
        return math.inf


_CONSTANTS = {sp.pi: math.log10(math.pi), sp.E: math.log10(math.e), sp.I: 0.0, sp.EulerGamma: -0.24}


def _log10(expr) -> float:
    """log10 |value|, roughly (sign kept for tiny numbers); inf when it cannot be a float."""
    if isinstance(expr, sp.Rational):
        return (math.log10(abs(int(expr.p))) if expr.p else -1.0) - math.log10(int(expr.q))
    if expr in _CONSTANTS:
        return _CONSTANTS[expr]
    if not expr.args:
        return math.inf if expr.is_infinite else 0.0
    if isinstance(expr, (sp.Pow, sp.exp)):
        base, exponent = expr.as_base_exp()  # (E, x) for exp(x)
        return _log10(base) * _float(exponent)
    if isinstance(expr, (sp.factorial, sp.gamma)):
        size = abs(_float(expr.args[0]))
        return math.lgamma(size + 1) / math.log(10) if size < 1e300 else math.inf
    if isinstance(expr, sp.log):
        return math.log10(abs(_log10(expr.args[0])) * 2.31 + 1.0)
    if isinstance(expr, sp.Mul):
        return sum(_log10(a) for a in expr.args)
    if isinstance(expr, sp.Add):
        return max(_log10(a) for a in expr.args) + math.log10(len(expr.args))
    return max((abs(_log10(a)) for a in expr.args), default=0.0)  # sin, atan, |…|: their arguments count


def _float(expr) -> float:
    """|value| roughly, with its sign; inf past floats."""
    size = _log10(expr)
    sign = -1.0 if expr.could_extract_minus_sign() else 1.0
    return sign * (math.inf if size > 300 else 10.0 ** size)


def about(n: float) -> str:
    """``about 12,345``, ``about 10^8`` or ``more than 10^300``, for a message."""
    if n > 1e300:
        return "more than 10^300"
    if n < 1e6:
        return f"about {int(n):,}"
    return f"about 10^{int(math.log10(n))}"


_INFINITE = (sp.core.numbers.Infinity, sp.core.numbers.NegativeInfinity, sp.core.numbers.ComplexInfinity,
             sp.core.numbers.NaN)


def has_infinity(expr) -> bool:
    """Does oo, -oo, zoo or nan occur in ``expr``? (one pass, no pattern matching)"""
    if isinstance(expr, sp.Basic) and not expr.args:  # a symbol or a number: nothing to walk
        return isinstance(expr, _INFINITE)
    return any(isinstance(node, _INFINITE) for node in sp.preorder_traversal(expr))


def preorder(expr) -> list:
    """The nodes of ``preorder_traversal(expr)`` in its order, by a stack instead of nested generators
    (a walk the reader takes for every power)."""
    nodes, stack = [], [expr]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if isinstance(node, sp.Basic):  # as preorder_traversal takes children (Min, Max: their _argset)
            children = node._argset if hasattr(node, "_argset") else node.args
            if children:
                stack.extend(reversed(tuple(children)))
        elif iterable(node):
            stack.extend(reversed(tuple(node)))
    return nodes


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
    bits, stack = 0, list(obj) if isinstance(obj, sp.MatrixBase) else [obj]  # a matrix's atoms: its entries'
    while stack:  # the nodes of preorder_traversal (what ``atoms`` walks), without its generators
        node = stack.pop()
        if isinstance(node, sp.Rational):
            bits = max(bits, abs(int(node.p)).bit_length(), int(node.q).bit_length())
        elif isinstance(node, sp.Basic):
            stack.extend(node.args)
        elif iterable(node):
            stack.extend(node)
    return bits * math.log10(2)
