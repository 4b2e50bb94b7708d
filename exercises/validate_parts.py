"""``bank validate`` for multi-part exercises: every part sound, and the error carried forward.

For each variant of a multi-part exercise:
- every part is checked like a one-part exercise (by ``exercises.validate`` itself: its sample
  answer grades correct, each of its generated mistakes grades not-correct and is diagnosed);
- the one-cell answer of the whole (``variant.answer_text``) grades correct part by part;
- follow-through: for each generated mistake of a part, each later part that refers to it is
  built from that mistake (``exercise.part_variant``) and answered with its own right answer;
  graded with the caller's ``grade_parts`` (``grader.check_parts``), it must be "carried"
  (or "correct", when the mistake does not change that part's answer at all).

The bank sits below the grader, so the grading functions come from the caller.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from exercises.errors import BankError

GradeParts = Callable[..., Any]  # (variant, answers, **overrides) -> PartsVerdict, such as grader.check_parts
Finding = tuple[str | None, str]  # (field, message): validate adds the file, the exercise and the seed


def parts_findings(variant: Any, grade_parts: GradeParts) -> tuple[list[Finding], int]:
    """The whole answer and the follow-through of one multi-part variant: (findings, gradings run).

    ``exercises.validate`` checks each part on its own first and adds the file, id and seed.
    """
    whole, n = _check_whole(variant, grade_parts)
    carried, m = check_follow_through(variant, grade_parts)
    return whole + carried, n + m


def _check_whole(variant: Any, grade_parts: GradeParts) -> tuple[list[Finding], int]:
    """The right answers, part by part, grade correct together (as a student's full answer would)."""
    answers = {name: part.answer_text for name, part in variant.parts}
    verdict = _grade(grade_parts, variant, answers)
    if isinstance(verdict, Exception):
        return [(None, f"grading the right answers of all parts failed: {_why(verdict)}")], 1
    wrong = [pv for pv in verdict.parts if getattr(pv.verdict, "status", None) != "correct"]
    return [(f"parts.{pv.name}", f"the right answer {answers[pv.name]!r} grades "
             f"{getattr(pv.verdict, 'status', 'missing')} in the whole exercise") for pv in wrong], 1


def check_follow_through(variant: Any, grade_parts: GradeParts) -> tuple[list[Finding], int]:
    """Each early part's generated mistakes, carried into every later part that refers to it."""
    ex = variant.exercise
    out: list[Finding] = []
    graded = 0
    right = {name: part.answer_text for name, part in variant.parts}
    for part in ex.parts:
        users = [p for p in ex.parts if part.name in p.refs]
        if not users:
            continue
        for mistake in variant.part(part.name).mistakes:
            typed = _typed(mistake.expr)
            for user in users:
                problem = _carried(variant, part.name, mistake, typed, user.name, right, grade_parts)
                graded += 1
                if problem is not None:
                    out.append((f"parts.{user.name}", problem))
    return out, graded


def _carried(variant: Any, early: str, mistake: Any, typed: str, later: str, right: Mapping[str, str],
             grade_parts: GradeParts) -> str | None:
    """Why ``later``, answered consistently with ``mistake`` in ``early``, is not graded carried (None: it is)."""
    ex = variant.exercise
    try:
        built = ex.part_variant(variant.seed, later, {early: mistake.expr})
    except BankError:
        return None  # the part cannot be built from this mistake: the grader grades it on the right chain
    where = (f"built from the mistake {mistake.key!r} ({typed}) in part {early!r}, "
             f"part {later!r}'s own answer {built.answer_text!r}")
    if _real(variant.part(later).answer) and not _real(built.answer):
        return (f"{where} is not a real number: a student who made this slip would meet a question with no "
                "real answer; change the formula or the parameters")
    answers: dict[str, str | None] = {name: None for name in right}
    for name in right:
        answers[name] = right[name]
        if name == later:
            break
    answers[early], answers[later] = typed, built.answer_text
    verdict = _grade(grade_parts, variant, answers)
    if isinstance(verdict, Exception):
        return f"{where}: grading failed: {_why(verdict)}"
    got = verdict.part(later)
    status = getattr(got.verdict, "status", "missing")
    if got.carried:
        return None
    if status == "correct" and built.answer_text == right[later]:
        return None  # the mistake does not change this part's answer
    feedback = getattr(got.verdict, "feedback", "")
    return f"{where} grades {status}, not carried forward" + (f" ({feedback})" if feedback else "")


def _real(value: Any) -> bool:
    """A real, finite number (or a vector of them); False for i, zoo or nan; True for anything else."""
    import sympy as sp

    items = tuple(value) if isinstance(value, (sp.Tuple, tuple)) else (value,)
    for item in items:
        if isinstance(item, sp.Expr) and item.is_number:
            if item.has(sp.zoo, sp.nan) or item.is_real is False:
                return False
    return True


def _typed(expr: Any) -> str:
    if isinstance(expr, str):
        return expr
    from tutor import to_text

    return to_text(expr)


def _grade(grade_parts: GradeParts, variant: Any, answers: Mapping[str, str | None]) -> Any:
    try:
        return grade_parts(variant, answers)
    except Exception as exc:  # a grader crash is a problem to report, not to raise
        return exc


def _why(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def missing_engines(ex: Any) -> list[tuple[str, str]]:
    """(field, message) for each part whose task needs an engine module that is not installed."""
    from exercises.tasks import load_all

    out = []
    for part in ex.parts:
        task = load_all()[part.exercise.task]
        if task.missing():
            out.append((f"parts.{part.name}.task", f"the {part.exercise.task!r} task needs "
                        f"{', '.join(task.missing())}, which is not installed"))
    return out
