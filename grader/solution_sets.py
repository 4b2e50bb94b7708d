"""Real solution sets of rational equations in one variable, by exact polynomial arithmetic.

For ``d = 0`` with ``d`` a rational function of ``v`` over ℚ, the real solutions are the
real roots of its numerator at which no denominator of ``d`` vanishes. They are kept as
one squarefree polynomial whose real roots are exactly the solutions, so two equations
are compared with a gcd and Sturm counts, without solving: ``x⁵⁹⁹⁹(1 − x + x³) = 0`` is
``x(1 − x + x³) = 0``, and no degree-6001 ``solveset`` runs. Anything else (functions,
radicals, other constants, a numerator ≡ 0, a degree past :data:`MAX_DEGREE`) gets None,
and the caller's ``solveset`` decides as before. Module-level functions: they run in the
bounded worker.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from sympy.polys.domains import QQ
from sympy.polys.rings import ring as sparse_ring

MAX_DEGREE = 64  # after the power of v is divided out; past it, solveset (bounded) decides
MAX_TERMS = 256  # a polynomial read in this process (not bounded) has at most this many terms expanded


@dataclass(frozen=True)
class Comparison:
    """``same``, or a real ``witness`` that solves only the right equation (``in_right``) or only the answer."""

    same: bool
    witness: sp.Expr | None = None
    in_right: bool = True
    poles: bool = False  # a denominator in either equation (a removable singularity can matter)


def _poly(e: sp.Expr, v: sp.Symbol) -> sp.Poly | None:
    """A polynomial over ℚ with the roots of ``e`` (a polynomial in ``v``), its power of ``v`` cut to
    at most one (read sparsely: x⁶⁰⁰⁰ − x⁶⁰⁰¹ is never a list of 6002 coefficients); None when ``e``
    is not such a polynomial, or is of degree past :data:`MAX_DEGREE` once that power is divided out."""
    try:
        terms = _ring((v,)).from_expr(e)
    except ValueError:  # a function, a radical, π, 1/v: not a polynomial over ℚ
        return None
    if not terms:
        return sp.Poly(0, v, domain=QQ)
    low = min(m for (m,) in terms.keys())
    if max(m for (m,) in terms.keys()) - low > MAX_DEGREE:
        return None
    shifted = sp.Poly.from_dict({(m - low,): c for (m,), c in terms.items()}, v, domain=QQ)
    return shifted.mul(sp.Poly(v, v, domain=QQ)) if low else shifted


def _reduced(p: sp.Poly) -> sp.Poly | None:
    """The squarefree polynomial with the real roots of ``p`` (a root at 0 kept once)."""
    if p.degree() <= 1:
        return p
    (k,), rest = p.terms_gcd()
    part = rest.sqf_part() if rest.degree() > 1 else rest
    return part.mul(sp.Poly(p.gen, p.gen, domain=QQ)) if k else part


def solution_polynomial(d: sp.Expr, v: sp.Symbol) -> tuple[sp.Poly, bool] | None:
    """(squarefree A over ℚ whose real roots are the real solutions of ``d = 0``, has denominators).

    None when ``d`` is not a rational function of ``v`` over ℚ, or is ≡ 0 where defined.
    """
    if not rational_over_q(d, v):
        return None
    # where d is undefined: a base of a negative power is 0 (its numerator is, the rest is undefined
    # by a deeper base); the denominator of the whole must vanish only there
    poles: sp.Poly | None = None
    for node in sp.preorder_traversal(d):
        if node.is_Pow and node.exp.is_negative:
            base = _poly(node.base.as_numer_denom()[0], v)
            if base is None or base.is_zero or (pole := _reduced(base)) is None:
                return None
            poles = pole if poles is None else poles.lcm(pole)
    # no negative power: d is its own numerator (over ℚ), and SymPy's as_numer_denom, which looks for
    # a common denominator of the terms, has nothing to find
    numerator, denominator = d.as_numer_denom() if poles is not None else (d, sp.S.One)
    p = _poly(numerator, v)
    q = None if denominator.is_Number else _poly(denominator, v)
    if p is None or p.is_zero or (q is None and not denominator.is_Number):
        return None
    solutions = _reduced(p)
    if solutions is None:
        return None
    if poles is None or poles.degree() == 0:
        return (solutions, False) if q is None or q.degree() == 0 else None
    if q is not None and q.degree() > 0 and not _divides(q, poles):
        return None
    return solutions.quo(solutions.gcd(poles)), True


def rational_over_q(d: sp.Expr, v: sp.Symbol) -> bool:
    """Is ``d`` a rational function of ``v`` alone, with no decimals and no power to expand past :data:`MAX_DEGREE`?

    (Constants such as √2 or π pass here and are refused when the polynomials are read.)
    """
    return not (d.free_symbols - {v}) and not d.has(sp.Float) and d.is_rational_function(v) and _expandable(d, v)


def _expandable(d: sp.Expr, v: sp.Symbol) -> bool:
    """No power past :data:`MAX_DEGREE` except of ``v`` itself: ``(x − 1)⁶⁰⁰⁰`` is not expanded here."""
    return all(not (n.is_Pow and abs(n.exp) > MAX_DEGREE and n.base != v) for n in sp.preorder_traversal(d))


def polynomials(de: sp.Expr, da: sp.Expr, variables: tuple[sp.Symbol, ...]) -> tuple | None:
    """Both sides as sparse polynomials over ℚ in ``variables`` (``PolyElement``), neither ≡ 0; None when
    either is not such a polynomial (see :func:`polynomial`). Cheap enough for this process."""
    if not variables or any(_terms(d, frozenset(variables)) > MAX_TERMS for d in (de, da)):
        return None
    p, q = polynomial(de, variables), polynomial(da, variables)
    return (p, q) if p and q else None


def proportional(p, q) -> bool:
    """Is ``q = c·p`` for a constant ``c ≠ 0``? Then the two equations have the same solutions
    (a polynomial is defined everywhere)."""
    return q == p.mul_ground(q.LC / p.LC)


def linear(p, q) -> Comparison | None:
    """Two polynomials in one variable of degree at most 1 (and not constants) compared by their roots,
    as :func:`compare` does; None for any other pair."""
    if p.ring.ngens != 1 or not (p.degree() == q.degree() == 1):
        return None
    to_sympy = p.ring.domain.to_sympy
    ra, rb = (-to_sympy(f.get(f.ring.zero_monom, f.ring.domain.zero)) / to_sympy(f.LC) for f in (p, q))
    return Comparison(True) if ra == rb else Comparison(False, ra, True)


def polynomial(d: sp.Expr, variables: tuple[sp.Symbol, ...]):
    """``d`` as a sparse polynomial over ℚ in ``variables`` (a ``PolyElement``), or None when it is not one
    (a decimal, a function, a radical, π, a negative power), or has more than :data:`MAX_TERMS` terms expanded."""
    if not variables or _terms(d, frozenset(variables)) > MAX_TERMS:
        return None
    return _ring(variables).from_expr(d)


@lru_cache(maxsize=64)
def _ring(variables: tuple[sp.Symbol, ...]):
    """The ring ℚ[variables] (SymPy builds a new one, with generated code, on every call)."""
    return sparse_ring(variables, QQ)[0]


def _terms(e: sp.Expr, variables: frozenset) -> int:
    """An upper bound of the number of terms of the polynomial ``e`` expanded, capped just past
    :data:`MAX_TERMS`; past it too when ``e`` is not a polynomial over ℚ in ``variables``."""
    if e.is_Add:
        n = sum(_terms(a, variables) for a in e.args)
    elif e.is_Mul:
        n = 1
        for a in e.args:
            n *= _terms(a, variables)
            if n > MAX_TERMS:
                break
    elif e.is_Pow:
        if not (e.exp.is_Integer and e.exp > 0):
            return MAX_TERMS + 1
        b = _terms(e.base, variables)  # a power of b terms has at most C(b + k − 1, k) terms (monomials of degree k)
        n = b if b == 1 or b > MAX_TERMS else math.comb(b + int(e.exp) - 1, b - 1)
    elif e.is_Rational or e in variables:
        return 1
    else:  # a decimal, a function, π, another symbol
        return MAX_TERMS + 1
    return min(n, MAX_TERMS + 1)


def _divides(q: sp.Poly, poles: sp.Poly) -> bool:
    """Is every root of ``q`` a root of ``poles`` (squarefree)?"""
    reduced = _reduced(q)
    return reduced is not None and poles.rem(reduced).is_zero


def _rational_roots(a: sp.Poly) -> tuple[list[sp.Rational], bool]:
    """The rational roots of ``a`` in increasing order, and whether it has irrational real roots too."""
    if a.degree() <= 1:
        return ([-a.nth(0) / a.nth(1)] if a.degree() == 1 else []), False
    rationals, irrational = [], False
    for factor, _ in a.factor_list()[1]:
        if factor.degree() == 1:
            c1, c0 = factor.all_coeffs()
            rationals.append(-c0 / c1)
        elif factor.count_roots() > 0:
            irrational = True
    return sorted(rationals), irrational


def rational_solutions(d: sp.Expr, v: sp.Symbol) -> sp.Set | None:
    """The real solutions of ``d = 0`` as a FiniteSet (what ``solveset`` gives), when they are all rational."""
    found = solution_polynomial(d, v)
    if found is None:
        return None
    rationals, irrational = _rational_roots(found[0])
    return None if irrational else sp.FiniteSet(*rationals)


def _witness(a: sp.Poly) -> sp.Expr:
    """A real root of ``a``: its least rational one (``solveset`` lists rationals first), else its least real one."""
    rationals, _ = _rational_roots(a)
    return rationals[0] if rationals else a.real_roots()[0]


def compare(de: sp.Expr, da: sp.Expr, v: sp.Symbol) -> Comparison | None:
    """Do ``de = 0`` and ``da = 0`` have the same real solutions (exactly)? None: not rational equations."""
    right, answer = solution_polynomial(de, v), solution_polynomial(da, v)
    if right is None or answer is None:
        return None
    (a, a_poles), (b, b_poles) = right, answer
    poles = a_poles or b_poles
    if a.degree() <= 1 and b.degree() <= 1:  # at most one solution each: compare them
        (ra, _), (rb, _) = _rational_roots(a), _rational_roots(b)
        if ra == rb:
            return Comparison(True, poles=poles)
        return Comparison(False, ra[0], True, poles) if ra else Comparison(False, rb[0], False, poles)
    common = a.gcd(b)
    only_right, only_answer = a.quo(common), b.quo(common)
    if only_right.degree() > 0 and only_right.count_roots() > 0:
        return Comparison(False, _witness(only_right), True, poles)
    if only_answer.degree() > 0 and only_answer.count_roots() > 0:
        return Comparison(False, _witness(only_answer), False, poles)
    return Comparison(True, poles=poles)
