"""Functions an exercise defines (σ(z) = 1/(1 + e^(−z)), or f and g in a chain-rule exercise).

The reader keeps ``σ(z)`` applied (``sympy.Function("sigma")(z)``); the grader
replaces each application by the definition before comparing, so
``σ(z)(1 − σ(z))`` is graded as what it means. Definitions are author text and
are read with ``tutor.parse`` like everything else (never sympify).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.reading.names import function_key

_KEY = re.compile(r"^\s*(?P<name>\\?[^\W\d_][\w]*)\s*(?:\((?P<params>[^()]*)\))?\s*$")


@dataclass(frozen=True)
class Definition:
    """``name(params) = body``; ``name`` is the reader's key (σ and sigma are both ``sigma``)."""

    name: str
    params: tuple[sp.Symbol, ...]
    body: sp.Expr

    def apply(self, *args: Any) -> sp.Expr:
        if len(args) != len(self.params):
            from grader.reading import Unreadable

            raise Unreadable(f"{self.name} takes {len(self.params)} argument{'s' * (len(self.params) != 1)} "
                             f"here, but your answer gives it {len(args)}.")
        return self.body.xreplace(dict(zip(self.params, args)))


def definitions(spec: Any) -> tuple[Definition, ...]:
    """``{"σ(z)": "1/(1 + exp(-z))", "g": "x^2"}`` -> Definitions (ValueError naming a bad one).

    A key without brackets takes the body's only variable as its parameter.
    """
    if spec is None:
        return ()
    if isinstance(spec, tuple) and all(isinstance(d, Definition) for d in spec):
        return spec
    if not isinstance(spec, Mapping):
        raise ValueError('functions must be a mapping such as {"σ(z)": "1/(1 + exp(-z))"}')
    out = [_definition(str(key), body, tuple(str(k) for k in spec)) for key, body in spec.items()]
    return tuple(sorted(out, key=lambda d: d.name))


def _definition(key: str, body: Any, all_keys: tuple[str, ...]) -> Definition:
    from tutor import ParseError, parse

    m = _KEY.match(key)
    if not m:
        raise ValueError(f"cannot read the function name {key!r}; write it as σ(z), f(x) or g(x, y)")
    name = function_key(m.group("name"))
    params = tuple(p.strip() for p in (m.group("params") or "").split(",") if p.strip())
    if isinstance(body, sp.Basic):
        expr = body
    else:
        try:
            expr = parse(str(body), list(params) or None, expect="expression")
        except ParseError as exc:
            raise ValueError(f"cannot read the definition of {key}: {exc}") from None
    if not params:
        free = sorted(expr.free_symbols, key=lambda s: s.name)
        if len(free) != 1:
            raise ValueError(f"write the parameters of {key} as {key}(x): its definition has "
                             f"{len(free)} variables")
        params = (free[0].name,)
    symbols = tuple(sp.Symbol(p) for p in params)
    return Definition(name, symbols, expr)


def names(defs: tuple[Definition, ...]) -> tuple[str, ...]:
    return tuple(d.name for d in defs)


def expand(obj: Any, defs: tuple[Definition, ...]) -> Any:
    """Replace every application of a defined function by its definition (innermost first)."""
    if not defs or not isinstance(obj, sp.Basic):
        return obj
    table = {d.name: d for d in defs}

    def swap(node: sp.Basic) -> sp.Basic:
        if isinstance(node, sp.core.function.AppliedUndef) and node.func.__name__ in table:
            return table[node.func.__name__].apply(*node.args)
        return node

    return _bottom_up(obj, swap)


def _bottom_up(node: sp.Basic, swap) -> sp.Basic:
    if not node.args:
        return node
    args = tuple(_bottom_up(a, swap) for a in node.args)
    if args != node.args:
        node = node.func(*args)
    return swap(node)
