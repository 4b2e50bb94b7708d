"""Constants of integration: which names are constants, where a family is defined, what values it takes.

An antiderivative written with names besides the variables (``x³/3 + C``,
``ln(k|x|)``, ``(x − a)⁶⁰⁰¹/6001 + c``) is a *family*. A name is a **constant** when
no derivative depends on it (tested symbolically, then by sampling, since
d/dx ln|kx| = k·sign(kx)/|kx| keeps k in its form); any other name of the
reference is a **parameter** (``a``, ``n``) and is sampled like a variable.

Two things the derivative cannot see are checked on F itself:

* the **domain**: for some single value of its constants, the answer must be
  defined wherever the reference is (up to isolated points), as for every
  expression; ``ln(x) + C`` for ``ln|x| + C`` and ``ln(kx)`` (k > 0 serves x > 0,
  k < 0 serves x < 0, and one constant cannot depend on the side) are wrong;
* the **range**: answer − a particular antiderivative is a function g of the
  constants alone, and an arbitrary constant is one that g carries over every real
  value: ``3C``, ``−C``, ``C + K``, ``ln K`` qualify, ``C²`` (never negative) does not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import cast

import numpy as np
import sympy as sp

from grader.budget import OutOfTime, run_bounded
from grader.equivalence import compare, points_undefined
from grader.numeric.evaluate import Unsupported, evaluate, free
from grader.numeric.sampling import Sample, most_points, sample

# values tried for the constants, each the same at every point (a constant cannot depend on the side)
TRIALS = tuple(sp.Rational(v) for v in ("1", "2", "-1", "1/2", "3", "-2", "-1/2"))
PROBE = sp.Rational(7, 3)  # a value that makes a symbol's absence from a derivative visible


def by_name(symbols) -> tuple[sp.Symbol, ...]:
    return tuple(sorted(symbols, key=lambda s: s.name))


@dataclass(frozen=True)
class Family:
    """The names of an antiderivative besides its variables."""

    constants: tuple[sp.Symbol, ...]
    parameters: tuple[sp.Symbol, ...]


def family(expr: sp.Expr, derivatives: tuple[sp.Expr, ...], variables: tuple, known: tuple = ()) -> Family:
    """Split the names of ``expr``: ``known`` parameters (the reference's) stay parameters."""
    others = by_name(free(expr) - set(variables) - set(known))
    space = tuple(variables) + tuple(known)
    constants = tuple(s for s in others if _free_of(derivatives, s, space))
    parameters = tuple(known) + tuple(s for s in others if s not in constants)
    return Family(constants, by_name(parameters))


CONVENTIONAL = ("C", "c", "K", "k")  # names a reference uses for its constant when no variables are declared


def undeclared_constants(expected: sp.Expr, names: tuple) -> tuple[sp.Symbol, ...]:
    """Of a reference's names (no variables declared), those that are its constant of integration.

    ``x³/3 + C`` is symmetric in form (C + something free of C): only the name tells the
    constant, so a conventional name (C, c, K, k) on which no other derivative depends is one.
    """
    out = tuple(s for s in names if s.name in CONVENTIONAL
                and not any(sp.diff(expected, v).has(s) for v in names if v != s))
    return out if len(out) < len(names) else ()


def _free_of(derivatives: tuple[sp.Expr, ...], s: sp.Symbol, space: tuple) -> bool:
    """No derivative depends on ``s``: in form, or else at sampled points (s drawn as well)."""
    for d in derivatives:
        if not d.has(s):
            continue
        rest = by_name(free(d) - {s} - set(space))
        try:
            same = compare(d.xreplace({s: PROBE}), d, tuple(space) + rest + (s,)).equal
        except Exception:  # noqa: BLE001 - what cannot be compared is not shown to be constant
            same = None
        if same is not True:
            return False
    return True


@dataclass(frozen=True)
class Domain:
    """How the answer's domain compares with the reference's, at the best values of its constants."""

    values: dict = field(default_factory=dict)  # the constants' values used (Symbol -> Rational)
    missing: dict | None = None  # a point where the reference is defined and the answer is not
    anchor: dict | None = None  # an exact point where both are defined (for the range of the constants)


def _particular(expr: sp.Expr, constants: tuple, space: tuple) -> Sample | None:
    """The reference's sample at the values of its constants that define it at most points (the first
    such value; a sample with every point it can hold, ``x³/3 + C`` at C = 1, ends the search)."""
    best = None
    for v in TRIALS if constants else TRIALS[:1]:
        try:
            s = sample(expr.xreplace({c: v for c in constants}), space)
        except (Unsupported, RecursionError):
            continue
        if best is None or s.size > best.size:
            best = s
            if s.size >= most_points(len(space)):
                break
    return best


def compare_domains(expected: sp.Expr, ref_constants: tuple, answer: sp.Expr, constants: tuple,
                    space: tuple) -> Domain:
    """Is there one value of the answer's constants that defines it wherever the reference is defined?"""
    ref = _particular(expected, ref_constants, space)
    if ref is None or ref.size == 0:
        return Domain()  # nothing to compare on: the derivative has had its say
    worst = None
    for v in TRIALS if constants else TRIALS[:1]:
        values = {c: v for c in constants}
        particular = answer.xreplace(values)
        try:
            gaps = points_undefined(ref, particular)
        except (Unsupported, RecursionError):
            return Domain(values)
        if not gaps.any():
            return Domain(values, None, _anchor(ref, particular))
        if worst is None:
            worst = Domain(values, _exact(ref, int(np.argmax(gaps))))
    return cast(Domain, worst)  # TRIALS has at least one entry, so the loop set it


def plainly_defined(expected: sp.Expr, ref_constants: tuple, answer: sp.Expr, constants: tuple,
                    space: tuple) -> bool:
    """Is the answer, at its constants' first trial values, defined wherever the reference is, read off the terms?

    So when each of its terms holding a name of ``space`` is a term of the reference, whose such terms are
    free of its constants, and each other term is a finite real number (x³/3 + C against x³/3, ln|x| + 2
    against ln|x| + C). The reference's constants then change only its terms free of ``space`` (into
    numbers): at any value of them, where the reference is finite, each of its terms is (``evaluate``
    sums them), hence each of the answer's. ``compare_domains`` would find no gap at the first trial.
    """
    names = set(space)
    held = [t for t in sp.Add.make_args(expected) if free(t) & names]
    if not all(free(t) <= names for t in held):  # ln|kx|: a value of k changes where the term is defined
        return False
    shared = set(held)
    for t in sp.Add.make_args(answer.xreplace({c: TRIALS[0] for c in constants})):
        if t in shared:
            continue
        if free(t):
            return False
        try:
            if not np.isfinite(evaluate(t, {})):
                return False
        except (Unsupported, TypeError, ValueError, OverflowError):
            return False
    return True


def _exact(ref: Sample, i: int) -> dict:
    exact = ref.exact[i]
    if exact is None:
        exact = tuple(Fraction(float(c)).limit_denominator(10**6) for c in ref.points[i])
    return {v: sp.Rational(c.numerator, c.denominator) for v, c in zip(ref.variables, exact)}


def _anchor(ref: Sample, answer: sp.Expr) -> dict | None:
    """An exact point of the sample (nice ones first) where the answer is defined."""
    for i in range(ref.size):
        point = _exact(ref, i)
        try:
            value = float(evaluate(answer, {s: np.float64(float(p)) for s, p in point.items()}))  # type: ignore[misc]
        except (Unsupported, TypeError, ValueError):
            continue
        if np.isfinite(value):
            return point
    return None


class RangeUnknown:
    """The range of a constant could not be settled in time: neither arbitrary nor restricted."""

    def __init__(self, constant: sp.Symbol) -> None:
        self.constant = constant


def restricted_constant(answer: sp.Expr, constants: tuple,
                        domain: Domain) -> tuple[sp.Symbol, sp.Set] | RangeUnknown | None:
    """The answer's constants cannot shift it by every real amount: (a constant, the values it gives).

    At an anchor point, g(C) = answer − answer(C₀) depends on the constants alone; it is enough that
    one constant, the others held at their values, carries g over every real number. When no
    constant is shown to do so and a range stayed unknown, the answer is ``RangeUnknown``: an
    unsettled range is never taken as "every value" (C² would pass whenever SymPy ran out of time).
    """
    if not constants or domain.anchor is None or shifts(answer, constants):
        return None
    at = answer.xreplace(domain.anchor)
    found: tuple[sp.Symbol, sp.Set] | None = None
    unknown: sp.Symbol | None = None
    for c in constants:
        g = at.xreplace({o: domain.values[o] for o in constants if o != c})
        values = value_set(g, c)
        if values == sp.S.Reals:
            return None
        if values is None:
            unknown = unknown or c
        else:
            found = found or (c, values)
    if unknown is not None:
        return RangeUnknown(unknown)
    return found


def value_set(g: sp.Expr, c: sp.Symbol) -> sp.Set | None:
    """The real values of g as c runs over the reals (bounded SymPy ``function_range``; None: unknown)."""
    if _shift(g, c):  # + C, − 3C, read off the form
        return sp.S.Reals
    poly = _real_polynomial(g, c)
    if poly is not None and poly.degree() % 2 == 1:  # C³ − C: odd degree takes every value
        return sp.S.Reals
    if poly is not None and 0 < poly.degree() <= 4:  # C², C² + 1: the extreme is at a root of g′
        extremes = [poly.eval(r) for r in poly.diff().real_roots()]
        if poly.LC() > 0:
            return sp.Interval(sp.Min(*extremes), sp.oo)
        return sp.Interval(-sp.oo, sp.Max(*extremes))
    if _log_of_linear(g, c):  # ln(kx), ln|kx| at the anchor: ln of every positive number
        return sp.S.Reals
    # √2·C, ln(e^C): no worker needed. Asked after the exact tests above, as ``diff`` costs more: each
    # of them gives every real value too whenever the slope is a non-zero number (a polynomial of degree 1)
    slope = sp.diff(g, c)
    if slope.is_number and slope.is_nonzero:
        return sp.S.Reals
    try:
        return run_bounded(_function_range, g, c, what="the range of the constant", share=0.5)
    except OutOfTime:
        return None
    except Exception:  # noqa: BLE001 - a SymPy failure in the worker leaves the range unknown
        return None


def shifts(answer: sp.Expr, constants: tuple) -> bool:
    """Does one constant only shift the answer (+ C, − 3K)? Then it does so at any point, with the other
    constants at any values: ``value_set`` would give every real number, read off the answer itself."""
    return any(_shift(answer, c) for c in constants)


def _shift(g: sp.Expr, c: sp.Symbol) -> bool:
    """Is g = b + a·c with b free of c and a a non-zero rational? (Its slope is then a, without ``diff``.)"""
    held = [t for t in sp.Add.make_args(g) if t.has(c)]  # what ``as_independent`` splits off, without its cost
    if len(held) != 1:
        return False
    term = held[0]  # c, or a·c: a Mul puts its rational coefficient first
    return term == c or term.is_Mul and len(term.args) == 2 and term.args[1] == c and term.args[0].is_Rational


def _log_of_linear(g: sp.Expr, c: sp.Symbol) -> bool:
    """Is g = b + a·ln(u) with a ≠ 0 a real number, b free of c, and u = pc + q or m·|pc + q| (p ≠ 0, q real; m > 0)?

    Then g takes every real value: where u > 0, u runs over all of (0, ∞) as c runs over the reals.
    """
    b, rest = g.as_independent(c, as_Add=True)
    a, log = rest.as_independent(c, as_Add=False)
    if not (isinstance(log, sp.log) and a.is_number and a.is_extended_real and a.is_zero is False):
        return False
    m, u = log.args[0].as_independent(c, as_Add=False)  # m·(pc + q), or m·|pc + q| with m > 0
    if isinstance(u, sp.Abs):
        if not m.is_positive:
            return False
        m, u = sp.S.One, u.args[0]
    line = m * u
    if not line.is_polynomial(c):
        return False
    p, q = sp.diff(line, c), line.subs(c, 0)
    return all(n.is_number and n.is_extended_real for n in (p, q, b)) and p.is_zero is False


def _real_polynomial(g: sp.Expr, c: sp.Symbol) -> sp.Poly | None:
    """g as a polynomial in c whose non-constant coefficients are rational (cheap and exact; the
    constant term, such as sin(2) from the anchor, only shifts the range), or None."""
    if not g.is_polynomial(c):
        return None
    try:
        poly = sp.Poly(g, c)
        constant = poly.coeff_monomial(1)
        if not (constant.is_number and constant.is_real):
            return None
        return sp.Poly(g - constant, c, domain="QQ") + constant
    except (sp.PolynomialError, sp.CoercionFailed):
        return None


def _function_range(g: sp.Expr, c: sp.Symbol) -> sp.Set | None:
    from sympy.calculus.util import function_range

    real = sp.Dummy(c.name, real=True)
    try:
        out = function_range(g.xreplace({c: real}), real, sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        return None
    return out if isinstance(out, sp.Set) else None
