"""Is a constant written with radicals exactly zero? A root-separation bound and interval arithmetic.

A non-zero algebraic number α of degree at most D, with L·α an algebraic integer for a positive
integer L and every conjugate of α at most U ≥ 1 in size, is at least 1/(L^D·U^(D−1)) in size:
the norm of L·α, the product of its conjugates, is a non-zero integer. D, L and U are bounded
along the expression tree (the constructive root bounds of exact geometric computation), and α
is evaluated in interval arithmetic (mpmath's ``iv``, rounded outwards) with more bits than the
bound needs. An interval inside the gap around 0 proves α = 0; an interval without 0 proves
α ≠ 0; anything else (too many bits, a root of an interval that is not positive) decides
nothing, and the caller asks SymPy for the minimal polynomial instead. This replaces a
minimal polynomial of degree up to 64 (tens to hundreds of milliseconds) by an evaluation to a few
thousand digits (a few milliseconds).

A sine, cosine, tangent, cotangent, secant or cosecant of a rational multiple of π is a leaf of the
tree (cos(2π/17), which SymPy writes in radicals only at a cost of milliseconds, and not at all for
most angles): cos(πa/b) and sin(πa/b) lie in the real subfield of ℚ(ζ_4b), of degree φ(4b)/2, and twice
either is an algebraic integer; their conjugates (sines and cosines of other such angles) are at most 1.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import mpmath
import sympy as sp
from mpmath.libmp import from_man_exp
from sympy import integer_nthroot

MAX_BITS = 100_000  # beyond this, the evaluation costs more than the minimal polynomial
MARGIN = 64  # bits of precision beyond the bound, for rounding inside the evaluation
SMALL = 10 ** 12  # rational radicands below this are factored into primes
FIRST = 2 * MARGIN  # bits of a first, cheap evaluation that refutes most non-zero values
_TRIG = (sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc)


@dataclass(frozen=True)
class Bound:
    """log2 of L (L·α is an algebraic integer) and of U (every conjugate of α is at most U in size)."""

    log_l: float
    log_u: float  # -inf for α = 0


def degree(e: sp.Expr) -> int:
    """A bound on the degree of ``e`` over ℚ: the degree of a tower of fields that holds it.

    β^(p/q) lies in ℚ(…, β^(1/q)), one step of degree at most q per distinct radical; a
    rational radicand's root lies in the field of its primes' roots (√6 in ℚ(√2, √3)), and
    roots of one prime share a field (2^(1/2) and 2^(1/3) lie in ℚ(2^(1/6))). Every trigonometric
    leaf at a rational multiple of π lies in one cyclotomic field, the tower's first step.
    """
    primes: dict[int, int] = {}  # prime -> lcm of the root orders taken of it
    others: set[tuple[sp.Expr, int]] = set()
    cyclotomic = 1  # the leaves lie in the real subfield of ℚ(ζ_cyclotomic)
    stack = [e]
    while stack:
        node = stack.pop()
        r = turns(node)
        if r is not None:
            cyclotomic = math.lcm(cyclotomic, (2 if node.func in (sp.cos, sp.sec) else 4) * int(r.q))
            continue
        stack.extend(node.args)
        if not (node.is_Pow and node.exp.is_Rational and not node.exp.is_Integer):
            continue
        q = int(node.exp.q)
        base = node.base
        if base.is_Rational and max(abs(int(base.p)), int(base.q)) < SMALL:
            for p in {*sp.factorint(abs(int(base.p))), *sp.factorint(int(base.q))}:
                primes[p] = math.lcm(primes.get(p, 1), q)
            if base.is_negative:  # (−1)^(1/q): one more step
                others.add((sp.S.NegativeOne, q))
        else:
            others.add((base, q))
    real_subfield = _totient(cyclotomic) // 2 if cyclotomic > 2 else 1
    return math.prod(primes.values()) * math.prod(q for _, q in others) * real_subfield


def is_radical(e: sp.Basic) -> bool:
    """Is ``e`` built from rationals by +, ×, ÷ and rational powers (an algebraic number SymPy writes in radicals)?"""
    if e.is_Rational:
        return True
    if e.is_Pow:
        return bool(e.exp.is_Rational) and is_radical(e.base)
    return isinstance(e, (sp.Add, sp.Mul)) and all(is_radical(t) for t in e.args)


def _totient(n: int) -> int:
    """Euler's φ(n), the degree of ℚ(ζ_n)."""
    for p in sp.factorint(n):
        n = n // p * (p - 1)
    return n


