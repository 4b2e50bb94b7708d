"""Critical points where the gradient does not exist: the cone's vertex, the corner of |x| + |y|.

A critical point is a point of f's domain where every partial derivative is 0 or some
partial derivative does not exist. Solving ∇f = 0 cannot see the second kind: the
solver drops the points where a denominator of the gradient vanishes. Here they are
found from the singular set of the gradient (zeros of |u| arguments, of the bases of
fractional powers and of the gradient's denominators), intersected with the domain of f,
and checked one by one: a partial derivative that does not exist is a difference
quotient without a (finite) limit. They are classified by the local behaviour of f,
not by the Hessian (which does not exist there): f − f(p) of one sign near p (a sum of
non-negative terms) is a minimum or maximum; two lines along which f − f(p) has
opposite signs make p not an extremum.

Odd roots are real roots here (``real_form``); variables are real.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import combinations

import sympy as sp

from tutor.engine.real_roots import real_form

_H = sp.Symbol("h", real=True)
_T = sp.Symbol("t", positive=True)


@dataclass(frozen=True)
class NoGradient:
    """Why a point is critical without a gradient, and how it was classified (an explanation record)."""

    missing: tuple[sp.Symbol, ...]  # variables whose partial derivative does not exist there
    quotients: tuple[tuple[sp.Symbol, sp.Expr, sp.Expr], ...]  # (variable, limit from the right, from the left)
    conclusion: str  # "minimum" | "maximum" | "not an extremum" | "undecided"
    difference: sp.Expr | None = None  # f − f(p), shown when its sign settles the point
    lines: tuple[tuple[tuple[int, ...], int], ...] = ()  # (direction, sign of f − f(p) along it)
    global_: bool = False  # f − f(p) keeps its sign everywhere, not only near p


@dataclass(frozen=True)
class SingularCurve:
    """A curve u = 0 of points where a partial derivative does not exist (critical by definition)."""

    equation: sp.Expr
    parametrization: tuple[tuple[sp.Symbol, sp.Expr], ...]  # variable = expression in the parameter s
    value: sp.Expr | None  # f on the curve, when constant
    conclusion: str  # "minimum" | "maximum" | "not an extremum" | "undecided"
    global_: bool = False


@dataclass(frozen=True)
class SingularSearch:
    points: tuple[tuple[dict, sp.Expr, NoGradient], ...]  # (point, value, record)
    curves: tuple[SingularCurve, ...]  # curves of critical points without a gradient
    complete: bool  # every point of the singular set was examined


def singular_critical_points(f: sp.Expr, variables: tuple[sp.Symbol, ...], undecided=()) -> SingularSearch:
    """The points of f's domain where some partial derivative does not exist, classified.

    ``undecided``: points (dicts) the Hessian test left undecided; where f has kinks they are
    examined here too, by the local behaviour of f.
    """
    real = {v: sp.Dummy(v.name, real=True) for v in variables}
    back = {d: v for v, d in real.items()}
    xs = tuple(real[v] for v in variables)
    g = real_form(f).xreplace(real)
    pieces, complete = _singular_pieces(g, xs)
    if not pieces:
        return SingularSearch((), (), complete)
    points, curves = _candidates(pieces, xs)
    points = [{real[v]: c for v, c in p.items()} for p in undecided] + points
    out = _points(g, xs, points, back)
    families = []
    for u in curves:
        fam = _curve(g, xs, u)
        if fam == "unresolved":
            complete = False
        elif fam is not None:
            families.append(replace(fam, equation=fam.equation.xreplace(back),
                                    parametrization=tuple((back[x], e) for x, e in fam.parametrization)))
    return SingularSearch(tuple(out), tuple(families), complete)


def _candidates(pieces, xs) -> tuple[list[dict], list[sp.Expr]]:
    """Isolated candidate points (zeros of one-sign pieces, crossings of curves) and the curves."""
    points, curves = [], []
    for u in pieces:
        if len(xs) == 1:
            points += _common_zeros((u,), xs)
        elif _one_sign(u, xs):
            points += _isolated_zeros(u, xs)
        else:
            curves.append(u)
    for u, w in combinations(curves, 2):
        points += _common_zeros((u, w), xs)
    return points, curves


def _points(g, xs, points, back) -> list[tuple[dict, sp.Expr, NoGradient]]:
    """Each distinct candidate examined; records written in the learner's variables."""
    out, seen = [], set()
    for p in points:
        key = tuple(p[x] for x in xs)
        if key in seen:
            continue
        seen.add(key)
        found = _examine(g, xs, p)
        if found is None:
            continue
        value, rec = found
        rec = replace(rec, missing=tuple(back[x] for x in rec.missing),
                      quotients=tuple((back[x], r, le) for x, r, le in rec.quotients),
                      difference=None if rec.difference is None else rec.difference.xreplace(back))
        out.append(({back[x]: p[x] for x in xs}, value, rec))
    return out


