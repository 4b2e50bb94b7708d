"""The REPL's side of the scoring policy: which attempt an answer is, and what it earns.

The rules are :mod:`grader.scoring`'s, the same the gradebook applies; here only what the REPL
knows is added: the attempts already used (from the progress store) and the hints taken.
"""
from __future__ import annotations

from typing import Any

from grader.scoring import USES_ATTEMPT, Credit, Policy, policy_for, used_attempts
from tutor.repl.feedback import Scoring
from tutor.repl.progress import ExerciseState


def policy(work: Any, exercise: Any) -> Policy:
    """The scoring rules: the assignment's (as ``calctutor grade`` applies them), else the bank's."""
    return work.policy(exercise) if work is not None else policy_for(exercise)


def attempts_used(store: Any, user: str, work: Any, state: ExerciseState) -> int:
    """Graded attempts used at the exercise of ``state``: in this assignment's work, or in practice."""
    if work is None:
        return state.tries
    return used_attempts([a.status for a in store.attempts(user, state.exercise) if a.assignment == work.key])


def score(work: Any, exercise: Any, store: Any, user: str, before: ExerciseState, status: str,
          verdict_score: float) -> tuple[Credit, Scoring]:
    """The credit of an answer graded ``status``/``verdict_score``, given as the next attempt, and
    what the score line shows. In an assignment the latest answer counts (as in the gradebook); in
    practice the best one does, and the worked solution ends credit."""
    rules = policy(work, exercise)
    attempt = attempts_used(store, user, work, before) + 1
    practice = work is None  # practice: hints cost what was recorded (free after solving); else as graded
    c = rules.credit(verdict_score, attempt, before.hints_used, practice and before.solution_seen,
                     before.hint_cost if practice else None)
    uses = status in USES_ATTEMPT
    return c, Scoring(c, before.earned if work is None else 0.0, rules.available(attempt + 1) if uses else None)
