"""The records a batch run passes around: answers in, problems found, outcomes out.

They are small frozen dataclasses of plain values (no SymPy), so they pickle
cheaply to worker processes and Dask, and store as one row of the journal.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class PartAnswer:
    """One part's answer to a multi-part exercise, with its own hints, attempt and row."""

    name: str
    text: str
    hints: int = 0
    attempts: int = 1
    source: str = ""
    line: int = 0

    @property
    def digest(self) -> str:
        return _digest(self.text)


@dataclass(frozen=True)
class Answer:
    """One submitted answer; ``line`` and ``source`` say where it came from."""

    student: str
    exercise: str
    text: str
    hints: int = 0
    source: str = ""
    line: int = 0
    attempts: int = 1  # the graded attempt this answer was (1 = the first), as the REPL counted them
    parts: tuple[PartAnswer, ...] = ()  # a multi-part exercise's answers, in the exercise's order

    @property
    def digest(self) -> str:
        """Identifies the answer's text: a journaled result is reused only for the same text
        (for a multi-part exercise, the same text of every part: a changed part regrades the exercise)."""
        if self.parts:
            return _digest(json.dumps([[p.name, p.text] for p in self.parts], ensure_ascii=False))
        return _digest(self.text)

    def part(self, name: str) -> PartAnswer | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass(frozen=True)
class Problem:
    """Something in the input a teacher must know about (the answer was not graded)."""

    kind: str  # "malformed", "unknown student", "unknown exercise", "unknown part", "duplicate", "missing column"
    message: str
    source: str = ""
    line: int = 0
    student: str = ""
    exercise: str = ""

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line else "")
        return f"{where}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Job:
    """What a worker needs to grade one answer."""

    student: str
    exercise: str
    text: str
    digest: str
    parts: tuple[tuple[str, str], ...] = ()  # a multi-part exercise's (part, answer) pairs

    @property
    def weight(self) -> int:
        """How many answers this job grades: the hard time limit is per answer, so per part."""
        return max(1, len(self.parts))


@dataclass(frozen=True)
class PartOutcome:
    """The verdict on one part of a multi-part exercise (plain values, like :class:`Outcome`)."""

    name: str
    status: str  # correct | carried | partial | incorrect | invalid | undecided | missing
    credit: float  # the fraction of the part's points earned, before attempts and hints
    feedback: str = ""
    read_as: str = ""
    read_as_latex: str = ""
    mistake: str = ""
    error: str = ""
    carried: bool = False  # graded right for the student's own earlier (wrong) answer


@dataclass(frozen=True)
class Outcome:
    """The verdict on one answer, flattened to plain values (one journal row)."""

    student: str
    exercise: str
    digest: str
    status: str  # correct | partial | incorrect | invalid | undecided
    score: float  # in [0, 1], before points and hint costs
    feedback: str = ""
    read_as: str = ""  # how the answer was read, in learner syntax ("" if it could not be read)
    read_as_latex: str = ""
    mistake: str = ""  # key of the diagnosed mistake
    error: str = ""  # the reader's message for an invalid answer
    details: tuple[tuple[str, str, str], ...] = field(default_factory=tuple)  # (part, status, feedback)
    note: str = ""  # what the batch run itself adds (e.g. the worker was stopped)
    variant: str = ""  # the key of the student's variant (its parameters)
    parts: tuple[PartOutcome, ...] = ()  # a multi-part exercise's parts, in the exercise's order

    @property
    def key(self) -> tuple[str, str]:
        return (self.student, self.exercise)

    def part(self, name: str) -> PartOutcome | None:
        return next((p for p in self.parts if p.name == name), None)


@dataclass(frozen=True)
class Decision:
    """A teacher's decision on one answer, from the review file given back with ``--overrides``.

    ``exercise`` is ``<id>.<part>`` for a decision on one part of a multi-part exercise.

    ``digest`` is the fingerprint of the answer the teacher saw ("" when the row
    gave none): a decision whose answer has changed since is flagged, not applied.
    """

    student: str
    exercise: str
    digest: str
    points: float  # the points the teacher gives
    status: str  # correct | partial | incorrect, from the points
    comment: str = ""
    source: str = ""
    line: int = 0

    @property
    def key(self) -> tuple[str, str]:
        return (self.student, self.exercise)
