"""Sines and cosines of angles built from inverse trigonometric functions of radicals, written as radicals.

A constant difference whose only functions are such sines and cosines (STACK's
cos((acos(61√130/1040) − atan(11/3))/2)), or trigonometric functions at rational multiples of π,
is decided exactly by the root-separation bound of :mod:`grader.numeric.radicals` once they are
written as radicals, before SymPy's adaptive evalf looks for a digit of an exact zero.
"""
from __future__ import annotations

import sympy as sp

from grader.numeric import radicals
from grader.numeric.radicals import is_radical

SMALL = radicals.SMALL  # rationals below this are factored into primes
MULTIPLE = 8  # larger multiples of an inverse function are left to expand_trig (as before)


def trig_radical_is_zero(d: sp.Expr) -> bool | None:
    """Exactly: is ``d`` zero, once each of its sines and cosines is written as a radical?

    Only when every outermost function in ``d`` is a sine or a cosine that
    :func:`trig_as_radical` writes as a real radical, or a trigonometric function at a rational
    multiple of π (a leaf of ``grader.numeric.radicals``); the root-separation bound then decides.
    None otherwise, or when the bound decides nothing.
    """
    functions = d.atoms(sp.Function)
    outer = [f for f in functions if not any(f != g and g.has(f) for g in functions)]
    leaves = {f for f in outer if radicals.turns(f) is not None}
    if not outer or any(f.func not in (sp.sin, sp.cos) for f in outer if f not in leaves):
        return None
    forms = {f: trig_as_radical(f) for f in outer if f not in leaves}
    if any(r is None or not _real_radical(r) for r in forms.values()):
        return None  # a complex value (acos 2) is left to the path that reads it
    r = _substitute(d, forms)
    return radicals.is_zero(r) if radicals.supported(r) else None


def _substitute(e: sp.Expr, forms: dict) -> sp.Expr:
    """``e`` with ``forms`` put in, the tree rebuilt as it stands (SymPy's evaluation of the new tree,
    which asks for signs of sums of radicals, costs milliseconds and is not needed for its value)."""
    if e in forms:
        return forms[e]
    if not e.args:
        return e
    args = [_substitute(a, forms) for a in e.args]
    if all(a is b for a, b in zip(args, e.args)):
        return e
    return e.func(*args, evaluate=False)


def _real_radical(r: sp.Expr, within_one: bool = False) -> bool:
    """Is the radical ``r`` shown real (every root of a number shown positive), and in [−1, 1] if asked?"""
    try:
        value = radicals.interval(r, radicals.context(64))
    except (ValueError, ZeroDivisionError):
        return False
    return not within_one or (-1 <= value.a and value.b <= 1)


def _real_angle(angle: sp.Expr) -> bool:
    """Is ``angle`` built from inverse trigonometric functions of real radicals, each in its real domain?"""
    for g in angle.atoms(sp.Function):
        if g.func not in (sp.acos, sp.asin, sp.atan) or not is_radical(g.args[0]):
            return False
        if not _real_radical(g.args[0], within_one=g.func is not sp.atan):
            return False
    return True


def trig_as_radical(f: sp.Expr) -> sp.Expr | None:
    """``f`` = sin φ or cos φ (φ constant) as a radical, when its angle allows; else None.

    The addition formulas (:func:`cos_sin`, else SymPy's ``expand_trig``) write the sine or cosine
    of a sum of inverse functions of radicals as radicals (cos(acos a − atan b) = a/√(1+b²) +
    b·√(1−a²)/√(1+b²)). For a half
    angle, cos²φ = (1 + cos 2φ)/2 and sin²φ = (1 − cos 2φ)/2 are identities, so f is ± the
    principal root; the sign is the one within a quarter of |f| of f's 15-digit value (the
    other is 1¾ |f| away), and a value too close to 0 to tell decides nothing.
    """
    if not _real_angle(f.args[0]):  # acos 2 is complex: left to the path that reads it
        return None
    try:
        if not _half_angle(f.args[0]):
            direct = _expand_trig(f)
            if is_radical(direct):
                return direct
        pair = cos_sin(2 * f.args[0])
        double = pair[0] if pair is not None else sp.expand_trig(sp.cos(2 * f.args[0]))
        if not is_radical(double):
            return None
        root = sp.Pow(sp.Mul(sp.Add(1, double if f.func is sp.cos else sp.Mul(-1, double, evaluate=False),
                                    evaluate=False), sp.S.Half, evaluate=False), sp.S.Half, evaluate=False)
        value, size = complex(f.evalf(15)), _value(root)
    except (TypeError, ValueError, ArithmeticError, NotImplementedError):  # no value: no sign to choose
        return None
    if size is None or abs(size) < 1e-6:  # √ of a negative number is i·√: no radical here
        return None
    if abs(value - size) < abs(size) / 4:
        return root
    return -root if abs(value + size) < abs(size) / 4 else None


