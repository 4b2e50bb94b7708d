"""What a limit computation returns: the verdict, the witnesses, the proof and the steps.

All are frozen dataclasses that carry mathematics only; ``wording`` turns them into
sentences, and the ``Rendered`` mixin into text, Unicode, LaTeX, Markdown, HTML or JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from tutor.render import Doc, Rendered


@dataclass(frozen=True)
class Reason:
    """One step of the reasoning: ``kind`` names it (see ``wording``), ``data`` holds the mathematics."""

    kind: str
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from tutor.render import jsonable

        return {"kind": self.kind, **{k: jsonable(v) for k, v in self.data.items()}}


@dataclass(frozen=True)
class Path:
    """An approach path in the learner's coordinates.

    ``coords`` are the point on the path as functions of ``parameter``, which tends to
    ``approach`` from ``side`` ("+", "-", or None for both sides); ``equations`` are how
    a student writes the path (y = x², or x = t, y = t, z = t² for a parametrised one).
    """

    coords: tuple[sp.Expr, ...]
    parameter: sp.Symbol
    approach: sp.Expr
    side: str | None
    equations: tuple[sp.Expr, ...]
    name: str = ""

    def to_dict(self) -> dict[str, Any]:
        from tutor.render import jsonable

        return {"equations": jsonable(self.equations), "name": self.name, "parameter": jsonable(self.parameter),
                "approach": jsonable(self.approach), "side": self.side, "coords": jsonable(self.coords)}


@dataclass(frozen=True)
class Witness(Rendered):
    """Along ``path`` the values of f tend to ``value`` (exact; ±oo allowed)."""

    path: Path
    value: sp.Expr
    along: sp.Expr | None = None  # f restricted to the path, as a function of the parameter

    def doc(self) -> Doc:
        from tutor.engine.limits import wording

        return Doc(None, (wording.witness_line(self),))

    def to_dict(self) -> dict[str, Any]:
        from tutor.render import jsonable

        return {"path": self.path.to_dict(), "value": jsonable(self.value), "along": jsonable(self.along),
                "sentence": self.to_text()}


@dataclass(frozen=True)
class Proof(Rendered):
    """A checked argument that the limit is ``value``.

    ``kind``: "continuity", "simplification", "composition", "squeeze", "unbounded",
    "critical-curve" or "one-variable". For a squeeze, ``bound`` is g(r) with
    |f − L| ≤ g(r) for 0 < r ≤ ``radius``; ``checks`` lists what was verified.
    """

    kind: str
    value: sp.Expr
    claims: tuple[Reason, ...] = ()
    bound: sp.Expr | None = None
    radius: sp.Expr | None = None
    checks: tuple[str, ...] = ()

    def doc(self) -> Doc:
        from tutor.engine.limits import wording

        return wording.proof_doc(self)

    def to_dict(self) -> dict[str, Any]:
        from tutor.render import jsonable

        return {"kind": self.kind, "value": jsonable(self.value), "claims": [c.to_dict() for c in self.claims],
                "bound": jsonable(self.bound), "radius": jsonable(self.radius), "checks": list(self.checks),
                "text": self.to_text()}


@dataclass(frozen=True)
class LimitResult(Rendered):
    """The limit of ``f`` as the variables tend to ``at``.

    ``exists``: True (``value`` is the limit, possibly ±oo, with a ``proof``), False
    (``value`` is DNE, ``witnesses`` show why) or None (undecided; the steps say what was
    tried and what was established).
    """

    f: sp.Expr
    at: dict
    exists: bool | None
    value: sp.Expr | None
    witnesses: tuple[Witness, ...] = ()
    proof: Proof | None = None
    steps: tuple[Reason, ...] = ()
    direction: str | None = None

    def doc(self, steps: bool = True) -> Doc:
        """The worked reasoning (``steps=False``: the verdict, the witnesses or the proof only)."""
        from tutor.engine.limits import wording

        return wording.result_doc(self, steps)

    def to_dict(self) -> dict[str, Any]:
        from tutor.render import jsonable

        return {"type": "LimitResult", "f": jsonable(self.f), "at": jsonable(self.at), "direction": self.direction,
                "exists": self.exists, "value": jsonable(self.value),
                "witnesses": [w.to_dict() for w in self.witnesses],
                "proof": None if self.proof is None else self.proof.to_dict(),
                "steps": [s.to_dict() for s in self.steps], "text": self.to_text()}
