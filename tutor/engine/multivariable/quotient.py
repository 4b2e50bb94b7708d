"""The derivative as a ratio of intervals: forward, backward and central difference quotients,
each with the exact limit alongside and its error."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.engine.derivative.solve import function_expr, named_symbol
from tutor.engine.inputs import as_expr
from tutor.engine.multivariable.points import at_point, fmt_point, kinks, resolve_point
from tutor.render import Doc, Rendered

KINDS = ("forward", "backward", "central")


@dataclass(frozen=True)
class QuotientRow:
    """One kind of difference quotient: numerator and denominator at the point, value, error."""

    kind: str
    numerator: sp.Expr  # f(a+h) − f(a), f(a) − f(a−h) or f(a+h) − f(a−h)
    denominator: sp.Expr  # h, h or 2h
    value: sp.Expr
    error: sp.Expr | None  # value − f'(a); None where f has no derivative


@dataclass(frozen=True)
class DifferenceQuotient(Rendered):
    """The ``kind`` quotient of f at ``point`` (stepping ``variable`` by h), with the exact derivative."""

    function: sp.Expr
    variable: sp.Symbol
    point: dict[sp.Symbol, sp.Expr]
    h: sp.Expr
    kind: str
    value: sp.Expr
    derivative: sp.Expr | None  # the limit h -> 0, f'(a); None if f is not differentiable there
    error: sp.Expr | None
    rows: tuple[QuotientRow, ...]  # all three kinds, for comparison
    samples: tuple[tuple[sp.Expr, sp.Expr], ...] = ()  # (a+h, f(a+h)), (a, f(a)), (a−h, f(a−h))

    @property
    def at(self) -> sp.Expr:
        return self.point[self.variable]

    def doc(self) -> Doc:
        from tutor.engine.multivariable.wording import quotient_doc

        return quotient_doc(self)


def _value(expr, point, var, x) -> sp.Expr:
    moved = dict(point)
    moved[var] = x
    return at_point(expr, moved, f"the function at {fmt_point(moved)}")


def difference_quotient(f: Any, at: Any, h: Any, kind: str = "forward", var: Any = None,
                        variables: Sequence[Any] | None = None) -> DifferenceQuotient:
    """(f(a+h) − f(a))/h (forward), (f(a) − f(a−h))/h (backward) or (f(a+h) − f(a−h))/(2h) (central)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose forward, backward or central")
    expr = function_expr(f, variables)
    varis, point = resolve_point(expr, at, variables)
    if var is not None:
        x = named_symbol(expr, var)
    elif len(varis) == 1:
        x = varis[0]
    else:
        raise ValueError(f"the function has several variables ({', '.join(v.name for v in varis)}); "
                         "say which one to step (for example x)")
    if x not in point:
        raise ValueError(f"the point gives no value for {x.name}")
    step = as_expr(h)
    if not isinstance(step, sp.Expr) or step.free_symbols or not step.is_real or step == 0:
        raise ValueError(f"the step h must be a non-zero number, not {step}")
    a = point[x]
    f_a, f_plus, f_minus = (_value(expr, point, x, a + s) for s in (0, step, -step))
    exact_d = sp.diff(expr, x)
    derivative = None if kinks(exact_d, point) else at_point(exact_d, point, "the derivative")
    parts = {"forward": (f_plus - f_a, step), "backward": (f_a - f_minus, step),
             "central": (f_plus - f_minus, 2 * step)}
    rows = []
    for k in KINDS:
        num, den = parts[k]
        value = num / den
        err = value - derivative if derivative is not None else None
        rows.append(QuotientRow(k, num, den, value, err))
    chosen = next(r for r in rows if r.kind == kind)
    samples = ((a + step, f_plus), (a, f_a), (a - step, f_minus))
    return DifferenceQuotient(expr, x, point, step, kind, chosen.value, derivative, chosen.error, tuple(rows),
                              samples)
