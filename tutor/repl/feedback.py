"""How the tutor answers an answer: what it read, the verdict word, feedback, score.

The verdict line always starts with one of the words (from :data:`grader.verdict.WORDS`, the
one registry), so a student (and a script) can rely on it; everything here only formats a
``grader.Verdict``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.scoring import Credit
from grader.verdict import WORDS
from grader.verdict import title as verdict_title
from grader.verdict import word as verdict_word
from tutor.repl.progress import fmt_points
from tutor.render.words import count

LEADS = {
    "invalid": "Nothing was counted: fix it and type it again.",
    "undecided": "I could not decide in time. Your answer is saved and flagged for your teacher; "
                 "it is not counted as wrong.",
}


@dataclass(frozen=True)
class Scoring:
    """What an attempt was worth (the policy's :class:`grader.scoring.Credit`), the best credit before
    it (practice: the best attempt counts) and the share the next attempt could still earn."""

    credit: Credit
    best_before: float = 0.0
    next_available: float | None = None  # points the next attempt can earn at most (None: not shown)


def interpreted_text(verdict: Any, ascii_only: bool) -> str | None:
    """How the answer was read, in Unicode (or learner text with --ascii)."""
    interp = getattr(verdict, "interpreted", None)
    if interp is None:
        return None
    if isinstance(interp, str):
        return interp
    first, second = ("text", "unicode") if ascii_only else ("unicode", "text")
    return getattr(interp, first, None) or getattr(interp, second, None)


def verdict_lines(verdict: Any, scoring: Scoring | None, ascii_only: bool) -> list[tuple[str, str | None]]:
    """(text, style) lines for one graded answer, in the order the student reads them."""
    status = getattr(verdict, "status", "undecided")
    word = verdict_word(status)
    out: list[tuple[str, str | None]] = []
    read = interpreted_text(verdict, ascii_only)
    if read and status != "invalid":
        out.append((f"I read your answer as: {read}", None))
    feedback = (getattr(verdict, "feedback", "") or "").strip()
    if status == "invalid":
        error = str(getattr(verdict, "error", None) or feedback or "I could not read your answer.").strip()
        first, _, rest = error.partition("\n")
        out.append((f"{word}: {first}", status))
        if rest:
            out.append((rest, None))
        out.append((LEADS["invalid"], "dim"))
        return out
    if feedback.lower().startswith(word.lower()):
        out.append((feedback, status))          # the checker's sentence already leads with the word
    elif status in ("correct", "partial", "carried", "incorrect"):
        out.append((f"{verdict_title(status) if status == 'carried' else word}.", status))
        if feedback:
            out.append((feedback, None))
    else:
        out.append((f"{word}: {LEADS['undecided']}", status))
        if feedback:
            out.append((feedback, None))
    for d in (getattr(verdict, "details", ()) or ()) if status != "correct" else ():
        label = getattr(d, "label", "")
        d_status = getattr(d, "status", "")
        d_word = (verdict_word(d_status) if d_status in WORDS else d_status).lower()
        note = (getattr(d, "feedback", "") or "").strip()
        bullet = "-" if ascii_only else "•"
        text = f"  {bullet} {label}: {d_word}" + (f". {note}" if note and note.lower() != d_word else "")
        if note.lower().startswith(d_word):
            text = f"  {bullet} {label}: {note}"
        out.append((text, "dim" if d_status == "correct" else None))
    if scoring is not None:
        out.append((score_line(status, scoring), "strong"))
    return out


def _points(value: float) -> str:
    return count(value, "point", shown=fmt_points(value))


def score_line(status: str, s: Scoring) -> str:
    """``Score: 1.5 of 2 points (2 − 0.5 for hints).`` with the reasons credit was reduced, then the
    attempts used and what the next one can still earn (after an answer that was not right)."""
    if status == "undecided":
        return "Score: pending (a teacher will decide)."
    c = s.credit
    if c.solution_seen:
        return (f"Score: {fmt_points(c.score)} — practice after the worked solution, so 0 of "
                f"{_points(c.points)}.")
    if c.out_of_attempts:
        return (f"Score: 0 of {_points(c.points)} — you have used all {count(c.max_attempts or 0, 'attempt')}, "
                "so this answer is practice.")
    reasons = []
    if c.available < c.points:
        reasons.append(f"attempt {c.attempt} can earn up to {fmt_points(c.available)}")
    if c.hint_cost and c.raw > 0:
        reasons.append(f"{fmt_points(c.raw)} − {fmt_points(c.hint_cost)} for hints")
    why = f" ({'; '.join(reasons)})" if reasons else ""
    text = f"Score: {fmt_points(c.earned)} of {_points(c.points)}{why}."
    if status != "correct":
        text += " " + _attempts_sentence(c, s.next_available)
    if s.best_before > c.earned:
        text += f" Your best so far stays {fmt_points(s.best_before)}."
    return text


def _attempts_sentence(c: Credit, next_available: float | None) -> str:
    """``Attempts used: 1 of 3; the next can earn up to 0.9.`` (invalid and undecided answers use none)."""
    used = f"{c.attempt} of {c.max_attempts}" if c.max_attempts is not None else str(c.attempt)
    if c.left == 0:
        return f"Attempts used: {used}; that was the last."
    if next_available is None:
        return f"Attempts used: {used}."
    return f"Attempts used: {used}; the next can earn up to {fmt_points(next_available)}."