_S = sp.Symbol("s", real=True)


def _curve(g: sp.Expr, xs, u: sp.Expr):
    """The curve u = 0 as a family (None: partial derivatives exist there; "unresolved": not parametrised)."""
    var = next((x for x in xs if sp.degree(u, x) == 1 and not sp.diff(u, x).free_symbols), None)
    if var is None:
        return "unresolved"
    sol = sp.solve(u, var)
    if len(sol) != 1:
        return "unresolved"
    others = [x for x in xs if x != var]
    params = {others[0]: _S} if len(others) == 1 else None
    if params is None:
        return "unresolved"
    point = {var: sol[0].xreplace(params), **params}
    generic = {_S: sp.Rational(7, 3)}  # a generic point of the curve, to see whether a partial fails there
    p0 = {x: e.xreplace(generic) for x, e in point.items()}
    found = _examine(g, xs, p0)
    if found is None or not found[1].missing:
        return None
    on = sp.simplify(g.xreplace(point))
    param = tuple((x, point[x]) for x in xs)
    if not on.has(_S):
        diff = g - on
        sign = _sign_everywhere(diff, xs)
        kind = {1: "minimum", -1: "maximum", None: "undecided"}[sign]
        return SingularCurve(u, param, on, kind, global_=sign is not None)
    return SingularCurve(u, param, None, "not an extremum")


def may_lack_gradient(f: sp.Expr) -> bool:
    """|·|, sign or a fractional power of a variable expression: places where ∇f may not exist."""
    return any(isinstance(a, (sp.Abs, sp.sign)) or (isinstance(a, sp.Pow) and a.exp.is_Rational
                                                    and not a.exp.is_Integer and a.base.free_symbols)
               for a in sp.preorder_traversal(f))


def _singular_pieces(g: sp.Expr, xs) -> tuple[list[sp.Expr], bool]:
    """Polynomials whose zeros may be non-differentiable points; complete=False for a non-polynomial one."""
    pieces, complete = [], True
    for a in sp.preorder_traversal(g):
        if isinstance(a, sp.Abs) or isinstance(a, sp.sign):
            u = a.args[0]
        elif isinstance(a, sp.Pow) and a.exp.is_Rational and not a.exp.is_Integer:
            u = a.base
        else:
            continue
        if not u.free_symbols & set(xs) or u.has(sp.Abs, sp.sign):
            continue  # |v| inside: v itself is collected when the traversal reaches |v|
        if not u.is_polynomial(*xs):
            complete = False
            continue
        factors = [u] if _one_sign(u, xs) else [fac for fac, _ in sp.factor_list(sp.expand(u), *xs)[1]]
        for fac in factors:
            if fac.free_symbols and fac not in pieces:
                pieces.append(fac)
    return pieces, complete


def _one_sign(u: sp.Expr, xs) -> bool:
    """u ≥ 0 (or ≤ 0) everywhere, so its zeros are where ∇u = 0 too: isolated points in practice."""
    return _sign_everywhere(u, xs) is not None


