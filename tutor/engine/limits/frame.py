"""The coordinates of one problem: the learner's variables and point, and the shifted ones.

The engine works with real symbols centred at the point (u = x − a, …); every path,
family and bound is turned back into the learner's variables here, so that a student
reads "along y = 2 + (x − 1)²" rather than anything about u and v.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from tutor.engine.limits.paths import T, Probe
from tutor.engine.limits.result import Path

_SHIFT_NAMES = ("u", "v", "w")


@dataclass(frozen=True)
class Frame:
    variables: tuple[sp.Symbol, ...]  # the learner's symbols
    point: tuple[sp.Expr, ...]
    xs: tuple[sp.Symbol, ...]  # real shifted symbols: point at 0

    @classmethod
    def make(cls, variables, point) -> "Frame":
        at_origin = all(p == 0 for p in point)
        taken = {v.name for v in variables} | {"t", "k", "c", "r", "a", "b"}
        names = [v.name for v in variables] if at_origin else _fresh(len(variables), taken)
        return cls(tuple(variables), tuple(point), tuple(sp.Symbol(n, real=True) for n in names))

    @property
    def at_origin(self) -> bool:
        return all(p == 0 for p in self.point)

    @property
    def d(self) -> int:
        return len(self.variables)

    def shift(self, f: sp.Expr) -> sp.Expr:
        """f in shifted coordinates: x ↦ a + u."""
        return f.xreplace({v: p + x for v, p, x in zip(self.variables, self.point, self.xs)})

    def substitution(self) -> dict:
        """{x: a + u, ...} for the explanation."""
        return {v: p + x for v, p, x in zip(self.variables, self.point, self.xs)}

    def user(self, e: sp.Expr) -> sp.Expr:
        """An expression in shifted coordinates written in the learner's variables."""
        return e.xreplace({x: v - p for v, p, x in zip(self.variables, self.point, self.xs)})

    def point_tuple(self) -> sp.Expr:
        return sp.Tuple(*self.point) if self.d > 1 else self.point[0]

    def variables_tuple(self) -> sp.Expr:
        return sp.Tuple(*self.variables) if self.d > 1 else self.variables[0]

    # ---- paths -----------------------------------------------------------------------
    def path(self, probe: Probe, side: str | None) -> Path:
        """The learner's description of a probe (side None: both sides gave the same value)."""
        cs = tuple(sp.sympify(c, strict=True) for c in probe.coords)
        V, P = self.variables, self.point
        lead = next((i for i, c in enumerate(cs) if c == T), None)
        if lead is not None:
            par = V[lead]
            sub = {T: par - P[lead]}
            coords = tuple(P[i] + c.xreplace(sub) for i, c in enumerate(cs))
            eqs = tuple(sp.Eq(V[i], coords[i]) for i in range(self.d) if i != lead)
            name = self._axis_name(cs, lead)
            return Path(coords, par, P[lead], side, eqs, name)
        neg = next((i for i, c in enumerate(cs) if c == -T), None)
        if neg is not None:  # x = a - t: describe by the graph over that variable
            par = V[neg]
            sub = {T: P[neg] - par}
            coords = tuple(P[i] + c.xreplace(sub) for i, c in enumerate(cs))
            eqs = tuple(sp.Eq(V[i], coords[i]) for i in range(self.d) if i != neg)
            flip = {"+": "-", "-": "+", None: None}[side]
            return Path(coords, par, P[neg], flip, eqs, "")
        coords = tuple(P[i] + c for i, c in enumerate(cs))
        eqs = tuple(sp.Eq(V[i], coords[i]) for i in range(self.d))
        return Path(coords, T, sp.Integer(0), side, eqs, "")

    def _axis_name(self, cs, lead: int) -> str:
        if not self.at_origin or any(c != 0 for i, c in enumerate(cs) if i != lead):
            return ""
        return f"the {self.variables[lead].name}-axis"

    def family_equations(self, coords) -> tuple[sp.Expr, ...]:
        """Equations of a family (with its parameters) in the learner's variables."""
        return self.path(Probe(tuple(coords)), None).equations


def _fresh(n: int, taken: set[str]) -> list[str]:
    out = []
    for name in _SHIFT_NAMES + ("p", "q", "s"):
        if name not in taken:
            out.append(name)
        if len(out) == n:
            return out
    return [f"u{i + 1}" for i in range(n)]
