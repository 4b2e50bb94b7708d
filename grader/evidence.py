"""What a wrong answer's diagnosis works from: its values next to the reference's, and a named slip.

Kept apart from the registry of diagnoses (``grader.diagnose``): each diagnosis asks the evidence
for values at the reference's points, and ``values`` caches them per reference (``_VALUES``), so
that the expected answer's terms and factors are evaluated once for all the wrong answers.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp

from grader.feedback import Note
from grader.numeric.evaluate import Unsupported, evaluate, free
from grader.numeric.sampling import Sample

if TYPE_CHECKING:
    from grader.equivalence import Tolerance


_SAME = "\x00same"


@dataclass(frozen=True)
class Finding:
    """A named slip. ``guided`` says it without the right answer (None: nothing can be said then)."""

    key: str
    feedback: str
    guided: str | None = _SAME

    @property
    def note(self) -> Note:
        return Note(self.feedback, self.feedback if self.guided == _SAME else self.guided)


@dataclass(frozen=True)
class Evidence:
    """An incorrect answer's values next to the reference's, at the reference's points."""

    expected: sp.Expr
    answer: sp.Expr
    ref: Sample
    a: np.ndarray
    slack: np.ndarray  # per point: how close counts as "the same value"
    variables: tuple[sp.Symbol, ...]
    approximate: bool

    def values(self, expr: sp.Basic) -> np.ndarray | None:
        """``expr`` at the reference's points, or None if it cannot be evaluated (cached:
        the expected answer's terms and factors come back for every wrong answer)."""
        key = (expr, self.ref.seed)
        if key in _VALUES:
            return _VALUES[key]
        if len(_VALUES) > 8192:
            _VALUES.clear()
        _VALUES[key] = value = self._values(expr)
        return value

    def _values(self, expr: sp.Basic) -> np.ndarray | None:
        try:
            env = self.ref.env_with(free(expr))
            return np.broadcast_to(np.asarray(evaluate(expr, env), dtype=float), self.ref.values.shape)
        except (Unsupported, RecursionError, TypeError, ValueError):
            return None

    def refuted(self, claim: sp.Expr) -> bool:
        """Is the answer proved not to be ``claim`` (exactly, modulo a prime)?

        A slip found in floats is a claim that the answer equals some expression; near the
        limit of float precision (x + 10⁻⁸ against x + 2·10⁻⁸, a polynomial of size 10¹³ off
        by 1) the points drawn decide it by luck, and this check does not depend on them.
        Decimals or opaque parts (sin x) prove nothing, and the float verdict stands.
        """
        if self.approximate:
            return False
        from grader.numeric.modular import Fingerprint

        return Fingerprint(claim, self.ref.seed).compare(self.answer) is False

    def same(self, u: np.ndarray | None, v: np.ndarray | None) -> bool:
        """Do ``u`` and ``v`` agree wherever both are defined (at two points at least)?"""
        if u is None or v is None:
            return False
        with np.errstate(all="ignore"):
            gap = np.abs(u - v)
            ok = np.isfinite(gap)
            n = int(np.count_nonzero(ok))
            if n < min(2, len(u)):
                return False
            # a point where the reference's magnitude is unknown (nan) allows no slack, not no comparison
            # (an infinite slack stays infinite: a finite gap is within it, as within the largest float)
            scale = self.slack + 1e-7 * np.maximum(np.abs(u), np.abs(v))
            scale = np.where(np.isnan(scale), 0.0, scale)
            if n == len(gap):
                return bool((gap <= scale).all())
            return bool((gap[ok] <= scale[ok]).all())


_VALUES: dict = {}


def evidence(expected: sp.Expr, answer: sp.Expr, ref: Sample, variables: tuple, approximate: bool,
             tolerance: "Tolerance", literals: frozenset | None = None) -> Evidence | None:
    from grader.numeric.magnitude import decimal_magnitude

    try:
        env = ref.env_with(free(answer))
        a = np.broadcast_to(np.asarray(evaluate(answer, env), dtype=float), ref.values.shape)
        slack = 1e-9 * ref.mags
        if approximate:
            with np.errstate(all="ignore"):
                dec = np.broadcast_to(np.asarray(decimal_magnitude(answer, env, tolerance.per_digit, literals),
                                                 dtype=float), a.shape)
            slack = slack + tolerance.value * np.maximum(dec, ref.decimals(tolerance.per_digit))
    except (Unsupported, RecursionError):
        return None
    return Evidence(expected, answer, ref, a, slack, variables, approximate)
