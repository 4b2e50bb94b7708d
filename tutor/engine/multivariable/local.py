"""Near a point: the value, the tangent line/plane, the Taylor model, directional derivatives."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations_with_replacement
from math import factorial
from typing import Any

import sympy as sp

from tutor.engine.derivative.solve import function_expr
from tutor.engine.inputs import as_expr
from tutor.engine.real_roots import real_form
from tutor.engine.multivariable.partials import Gradient, gradient
from tutor.engine.multivariable.points import (
    at_point, fmt_point, kinks, resolve_point, resolve_variables, undefined,
)
from tutor.render import Doc, Rendered
from tutor.render.words import count


@dataclass(frozen=True)
class Evaluation(Rendered):
    """f at a point: the exact value (None where f is undefined) and a decimal approximation."""

    function: sp.Basic
    point: dict[sp.Symbol, sp.Expr]
    value: sp.Basic | None
    approx: Any = None  # float, or a tuple/matrix of floats; None when exact is already plain
    note: str | None = None

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import evaluation_doc

        return evaluation_doc(self)


def _approx(value: sp.Basic) -> Any:
    if isinstance(value, sp.Expr):
        if value.is_Integer or not value.is_number:
            return None
        v = complex(sp.N(value, 17))
        return v.real if abs(v.imag) < 1e-15 else None
    if isinstance(value, (sp.Tuple, sp.MatrixBase)):
        parts = [_approx(v) for v in value]
        return None if all(p is None for p in parts) else tuple(
            p if p is not None else float(v) for p, v in zip(parts, value))
    return None


def evaluate(f: Any, at: Any, variables: Sequence[Any] | None = None) -> Evaluation:
    """f(a) exactly (a vector or matrix is evaluated entry by entry)."""
    expr = as_expr(f, variables)
    if isinstance(expr, sp.MatrixBase):
        expr = sp.ImmutableMatrix(expr)
    if not isinstance(expr, (sp.Expr, sp.Tuple, sp.MatrixBase)):
        raise ValueError("only expressions, vectors and matrices can be evaluated at a point")
    _, point = resolve_point(expr, at, variables)
    value = real_form(expr).subs(point)  # odd roots are real: cbrt(x) at x = -8 is -2
    if isinstance(value, sp.Expr) and value.has(sp.Float):
        value = sp.nsimplify(value)
    if undefined(value):
        return Evaluation(expr, point, None, None, f"undefined at {fmt_point(point)}")
    return Evaluation(expr, point, value, _approx(value))


@dataclass(frozen=True)
class Tangent(Rendered):
    """The tangent line (one variable), plane (two) or hyperplane (more) at ``point``:
    ``dependent`` = ``value`` + Σ ``slopes``ᵢ·(xᵢ − aᵢ)."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    point: dict[sp.Symbol, sp.Expr]
    value: sp.Expr
    gradient: Gradient
    slopes: tuple[sp.Expr, ...]
    linear: sp.Expr  # the tangent as a function of the variables, expanded
    dependent: sp.Symbol  # y for a curve y = f(x), z for a surface z = f(x, y), ...
    kind: str  # "line", "plane" or "hyperplane"

    @property
    def slope(self) -> sp.Expr:
        """The slope of a tangent line (one variable)."""
        if len(self.slopes) != 1:
            raise AttributeError("a tangent plane has one slope per variable; see .slopes")
        return self.slopes[0]

    @property
    def equation(self) -> sp.Eq:
        return sp.Eq(self.dependent, self.linear, evaluate=False)

    @property
    def normal(self) -> sp.Tuple:
        """A normal vector (∂f/∂x₁, …, ∂f/∂xₙ, −1) of the graph at the point."""
        return sp.Tuple(*self.slopes, -1)

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import tangent_doc

        return tangent_doc(self)


_DEPENDENT = ("y", "z", "w", "v", "u")


def _dependent(variables: tuple[sp.Symbol, ...]) -> sp.Symbol:
    names = {v.name for v in variables}
    start = 0 if len(variables) == 1 else 1
    for n in _DEPENDENT[start:] + _DEPENDENT[:start]:
        if n not in names:
            return sp.Symbol(n)
    return sp.Symbol("f")


def _differentiable(grad: Gradient, point) -> None:
    for d in grad.partials:
        if d.result is not None and kinks(d.result, point):
            raise ValueError(f"the function has a corner at {fmt_point(point)} (|…| is 0 there): "
                             "it is not differentiable, so there is no tangent")


def tangent(f: Any, at: Any, variables: Sequence[Any] | None = None) -> Tangent:
    """The tangent at a point: slope(s) from the derivative, then the point-slope form."""
    expr = function_expr(f, variables)
    varis, point = resolve_point(expr, at, variables)
    value = at_point(expr, point)
    grad = gradient(expr, varis, at=point)
    _differentiable(grad, point)
    slopes = tuple(grad.value or ())  # (at a point: a value)
    linear = sp.expand(value + sum(s * (v - point[v]) for s, v in zip(slopes, varis)))
    kind = {1: "line", 2: "plane"}.get(len(varis), "hyperplane")
    return Tangent(expr, varis, point, value, grad, slopes, linear, _dependent(varis), kind)


