"""A classic wrong answer, generated from a correct computation.

Engine modules produce these (the chain rule without its inner derivative, a
GD step with + instead of −); the grader compares a learner's answer against
them and, on a match, names the mistake in its feedback.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Mistake:
    key: str  # stable kebab-case identifier, e.g. "chain-rule-missing-inner"
    description: str  # what went wrong, in the course's words, addressed to the student
    expr: Any  # the wrong answer this mistake produces (a SymPy object)
    guided: str | None = None  # the description without the right answer (None: it has none; "": say nothing)
