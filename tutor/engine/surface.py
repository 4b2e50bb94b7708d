"""``surface_kind(f, at)``: the shape of the graph near a point, in the course's words, from the Hessian.

bowl (a paraboloid opening up, like x^2 + y^2), dome (opening down), saddle
(up one way, down another, like x^2 - y^2), plane (no curvature: f is linear),
or degenerate (flat in some direction to second order; x^4 + y^4 looks like a
bowl but the Hessian cannot tell). Signs are decided exactly, as for critical points.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.engine.bounded import Unfinished, bounded
from tutor.engine.inputs import as_expr, as_point, ordered_variables
from tutor.render import Doc, Rendered, line

KINDS = ("bowl", "dome", "saddle", "plane", "degenerate")


@dataclass(frozen=True)
class SurfaceKind(Rendered):
    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    at: dict[sp.Symbol, sp.Expr] | None  # None: the Hessian is constant, so the shape holds everywhere
    kind: str  # one of KINDS, or "undecided"
    hessian: sp.ImmutableMatrix
    gradient: tuple[sp.Expr, ...]  # at the point (zero at a critical point)
    eigen_signs: tuple[int, int, int] | None  # (positive, negative, zero)
    flat_kind: str | None = None  # for degenerate: "trough" (semidefinite, nonzero) or "flat" (zero Hessian)

    @property
    def critical(self) -> bool:
        return all(g == 0 for g in self.gradient)

    def doc(self) -> Doc:
        where = "everywhere (the Hessian is constant)" if self.at is None else None
        point = None if self.at is None else _pt([self.at[v] for v in self.variables])
        title = line("Shape of the graph of f =", self.function, *(["near", point] if point is not None else [where]))
        nodes = [line("Hessian", *(["at", point] if point is not None else []), ":", self.hessian)]
        if self.eigen_signs is not None:
            pos, neg, zero = self.eigen_signs
            nodes.append(line(f"Its eigenvalues: {pos} positive, {neg} negative, {zero} zero."))
        nodes.append(line("So the surface is", _words(self) + "."))
        if self.at is not None and not self.critical and self.kind != "plane":
            nodes.append(line("The gradient there is", _pt(self.gradient),
                              "(not zero): the surface is tilted at this point; the shape describes how it curves."))
        return Doc(title, tuple(nodes))


def _pt(values):
    values = list(values)
    return values[0] if len(values) == 1 else sp.Tuple(*values)


def _words(s: SurfaceKind) -> str:
    if s.kind == "bowl":
        return "a bowl: it curves up in every direction, like the paraboloid x² + y²" if len(s.variables) > 1 \
            else "a bowl: the graph curves up (convex)"
    if s.kind == "dome":
        return "a dome: it curves down in every direction, like −(x² + y²)" if len(s.variables) > 1 \
            else "a dome: the graph curves down (concave)"
    if s.kind == "saddle":
        return "a saddle: it curves up in some directions and down in others, like x² − y²"
    if s.kind == "plane":
        return "a plane: f is linear, so the graph is flat (no curvature)"
    if s.kind == "degenerate":
        if s.flat_kind == "trough":
            return "degenerate: it curves one way but is flat to second order along another direction " \
                   "(a trough or ridge); higher-order terms decide the shape"
        return "degenerate: the Hessian is zero, so it is flat to second order; higher-order terms decide the shape"
    return "undecided: a sign of the Hessian could not be decided"


def surface_kind(f: Any, at: Any = None, variables: Sequence[Any] | None = None, *,
                 timeout: float | None = None) -> SurfaceKind:
    """Bowl, dome, saddle, plane or degenerate at ``at`` (default: everywhere if the Hessian is constant, else 0)."""
    expr = as_expr(f, variables)
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.Tuple):
        raise ValueError("the shape of a surface needs one function, e.g. x^2 - y^2")
    vars_ = ordered_variables(expr, variables)
    if not vars_:
        raise ValueError(f"{expr} has no variables: its graph is a horizontal plane")
    point = None if at is None else as_point(at, vars_)
    if point is not None:
        missing = [v.name for v in vars_ if v not in point]
        if missing:
            raise ValueError(f"the point gives no value for {', '.join(missing)}")
    try:
        return bounded(_shape, expr, vars_, point, timeout=timeout, what="the shape of the surface")
    except Unfinished as exc:
        H = sp.ImmutableMatrix.zeros(len(vars_), len(vars_))
        del exc  # the kind "undecided" says it: no sign could be decided in time
        return SurfaceKind(expr, vars_, point, "undecided", H, tuple(sp.nan for _ in vars_), None)


def _shape(expr: sp.Expr, vars_: tuple[sp.Symbol, ...], point: dict | None) -> SurfaceKind:
    from tutor.engine.critical.classify import HessianForms, _eigen_signs
    from tutor.engine.critical.records import Quantity
    from tutor.engine.critical.signs import PointSigns

    forms = HessianForms.of(expr, vars_)
    H = forms.hessian
    if point is None and H.free_symbols & set(vars_):
        point = {v: sp.Integer(0) for v in vars_}
    where = point or {v: sp.Integer(0) for v in vars_}
    signs = PointSigns(vars_, where, tuple(sp.Float(sp.N(where[v], 30), 30) for v in vars_))
    Hp = sp.ImmutableMatrix(H.subs(where))
    grad = tuple(sp.simplify(sp.diff(expr, v).subs(where)) for v in vars_)
    quantities = tuple(Quantity(n, e, e.subs(where), signs.sign(e)) for n, e in forms.named)
    counts = _eigen_signs(forms, signs, quantities)
    if expr.is_polynomial(*vars_) and sp.Poly(expr, *vars_).total_degree() <= 1:
        return SurfaceKind(expr, vars_, point, "plane", Hp, grad, counts)
    if counts is None:
        return SurfaceKind(expr, vars_, point, "undecided", Hp, grad, None)
    pos, neg, zero = counts
    if zero == 0:
        kind = "bowl" if neg == 0 else "dome" if pos == 0 else "saddle"
        return SurfaceKind(expr, vars_, point, kind, Hp, grad, counts)
    if pos and neg:
        return SurfaceKind(expr, vars_, point, "saddle", Hp, grad, counts)
    flat = "flat" if pos == 0 and neg == 0 else "trough"
    return SurfaceKind(expr, vars_, point, "degenerate", Hp, grad, counts, flat)
