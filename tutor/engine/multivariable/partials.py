"""Partial derivatives, the gradient, the Hessian, the Jacobian and Clairaut's check.

Each partial derivative is a full :class:`Derivation` (with its steps), so a gradient
shows every component worked out, holding the other variables constant.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from tutor.engine.derivative import Derivation, differentiate
from tutor.engine.derivative.check import same
from tutor.engine.derivative.solve import function_expr, named_symbol
from tutor.engine.inputs import as_expr
from tutor.engine.multivariable.points import at_point, resolve_point, resolve_variables
from tutor.render import Doc, Rendered


def partial(f: Any, var: Any, *more: Any, variables: Sequence[Any] | None = None, simplify: bool = True,
            timeout: float | None = None) -> Derivation:
    """∂f/∂var (other variables held constant); ``partial(f, x, y)`` is ∂²f/∂y∂x (x first)."""
    expr = function_expr(f, variables)
    order = tuple(named_symbol(expr, v) for v in (var, *more))
    return differentiate(expr, order, simplify=simplify, timeout=timeout)


def _setup(f: Any, variables, at) -> tuple[sp.Expr, tuple[sp.Symbol, ...], dict | None]:
    expr = function_expr(f, variables)
    if at is not None:
        varis, point = resolve_point(expr, at, variables)
    else:
        varis, point = resolve_variables(expr, variables), None
    if not varis:
        raise ValueError("the function has no variables; name them, e.g. variables=['x', 'y']")
    return expr, varis, point


def _component(d: Derivation) -> sp.Expr:
    return d.result if d.result is not None else d.notation


@dataclass(frozen=True)
class Gradient(Rendered):
    """∇f = (∂f/∂x₁, …, ∂f/∂xₙ) in the order of ``variables``; ``value`` at ``point`` if given."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    partials: tuple[Derivation, ...]
    result: sp.Tuple
    point: dict[sp.Symbol, sp.Expr] | None = None
    value: sp.Tuple | None = None

    @property
    def vector(self) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix(list(self.result))

    def doc(self, steps: bool = True) -> Doc:
        from tutor.engine.multivariable.wording import gradient_doc

        return gradient_doc(self, steps)


def gradient(f: Any, variables: Sequence[Any] | None = None, at: Any = None, *, simplify: bool = True,
             timeout: float | None = None) -> Gradient:
    """The gradient, each partial derivative worked; variables alphabetical (w2 < w10) unless given."""
    expr, varis, point = _setup(f, variables, at)
    partials = tuple(differentiate(expr, (v,), simplify=simplify, timeout=timeout) for v in varis)
    result = sp.Tuple(*(_component(d) for d in partials))
    value = at_point(result, point, "the gradient") if point is not None else None
    return Gradient(expr, varis, partials, result, point, value)


