"""The scoring policy, in one place: what a graded answer earns.

An answer's credit is its verdict's score times the points still *available* at its attempt,
less the cost of the hints taken before it, within ``[0, points]``, to 2 decimals::

    credit = clamp(score × points × available(attempt) − hint cost, 0, points)

``available(n)`` is the share of the points the n-th graded attempt can still earn: ``1 − penalty ×
(n − 1)`` (STACK's penalty, 0.1 of the marks by default), or a declining list such as PrairieLearn's
``[1, 0.7, 0.4]`` (the last value repeats), and 0 after ``max_attempts``. Only answers graded
correct, partly correct or incorrect use an attempt (:data:`USES_ATTEMPT`): an invalid or undecided
one never does. Hints cost nothing when the answer earns nothing. After the worked solution has been
seen, answers are practice and earn nothing.

The REPL (practice and assignments), ``calctutor grade``'s gradebook and the reports all ask this
module, so they agree on every number (tests/repl/test_repl_scoring_agree.py).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# the keys a bank exercise and an assignment's [options] may set (the assignment's word wins), and
# their check: the bank's own module, since the bank sits below the grader and checks its fields
from exercises.attempts import ATTEMPT_KEYS, attempt_problems

__all__ = ["ATTEMPT_KEYS", "AssignmentRules", "Attempts", "Credit", "DEFAULT_FOLLOW_THROUGH", "Policy", "USES_ATTEMPT",
           "attempt_problems", "attempts_from", "follow_through", "policy_for", "used_attempts"]

DEFAULT_PENALTY = 0.1  # STACK's default: each graded attempt after the first takes 0.1 of the marks
USES_ATTEMPT = ("correct", "partial", "carried", "incorrect")  # invalid and undecided never cost an attempt
DEFAULT_FOLLOW_THROUGH = 1.0  # a part carried forward from an earlier error earns all its points


@dataclass(frozen=True)
class Attempts:
    """How the share of the points available declines with each graded attempt."""

    penalty: float = DEFAULT_PENALTY         # share of the points taken per earlier graded attempt
    credit: tuple[float, ...] = ()           # or: the share available at attempt 1, 2, … (last repeats)
    max_attempts: int | None = None          # graded attempts allowed; None: no limit

    def available(self, attempt: int) -> float:
        """The share of the points the ``attempt``-th graded attempt (1 = the first) can earn."""
        n = max(1, int(attempt))
        if self.max_attempts is not None and n > self.max_attempts:
            return 0.0
        if self.credit:
            return float(self.credit[min(n, len(self.credit)) - 1])
        return max(0.0, round(1.0 - self.penalty * (n - 1), 6))

    def left(self, used: int) -> int | None:
        """Graded attempts still allowed after ``used`` (None: no limit)."""
        return None if self.max_attempts is None else max(0, self.max_attempts - used)


@dataclass(frozen=True)
class Policy:
    """The rules for one exercise in one setting (practice, or an assignment)."""

    points: float = 1.0
    hint_costs: tuple[float, ...] = ()  # the cost of each hint, in order (the bank's)
    hint_each: float | None = None      # an assignment's flat cost per hint, instead of the bank's
    hints_allowed: bool = True
    attempts: Attempts = Attempts()

    def hint_cost(self, used: int) -> float:
        """Points taken for the first ``used`` hints."""
        if used <= 0 or not self.hints_allowed:
            return 0.0
        if self.hint_each is not None:
            return float(self.hint_each) * used
        return float(sum(self.hint_costs[:used]))

    def next_hint_cost(self, used: int) -> float:
        return self.hint_cost(used + 1) - self.hint_cost(used)

    def available(self, attempt: int) -> float:
        """Points the ``attempt``-th graded attempt can earn at most (before hint costs)."""
        return round(self.points * self.attempts.available(attempt), 2)  # to the cent, as every score shown

    def credit(self, score: float, attempt: int = 1, hints: int = 0, solution_seen: bool = False,
               hint_cost: float | None = None) -> Credit:
        """What an answer with verdict score ``score``, given as graded attempt ``attempt`` after ``hints``
        hints, earns. ``hint_cost``: what those hints were charged when it is known (the REPL records
        each hint's price as it is taken, free once the exercise is solved); else this policy's price."""
        available = self.available(attempt)
        raw = round(float(score) * available, 6)
        cost = self.hint_cost(hints) if hint_cost is None else float(hint_cost)
        value = raw - cost if raw > 0 else raw
        earned = 0.0 if solution_seen else round(min(max(value, 0.0), self.points), 2)
        return Credit(float(score), float(self.points), int(attempt), available, raw, cost, solution_seen,
                      earned, self.attempts.left(attempt), self.attempts.max_attempts)


@dataclass(frozen=True)
class Credit:
    """One answer's credit and every number that went into it (the score line shows them)."""

    score: float
    points: float
    attempt: int               # which graded attempt this was (1 = the first)
    available: float           # points this attempt could earn at most
    raw: float                 # score × available
    hint_cost: float
    solution_seen: bool
    earned: float
    left: int | None           # graded attempts still allowed after this one (None: no limit)
    max_attempts: int | None

    @property
    def out_of_attempts(self) -> bool:
        """This answer came after the last attempt allowed: it earns nothing."""
        return self.max_attempts is not None and self.attempt > self.max_attempts


def attempts_from(*layers: Mapping[str, Any] | None) -> Attempts:
    """The attempt rules from option tables, later ones winning (the bank's, then an assignment's)."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update({k: v for k, v in (layer or {}).items() if k in ATTEMPT_KEYS and v is not None})
    credit = tuple(float(c) for c in merged.get("attempt_credit", ()) or ())
    return Attempts(float(merged.get("penalty", DEFAULT_PENALTY)), credit,
                    None if merged.get("max_attempts") is None else int(merged["max_attempts"]))


def policy_for(exercise: Any, options: Mapping[str, Any] | None = None, points: float | None = None) -> Policy:
    """The policy for ``exercise`` (a bank Exercise), under an assignment's ``options`` if any.

    ``options`` are an assignment's: ``hint_cost`` (flat, per hint), ``hints`` (false: none),
    ``penalty``, ``attempt_credit``, ``max_attempts``; ``points`` overrides the bank's points.
    """
    opts = dict(options or {})
    costs = tuple(float(getattr(h, "cost", 0) or 0) for h in getattr(exercise, "hints", ()) or ())
    each = opts.get("hint_cost")
    return Policy(points=float(points if points is not None else getattr(exercise, "points", 1) or 0),
                  hint_costs=costs, hint_each=None if each is None else float(each),
                  hints_allowed=bool(opts.get("hints", True)),
                  attempts=attempts_from(getattr(exercise, "attempts", None), opts))


@dataclass(frozen=True)
class AssignmentRules:
    """What an assignment's ``[options]`` and ``[points]`` say about scoring and help, for the REPL
    (``practice --assignment``) and the gradebook alike: both ask this, never each other."""

    options: Mapping[str, Any]
    points: Mapping[str, float]

    def policy(self, exercise: Any) -> Policy:
        """The scoring policy of ``exercise`` (a bank Exercise) in this assignment."""
        return policy_for(exercise, self.options, self.points[exercise.id])

    @property
    def hints_allowed(self) -> bool:
        return bool(self.options.get("hints", True))

    @property
    def calculator_allowed(self) -> bool:
        """False: the teacher switched the REPL's calculator commands off for this assignment."""
        return bool(self.options.get("calculator", True))

    def follow_through(self, exercise: Any) -> float:
        """The follow-through share for ``exercise`` in this assignment (``grader.parts.check_parts``)."""
        return follow_through(exercise, self.options)

    def grading_options(self) -> dict[str, Any]:
        """Options passed to every check (they override the bank's for this assignment)."""
        return {k: self.options[k] for k in GRADING_KEYS if k in self.options}


def follow_through(exercise: Any, options: Mapping[str, Any] | None = None) -> float:
    """The share of a part's points an answer carried forward from an earlier error earns: an
    assignment's ``follow_through`` option, else the exercise's, else 1 (full credit)."""
    for value in ((options or {}).get("follow_through"), getattr(exercise, "follow_through", None)):
        if value is not None:
            return float(value)
    return DEFAULT_FOLLOW_THROUGH


GRADING_KEYS = ("tolerance", "digits", "timeout", "exact")  # an assignment's options that reach the checker


def used_attempts(statuses: Sequence[str]) -> int:
    """How many of these verdicts used an attempt."""
    return sum(1 for s in statuses if s in USES_ATTEMPT)
