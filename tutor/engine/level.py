"""``level_curve(f, c)``: the curve f(x, y) = c, solved where possible and named in the course's words.

Quadratics are classified by completing the square about the centre: circle of
radius sqrt(c - f0), ellipse, hyperbola, a pair of lines, a point, or empty,
with the condition on c for each; linear f gives parallel lines of one slope.
With ``at``, the gradient there is checked to be perpendicular to the curve
(tangent taken from the solved equation when there is one).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.engine.bounded import Unfinished, bounded
from tutor.engine.inputs import as_expr, as_point, ordered_variables
from tutor.render import Doc, Rendered

C = sp.Symbol("c")


@dataclass(frozen=True)
class LevelCase:
    """For levels satisfying ``condition`` (None: all of them) the curve is ``shape``; ``facts`` name its parts."""

    condition: sp.Basic | None
    shape: str  # "circle" | "ellipse" | "hyperbola" | "parabola" | "line" | "parallel lines" | "two lines"
    #             "pair of crossing lines" | "point" | "empty" | "everything" | "curve"
    facts: tuple[tuple[str, Any], ...] = ()

    def fact(self, name: str, default: Any = None) -> Any:
        return dict(self.facts).get(name, default)


@dataclass(frozen=True)
class Perpendicular:
    point: tuple[sp.Expr, ...]
    gradient: tuple[sp.Expr, ...]
    tangent: tuple[sp.Expr, ...]
    dot: sp.Expr
    source: str  # "solved" (tangent from y = g(x)) or "implicit" (from -f_y, f_x)


@dataclass(frozen=True)
class LevelCurve(Rendered):
    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    c: sp.Expr  # a number, or the symbol c
    equation: sp.Eq
    solved: tuple[sp.Eq, ...]  # e.g. (Eq(y, (c - x)/2),) or the two branches y = +-sqrt(c - x^2)
    cases: tuple[LevelCase, ...]
    perpendicular: Perpendicular | None = None

    @property
    def shape(self) -> str:
        """The shape for this c (the first case when c is symbolic)."""
        return self.cases[0].shape if self.cases else "curve"

    def doc(self) -> Doc:
        from tutor.engine.critical.level_words import level_doc

        return level_doc(self)


def level_curve(f: Any, c: Any = None, variables: Sequence[Any] | None = None, at: Any = None, *,
                timeout: float | None = None) -> LevelCurve:
    """The level curve f = c (c a number, text, or None for a general level c) of a function of two variables."""
    expr = as_expr(f, variables)
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.Tuple):
        raise ValueError("a level curve needs one function of two variables, e.g. x^2 + y^2")
    vars_ = ordered_variables(expr, variables)
    if len(vars_) == 1 and variables is None:
        other = sp.Symbol("y") if vars_[0].name != "y" else sp.Symbol("x")
        vars_ = tuple(sorted((vars_[0], other), key=lambda s: s.name))
    if len(vars_) != 2:
        raise ValueError(f"level curves are drawn for functions of two variables; this one has {len(vars_)}")
    level = C if c is None else as_expr(c)
    if not isinstance(level, sp.Expr) or level.free_symbols & set(vars_):
        raise ValueError("the level c must be a number (or left out for a general c)")
    point = None if at is None else as_point(at, vars_)
    try:
        return bounded(_level, expr, vars_, level, point, timeout=timeout, what="the level curve")
    except Unfinished:
        eq = sp.Eq(expr, level)
        return LevelCurve(expr, vars_, level, eq, (), (LevelCase(None, "curve", (("timed-out", True),)),))


def _level(expr, vars_, level, point) -> LevelCurve:
    x, y = vars_
    eq = sp.Eq(expr, level)
    if point is not None and level == C:
        level = sp.simplify(expr.subs(point))
        eq = sp.Eq(expr, level)
    cases = _cases(expr, x, y, level)
    solved = () if [cs.shape for cs in cases] == ["empty"] else _solve(expr - level, x, y)
    perp = _perpendicular(expr, x, y, level, point, solved) if point is not None else None
    return LevelCurve(expr, vars_, level, eq, solved, cases, perp)


def _solve(g: sp.Expr, x, y) -> tuple[sp.Eq, ...]:
    for var in (y, x):
        if not g.has(var):
            continue
        try:
            sols = sp.solve(g, var)
        except (NotImplementedError, ValueError, TypeError):
            continue
        if 0 < len(sols) <= 2 and all(not s.has(sp.I) for s in sols):
            return tuple(sp.Eq(var, sp.factor_terms(s)) for s in sols)
    return ()


def _cases(f, x, y, level) -> tuple[LevelCase, ...]:
    if not f.is_polynomial(x, y):
        return (LevelCase(None, "curve"),)
    poly = sp.Poly(f, x, y)
    d = poly.total_degree()
    if d <= 0:
        return _compare(level, f, "everything", "empty")
    if d == 1:
        return (_line(poly, x, y, level),)
    if d == 2:
        return _conic(poly, x, y, level)
    return (LevelCase(None, "curve", (("degree", d),)),)


def _compare(level, value, equal_shape: str, other_shape: str, facts=()) -> tuple[LevelCase, ...]:
    diff = sp.simplify(level - value)
    if diff.is_zero:
        return (LevelCase(None, equal_shape, facts),)
    if diff.free_symbols:
        return (LevelCase(sp.Eq(level, value), equal_shape, facts), LevelCase(sp.Ne(level, value), other_shape))
    return (LevelCase(None, other_shape),)


def _line(poly, x, y, level) -> LevelCase:
    a, b = poly.coeff_monomial(x), poly.coeff_monomial(y)
    k = poly.coeff_monomial(1)
    if b != 0:
        return LevelCase(None, "line", (("slope", -a / b), ("intercept", sp.factor_terms((level - k) / b)),
                                        ("normal", (a, b))))
    return LevelCase(None, "line", (("vertical", sp.factor_terms((level - k) / a)), ("normal", (a, b))))


def _conic(poly, x, y, level) -> tuple[LevelCase, ...]:
    A, B, Cq = poly.coeff_monomial(x**2), poly.coeff_monomial(x * y), poly.coeff_monomial(y**2)
    D, E, F = poly.coeff_monomial(x), poly.coeff_monomial(y), poly.coeff_monomial(1)
    disc = B**2 - 4 * A * Cq
    f = poly.as_expr()
    if disc != 0:
        x0, y0 = sp.Matrix([[2 * A, B], [B, 2 * Cq]]).solve(sp.Matrix([-D, -E]))
        f0 = sp.simplify(f.subs({x: x0, y: y0}))
        centre = ("centre", (x0, y0))
        k = sp.simplify(level - f0)
        if disc < 0:
            sign = 1 if A > 0 else -1
            if A == Cq and B == 0:
                inside: tuple[str, tuple] = ("circle", (centre, ("radius", sp.sqrt(sign * k / A)), ("radius squared", sign * k / A)))
            else:
                lam = sp.Matrix([[A, B / 2], [B / 2, Cq]]).eigenvals(multiple=True)
                axes = tuple(sp.sqrt(sign * k / sp.Abs(v)) for v in sorted(lam, key=lambda v: float(abs(v))))
                inside = ("ellipse", (centre, ("semi-axes", axes)))
            return _by_sign(sign * k, inside, ("point", (centre,)), ("empty", ()), level)
        lines = _crossing_lines(A, B, Cq, x0, y0, x, y)
        return _by_sign(k, ("hyperbola", (centre,)), ("pair of crossing lines", (centre, ("lines", lines))),
                        ("hyperbola", (centre,)), level)
    return _parabolic(A, B, Cq, D, E, F, x, y, level)


def _by_sign(k, positive, zero, negative, level) -> tuple[LevelCase, ...]:
    """Cases by the sign of k = (a multiple of) c - f0: one case for a numeric level, three for a symbolic one."""
    if not k.free_symbols:
        s = sp.sign(k)
        shape, facts = positive if s > 0 else zero if s == 0 else negative
        return (LevelCase(None, shape, tuple(facts)),)
    critical_level = sp.solve(k, level)[0]
    grows = sp.diff(k, level) > 0
    above, below = (positive, negative) if grows else (negative, positive)
    if positive[0] == negative[0]:  # hyperbolas on both sides
        return (LevelCase(sp.Ne(level, critical_level), positive[0], tuple(positive[1])),
                LevelCase(sp.Eq(level, critical_level), zero[0], tuple(zero[1])))
    at_zero = _subs_facts(tuple(zero[1]), level, critical_level)
    return (LevelCase(sp.Gt(level, critical_level), above[0], tuple(above[1])),
            LevelCase(sp.Eq(level, critical_level), zero[0], at_zero),
            LevelCase(sp.Lt(level, critical_level), below[0], tuple(below[1])))


def _subs_facts(value, level, critical_level):
    """Put the critical level into the facts of the boundary case (the double line x + y = 0, not -sqrt(c))."""
    if isinstance(value, tuple):
        out = tuple(_subs_facts(v, level, critical_level) for v in value)
        lines = out and all(isinstance(v, sp.Equality) for v in out)
        return tuple(dict.fromkeys(out)) if lines else out
    if isinstance(value, sp.Basic):
        return sp.simplify(value.subs(level, critical_level))
    return value


def _crossing_lines(A, B, Cq, x0, y0, x, y) -> tuple[sp.Eq, ...]:
    u, v = x - x0, y - y0
    q = sp.expand(A * u**2 + B * u * v + Cq * v**2)
    factors = [fct for fct, _ in sp.factor_list(q)[1]]
    if all(sp.Poly(fct, x, y).total_degree() == 1 for fct in factors) and len(factors) == 2:
        out = []
        for fct in factors:
            var = y if fct.has(y) else x
            out.append(sp.Eq(var, sp.solve(fct, var)[0]))
        return tuple(out)
    return tuple(sp.Eq(y, sp.expand(s)) for s in sp.solve(q, y))


def _parabolic(A, B, Cq, D, E, F, x, y, level) -> tuple[LevelCase, ...]:
    """B^2 = 4AC: q = s (alpha x + beta y)^2; parallel lines if the linear part is along (alpha, beta), else a parabola."""
    if A != 0:
        alpha, beta, s = sp.sqrt(sp.Abs(A)), B / (2 * sp.sqrt(sp.Abs(A))), sp.sign(A)
    else:
        alpha, beta, s = sp.Integer(0), sp.sqrt(sp.Abs(Cq)), sp.sign(Cq)
    if sp.simplify(D * beta - E * alpha) != 0:
        return (LevelCase(None, "parabola", (("axis direction", (alpha, beta)),)),)
    gamma = D / alpha if alpha != 0 else E / beta  # f = s L^2 + gamma L + F with L = alpha x + beta y
    L = sp.Symbol("L")
    disc = sp.simplify(gamma**2 - 4 * s * (F - level))
    roots = tuple(sp.simplify(r) for r in sp.solve(s * L**2 + gamma * L + F - level, L))
    lines = tuple(sp.Eq(alpha * x + beta * y, r) for r in roots)
    return _by_sign(disc, ("parallel lines", (("lines", lines),)), ("line", (("lines", lines[:1]),)),
                    ("empty", ()), level)


def _perpendicular(f, x, y, level, point, solved) -> Perpendicular:
    px, py = point[x], point[y]
    on = sp.simplify(f.subs(point) - level)
    if on != 0:
        raise ValueError(f"the point ({px}, {py}) is not on the level curve: f there is {sp.simplify(f.subs(point))}")
    gx, gy = (sp.simplify(sp.diff(f, v).subs(point)) for v in (x, y))
    branch = next((s for s in solved if s.lhs == y and sp.simplify(s.rhs.subs(x, px) - py) == 0), None)
    if branch is not None and gy != 0:
        slope = sp.simplify(sp.diff(branch.rhs, x).subs(x, px))
        tangent, source = (sp.Integer(1), slope), "solved"
    else:
        tangent, source = (-gy, gx), "implicit"
    dot = sp.simplify(gx * tangent[0] + gy * tangent[1])
    return Perpendicular((px, py), (gx, gy), tangent, dot, source)
