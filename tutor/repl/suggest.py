"""Which exercise to offer next: new ones first, then earlier mistakes, spaced over time.

An exercise answered wrong (or skipped, or whose solution was looked up)
comes back once a pause has passed since the student last touched it, the
longer ago the sooner; solved ones return for review only after days.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tutor.repl.progress import ExerciseState

RETRY_AFTER = 10 * 60.0             # seconds before a missed exercise is due again
REVIEW_AFTER = 3 * 24 * 3600.0      # seconds before a solved exercise is due for review


@dataclass(frozen=True)
class Suggestion:
    exercise_id: str
    reason: str          # "new", "retry", "retry-early" or "review"


def suggestions(order: Sequence[tuple[str, str]], states: dict[str, ExerciseState], now: float,
                topic: str | None = None, exclude: Sequence[str] = ()) -> list[Suggestion]:
    """All candidate exercises, best first.

    ``order`` is the course order as ``(exercise id, topic)`` pairs. With a
    ``topic``, only that topic's exercises are considered.
    """
    new: list = []
    due: list = []
    early: list = []
    review: list = []
    for index, (ex_id, ex_topic) in enumerate(order):
        if ex_id in exclude or (topic is not None and ex_topic != topic):
            continue
        state = states.get(ex_id)
        if state is None or state.is_new:
            new.append((index, ex_id))
        elif not state.solved:
            last = state.last_activity or 0.0
            due_at = last + RETRY_AFTER
            (due if due_at <= now else early).append((due_at, index, ex_id))
        else:
            due_at = (state.solved_at or state.last_activity or 0.0) + REVIEW_AFTER
            if due_at <= now:
                review.append((due_at, index, ex_id))
    out = [Suggestion(ex_id, "new") for _, ex_id in new]
    out += [Suggestion(item[-1], "retry") for item in sorted(due)]
    out += [Suggestion(item[-1], "retry-early") for item in sorted(early)]
    out += [Suggestion(item[-1], "review") for item in sorted(review)]
    return out


def next_exercise(order: Sequence[tuple[str, str]], states: dict[str, ExerciseState], now: float,
                  topic: str | None = None, exclude: Sequence[str] = ()) -> Suggestion | None:
    found = suggestions(order, states, now, topic=topic, exclude=exclude)
    return found[0] if found else None


REASONS = {
    "new": "not tried yet",
    "retry": "you missed it earlier; time for another go",
    "retry-early": "you missed it a moment ago; try it again",
    "review": "solved a while ago; a quick review",
    "assignment-new": "next in the assignment",
    "assignment-retry": "your answer so far is not right yet",
}
