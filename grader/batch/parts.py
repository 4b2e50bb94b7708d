"""Multi-part exercises in a batch run: the rows of a part gathered into one answer per exercise,
graded together, and the exercise's status from its parts.

A submission gives a part either on a row of its own (the exercise written
``<id>.<part>``, or ``<id>`` with a ``part`` column) or all parts in one cell of a
row for ``<id>`` in the one-cell form ``grad: (2, 4); step: (0.8, -0.4)``. Both
forms may be mixed; as for whole exercises, a later answer to the same part
replaces an earlier one. The parts of one student's exercise are graded together
(:func:`grader.check_parts`), because error carried forward needs the earlier
parts; so a changed part regrades the whole exercise (the answer's digest covers
every part).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from grader.batch.model import Answer, Job, Outcome, PartAnswer, PartOutcome, Problem

WAITING = ("invalid", "undecided")  # part statuses the review file lists


def part_names(exercise: Any) -> tuple[str, ...]:
    """The names of a multi-part exercise's parts, in order (``()`` for a one-part exercise)."""
    return tuple(p.name for p in getattr(exercise, "parts", ()) or ())


def split_key(exercise: str) -> tuple[str, str]:
    """``"line-fit.grad"`` -> ``("line-fit", "grad")``; ``"line-fit"`` -> ``("line-fit", "")``.

    Exercise ids have no dot (``[a-z0-9-]``), so the first dot is where the part's name starts.
    """
    base, _, part = exercise.partition(".")
    return base, part


def one_cell(parts: Iterable[PartAnswer]) -> str:
    """The parts' answers in the one-cell form, as the review file and the reports show them."""
    return "; ".join(f"{p.name}: {p.text}" for p in parts)


@dataclass
class Gathered:
    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    replaced: int = 0  # part answers replaced by a later one for the same part


def gather(answers: Mapping[tuple[str, str], Answer], bank: Any, ids: Sequence[str]) -> Gathered:
    """One :class:`Answer` per student and multi-part exercise, its ``parts`` in the exercise's order.

    Answers to exercises outside ``ids`` pass through (the caller reports them); a
    row naming a part that does not exist, a part of a one-part exercise, or a cell
    that cannot be split into parts becomes a :class:`Problem` and is not graded.
    """
    out = Gathered()
    buckets: dict[tuple[str, str], dict[str, PartAnswer]] = {}
    for key, a in answers.items():
        base, part = split_key(a.exercise)
        if base not in ids:
            out.answers[key] = a
            continue
        names = part_names(bank[base])
        if not names:
            if part:
                out.problems.append(_problem(a, "unknown part", f"exercise {base!r} has no parts: give its answer on "
                                             f"a row for {base!r}; the answer is not graded"))
            else:
                out.answers[key] = a
            continue
        bucket = buckets.setdefault((a.student, base), {})
        for p in _pieces(a, base, part, names, out.problems):
            if p.name in bucket:
                out.replaced += 1
                del bucket[p.name]
            bucket[p.name] = p
    for (student, base), bucket in buckets.items():
        if not bucket:
            continue
        ordered = tuple(bucket[n] for n in part_names(bank[base]) if n in bucket)
        first = min(ordered, key=lambda p: (p.source, p.line))
        out.answers[(student, base)] = Answer(student, base, one_cell(ordered), 0, first.source, first.line, 1,
                                              ordered)
    return out


def _problem(a: Answer, kind: str, message: str) -> Problem:
    return Problem(kind, message, a.source, a.line, a.student, a.exercise)


