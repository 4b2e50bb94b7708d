"""Validate a bank: solve every exercise for several seeds and grade its own answers.

For each variant: the task solves it with the engine; an authored answer must
agree with the engine's; ``answer_text`` must grade correct; every generated
mistake must grade not-correct and be diagnosed by its key; the checks of
``exercises.soundness`` (one true choice, no degenerate parameters, figures that
show the critical points) hold; and the caller's further ``checks`` (the forms the
prompt and hints promise, graded by ``grader.promises``) pass. Problems are
reported with file, exercise id and field, never as a traceback.

The bank sits below the grader, so the caller hands in the grading function
(``grade=grader.check_variant``): the bank never imports the grader.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from exercises.errors import BankError
from tutor.render.words import count

DEFAULT_SEEDS = 3

Grade = Callable[..., Any]  # (variant, answer, **overrides) -> Verdict, such as grader.check_variant


@dataclass(frozen=True)
class Problem:
    file: str
    exercise: str | None
    field: str | None
    message: str
    seed: Any = None

    def __str__(self) -> str:
        where = BankError(self.message, self.file, self.exercise, self.field)
        suffix = f" (seed {self.seed})" if self.seed is not None else ""
        return f"{where}{suffix}"


@dataclass
class Report:
    exercises: int = 0
    variants: int = 0
    checks: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        head = (f"{count(self.exercises, 'exercise')}, {count(self.variants, 'variant')}, {count(self.checks, 'grading')} "
                f"in {self.seconds:.1f} s")
        if self.ok:
            return head + ": all passed"
        n = len(self.problems)
        return head + f": {count(n, 'problem')}"

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "exercises": self.exercises, "variants": self.variants,
                "checks": self.checks, "seconds": round(self.seconds, 2),
                "problems": [{"file": p.file, "exercise": p.exercise, "field": p.field,
                              "message": p.message, "seed": None if p.seed is None else str(p.seed)}
                             for p in self.problems]}


def seeds_for(exercise: Any, wanted: int) -> list[Any]:
    """Seeds 0..wanted-1, fewer when the exercise has fewer distinct variants."""
    count = exercise.space.count()
    n = wanted if count is None else max(1, min(wanted, count))
    return list(range(n))


VariantCheck = Callable[[Any], list[Problem]]


def validate(bank: Any, seeds: int = DEFAULT_SEEDS, exercises: Iterable[Any] | None = None,
             progress: Callable[[Any], None] | None = None, checks: Sequence[VariantCheck] = (), *,
             grade: Grade, grade_parts: Grade | None = None) -> Report:
    """Check every exercise of ``bank`` (or just ``exercises``) for ``seeds`` seeds each, grading with ``grade``.

    ``checks`` are further checks of each variant from layers above the bank (the grader's
    ``grader.promises.check_promises``: every form a hint promises grades as promised).
    ``grade_parts`` (``grader.check_parts``) grades multi-part answers: with it, each generated
    mistake of a part must be carried forward into the later parts that use it
    (``exercises.validate_parts``); without it, each part is still checked on its own.
    """
    report = Report()
    started = time.perf_counter()
    chosen = list(exercises) if exercises is not None else list(bank.values())
    for ex in chosen:
        report.exercises += 1
        if getattr(ex, "is_multipart", False):
            _validate_multipart(ex, seeds, report, grade, grade_parts, checks)
        else:
            _validate_exercise(ex, seeds, report, grade, checks)
        if progress:
            progress(ex)
    report.seconds = time.perf_counter() - started
    return report


def _validate_exercise(ex: Any, seeds: int, report: Report, grade: Grade,
                       checks: Sequence[VariantCheck] = ()) -> None:
    from exercises.soundness import degenerate_choices
    from exercises.tasks import load_all

    task = load_all()[ex.task]
    missing = task.missing()
    if missing:
        report.problems.append(Problem(ex.source, ex.id, "task",
                                       f"the {ex.task!r} task needs {', '.join(missing)}, which is not installed"))
        return
    chosen_seeds = seeds_for(ex, seeds)
    report.problems.extend(Problem(ex.source, ex.id, fld, message)
                           for fld, message in degenerate_choices(ex, chosen_seeds))
    def one(variant: Any) -> None:
        problems, graded = check_variant(variant, count=True, grade=grade)
        report.problems.extend(problems)
        for check in checks:
            report.problems.extend(check(variant))
        report.checks += graded

    _over_seeds(ex, chosen_seeds, report, one)


def _validate_multipart(ex: Any, seeds: int, report: Report, grade: Grade, grade_parts: Grade | None,
                        checks: Sequence[VariantCheck] = ()) -> None:
    """A multi-part exercise: its parts as one-part exercises would be, then the follow-through."""
    from exercises.soundness import degenerate_choices
    from exercises.validate_parts import missing_engines

    missing = missing_engines(ex)
    if missing:
        report.problems.extend(Problem(ex.source, ex.id, fld, message) for fld, message in missing)
        return
    chosen_seeds = seeds_for(ex, seeds)
    for part in ex.parts:
        report.problems.extend(Problem(ex.source, ex.id, f"parts.{part.name}.{fld}", message)
                               for fld, message in degenerate_choices(part.exercise, chosen_seeds))
    _over_seeds(ex, chosen_seeds, report, lambda variant: _check_multipart(variant, report, grade, grade_parts, checks))


def _over_seeds(ex: Any, chosen_seeds: Sequence[Any], report: Report, check: Callable[[Any], None]) -> None:
    """Build and check the variant of each seed, stopping at the first seed with a problem: one failing
    seed says enough about an exercise."""
    for seed in chosen_seeds:
        variant = _built(ex, seed, report)
        if variant is None:
            return
        report.variants += 1
        before = len(report.problems)
        check(variant)
        if len(report.problems) > before:
            return


def _check_multipart(variant: Any, report: Report, grade: Grade, grade_parts: Grade | None,
                     checks: Sequence[VariantCheck]) -> None:
    """Each part as a variant of its own; then, with ``grade_parts``, the whole and the follow-through."""
    from exercises.validate_parts import parts_findings

    for _, part in variant.parts:
        problems, graded = check_variant(part, count=True, grade=grade)
        report.problems.extend(problems)
        report.checks += graded
        for check in checks:
            report.problems.extend(check(part))
    if grade_parts is None:
        return
    findings, graded = parts_findings(variant, grade_parts)
    ex = variant.exercise
    report.problems.extend(Problem(ex.source, ex.id, fld, message, variant.seed) for fld, message in findings)
    report.checks += graded


def _built(ex: Any, seed: Any, report: Report) -> Any:
    """The variant for ``seed``, or None with its failure reported."""
    try:
        return ex.variant(seed)
    except BankError as exc:
        report.problems.append(Problem(exc.file or ex.source, exc.exercise or ex.id, exc.field, exc.message, seed))
    except Exception as exc:  # an engine failure is reported, not raised
        report.problems.append(Problem(ex.source, ex.id, "task", f"the engine failed: {type(exc).__name__}: {exc}",
                                       seed))
    return None


def check_variant(variant: Any, count: bool = False, *, grade: Grade) -> Any:
    """The problems of one variant (empty when it is sound); with ``count``, also how many gradings ran."""
    ex = variant.exercise
    out: list[Problem] = []

    def problem(fld: str | None, message: str) -> None:
        out.append(Problem(ex.source, ex.id, fld, message, variant.seed))

    from exercises.soundness import variant_problems

    for fld, message in variant_problems(variant):
        problem(fld, message)
    if variant.kind != ex.kind:
        problem("kind", f"the task produced a {variant.kind!r} answer but the exercise is graded as {ex.kind!r}")
    left = _unfilled(variant.prompt)
    if left:
        problem("prompt", f"unknown placeholder {{{left[0]}}}; known: "
                f"{', '.join(sorted(set(variant.params) | _fact_names(variant))) or 'none'}")
    if ex.answer is not None and ex.task not in ("multiple_choice", "true_false"):
        _check_authored(variant, problem, grade)
    from tutor import to_text

    verdict = _grade(grade, variant, variant.answer_text)
    if verdict.status != "correct":
        if getattr(ex, "answer_form", None) is not None:
            problem("answer_form", f"the answer's form {variant.answer_text!r} is not the engine's answer "
                    f"{to_text(variant.answer)} ({verdict.status}: {verdict.feedback})")
        else:
            problem("answer", f"the typed answer {variant.answer_text!r} does not grade correct "
                    f"({verdict.status}: {verdict.feedback})")
    for m in variant.mistakes:
        typed = m.expr if isinstance(m.expr, str) else to_text(m.expr)
        verdict = _grade(grade, variant, typed)
        if isinstance(verdict, _Failed):
            problem("mistakes", f"grading the mistake {m.key!r} ({typed}) failed: {verdict.feedback}")
        elif verdict.status == "correct":
            problem("mistakes", f"the mistake {m.key!r} ({typed}) grades correct")
        elif getattr(verdict, "mistake", None) != m.key:
            problem("mistakes", f"the mistake {m.key!r} ({typed}) is not diagnosed "
                    f"(the grader said {getattr(verdict, 'mistake', None)!r})")
    graded = 1 + len(variant.mistakes) + (ex.answer is not None and ex.task not in ("multiple_choice", "true_false"))
    return (out, graded) if count else out


class _Failed:
    """A grading that raised: reported with its message instead of a verdict."""

    status = "error"
    mistake = None

    def __init__(self, exc: Exception):
        self.feedback = f"{type(exc).__name__}: {exc}"


def _grade(grade: Grade, variant: Any, typed: Any):
    try:
        return grade(variant, typed)
    except Exception as exc:  # a grader crash is a problem to report, not to raise
        return _Failed(exc)


def _check_authored(variant: Any, problem: Callable[[str | None, str], None], grade: Grade) -> None:
    from exercises.tasks.base import Context

    ex = variant.exercise
    try:
        ctx = Context(ex.inputs, variant.params)
        authored = ctx.read(ex.answer, "answer", _variables(variant))
    except BankError as exc:
        problem("answer", exc.message)
        return
    except Exception as exc:
        problem("answer", f"cannot read the authored answer {ex.answer!r}: {exc}")
        return
    try:
        verdict = grade(variant, authored, mistakes=())
    except Exception as exc:
        problem("answer", f"grading the authored answer failed: {type(exc).__name__}: {exc}")
        return
    if verdict.status != "correct":
        from tutor import to_text

        problem("answer", f"the authored answer {ex.answer!r} disagrees with the engine's "
                f"{to_text(variant.answer)} ({verdict.status})")


def _variables(variant: Any) -> list[str]:
    names = variant.grading.get("variables") if variant.grading else None
    return [str(v) for v in names] if names else []


def _fact_names(variant: Any) -> set[str]:
    return set(variant.exercise.inputs)


def _unfilled(template: str) -> list[str]:
    """Placeholders left in prose (outside $math$), where braces are never LaTeX."""
    from exercises.prompt import PLACEHOLDER, segments

    left = []
    for is_math, text in segments(template):
        if not is_math:
            left.extend(PLACEHOLDER.findall(text))
    return left
