"""Coerce what callers pass (text or SymPy) into the shapes the engine needs.

Every public engine function accepts learner text or SymPy objects; doing the
conversion in one place keeps the parse-never-sympify rule easy to audit.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sympy as sp

from tutor.reading.split import split_top_level
from tutor.render.words import count, plural

_SUFFIX = re.compile(r"^(.*?)(\d+)$")


def as_expr(f: Any, variables: Sequence[Any] | None = None) -> sp.Basic:
    """Text goes through ``tutor.parse``; SymPy objects pass; numbers become exact."""
    if isinstance(f, str):
        from tutor.reading.parser import parse

        return parse(f, variables=_names(variables))
    if isinstance(f, sp.Basic):
        return f
    if isinstance(f, bool):
        return sp.true if f else sp.false
    if isinstance(f, int):
        return sp.Integer(f)
    if isinstance(f, float):
        return sp.nsimplify(f, rational=True)
    if isinstance(f, (tuple, list)):
        return sp.Tuple(*(as_expr(x, variables) for x in f))
    raise TypeError(f"expected text or a SymPy expression, got {type(f).__name__}")


def as_symbol(v: Any) -> sp.Symbol:
    if isinstance(v, sp.Symbol):
        return v
    if isinstance(v, str):
        return sp.Symbol(v.strip())
    raise TypeError(f"expected a variable name, got {v!r}")


def _names(variables: Sequence[Any] | None) -> list[str] | None:
    if variables is None:
        return None
    return [str(v) for v in variables]


def variable_key(s: sp.Symbol) -> tuple:
    """Alphabetical, with numeric suffixes in numeric order (w2 before w10)."""
    name = s.name
    m = _SUFFIX.match(name)
    if m:
        return (m.group(1).rstrip("_"), int(m.group(2)), name)
    return (name, -1, name)


def ordered_variables(expr: sp.Basic, variables: Iterable[Any] | None = None) -> tuple[sp.Symbol, ...]:
    """The documented, stable order of variables: as given, else sorted by ``variable_key``."""
    if variables is not None:
        return tuple(as_symbol(v) for v in variables)
    return tuple(sorted(expr.free_symbols, key=variable_key))


def as_point(at: Any, variables: Sequence[sp.Symbol] | None = None) -> dict[sp.Symbol, sp.Expr]:
    """A point as ``{Symbol: exact value}``.

    Accepts a mapping (keys may be names), text such as ``"x=1, y=2"``, a
    sequence matched to ``variables`` in order, or a single value for one variable.
    """
    if isinstance(at, Mapping):
        return {as_symbol(k): as_expr(v) for k, v in at.items()}
    if isinstance(at, str) and "=" in at:
        out: dict[sp.Symbol, sp.Expr] = {}
        for part in filter(None, split_top_level(at)):
            name, _, value = part.partition("=")
            out[as_symbol(name)] = as_expr(value.strip())
        return out
    if isinstance(at, str):
        at = as_expr(at)
    if isinstance(at, (sp.Tuple, tuple, list)):
        values = [as_expr(v) for v in at]
    else:
        values = [as_expr(at)]
    if variables is None or len(variables) != len(values):
        n = "no" if variables is None else len(variables)
        raise ValueError(f"the point has {count(len(values), 'coordinate')} but there {plural('is', n)} "
                         f"{count(n, 'variable')} to match")
    return dict(zip(variables, values))
