"""``bank validate``'s grading checks: every form a prompt or hint promises is graded as promised.

The promises are found in the bank layer (``exercises.promises``, plain text); they are
graded here, where grading lives, so that the bank never imports the grader. A form
said to be accepted must grade correct; a sample of how to write an answer must at
least be readable (not *invalid*).
"""
from __future__ import annotations

from typing import Any

from exercises.promises import promises
from exercises.validate import Problem


def grade(variant: Any, typed: str):
    """``typed`` graded against the variant, with the variant's own options (its mistakes left out)."""
    from grader.checking import check

    return check(variant.answer, typed, kind=variant.kind, **variant.options(mistakes=()))


def check_promises(variant: Any) -> list[Problem]:
    """The promises of one variant that grading does not keep."""
    ex = variant.exercise
    out = []
    for p in promises(variant):
        try:
            verdict = grade(variant, p.typed)
            status, feedback = verdict.status, verdict.feedback
        except Exception as exc:  # a grader crash is a problem to report, not to raise
            status, feedback = "error", f"{type(exc).__name__}: {exc}"
        if p.accepted and status != "correct":
            message = (f"promises that {p.typed!r} is accepted ({_quote(p.sentence)}), "
                       f"but it grades {status}: {feedback}")
        elif not p.accepted and status in ("invalid", "error"):
            message = (f"shows {p.typed!r} as the way to write an answer ({_quote(p.sentence)}), "
                       f"but it cannot be read: {feedback}")
        else:
            continue
        out.append(Problem(ex.source, ex.id, p.field, message, variant.seed))
    return out


def _quote(sentence: str) -> str:
    return repr(sentence if len(sentence) <= 80 else sentence[:77] + "...")
