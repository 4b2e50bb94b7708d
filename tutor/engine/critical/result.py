"""The public results: one critical point, one family of them, and the whole (sequence-like) answer.

``CriticalPoints`` is a frozen dataclass that is also a ``Sequence`` of
``CriticalPoint``: ``len``, iteration and indexing work as on the list the API
promises, while ``.complete``, ``.domain``, ``.families`` and the renderers say
what a bare list could not (whether the search was exhaustive, on what box).
Families are not items of the sequence, since they are not single points.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import sympy as sp

from tutor.engine.critical.domain import Box
from tutor.engine.critical.records import FamilyFacts, FollowUp, GlobalRemark, Located, Note, SecondDerivativeTest, SolveReport
from tutor.render import Doc, Rendered, jsonable


@dataclass(frozen=True)
class CriticalPoint(Rendered):
    """A point where the gradient vanishes, its value and its classification.

    ``kind`` is the second-derivative test's verdict; ``conclusion`` is what is
    known after any follow-up (it differs only when the test is inconclusive).
    """

    variables: tuple[sp.Symbol, ...]
    point: dict[sp.Symbol, sp.Expr]
    value: sp.Expr
    kind: str  # "minimum" | "maximum" | "saddle" | "inconclusive"
    hessian: sp.ImmutableMatrix
    explanation: tuple[Any, ...]  # Located, SecondDerivativeTest, FollowUp... records
    conclusion: str  # "minimum" | "maximum" | "saddle" | "not an extremum" | "undecided"
    exact: bool = True
    is_global: bool | None = None  # True: a global minimum/maximum, proved; None: not established

    @property
    def coordinates(self) -> tuple[sp.Expr, ...]:
        return tuple(self.point[v] for v in self.variables)

    def approx(self, digits: int = 15) -> tuple[float, ...]:
        return tuple(float(sp.N(c, digits)) for c in self.coordinates)

    @property
    def test(self) -> SecondDerivativeTest | None:
        return next((r for r in self.explanation if isinstance(r, SecondDerivativeTest)), None)

    @property
    def follow_ups(self) -> tuple[FollowUp, ...]:
        return tuple(r for r in self.explanation if isinstance(r, FollowUp))

    @property
    def located(self) -> Located | None:
        return next((r for r in self.explanation if isinstance(r, Located)), None)

    def doc(self) -> Doc:
        from tutor.engine.critical.words import point_doc

        return point_doc(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "CriticalPoint",
            "point": {v.name: jsonable(self.point[v]) for v in self.variables},
            "approx": {v.name: a for v, a in zip(self.variables, self.approx())},
            "value": jsonable(self.value),
            "value_approx": _float(self.value),
            "kind": self.kind,
            "conclusion": self.conclusion,
            "is_global": self.is_global,
            "exact": self.exact,
            "hessian": [[jsonable(self.hessian[i, j]) for j in range(self.hessian.cols)]
                        for i in range(self.hessian.rows)],
            "explanation": jsonable(self.explanation),
        }


@dataclass(frozen=True)
class CriticalFamily(Rendered):
    """Infinitely many critical points filling a curve or surface (a line, a circle, ...)."""

    variables: tuple[sp.Symbol, ...]
    equations: tuple[sp.Expr, ...]  # the family is where all of these vanish
    dimension: int
    value: sp.Expr | None  # f on the family, when constant
    conclusion: str  # "minimum" | "maximum" | "not an extremum" | "mixed" | "constant" | "undecided"
    facts: FamilyFacts
    is_global: bool | None = None

    @property
    def kind(self) -> str:
        """Families always defeat the Hessian test (it is singular along them)."""
        return "inconclusive"

    def doc(self) -> Doc:
        from tutor.engine.critical.words import family_doc

        return family_doc(self)


@dataclass(frozen=True)
class CriticalPoints(Rendered, Sequence):
    """All critical points found, as a sequence of ``CriticalPoint``, plus what a list cannot say."""

    function: sp.Expr
    variables: tuple[sp.Symbol, ...]
    points: tuple[CriticalPoint, ...]
    families: tuple[CriticalFamily, ...]
    complete: bool  # True: every critical point (in the domain) is listed, proved by the method
    domain: Box
    method: str  # "groebner" | "exact per equation" | "numeric" | "mixed"
    report: SolveReport
    notes: tuple[Note, ...] = ()
    remarks: tuple[GlobalRemark, ...] = ()
    periods: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()

    @overload
    def __getitem__(self, i: int) -> CriticalPoint: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[CriticalPoint, ...]: ...

    def __getitem__(self, i):
        return self.points[i]

    def __len__(self) -> int:
        return len(self.points)

    def __iter__(self) -> Iterator[CriticalPoint]:
        return iter(self.points)

    def of_kind(self, kind: str) -> list[CriticalPoint]:
        """Points whose final conclusion (or test verdict) is ``kind``."""
        return [p for p in self.points if kind in (p.conclusion, p.kind)]

    @property
    def timed_out(self) -> bool:
        return any(n.key == "timeout" for n in self.notes)

    def doc(self, brief: bool = False) -> Doc:
        from tutor.engine.critical.words import result_doc

        return result_doc(self, brief=brief)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "CriticalPoints",
            "function": jsonable(self.function),
            "variables": [v.name for v in self.variables],
            "complete": self.complete,
            "method": self.method,
            "domain": {v.name: [jsonable(lo), jsonable(hi)] for v, lo, hi in self.domain.bounds},
            "domain_given": self.domain.given,
            "gradient": jsonable(self.report.gradient),
            "points": [p.to_dict() for p in self.points],
            "families": [jsonable(f) for f in self.families],
            "periods": {v.name: jsonable(p) for v, p in self.periods},
            "notes": jsonable(self.notes),
            "remarks": jsonable(self.remarks),
            "search": jsonable(self.report.search),  # null, or the region a numerical search covered
        }


def _float(value: Any) -> float | None:
    try:
        return float(sp.N(value, 17))
    except (TypeError, ValueError):
        return None
