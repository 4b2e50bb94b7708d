"""Feedback levels: how much a verdict's explanation may say about the right answer.

Feedback is composed as ``Note`` pieces where it is written (a diagnosis, a
witness, a limit's paths). A note that would give the right answer away (its
value, a ratio to it, a counterexample value) carries a *guided* rewording that
names the slip without the value, or none at all. Rendering picks a level:

- ``guided`` (the default): the mistake named, no value of the right answer;
- ``full``: every detail (counterexample values, ratios): self-study, ``:why``;
- ``verdict``: the verdict word only (exams).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from exercises.schema import FEEDBACK_LEVELS as LEVELS

DEFAULT_LEVEL = LEVELS[0]
UNKNOWN_SLIP = "That is not right, and it is not one of the slips I know: check your work step by step."


@dataclass(frozen=True)
class Note:
    """One sentence of feedback; ``guided`` is what may be said without the right answer (None: nothing)."""

    full: str
    guided: str | None

    def at(self, level: str) -> str | None:
        if level == "full":
            return self.full
        if level == "verdict":
            return None
        return self.guided


def plain(text: str) -> Note:
    """A sentence that says nothing about the right answer's value."""
    return Note(text, text)


def revealing(full: str, guided: str | None = None) -> Note:
    """A sentence that would give the answer away, with its guided rewording (or none)."""
    return Note(full, guided)


def as_notes(feedback: str | Note | Sequence[Note]) -> tuple[Note, ...]:
    """Feedback given as text (one plain note), one note or a sequence of notes."""
    if isinstance(feedback, str):
        return (plain(feedback),) if feedback else ()
    if isinstance(feedback, Note):
        return (feedback,)
    return tuple(feedback)


def text_at(notes: Iterable[Note], level: str) -> str:
    """The notes' sentences at ``level``, joined."""
    return " ".join(t for t in (n.at(level) for n in notes) if t)


def prefixed(prefix: str, notes: Sequence[Note]) -> tuple[Note, ...]:
    """``For ∂f/∂x: …`` in front of a component's notes, at every level where they say something."""
    full = text_at(notes, "full")
    guided = text_at(notes, "guided")
    if not full:
        return ()
    return (Note(prefix + _lower_first(full), prefix + _lower_first(guided) if guided else None),)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def level_for(*settings: str | None) -> str:
    """The first level set, most specific choice first (teacher's command, assignment, exercise)."""
    return check_level(next((s for s in settings if s), None))


def check_level(level: str | None) -> str:
    """``level`` if it is one of LEVELS (None: the default), else a ValueError naming them."""
    if level is None:
        return DEFAULT_LEVEL
    if level not in LEVELS:
        raise ValueError(f"unknown feedback level {level!r}; choose one of {', '.join(LEVELS)}")
    return level