@dataclass(frozen=True)
class Taylor(Rendered):
    """The Taylor polynomial of ``order`` at ``point``; ``terms[k]`` is the degree-k part.

    For order 2 this is the quadratic model f(a) + ∇f(a)·h + ½ hᵀH(a)h (h = x − a)
    that Newton's method and L-BFGS minimise.
    """

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    point: dict[sp.Symbol, sp.Expr]
    order: int
    terms: tuple[sp.Expr, ...]
    polynomial: sp.Expr  # expanded in the variables
    gradient: sp.Tuple | None = None  # ∇f(a), when order >= 1
    hessian: sp.ImmutableMatrix | None = None  # H(a), when order >= 2

    @property
    def shifted(self) -> sp.Expr:
        """The polynomial in powers of (x − a), kept unexpanded for display."""
        parts = [p for t in self.terms for p in sp.Add.make_args(t) if p != 0]
        return sp.Add(*parts, evaluate=False) if parts else sp.S.Zero

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import taylor_doc

        return taylor_doc(self)


def _monomial(varis, point, index: tuple[int, ...]) -> tuple[sp.Expr, int]:
    """Π (xᵢ − aᵢ)^kᵢ for a multiset of variable indices, and the divisor Π kᵢ!."""
    counts = [index.count(i) for i in range(len(varis))]
    h = [sp.UnevaluatedExpr(v - point[v]) if point[v] != 0 else v for v in varis]
    mono = sp.Mul(*(h[i] ** k for i, k in enumerate(counts) if k))
    div = 1
    for k in counts:
        div *= factorial(k)
    return mono, div


def taylor(f: Any, at: Any, order: int = 2, variables: Sequence[Any] | None = None) -> Taylor:
    """The multivariable Taylor polynomial Σ_{|α|≤order} ∂^α f(a)/α! · (x − a)^α."""
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        raise ValueError(f"the order must be a whole number 0, 1, 2, ...; got {order!r}")
    expr = function_expr(f, variables)
    varis, point = resolve_point(expr, at, variables)
    terms = [at_point(expr, point)]
    derivs: dict[tuple[int, ...], sp.Expr] = {(): expr}
    for k in range(1, order + 1):
        parts = []
        for index in combinations_with_replacement(range(len(varis)), k):
            d = sp.diff(derivs[index[:-1]], varis[index[-1]])
            derivs[index] = d
            if kinks(d, point):
                raise ValueError(f"the function has a corner at {fmt_point(point)}: it is not differentiable there")
            coeff = at_point(d, point, f"a derivative of order {k}")
            if coeff != 0:
                mono, div = _monomial(varis, point, index)
                # each multiset stands for k!/Π kᵢ! orderings: the α! of the formula
                parts.append(coeff / div * mono)
        terms.append(sp.Add(*parts))
    polynomial = sp.expand(sum((t.doit() for t in terms), sp.S.Zero))
    grad = sp.Tuple(*(at_point(derivs[(i,)], point) for i in range(len(varis)))) if order >= 1 else None
    hess = None
    if order >= 2:
        n = len(varis)
        hess = sp.ImmutableMatrix(n, n, lambda i, j: at_point(derivs[tuple(sorted((i, j)))], point))
    return Taylor(expr, varis, point, order, tuple(terms), polynomial, grad, hess)


@dataclass(frozen=True)
class DirectionalDerivative(Rendered):
    """D_u f = ∇f·u with u = direction/|direction|; the steepest ascent is ∇f/|∇f| at rate |∇f|."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    direction: sp.Tuple
    unit: sp.Tuple
    gradient: Gradient
    value: sp.Expr  # at the point if given, else as a function of the variables
    steepest: sp.Tuple | None  # None where ∇f = 0 (no direction of steepest ascent)
    max_rate: sp.Expr
    point: dict[sp.Symbol, sp.Expr] | None = None

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import directional_doc

        return directional_doc(self)


def _direction(direction: Any, n: int) -> sp.Tuple:
    d = as_expr(direction) if isinstance(direction, str) else direction
    if isinstance(d, sp.MatrixBase):
        d = list(d)
    if isinstance(d, (sp.Expr, int, float)):
        d = [d]
    if not isinstance(d, (sp.Tuple, list, tuple)):
        raise ValueError("the direction must be a vector, e.g. (1, 2)")
    d = sp.Tuple(*(as_expr(c) for c in d))
    if len(d) != n:
        raise ValueError(f"the direction has {count(len(d), 'component')} but the function has {count(n, 'variable')}")
    if any(not isinstance(c, sp.Expr) or c.free_symbols or undefined(c) for c in d):
        raise ValueError("the direction's components must be finite numbers")
    if all(c == 0 for c in d):
        raise ValueError("the zero vector has no direction; give a non-zero direction")
    return d


def _norm(v: sp.Tuple) -> sp.Expr:
    return sp.sqrt(sp.Add(*(c**2 for c in v)))


def directional_derivative(f: Any, direction: Any, at: Any = None,
                           variables: Sequence[Any] | None = None) -> DirectionalDerivative:
    """The rate of change along ``direction`` (normalised first), and the steepest ascent."""
    expr = function_expr(f, variables)
    if at is not None:
        varis, point = resolve_point(expr, at, variables)
    else:
        varis, point = resolve_variables(expr, variables), None
    d = _direction(direction, len(varis))
    unit = sp.Tuple(*(sp.radsimp(c / _norm(d)) for c in d))
    grad = gradient(expr, varis, at=point)
    g: Any = grad.value if point is not None else grad.result
    value = sp.Add(*(a * b for a, b in zip(g, unit)))
    if point is not None:  # a number: rationalise the denominator, 2/√5 -> 2√5/5
        value = sp.radsimp(value)
    rate = _norm(g)
    steepest = None
    if not all(c == 0 for c in g):
        steepest = sp.Tuple(*(c / rate for c in g))
        if point is not None:
            steepest = sp.Tuple(*(sp.radsimp(c) for c in steepest))
    return DirectionalDerivative(expr, varis, d, unit, grad, value, steepest, rate, point)
