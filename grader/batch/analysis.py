"""Item analysis: how the class did on each exercise, and what went wrong most often.

Per exercise: how many answered, the success rate (correct answers among those
given), the mean points, the most common wrong answers (grouped by how they
were read, so ``2x`` and ``2*x`` count together), the diagnosed mistakes with an
example of the feedback students got, and the invalid and undecided counts.

A multi-part exercise is reported as a whole (its status from its parts) and
then part by part (``<id>.<part>``): each part's facility, its mistakes and wrong
answers, and how many answers to it were right for the student's own wrong
earlier answer (*carried*: an error carried forward into this part, which earns
follow-through credit but is not counted correct).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grader.batch.gradebook import Gradebook, points_text
from grader.batch.model import Answer, Outcome
from tutor.render import Doc, Line, Rendered, Step, Table, line
from tutor.render.words import count

TOP = 5


@dataclass(frozen=True)
class ItemStats:
    exercise: str
    title: str
    points: float
    students: int
    answered: int
    correct: int
    partial: int
    incorrect: int
    invalid: int
    undecided: int
    mean_points: float  # over every student on the roster (a missing answer counts 0)
    wrong_answers: tuple[tuple[str, int], ...]  # (answer as read, how many)
    mistakes: tuple[tuple[str, int, str], ...]  # (mistake key, how many, an example of the feedback)
    carried: int = 0  # a part's answers right for the student's own wrong earlier answer (error carried forward)
    part: str = ""  # the part's name, for a part of a multi-part exercise

    @property
    def carried_rate(self) -> float | None:
        """The share of the answers given that carried an earlier error forward into this part."""
        return self.carried / self.answered if self.answered else None

    @property
    def success_rate(self) -> float | None:
        return self.correct / self.answered if self.answered else None

    @property
    def missing(self) -> int:
        return self.students - self.answered


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


@dataclass(frozen=True)
class ItemAnalysis(Rendered):
    title: str
    students: int
    items: tuple[ItemStats, ...]

    @property
    def has_parts(self) -> bool:
        return any(i.part for i in self.items)

    @property
    def exercises(self) -> tuple[ItemStats, ...]:
        """The items that are whole exercises (not parts)."""
        return tuple(i for i in self.items if not i.part)

    def doc(self) -> Doc:
        carried = self.has_parts
        overview = Table(
            ("exercise", "answered", "correct", "success", "partial", "incorrect", "invalid", "undecided",
             *(("carried",) if carried else ()), "mean points"),
            tuple((i.exercise, str(i.answered), str(i.correct), _rate(i.success_rate), str(i.partial),
                   str(i.incorrect), str(i.invalid), str(i.undecided),
                   *((str(i.carried) if i.part else "",) if carried else ()),
                   f"{points_text(i.mean_points)} / {points_text(i.points)}") for i in self.items))
        intro = (f"{count(self.students, 'student')}, {count(len(self.exercises), 'exercise')}. Success is the share "
                 "of correct answers among those given; mean points count a missing answer as 0.")
        if carried:
            intro += (" A part's carried answers were right for the student's own wrong earlier answer "
                      "(the error carried forward); they earn follow-through credit and are not counted correct.")
        nodes: list = [line(intro), overview]
        hardest = sorted((i for i in self.items if i.answered), key=lambda i: (i.success_rate, i.exercise))[:3]
        if hardest:
            nodes.append(line("Hardest: " + ", ".join(f"{i.exercise} ({_rate(i.success_rate)})" for i in hardest)
                              + "."))
        for item in self.items:
            nodes.append(_item_step(item))
        return Doc(Line((f"Item analysis: {self.title}",)), tuple(nodes))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "ItemAnalysis", "title": self.title, "students": self.students, "items": [
            {"exercise": i.exercise, "title": i.title, "points": i.points, "answered": i.answered,
             "missing": i.missing, "correct": i.correct, "partial": i.partial, "incorrect": i.incorrect,
             "invalid": i.invalid, "undecided": i.undecided, "success_rate": i.success_rate,
             "mean_points": i.mean_points,
             "wrong_answers": [{"answer": a, "count": n} for a, n in i.wrong_answers],
             "mistakes": [{"mistake": k, "count": n, "example": ex} for k, n, ex in i.mistakes],
             **({"part": i.part, "carried": i.carried, "carried_rate": i.carried_rate} if i.part else {})}
            for i in self.items]}


def _item_step(i: ItemStats) -> Step:
    head = line(f"{i.exercise}: {i.title}: {_rate(i.success_rate)} correct of {i.answered} answered"
                + (f", {i.missing} missing" if i.missing else ""))
    kids: list = []
    if i.carried:
        kids.append(line(f"Error carried forward: {i.carried} of {i.answered} answers ({_rate(i.carried_rate)}) were "
                         "right for the student's own wrong earlier answer."))
    if i.mistakes:
        kids.append(Step(line("Diagnosed mistakes"), tuple(
            line(f"{key} ({n}×): {example}") for key, n, example in i.mistakes)))
    if i.wrong_answers:
        kids.append(Step(line("Most common wrong answers"), tuple(
            line(_as_math(text), f"({n}×)") for text, n in i.wrong_answers)))
    if i.invalid or i.undecided:
        kids.append(line(f"{i.invalid} invalid and {i.undecided} undecided answers are listed in the review file."))
    if not kids:
        kids.append(line("Its parts, below, say what went wrong." if i.partial or i.incorrect else "No wrong answers."))
    return Step(head, tuple(kids))


def _as_math(text: str) -> Any:
    """An answer as read (learner syntax) shown as mathematics; words if it does not read back."""
    from tutor import ParseError, parse

    try:
        return parse(text) if text else "(empty)"
    except (ParseError, RecursionError, ValueError):
        return text


def analyse(book: Gradebook, answers: Mapping[tuple[str, str], Answer],
            outcomes: Mapping[tuple[str, str], Outcome], titles: Mapping[str, str]) -> ItemAnalysis:
    items = []
    for e in book.assignment.exercises:
        items.append(_stats(book, e, titles.get(e, e), answers, outcomes))
        items += [_part_stats(book, e, p, pts, titles.get(e, e), answers, outcomes) for p, pts in book.parts(e)]
    return ItemAnalysis(book.assignment.title, len(book.students), tuple(items))


def _part_stats(book: Gradebook, ex: str, part: str, points: float, title: str, answers: Mapping,
                outcomes: Mapping) -> ItemStats:
    """One part of a multi-part exercise: its verdicts across the class (a carried answer is not correct)."""
    counts: Counter = Counter()
    wrong: Counter = Counter()
    mistakes: Counter = Counter()
    examples: dict[str, str] = {}
    total = 0.0
    for s in book.students:
        total += book.cell(s, ex, part).points or 0.0
        o = outcomes.get((s, ex))
        got = o.part(part) if o is not None else None
        if got is None or got.status == "missing":
            continue
        counts[got.status] += 1
        if got.status in ("incorrect", "partial"):
            a = answers.get((s, ex))
            given = a.part(part) if a is not None else None
            wrong[got.read_as or (given.text.strip() if given else "")] += 1
            if got.mistake:
                mistakes[got.mistake] += 1
                examples.setdefault(got.mistake, got.feedback.strip())
    n = len(book.students)
    return ItemStats(f"{ex}.{part}", f"{title}, part {part}", points, n, sum(counts.values()), counts["correct"],
                     counts["partial"], counts["incorrect"], counts["invalid"], counts["undecided"],
                     round(total / n, 2) if n else 0.0, _top(wrong), _top_mistakes(mistakes, examples),
                     counts["carried"], part)


def _top(wrong: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP])


def _top_mistakes(mistakes: Counter, examples: Mapping[str, str]) -> tuple[tuple[str, int, str], ...]:
    return tuple((k, n, examples[k]) for k, n in sorted(mistakes.items(), key=lambda kv: (-kv[1], kv[0])))


def _stats(book: Gradebook, ex: str, title: str, answers: Mapping, outcomes: Mapping) -> ItemStats:
    counts: Counter = Counter()
    wrong: Counter = Counter()
    mistakes: Counter = Counter()
    examples: dict[str, str] = {}
    total = 0.0
    students: Sequence[str] = book.students
    for s in students:
        total += book.cells[(s, ex)].points or 0.0
        o = outcomes.get((s, ex))
        if o is None:
            continue
        counts[o.status] += 1
        if o.status in ("incorrect", "partial") and not o.parts:  # a multi-part exercise's parts say what went wrong
            a = answers.get((s, ex))
            wrong[o.read_as or (a.text.strip() if a else "")] += 1
            if o.mistake:
                mistakes[o.mistake] += 1
                examples.setdefault(o.mistake, o.feedback.strip())
    top_wrong, top_mistakes = _top(wrong), _top_mistakes(mistakes, examples)
    n = len(students)
    return ItemStats(ex, title, book.assignment.points[ex], n, sum(counts.values()), counts["correct"],
                     counts["partial"], counts["incorrect"], counts["invalid"], counts["undecided"],
                     round(total / n, 2) if n else 0.0, top_wrong, top_mistakes)
