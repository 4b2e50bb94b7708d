"""Variables and points for the multivariable functions: names matched to the function's
own symbols, every variable given a value, undefined values caught with a clear message."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from tutor.engine.derivative.solve import named_symbol
from tutor.engine.inputs import as_expr, as_point, ordered_variables, variable_key


def resolve_variables(expr: sp.Basic, variables: Sequence[Any] | None = None,
                      at: dict[sp.Symbol, Any] | None = None) -> tuple[sp.Symbol, ...]:
    """The variables in the documented order: as given, else alphabetical (w2 < w10),
    including names that only the point mentions."""
    if variables is not None:
        out = tuple(named_symbol(expr, v) for v in variables)
        if len(set(out)) != len(out):
            raise ValueError("a variable is named twice")
        return out
    names = {s.name: s for s in ordered_variables(expr)}
    for s in (at or {}):
        names.setdefault(s.name, s)
    return tuple(sorted(names.values(), key=variable_key))


def resolve_point(expr: sp.Basic, at: Any, variables: Sequence[Any] | None = None,
                  ) -> tuple[tuple[sp.Symbol, ...], dict[sp.Symbol, sp.Expr]]:
    """(variables, point) with every variable given an exact value."""
    if at is None:
        raise ValueError("a point is needed, e.g. at='x=1, y=2'")
    known = resolve_variables(expr, variables) if variables is not None else None
    order = known if known is not None else resolve_variables(expr)
    raw = as_point(at, list(order) if not _named(at) else None)
    point = {named_symbol(expr, k): _value(v) for k, v in raw.items()}
    varis = known if known is not None else resolve_variables(expr, None, point)
    missing = [v.name for v in varis if v not in point]
    if missing:
        raise ValueError(f"the point gives no value for {', '.join(missing)}")
    extra = [s.name for s in point if s not in varis]
    if extra:
        raise ValueError(f"the point names {', '.join(extra)}, which is not one of the variables "
                         f"({', '.join(v.name for v in varis)})")
    return varis, {v: point[v] for v in varis}


def _named(at: Any) -> bool:
    return isinstance(at, dict) or (isinstance(at, str) and "=" in at)


def _value(v: Any) -> sp.Expr:
    e = as_expr(v)
    if not isinstance(e, sp.Expr) or e.free_symbols:
        raise ValueError(f"a coordinate must be a number, not {e}")
    if e.has(sp.zoo, sp.nan, sp.oo, -sp.oo) or e.is_real is False:
        raise ValueError(f"a coordinate must be a finite real number, not {e}")
    return e


def point_tuple(point: dict[sp.Symbol, sp.Expr]) -> sp.Tuple:
    return sp.Tuple(*point.values())


def undefined(value: sp.Basic) -> bool:
    if isinstance(value, (sp.Tuple, sp.MatrixBase)):
        return any(undefined(v) for v in value)
    return bool(value.has(sp.zoo, sp.nan, sp.oo, -sp.oo)) or (isinstance(value, sp.Expr) and value.is_real is False)


def at_point(expr: sp.Basic, point: dict[sp.Symbol, sp.Expr], what: str = "the function") -> sp.Basic:
    """``expr`` at ``point``, exactly (odd roots are real roots); a ValueError if it is undefined there."""
    from tutor.engine.real_roots import real_form

    value = real_form(expr).subs(point)
    if isinstance(value, sp.Expr) and not value.free_symbols:
        value = sp.nsimplify(value) if value.has(sp.Float) else value
    if undefined(value):
        raise ValueError(f"{what} is not defined at {fmt_point(point)}")
    return value


def kinks(derivative: sp.Expr, point: dict[sp.Symbol, sp.Expr]) -> bool:
    """A sign(g) with g = 0 at the point: |g| has a corner there, so there is no derivative."""
    return any(s.args[0].subs(point) == 0 for s in derivative.atoms(sp.sign))


def fmt_point(point: dict[sp.Symbol, sp.Expr]) -> str:
    from tutor.reading.printer import to_text

    return ", ".join(f"{k.name}={to_text(v)}" for k, v in point.items())
