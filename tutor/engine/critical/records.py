"""The data a critical-point computation produces: records of what was done, as data.

Everything here is a frozen dataclass holding SymPy objects and short keys; the
sentences are written by :mod:`tutor.engine.critical.words`, so the mathematics
and its wording can change independently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from tutor.engine.critical.algebraic import Sign

KINDS = ("minimum", "maximum", "saddle", "inconclusive", "singular")  # singular: no gradient, no Hessian test
CONCLUSIONS = ("minimum", "maximum", "saddle", "not an extremum", "undecided")


@dataclass(frozen=True)
class Quantity:
    """A number the test looked at: its name (e.g. "D", "f_xx"), symbolic form, value and sign."""

    name: str
    formula: sp.Expr
    value: sp.Expr
    sign: Sign


@dataclass(frozen=True)
class SecondDerivativeTest:
    """The Hessian test at one point: D and f_xx in two variables, minors and eigenvalue signs otherwise."""

    hessian: sp.ImmutableMatrix
    quantities: tuple[Quantity, ...]
    positive: int | None  # eigenvalues > 0, counted by Descartes' rule on the characteristic polynomial
    negative: int | None
    zero: int | None
    eigenvalues: tuple[sp.Expr, ...] | None  # exact, when small enough to show
    kind: str


@dataclass(frozen=True)
class Witness:
    """A line or curve through the point along which f - f(p) has a definite sign near the point."""

    curve: tuple[sp.Expr, ...]  # coordinates in terms of the parameter
    parameter: sp.Symbol
    leading: sp.Expr  # leading term of f(curve) - f(p) in the parameter
    sign: int  # sign of f - f(p) for small nonzero parameter (for even leading order), 0 = changes sign


@dataclass(frozen=True)
class FollowUp:
    """What settled (or failed to settle) a point the second-derivative test left open."""

    method: str  # "higher-derivatives" | "leading-form" | "weighted-form" | "even-terms" | "factored" | "none"
    conclusion: str  # one of CONCLUSIONS
    form: sp.Expr | None = None  # the expression examined (leading form, f - f(p), ...)
    order: int | None = None
    witnesses: tuple[Witness, ...] = ()
    strict: bool | None = None
    global_: bool = False  # the inequality holds on the whole domain, not only near the point
    detail: str | None = None  # a key for the wording ("along-every-line", "definite", ...)


@dataclass(frozen=True)
class Located:
    """How the point was found and checked."""

    method: str  # "groebner" | "exact per equation" | "numeric"
    verified: str  # "exact" (remainder / simplification) | "numeric"
    residual: float | None = None
    minimal_polynomial: sp.Expr | None = None  # the primitive element's polynomial, if irrational
    note: str | None = None


@dataclass(frozen=True)
class SearchSummary:
    """What a numerical search covered, so that the answer can say it (it is never a proof of completeness)."""

    searched: tuple[tuple[float, float], ...]  # per variable: the largest window searched completely
    starts: int
    windows: int
    stable: bool  # the last windows added no new point
    cut: bool  # time ran short before the whole box was searched
    digits: int  # every point listed is refined to at least this many digits
    proved: int  # points proved by the Krawczyk test
    unconfirmed: int  # near-zeros left out because they could not be proved


@dataclass(frozen=True)
class SolveReport:
    """How the gradient system was set up and solved (shared by all points)."""

    gradient: tuple[sp.Expr, ...]
    system: tuple[sp.Expr, ...]  # the equations actually solved (numerators, nonvanishing factors removed)
    dropped: tuple[sp.Expr, ...] = ()  # factors that never vanish (exp(...), positive constants)
    denominators: tuple[sp.Expr, ...] = ()
    method: str = "groebner"  # "groebner" | "exact per equation" | "numeric" | "mixed"
    basis: tuple[sp.Expr, ...] = ()
    common_factor: sp.Expr = sp.Integer(1)
    excluded: int = 0  # solutions dropped because f is undefined there
    starts: int = 0  # numeric starting points tried
    branches: tuple[Any, ...] = ()  # per-equation solving: the factor choices examined
    search: SearchSummary | None = None  # the numerical search, when one ran


@dataclass(frozen=True)
class Note:
    """A remark on the whole search: incompleteness, a timeout, periodicity, the box used."""

    key: str  # "timeout" | "numeric" | "box" | "periodic" | "unresolved" | "floats" | "excluded"
    data: tuple[Any, ...] = ()


@dataclass(frozen=True)
class GlobalRemark:
    """A statement about the whole domain: coercive, unbounded below, a global minimum, ..."""

    key: str  # "coercive" | "anticoercive" | "unbounded-below" | "unbounded-above" | "global-min" | "global-max"
    #           "no-global-min" | "no-global-max" | "limits"
    data: tuple[Any, ...] = ()


@dataclass(frozen=True)
class FamilyFacts:
    equations: tuple[sp.Expr, ...]
    dimension: int
    parametrization: tuple[tuple[sp.Symbol, sp.Expr], ...] | None = None
    sign_factor: sp.Expr | None = None  # f - c = (even powers) * sign_factor, when it helps
    period: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()
    extra: tuple[Any, ...] = field(default_factory=tuple)


def kind_of(positive: int, negative: int, zero: int) -> str:
    """The second-derivative test's verdict from eigenvalue sign counts."""
    if zero == 0:
        if negative == 0:
            return "minimum"
        if positive == 0:
            return "maximum"
        return "saddle"
    if positive and negative:
        return "saddle"
    return "inconclusive"