@dataclass(frozen=True)
class Hessian(Rendered):
    """H[i][j] = ∂²f/∂xⱼ∂xᵢ: row i differentiates ∂f/∂xᵢ by each variable in turn."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    gradient: Gradient
    entries: tuple[tuple[Derivation, ...], ...]
    result: sp.ImmutableMatrix
    symmetric: bool | None
    point: dict[sp.Symbol, sp.Expr] | None = None
    value: sp.ImmutableMatrix | None = None

    def doc(self, steps: bool = True) -> Doc:
        from tutor.engine.multivariable.wording import hessian_doc

        return hessian_doc(self, steps)


def hessian(f: Any, variables: Sequence[Any] | None = None, at: Any = None, *, simplify: bool = True,
            timeout: float | None = None) -> Hessian:
    """The matrix of second partial derivatives, each one a worked derivation of a gradient component."""
    expr, varis, point = _setup(f, variables, at)
    grad = gradient(expr, varis, simplify=simplify, timeout=timeout)
    entries = tuple(tuple(differentiate(_component(g), (v,), simplify=simplify, timeout=timeout) for v in varis)
                    for g in grad.partials)
    matrix = sp.ImmutableMatrix([[_component(d) for d in row] for row in entries])
    n = len(varis)
    checks = [same(matrix[i, j], matrix[j, i]) for i in range(n) for j in range(i + 1, n)]
    symmetric = True if all(c is True for c in checks) else (False if False in checks else None)
    value = None
    if point is not None:
        grad = replace(grad, point=point, value=at_point(grad.result, point, "the gradient"))
        value = at_point(matrix, point, "the Hessian")
    return Hessian(expr, varis, grad, entries, matrix, symmetric, point, value)


@dataclass(frozen=True)
class Jacobian(Rendered):
    """Row i is the gradient of the i-th function: J[i][j] = ∂fᵢ/∂xⱼ."""

    functions: tuple[sp.Expr, ...]
    variables: tuple[sp.Symbol, ...]
    rows: tuple[Gradient, ...]
    result: sp.ImmutableMatrix
    point: dict[sp.Symbol, sp.Expr] | None = None
    value: sp.ImmutableMatrix | None = None

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import jacobian_doc

        return jacobian_doc(self)


def _functions(fs: Any, variables) -> tuple[sp.Expr, ...]:
    if isinstance(fs, str):
        fs = as_expr(fs, variables)
    if isinstance(fs, sp.MatrixBase):
        fs = list(fs)
    if isinstance(fs, sp.Expr):
        fs = [fs]
    if not isinstance(fs, (sp.Tuple, list, tuple)) or len(fs) == 0:
        raise ValueError("the Jacobian needs a list of functions, e.g. ['x*y', 'x + y']")
    return tuple(function_expr(f, variables) for f in fs)


def jacobian(fs: Any, variables: Sequence[Any] | None = None, at: Any = None, *, simplify: bool = True,
             timeout: float | None = None) -> Jacobian:
    """The Jacobian matrix of a vector of functions; each row is a worked gradient."""
    funcs = _functions(fs, variables)
    together = sp.Tuple(*funcs)
    if at is not None:
        varis, point = resolve_point(together, at, variables)
    else:
        varis, point = resolve_variables(together, variables), None
    if not varis:
        raise ValueError("the functions have no variables; name them, e.g. variables=['x', 'y']")
    rows = tuple(gradient(f, varis, at=point, simplify=simplify, timeout=timeout) for f in funcs)
    matrix = sp.ImmutableMatrix([list(r.result) for r in rows])
    value = sp.ImmutableMatrix([list(r.value or ()) for r in rows]) if point is not None else None
    return Jacobian(funcs, varis, rows, matrix, point, value)


@dataclass(frozen=True)
class MixedPair:
    """∂²f/∂y∂x (x first) against ∂²f/∂x∂y (y first)."""

    first: sp.Symbol
    second: sp.Symbol
    one_way: Derivation  # by first, then second
    other_way: Derivation  # by second, then first
    equal: bool | None


@dataclass(frozen=True)
class Clairaut(Rendered):
    """Clairaut/Schwarz: where the second partials are continuous, the mixed ones agree."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    pairs: tuple[MixedPair, ...]

    @property
    def holds(self) -> bool | None:
        flags = [p.equal for p in self.pairs]
        if all(f is True for f in flags):
            return True
        return False if False in flags else None

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import clairaut_doc

        return clairaut_doc(self)


def clairaut(f: Any, variables: Sequence[Any] | None = None, *, simplify: bool = True,
             timeout: float | None = None) -> Clairaut:
    """Compute both mixed partials for every pair of variables and compare them."""
    expr, varis, _ = _setup(f, variables, None)
    pairs = []
    for i, a in enumerate(varis):
        for b in varis[i + 1:]:
            ab = differentiate(expr, (a, b), simplify=simplify, timeout=timeout)
            ba = differentiate(expr, (b, a), simplify=simplify, timeout=timeout)
            equal = same(ab.result, ba.result) if ab.result is not None and ba.result is not None else None
            pairs.append(MixedPair(a, b, ab, ba, equal))
    return Clairaut(expr, varis, tuple(pairs))