def turns(e: sp.Basic) -> sp.Rational | None:
    """r when ``e`` is a trigonometric function at r·π with r rational, else None."""
    if e.func not in _TRIG:
        return None
    r, rest = e.args[0].as_coeff_Mul()
    return r if rest is sp.pi and r.is_Rational else None


def supported(e: sp.Basic) -> bool:
    """Is ``e`` built from rationals and trigonometric leaves at rational multiples of π by +, ×
    and rational powers (what :func:`is_zero` decides)?"""
    if e.is_Rational or turns(e) is not None:
        return True
    if e.is_Pow:
        return bool(e.exp.is_Rational) and supported(e.base)
    return isinstance(e, (sp.Add, sp.Mul)) and all(supported(t) for t in e.args)


def bound(e: sp.Expr) -> Bound:
    """Bounds for L and U of a radical expression (rationals, +, ×, integer and rational powers)."""
    if e.is_Rational:
        p, q = abs(int(e.p)), int(e.q)
        return Bound(float(q.bit_length()), float(p.bit_length() - q.bit_length() + 1) if p else -math.inf)
    if e.is_Add:
        parts = [bound(a) for a in e.args]
        return Bound(sum(b.log_l for b in parts), max(b.log_u for b in parts) + math.ceil(math.log2(len(parts))))
    if e.is_Mul:
        parts = [bound(a) for a in e.args]
        return Bound(sum(b.log_l for b in parts), sum(b.log_u for b in parts))
    if e.is_Pow and e.exp.is_Rational:
        b = bound(e.base)
        p, q = int(e.exp.p), int(e.exp.q)
        if q > 1:  # L·β^(1/q) is an algebraic integer, as (L·β^(1/q))^q = L^(q−1)·(L·β) is one
            b = Bound(b.log_l, b.log_u / q)
        if p < 0:
            b = _inverse(b, degree(e.base) * q)
        return Bound(b.log_l * abs(p), b.log_u * abs(p))
    if turns(e) is not None:
        return _trig_bound(e)
    raise ValueError(f"not a radical expression: {e}")


def _trig_bound(e: sp.Expr) -> Bound:
    """2·sin and 2·cos are algebraic integers; the conjugates of sin and cos are sines and cosines
    of other rational multiples of π, at most 1; tan = sin/cos, cot = cos/sin, sec = 1/cos, csc = 1/sin."""
    leaf = Bound(1.0, 0.0)
    if e.func in (sp.sin, sp.cos):
        return leaf
    inverse = _inverse(leaf, degree(e))
    if e.func in (sp.sec, sp.csc):
        return inverse
    return Bound(leaf.log_l + inverse.log_l, leaf.log_u + inverse.log_u)


def _inverse(b: Bound, d: int) -> Bound:
    """1/α for α ≠ 0 of degree ≤ d: its conjugates are at most L^d·U^(d−1), and c₀/α is an algebraic
    integer for c₀ = ±norm(L·α), at most (L·U)^d in size."""
    u = max(b.log_u, 0.0)
    return Bound(d * (b.log_l + u), d * b.log_l + (d - 1) * u)


def interval(e: sp.Expr, iv: mpmath.ctx_iv.MPIntervalContext,
             seen: dict | None = None) -> mpmath.ctx_iv.ivmpf:
    """``e`` in interval arithmetic at ``iv``'s precision (rounded outwards).

    ``seen`` holds the roots already evaluated in this call: a radical written out in full
    (cos(2π/17) in radicals) repeats its inner roots, each thousands of bits long.
    """
    seen = {} if seen is None else seen
    if e.is_Rational:
        return iv.mpf(int(e.p)) / int(e.q)
    if e.is_Add:
        return sum((interval(a, iv, seen) for a in e.args), iv.mpf(0))
    if e.is_Mul:
        out = iv.mpf(1)
        for a in e.args:
            out = out * interval(a, iv, seen)
        return out
    if e in seen:
        return seen[e]
    r = turns(e)
    seen[e] = _power(e, interval(e.base, iv, seen), iv) if r is None else _trig(e.func, r, iv)
    return seen[e]


