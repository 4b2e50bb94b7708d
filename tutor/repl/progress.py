"""What a student's history means: per-exercise state, credit and topic summaries.

Pure functions over the rows of :mod:`tutor.repl.store`, shared by the REPL,
``calctutor progress`` and the suggestion order, so all three agree.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from grader.scoring import USES_ATTEMPT
from tutor.repl.store import Attempt, Event

GRADED = ("correct", "partial", "carried", "incorrect", "undecided")  # "invalid" costs nothing and counts nothing
# what an attempt earns is the scoring policy's to say: grader.scoring (the gradebook uses it too)


@dataclass(frozen=True)
class ExerciseState:
    """Everything the tutor remembers about one exercise for one student."""

    exercise: str
    attempts: int = 0           # graded attempts (invalid ones are not counted)
    tries: int = 0              # practice attempts that used one of the exercise's tries (not undecided)
    wrong: int = 0              # attempts graded incorrect or partial
    solved: bool = False        # some attempt was graded correct
    best_score: float = 0.0
    earned: float = 0.0         # the best credit of any attempt
    hints_used: int = 0
    hint_cost: float = 0.0
    solution_seen: bool = False
    skips: int = 0
    last_activity: float | None = None   # last graded attempt, skip or solution view
    solved_at: float | None = None       # last time it was answered correctly

    @property
    def status(self) -> str:
        """new, solved, partial, wrong, seen (solution viewed, not solved) or skipped."""
        if self.solved:
            return "solved"
        if self.best_score > 0:
            return "partial"
        if self.attempts:
            return "wrong"
        if self.solution_seen:
            return "seen"
        if self.skips:
            return "skipped"
        return "new"

    @property
    def is_new(self) -> bool:
        return self.status == "new"


def exercise_states(attempts: Iterable[Attempt], events: Iterable[Event]) -> dict[str, ExerciseState]:
    """Fold one student's attempts and events into a state per exercise."""
    acc: dict[str, dict] = {}

    def slot(ex: str) -> dict:
        return acc.setdefault(ex, {"exercise": ex})

    def touch(s: dict, at: float) -> None:
        s["last_activity"] = max(s.get("last_activity") or at, at)

    for a in attempts:
        if a.status not in GRADED:
            continue
        s = slot(a.exercise)
        s["attempts"] = s.get("attempts", 0) + 1
        if a.status in USES_ATTEMPT and not a.assignment:
            s["tries"] = s.get("tries", 0) + 1
        if a.status in ("incorrect", "partial"):
            s["wrong"] = s.get("wrong", 0) + 1
        if a.status == "correct":
            s["solved"] = True
            s["solved_at"] = max(s.get("solved_at") or a.at, a.at)
        s["best_score"] = max(s.get("best_score", 0.0), a.score)
        s["earned"] = max(s.get("earned", 0.0), a.credit)
        touch(s, a.at)
    for e in events:
        s = slot(e.exercise)
        if e.kind == "hint":
            s["hints_used"] = s.get("hints_used", 0) + 1
            s["hint_cost"] = s.get("hint_cost", 0.0) + e.cost
        elif e.kind == "solution":
            s["solution_seen"] = True
            touch(s, e.at)
        elif e.kind == "skip":
            s["skips"] = s.get("skips", 0) + 1
            touch(s, e.at)
    return {ex: ExerciseState(**values) for ex, values in acc.items()}


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    total: int
    solved: int
    attempted: int
    earned: float
    possible: float


def topic_summaries(topics: Sequence[str], exercises_by_topic: dict[str, Sequence],
                    states: dict[str, ExerciseState]) -> list[TopicSummary]:
    """Per topic (course order): exercises, how many solved and tried, points earned of possible."""
    out = []
    for topic in topics:
        exs = exercises_by_topic.get(topic, ())
        st = [states.get(ex.id) for ex in exs]
        out.append(TopicSummary(
            topic=topic,
            total=len(exs),
            solved=sum(1 for s in st if s is not None and s.solved),
            attempted=sum(1 for s in st if s is not None and s.status != "new"),
            earned=sum(s.earned for s in st if s is not None),
            possible=float(sum(float(getattr(ex, "points", 1) or 0) for ex in exs)),
        ))
    return out


def fmt_points(x: float) -> str:
    """2 -> '2', 2.5 -> '2.5', 0.333333 -> '0.33'."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