def _nonnegative(e: sp.Expr) -> bool:
    """A structural e ≥ 0: positive numbers, |·|, even powers, roots of such, sums and products of such."""
    if e.is_number:
        return bool(e.is_nonnegative)
    if isinstance(e, sp.Abs):
        return True
    if isinstance(e, sp.Pow):
        if e.exp.is_Integer and e.exp % 2 == 0:
            return True
        return _nonnegative(e.base) and bool(e.exp.is_real)
    if isinstance(e, (sp.Add, sp.Mul)):
        return all(_nonnegative(a) for a in e.args)
    return False


def _isolated_zeros(u: sp.Expr, xs) -> list[dict]:
    return _common_zeros((u,) + tuple(sp.diff(u, x) for x in xs), xs)


def _common_zeros(eqs, xs) -> list[dict]:
    sols = sp.solve(list(eqs), list(xs), dict=True)
    out = []
    for s in sols:
        if all(x in s for x in xs) and all(s[x].is_real for x in xs):
            out.append({x: s[x] for x in xs})
    return out


def _examine(g: sp.Expr, xs, p: dict):
    """(f(p), record) when p is in f's domain and a partial derivative fails or all vanish; else None."""
    value = g.xreplace(p)
    if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or value.is_extended_real is not True:
        return None
    value = sp.simplify(value)
    quotients, missing = [], []
    for x in xs:
        q = (g.xreplace({**p, x: p[x] + _H}) - value) / _H
        right, left = (_limit(q, side) for side in ("+", "-"))
        quotients.append((x, right, left))
        if right is None or left is None or not (right.is_finite and left.is_finite) or right != left:
            missing.append(x)
    if not missing and any(r != 0 for _, r, _ in quotients):
        return None  # differentiable with a nonzero partial: not critical
    return value, _classify(g, xs, p, value, tuple(missing), tuple(quotients))


def _limit(q: sp.Expr, side: str):
    try:
        v = sp.limit(q, _H, 0, side)
    except (NotImplementedError, ValueError, TypeError):
        return None
    return None if v.has(sp.AccumBounds, sp.Limit, sp.nan) or v is sp.zoo else v


def _classify(g, xs, p, value, missing, quotients) -> NoGradient:
    shifted = {x: p[x] + x for x in xs}
    diff = g.xreplace(shifted) - value
    sign = _sign_everywhere(diff, xs)
    if sign is not None:  # a structural sign (sum of non-negative terms) holds everywhere: a global extremum
        kind = "minimum" if sign > 0 else "maximum"
        return NoGradient(missing, quotients, kind, g - value, global_=True)
    lines = _lines(g, xs, p, value)
    signs = {s for _, s in lines}
    if len(xs) == 1 and len(lines) == 2 and len(signs) == 1:  # both sides of p: that is the whole neighbourhood
        return NoGradient(missing, quotients, "minimum" if 1 in signs else "maximum", None, tuple(lines))
    if 1 in signs and -1 in signs:
        return NoGradient(missing, quotients, "not an extremum", None, tuple(lines))
    return NoGradient(missing, quotients, "undecided", None, tuple(lines))


def _sign_everywhere(diff: sp.Expr, xs) -> int | None:
    """+1 when diff ≥ 0 everywhere by its form, −1 when ≤ 0, else None."""
    for form in (diff, sp.factor_terms(diff)):
        if _nonnegative(form):
            return 1
        if _nonnegative(-form):
            return -1
    return None


def _directions(n: int):
    if n == 1:
        return [(1,), (-1,)]
    base = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)]
    if n == 2:
        return base
    return [tuple(d) + (0,) for d in base] + [(0, 0, 1), (0, 0, -1)]


def _lines(g, xs, p, value) -> list[tuple[tuple[int, ...], int]]:
    """The sign of f − f(p) along lines from p (SymPy's limit of the sign as t → 0⁺)."""
    out = []
    for d in _directions(len(xs)):
        along = g.xreplace({x: p[x] + c * _T for x, c in zip(xs, d)}) - value
        try:
            s = sp.limit(sp.sign(along), _T, 0, "+")
        except (NotImplementedError, ValueError, TypeError):
            continue
        if s in (1, -1):
            out.append((d, int(s)))
            if {v for _, v in out} == {1, -1}:
                break
    return out
