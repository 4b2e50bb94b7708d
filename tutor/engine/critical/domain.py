"""The search domain: an open box, given by the caller or the stated default [-10, 10]^n.

Polynomial and rational gradients are solved on all of R^n (a given box only
filters); transcendental ones are searched inside the box, which the result states.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from tutor.engine.inputs import as_expr, as_symbol
from tutor.render.words import which_are_not

DEFAULT_HALF_WIDTH = 10
_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$")
_INFINITY = {"oo": sp.oo, "+oo": sp.oo, "-oo": -sp.oo, "inf": sp.oo, "-inf": -sp.oo, "∞": sp.oo, "-∞": -sp.oo}


@dataclass(frozen=True)
class Box:
    """Open intervals per variable; ``given`` says whether the caller chose them."""

    bounds: tuple[tuple[sp.Symbol, sp.Expr, sp.Expr], ...]
    given: bool

    @property
    def variables(self) -> tuple[sp.Symbol, ...]:
        return tuple(v for v, _, _ in self.bounds)

    def interval(self, v: sp.Symbol) -> sp.Interval:
        for w, lo, hi in self.bounds:
            if w == v:
                return sp.Interval.open(lo, hi)
        return sp.Interval.open(-sp.oo, sp.oo)

    def is_everything(self) -> bool:
        return all(lo == -sp.oo and hi == sp.oo for _, lo, hi in self.bounds)

    def search_bounds(self) -> tuple[tuple[float, float], ...]:
        """Finite float bounds for numerical search (an infinite side is cut 20 units from the other)."""
        out = []
        for _, lo, hi in self.bounds:
            a = float(lo) if lo.is_finite else None
            b = float(hi) if hi.is_finite else None
            if a is None:  # both infinite: (-20, 20)
                a = (b if b is not None else DEFAULT_HALF_WIDTH) - 2 * DEFAULT_HALF_WIDTH
            if b is None:
                b = a + 2 * DEFAULT_HALF_WIDTH
            out.append((a, b))
        return tuple(out)

    def contains(self, values: Mapping[sp.Symbol, Any]) -> bool | None:
        """Strictly inside? None when a comparison cannot be decided."""
        for v, lo, hi in self.bounds:
            x = values.get(v)
            if x is None:
                continue
            inside = sp.And(sp.Lt(lo, x), sp.Lt(x, hi)) if x.is_number else None
            if inside is None or inside not in (sp.true, sp.false):
                try:
                    xf = float(sp.N(x, 30))
                except (TypeError, ValueError):
                    return None
                inside = (lo == -sp.oo or float(lo) < xf) and (hi == sp.oo or xf < float(hi))
            if not bool(inside):
                return False
        return True


def default_box(variables: tuple[sp.Symbol, ...]) -> Box:
    w = sp.Integer(DEFAULT_HALF_WIDTH)
    return Box(tuple((v, -w, w) for v in variables), given=False)


def whole_space(variables: tuple[sp.Symbol, ...]) -> Box:
    return Box(tuple((v, -sp.oo, sp.oo) for v in variables), given=False)


def make_box(domain: Any, variables: tuple[sp.Symbol, ...]) -> Box | None:
    """``{x: (0, 6.3)}``, ``"x=0..6.3, y=0..6.3"`` or None; unnamed variables stay unbounded."""
    if domain is None:
        return None
    if isinstance(domain, Box):
        return domain
    if isinstance(domain, str):
        domain = parse_domain_text(domain)
    if not isinstance(domain, Mapping):
        raise TypeError("domain must be a mapping {variable: (low, high)} or text like 'x=0..6.3, y=0..6.3'")
    given = {as_symbol(k): v for k, v in domain.items()}
    unknown = [str(k) for k in given if k not in variables]
    if unknown:
        names = ", ".join(v.name for v in variables)
        raise ValueError(f"the domain names {which_are_not(unknown, where='of f')} ({names})")
    bounds = []
    for v in variables:
        lo, hi = given.get(v, (-sp.oo, sp.oo))
        lo, hi = _bound(lo), _bound(hi)
        if not (lo.is_extended_real and hi.is_extended_real):
            raise ValueError(f"the bounds for {v} must be real numbers")
        if not bool(sp.Lt(lo, hi)):
            raise ValueError(f"the interval for {v} is empty: {lo} is not below {hi}")
        bounds.append((v, lo, hi))
    return Box(tuple(bounds), given=True)


def parse_domain_text(text: str) -> dict[str, tuple[str, str]]:
    """``"x=0..6.3, y=-pi..pi"`` -> ``{"x": ("0", "6.3"), "y": ("-pi", "pi")}``."""
    out: dict[str, tuple[str, str]] = {}
    for part in re.split(r"[;,](?![^()]*\))", text):
        part = part.strip()
        if not part:
            continue
        name, eq, rng = part.partition("=")
        lo, dots, hi = rng.partition("..")
        if not eq or not dots or not name.strip() or not lo.strip() or not hi.strip():
            raise ValueError(f"cannot read the domain part {part!r}; write it like x=0..6.3")
        out[name.strip()] = (lo.strip(), hi.strip())
    if not out:
        raise ValueError("the domain is empty; write it like x=0..6.3, y=0..6.3")
    return out


def _bound(value: Any) -> sp.Expr:
    if isinstance(value, str):
        key = value.strip().lower()
        if key in _INFINITY:
            return _INFINITY[key]
        if _NUMBER.match(value):
            return sp.Rational(value.strip())
    if isinstance(value, float):
        return sp.Rational(str(value))
    return as_expr(value)