def _trig(func: type, r: sp.Rational, iv: mpmath.ctx_iv.MPIntervalContext) -> mpmath.ctx_iv.ivmpf:
    """func(r·π) in interval arithmetic, widened by a few units of the last place."""
    angle = iv.pi * int(r.p) / int(r.q)
    slack = iv.mpf([-mpmath.ldexp(1, 4 - iv.prec), mpmath.ldexp(1, 4 - iv.prec)])
    if func in (sp.cos, sp.sec):
        cos = iv.cos(angle) + slack
        return cos if func is sp.cos else 1 / cos
    sin = iv.sin(angle) + slack
    if func in (sp.sin, sp.csc):
        return sin if func is sp.sin else 1 / sin
    cos = iv.cos(angle) + slack
    return sin / cos if func is sp.tan else cos / sin


def _power(e: sp.Pow, base: mpmath.ctx_iv.ivmpf, iv: mpmath.ctx_iv.MPIntervalContext) -> mpmath.ctx_iv.ivmpf:
    """``e`` = base^(p/q) in interval arithmetic, the base already evaluated."""
    p, q = int(e.exp.p), int(e.exp.q)
    if q == 1:
        return base ** p
    low, high = base._mpi_
    if not mpmath.mp.make_mpf(low) > 0:  # only the positive real root is evaluated here
        raise ValueError("a root of a number that is not shown positive")
    # the root is increasing: the lower end rounded down and the upper end up
    root = iv.make_mpf((directed_root(low, q, iv.prec, up=False), directed_root(high, q, iv.prec, up=True)))
    return root ** p


def directed_root(x: tuple, q: int, prec: int, up: bool) -> tuple:
    """The q-th root of the positive mpf ``x`` to at least ``prec`` bits, rounded down (or ``up``) exactly.

    Why not mpmath's ``mpf_nthroot(x, q, prec, round_floor)``: it does not honour the rounding
    direction (the floor and ceiling of √3 at 115 bits are the same number), so an interval built
    from it can miss the root by an ulp, and an exact zero (√(7 − 4√3) − 2 + √3) was "proved"
    non-zero. Here the root is an integer root of x·2^(q·k), exact by construction.
    """
    _, man, exp, bc = x
    k = max(-(exp // q), prec + 2 - (bc + exp) // q)  # x·2^(q·k) is an integer; the root has ≥ prec bits
    r, exact = integer_nthroot(man << (exp + q * k), q)
    return from_man_exp(r + (1 if up and not exact else 0), -k)


def is_zero(e: sp.Expr) -> bool | None:
    """True or False when proved, None when the bound or the evaluation decides nothing.

    A first evaluation with ``FIRST`` bits refutes a value that is not small at once; only a value
    it cannot tell from 0 is evaluated with the bits the bound needs.
    """
    try:
        b = bound(e)
    except ValueError:
        return None
    if b.log_u == -math.inf:
        return True
    d = degree(e)
    need = math.ceil(d * b.log_l + (d - 1) * max(b.log_u, 0.0))  # |e| ≥ 2^(−need) unless e = 0
    bits = need + math.ceil(max(b.log_u, 0.0)) + MARGIN
    first = FIRST + math.ceil(max(b.log_u, 0.0))
    if first < bits and _evaluate(e, first) is False:
        return False
    return _evaluate(e, bits, need) if bits <= MAX_BITS else None


def _evaluate(e: sp.Expr, bits: int, need: int | None = None) -> bool | None:
    """False when ``e``'s interval at ``bits`` excludes 0; True when it lies inside the gap 2^(−need)."""
    iv = context(bits)
    try:
        value = interval(e, iv)
    except (ValueError, ZeroDivisionError):
        return None
    low, high = (mpmath.mp.make_mpf(x) for x in value._mpi_)
    if mpmath.isinf(low) or mpmath.isinf(high) or mpmath.isnan(low) or mpmath.isnan(high):
        return None
    if low > 0 or high < 0:
        return False
    if need is None:
        return None
    gap = mpmath.ldexp(1, -need)
    return True if -gap < low and high < gap else None


_contexts = threading.local()


def context(bits: int) -> mpmath.ctx_iv.MPIntervalContext:
    """An interval context of this thread's own (building one costs a fifth of a millisecond), at ``bits``."""
    iv = getattr(_contexts, "iv", None)
    if iv is None:
        iv = _contexts.iv = mpmath.iv.__class__()  # not mpmath.iv: its precision is not shared
    iv.prec = bits
    return iv