def _pieces(a: Answer, base: str, part: str, names: tuple[str, ...], problems: list[Problem]) -> list[PartAnswer]:
    """The part answers one row gives: its own part, or every part of a one-cell answer."""
    from exercises.schema import did_you_mean

    if part:
        if part not in names:
            problems.append(_problem(a, "unknown part", f"exercise {base!r} has no part {part!r}"
                                     f"{did_you_mean(part, names)}; its parts are {', '.join(names)}; "
                                     "the answer is not graded"))
            return []
        return [PartAnswer(part, a.text, a.hints, a.attempts, a.source, a.line)]
    from grader.parts import split_answers

    try:
        split = split_answers(a.text, names)
    except ValueError as exc:
        example = "; ".join(f"{n}: …" for n in names)
        problems.append(_problem(a, "malformed", f"exercise {base!r} has parts ({', '.join(names)}) and this answer "
                                 f"cannot be split into them: {exc}. Write them in one cell as `{example}`, or one "
                                 f"row per part with the exercise {base}.{names[0]} and so on; the answer is not graded"))
        return []
    if a.hints:
        problems.append(_problem(a, "malformed", f"hints = {a.hints} on a row that answers every part: which part "
                                 "used them is not known; give one row per part with its hints. Counted as 0"))
    return [PartAnswer(n, t.strip(), 0, a.attempts, a.source, a.line)
            for n, t in split.items() if t is not None and t.strip()]


# ------------------------------------------------------------------ grading


def combine(statuses: Sequence[str]) -> str:
    """The status of a multi-part exercise from its parts' statuses.

    ``undecided`` while any part waits for the teacher (the gradebook leaves the
    exercise's total empty); ``invalid`` when every given part was unreadable; else,
    as :func:`grader.check_parts` says it, ``correct`` when every part is correct,
    ``incorrect`` when none earns credit, otherwise ``partial``.
    """
    if "undecided" in statuses:
        return "undecided"
    given = [s for s in statuses if s != "missing"]
    if given and all(s == "invalid" for s in given):
        return "invalid"
    if statuses and all(s == "correct" for s in statuses):
        return "correct"
    if not any(s in ("correct", "carried", "partial") for s in statuses):
        return "incorrect"
    return "partial"


def grade(variant: Any, job: Job, options: Mapping[str, Any], level: str | None, key: str) -> Outcome:
    """Grade every part of one student's multi-part exercise together (errors carried forward)."""
    from grader.parts import check_parts

    opts = dict(options)
    follow = opts.pop("follow_through", None)
    given = dict(job.parts)
    answers = {n: given.get(n) for n in part_names(variant.exercise)}
    verdict = check_parts(variant, answers, follow_through=follow, **opts)
    parts = tuple(_part_outcome(p, level) for p in verdict.parts)
    status = combine([p.status for p in parts])
    score = 0.0 if status in WAITING else float(verdict.score)
    return Outcome(job.student, job.exercise, job.digest, status, score, summary(parts), variant=key, parts=parts)


def _part_outcome(p: Any, level: str | None) -> PartOutcome:
    from grader.batch.echo import read_as

    v = p.verdict
    if v is None:
        return PartOutcome(p.name, "missing", 0.0, "You did not answer this part.")
    if level is not None and hasattr(v, "at_level"):
        v = v.at_level(level)
    seen, latex = read_as(v.interpreted) if v.interpreted is not None else ("", "")
    return PartOutcome(p.name, str(v.status), float(p.credit), v.feedback or "", seen, latex, v.mistake or "",
                       v.error or "", bool(p.carried))


def summary(parts: Sequence[PartOutcome]) -> str:
    """One line for the review file and the analysis: each part's verdict word."""
    from grader.verdict import title

    return "; ".join(f"{p.name}: {title(p.status) if p.status != 'missing' else 'not answered'}" for p in parts)


def decided_part(outcome: Outcome | None, part: str, status: str, credit: float, words: str) -> Outcome | None:
    """``outcome`` with the teacher's decision in place of one part's verdict (None: no such part)."""
    from dataclasses import replace

    if outcome is None or outcome.part(part) is None:
        return outcome
    parts = tuple(replace(p, status=status, credit=credit, carried=False,
                          feedback=f"{words}\n\n(Automatic verdict: {p.status}.) {p.feedback or p.error}".strip())
                  if p.name == part else p for p in outcome.parts)
    return replace(outcome, parts=parts, status=combine([p.status for p in parts]), feedback=summary(parts))