def _value(r: sp.Expr) -> float | None:
    """The real radical ``r`` as a float, by an interval evaluation; None when a root is not of a positive number."""
    try:
        value = radicals.interval(r, radicals.context(64))
    except (ValueError, ZeroDivisionError):
        return None
    return float(value.mid)


def _expand_trig(f: sp.Expr) -> sp.Expr:
    """``f`` written out like ``expand_trig(f)``, by :func:`cos_sin` where it applies (a few times faster:
    its square roots of rationals skip SymPy's search for perfect powers)."""
    pair = cos_sin(f.args[0])
    if pair is None:
        return sp.expand_trig(f)
    return pair[0] if f.func is sp.cos else pair[1]


_INVERSE = {  # (cos g(x), sin g(x)) for an inverse function g, x in its real domain
    sp.acos: lambda x: (x, _sqrt(1 - x ** 2)),
    sp.asin: lambda x: (_sqrt(1 - x ** 2), x),
    sp.atan: lambda x: (1 / _sqrt(1 + x ** 2), x / _sqrt(1 + x ** 2)),
}


def _sqrt(e: sp.Expr) -> sp.Expr:
    """√e, as SymPy writes it (k·√r, r square-free); for a small positive rational, from the factors
    of its numerator and denominator, without SymPy's search for perfect powers (a millisecond)."""
    if not (e.is_Rational and e > 0 and max(int(e.p), int(e.q)) < SMALL):
        return sp.sqrt(e)
    factors = sp.factorint(int(e.p))
    for p, m in sp.factorint(int(e.q)).items():
        factors[p] = factors.get(p, 0) + m
    square, free = 1, 1
    for p, m in factors.items():
        square *= p ** (m // 2)
        free *= p ** (m % 2)
    outside = sp.Rational(square, int(e.q))  # √(p/q) = √(p·q)/q
    return outside if free == 1 else sp.Mul(outside, sp.Pow(sp.Integer(free), sp.S.Half, evaluate=False))


def cos_sin(angle: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """(cos, sin) of a sum of integer multiples of acos, asin, atan of real radicals (each in its
    domain) and rational multiples of π, by the addition formulas; None for any other angle
    (and for a multiple above ``MULTIPLE``).

    SymPy simplifies the products of roots (cos(acos(61√130/1040) − atan(11/3)) = (183 + 33√511)/1040),
    which keeps the degree of the radical, and the bits the root-separation bound asks for, low.
    """
    pair = None
    for term in sp.Add.make_args(angle):
        k, rest = term.as_coeff_Mul()
        if rest is sp.pi and k.is_Rational:
            leaf = sp.cos(term), sp.sin(term)
        elif k.is_Integer and 0 < abs(k) <= MULTIPLE and rest.func in _INVERSE:
            leaf = _multiple(_INVERSE[rest.func](rest.args[0]), int(k))
        else:
            return None
        pair = leaf if pair is None else _sum(pair, leaf)
    return pair


def _sum(a: tuple[sp.Expr, sp.Expr], b: tuple[sp.Expr, sp.Expr]) -> tuple[sp.Expr, sp.Expr]:
    """(cos, sin) of the sum of two angles from theirs."""
    (ca, sa), (cb, sb) = a, b
    return ca * cb - sa * sb, sa * cb + ca * sb


def _multiple(pair: tuple[sp.Expr, sp.Expr], k: int) -> tuple[sp.Expr, sp.Expr]:
    """(cos kφ, sin kφ) from (cos φ, sin φ), k ≠ 0, by repeated addition."""
    out = pair
    for _ in range(abs(k) - 1):
        out = _sum(out, pair)
    return out if k > 0 else (out[0], -out[1])


def _half_angle(angle: sp.Expr) -> bool:
    """Is a term of ``angle`` other than a multiple of π a fraction of an inverse function (acos(a)/2),
    which ``expand_trig`` does not write out?"""
    for term in sp.Add.make_args(angle):
        coefficient, rest = term.as_coeff_Mul()
        if rest is not sp.pi and not coefficient.is_Integer:
            return True
    return False
