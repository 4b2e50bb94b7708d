"""Describe a family of critical points: its equations, a parametrization, f's value and what it is.

On a connected family f is constant (its derivative along the family is
grad f . tangent = 0). Factoring f - c then tells the story: even powers only
means f >= c everywhere (a minimum), an odd factor that vanishes on the family
means f - c changes sign across it, and another odd factor splits the family
into a minimum part and a maximum part.
"""
from __future__ import annotations

import sympy as sp

from tutor.engine.critical.records import FamilyFacts
from tutor.engine.critical.result import CriticalFamily
from tutor.engine.critical.signs import decide_sign


def describe_family(f: sp.Expr, variables: tuple[sp.Symbol, ...], equations: tuple[sp.Expr, ...],
                    dimension: int, known: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()) -> CriticalFamily:
    eqs = tuple(sp.expand(v - c) for v, c in known) + tuple(equations)
    if not eqs:
        value = f if not f.free_symbols & set(variables) else None
        facts = FamilyFacts((), len(variables))
        return CriticalFamily(variables, (), len(variables), value, "constant" if value is not None else "undecided",
                              facts, is_global=True if value is not None else None)
    param = _parametrize(eqs, variables)
    value = _value_on(f, variables, eqs, param)
    conclusion, sign_factor, is_global = "undecided", None, None
    if value is not None:
        conclusion, sign_factor, is_global = _sign_story(f - value, variables, eqs)
    if conclusion == "undecided" and param is not None and value is not None:
        conclusion = _saddle_at_sample(f, variables, param) or conclusion
    facts = FamilyFacts(eqs, dimension, param, sign_factor)
    return CriticalFamily(variables, eqs, dimension, value, conclusion, facts, is_global)


def _saddle_at_sample(f, variables, param) -> str | None:
    """An indefinite Hessian at a generic point of the family: f takes both sides of c nearby there."""
    solved = dict(param)
    free = [v for v in variables if v not in solved]
    sample = {v: sp.Rational(2 + i, 3 + 2 * i) for i, v in enumerate(free)}
    point = {v: sp.sympify(solved.get(v, sample.get(v))).subs(sample) for v in variables}
    H = sp.hessian(f, variables).subs(point)
    if H.has(sp.nan, sp.zoo) or not all(e.is_Rational for e in H):
        return None
    coeffs = [int(sp.sign(c)) for c in H.charpoly().all_coeffs()]
    nonneg = all(coeffs[i] * (-1) ** i >= 0 for i in range(len(coeffs)))
    nonpos = all(c >= 0 for c in coeffs)
    return None if nonneg or nonpos else "not an extremum"


def _parametrize(eqs, variables) -> tuple[tuple[sp.Symbol, sp.Expr], ...] | None:
    """Solve the equations for some variables in terms of the others, if that is a single rational branch."""
    try:
        sols = sp.solve(list(eqs), list(variables), dict=True)
    except (NotImplementedError, ValueError, TypeError):
        return None
    if len(sols) != 1:
        return None
    sol = sols[0]
    if any(val.has(sp.Pow) and any(not a.exp.is_Integer for a in val.atoms(sp.Pow)) for val in sol.values()):
        return None
    return tuple((v, sol[v]) for v in variables if v in sol)


def _value_on(f, variables, eqs, param) -> sp.Expr | None:
    if param:
        v = sp.simplify(f.subs(dict(param)))
        return v if not v.free_symbols & set(variables) else None
    if all(e.is_polynomial(*variables) for e in eqs) and f.is_polynomial(*variables):
        G = sp.groebner(list(eqs), *variables, order="lex")
        r = G.reduce(sp.expand(f))[1]
        return r if not r.free_symbols & set(variables) else None
    return None


def _sign_story(diff: sp.Expr, variables, eqs) -> tuple[str, sp.Expr | None, bool | None]:
    """From the factorization of f - c: (conclusion, the factor carrying the sign, global?)."""
    whole = _sum_of_signed_terms(diff, variables)
    if whole:
        return ("minimum" if whole > 0 else "maximum"), None, True
    try:
        c, factors = sp.factor_list(sp.factor(diff))
    except (sp.PolynomialError, NotImplementedError):
        return "undecided", None, None
    sign = decide_sign(c).sign
    if not sign:
        return "undecided", None, None
    undecided = []
    for g, e in factors:
        if e % 2 == 0:
            continue
        s = semidefinite_sign(g, variables)
        if s:
            sign *= s
            continue
        undecided.append(g)
    if not undecided:
        return ("minimum" if sign > 0 else "maximum"), None, True
    carrier = sign * sp.Mul(*undecided)
    hypersurface = len(eqs) == 1
    if any(_vanishes_on(g, eqs, variables) for g in undecided):
        # a simple factor defining the hypersurface changes sign across it; in higher codimension
        # a vanishing factor may keep one sign, so nothing is claimed
        if hypersurface and any(sp.simplify(g / eqs[0]).is_number for g in undecided):
            return "not an extremum", carrier, None
        return "undecided", carrier, None
    return "mixed", carrier, None


def _sum_of_signed_terms(expr: sp.Expr, variables) -> int:
    """+1 / -1 if expr, as written, is a sum of terms that are all >= 0 (<= 0) for real variables."""
    real = {v: sp.Dummy(v.name, real=True) for v in variables}
    terms = sp.Add.make_args(sp.sympify(expr).subs(real))
    if all(t.is_nonnegative for t in terms):
        return 1
    if all(t.is_nonpositive for t in terms):
        return -1
    return 0


def semidefinite_sign(g: sp.Expr, variables) -> int:
    """+1 if g >= 0 for all real points, -1 if g <= 0, 0 if not shown (assumptions, quadratic forms, even terms)."""
    real = {v: sp.Dummy(v.name, real=True) for v in variables}
    gr = g.subs(real)
    if gr.is_nonnegative:
        return 1
    if gr.is_nonpositive:
        return -1
    if not g.is_polynomial(*variables):
        return 0
    poly = sp.Poly(g, *variables)
    if all(sum(m) == 2 for m in poly.monoms()):  # a quadratic form: eigenvalue signs of its matrix
        Q = sp.hessian(g, variables)
        charpoly = Q.charpoly().all_coeffs()
        signs = [int(sp.sign(c)) for c in charpoly]
        nonneg_roots = all(signs[i] * (-1) ** i >= 0 for i in range(len(signs)))  # no sign pattern for negative roots
        nonpos_roots = all(s >= 0 for s in signs)
        if nonneg_roots:
            return 1
        if nonpos_roots:
            return -1
        return 0
    from tutor.engine.critical.followup import _even_terms_sign

    return _even_terms_sign(g, variables, strict=False)


def _vanishes_on(g, eqs, variables) -> bool:
    if not all(e.is_polynomial(*variables) for e in (g, *eqs)):
        return any(sp.simplify(g - e) == 0 or sp.simplify(g + e) == 0 for e in eqs)
    G = sp.groebner(list(eqs), *variables, order="lex")
    return G.reduce(sp.expand(g))[1] == 0
