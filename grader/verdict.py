"""The result of grading one answer: a status, a score and kind, specific words.

``invalid`` (the answer could not be read) costs nothing; ``undecided`` (it could
not be decided in the time limit) is flagged for a teacher and never counted
wrong. Both are kept apart from ``incorrect`` everywhere.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from grader.feedback import UNKNOWN_SLIP, Note, as_notes, check_level, text_at
from tutor.render import Doc, Line, Rendered, Table, line
from tutor.render.doc import Math

@dataclass(frozen=True)
class VerdictWord:
    """How a status is named to a student: the ``word`` that starts every verdict line, and a
    ``note`` saying what it means for the score (only where it is not obvious)."""

    word: str
    note: str = ""

    @property
    def title(self) -> str:
        """The word with its note, as a heading: ``Invalid: nothing was counted``."""
        return f"{self.word}: {self.note}" if self.note else self.word


# The one registry of verdict words: the REPL, ``calctutor check``, the gradebook's reports and the
# feedback pages all read it (tests/grader/test_verdict_words_single.py fails on a second list).
WORDS: dict[str, VerdictWord] = {
    "correct": VerdictWord("Correct"),
    "partial": VerdictWord("Partly correct"),
    # a part of a multi-part exercise that is right for the student's own wrong earlier answer
    # (grader.parts): it earns follow-through credit, and is never correct
    "carried": VerdictWord("Carried forward", "right for your earlier answer"),
    "incorrect": VerdictWord("Incorrect"),
    "invalid": VerdictWord("Invalid", "nothing was counted"),
    "undecided": VerdictWord("Undecided", "flagged for your teacher"),
    "missing": VerdictWord("No answer"),  # a gradebook cell with no answer; never a verdict's status
}
STATUSES = ("correct", "partial", "carried", "incorrect", "invalid", "undecided")


def word(status: str) -> str:
    """The word for ``status`` (an unknown status reads as undecided: never as right or wrong)."""
    return WORDS.get(status, WORDS["undecided"]).word


def title(status: str) -> str:
    return WORDS.get(status, WORDS["undecided"]).title


def _printed(obj: Any, how: str) -> str:
    """Print with the reading layer's printers; anything they do not know falls back to str()."""
    if isinstance(obj, str):
        return obj
    if isinstance(obj, bool):
        return "true" if obj else "false"
    try:
        from tutor.reading import printer

        return getattr(printer, how)(obj)
    except Exception:  # noqa: BLE001 - a printer gap must not break a verdict
        return str(obj)


@dataclass(frozen=True)
class Interpretation(Rendered):
    """How the answer was read. The three spellings are computed on first use."""

    obj: Any

    @cached_property
    def text(self) -> str:
        return _printed(self.obj, "to_text")

    @cached_property
    def unicode(self) -> str:
        return _printed(self.obj, "to_unicode")

    @cached_property
    def latex(self) -> str:
        if isinstance(self.obj, str):
            return r"\text{" + self.obj + "}"
        return _printed(self.obj, "to_latex")

    def doc(self) -> Doc:
        return Doc(None, (_read_as(self.obj),))

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "unicode": self.unicode, "latex": self.latex}


def _read_as(obj: Any) -> Line:
    if isinstance(obj, (str, bool)):
        return line("Your answer was read as:", _printed(obj, "to_text") + ".")
    return line("Your answer was read as", Math(obj), ".")


@dataclass(frozen=True)
class ComponentVerdict:
    """The verdict on one part of an answer: a gradient component, a matrix entry, a point."""

    label: str
    status: str
    feedback: str
    notes: tuple[Note, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.notes and self.feedback:
            object.__setattr__(self, "notes", as_notes(self.feedback))

    def at_level(self, level: str) -> "ComponentVerdict":
        """This part's verdict with the feedback a ``level`` may show."""
        if level == "full":
            return self
        return replace(self, feedback=text_at(self.notes, level))


@dataclass(frozen=True)
class Verdict(Rendered):
    status: str
    score: float
    feedback: str
    interpreted: Interpretation | None = None
    details: tuple[ComponentVerdict, ...] = ()
    mistake: str | None = None
    error: str | None = None
    notes: tuple[Note, ...] = field(default=(), compare=False)  # the feedback in pieces (grader.feedback)

    def __post_init__(self) -> None:
        if not self.notes and self.feedback:
            object.__setattr__(self, "notes", as_notes(self.feedback))
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; expected one of {', '.join(STATUSES)}")
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"score must lie in [0, 1], got {self.score}")

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def at_level(self, level: str | None) -> "Verdict":
        """This verdict with the feedback a level may show (``grader.feedback.LEVELS``).

        *Invalid* and *undecided* keep their words at every level: they are about the
        reading and the checking, never about the right answer.
        """
        level = check_level(level)
        if level == "full" or self.status in ("invalid", "undecided"):
            return self
        words = text_at(self.notes, level)
        if level == "guided" and not words and self.status != "correct" and text_at(self.notes, "full"):
            words = UNKNOWN_SLIP
        return replace(self, feedback=words, details=tuple(d.at_level(level) for d in self.details))

    def doc(self) -> Doc:
        nodes: list = []
        if self.interpreted is not None:
            nodes.append(_read_as(self.interpreted.obj))
        if self.feedback:
            nodes.append(line(self.feedback))
        if self.error:
            nodes.append(line(self.error))
        if self.details and self.status != "correct":
            nodes.append(Table(("part", "verdict", "feedback"),
                               tuple((d.label, d.status, d.feedback) for d in self.details)))
        if self.status in ("partial", "carried"):
            nodes.append(line(f"Score: {self.score:g}"))
        return Doc(line(title(self.status)), tuple(nodes))


Feedback = str | Note | Sequence[Note]  # text is one plain note (it says nothing of the right answer)


def correct(feedback: Feedback = "Correct. Well done.", interpreted: Interpretation | None = None,
            details: tuple[ComponentVerdict, ...] = ()) -> Verdict:
    notes = as_notes(feedback)
    return Verdict("correct", 1.0, text_at(notes, "full"), interpreted, details, notes=notes)


def incorrect(feedback: Feedback, interpreted: Interpretation | None = None, mistake: str | None = None,
              details: tuple[ComponentVerdict, ...] = ()) -> Verdict:
    notes = as_notes(feedback)
    return Verdict("incorrect", 0.0, text_at(notes, "full"), interpreted, details, mistake, notes=notes)


def partial(score: float, feedback: Feedback, interpreted: Interpretation | None = None,
            mistake: str | None = None, details: tuple[ComponentVerdict, ...] = ()) -> Verdict:
    notes = as_notes(feedback)
    return Verdict("partial", round(min(max(score, 0.0), 1.0), 4), text_at(notes, "full"), interpreted,
                   details, mistake, notes=notes)


def invalid(error: str, feedback: str | None = None, interpreted: Interpretation | None = None) -> Verdict:
    words = feedback or "I could not read your answer, so nothing was counted. Please check it and try again."
    return Verdict("invalid", 0.0, words, interpreted, (), None, error)


def undecided(reason: str, interpreted: Interpretation | None = None,
              details: tuple[ComponentVerdict, ...] = ()) -> Verdict:
    words = (f"I could not decide whether this is right ({reason}). It has been flagged for your "
             "teacher to look at and is not counted as wrong.")
    return Verdict("undecided", 0.0, words, interpreted, details)
