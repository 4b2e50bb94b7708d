"""The gradebook: one row per student, one column per exercise, then total and percent.

Cells hold points earned, by the one scoring policy (:mod:`grader.scoring`):
the verdict's score times the points still available at the answer's attempt,
less the cost of hints used. An *undecided* answer leaves its cell empty (it waits for the
teacher; see the review file) and an *invalid* one earns 0 and is listed for
review too. Rows follow the roster (or student id order); nothing depends on
timing, so the same results always give the same bytes.

A multi-part exercise has a column per part (``<id>.<part>``) before its own
column (``<id>``), which holds the exercise's total: the sum of its parts'
points, each part scored by the same policy with its own attempt and hints.
The exercise's points (the bank's, or the assignment's) are shared among the
parts in proportion to the bank's part points.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.batch.assignment import Assignment
from grader.batch.cells import to_row
from grader.batch.model import Answer, Outcome
from grader.scoring import Credit

FORMATS = ("plain", "canvas", "moodle")


def points_text(value: float | None) -> str:
    """2 decimals at most, no trailing zeros: 2, 1.5, 0.67; empty for None."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Cell:
    status: str  # a verdict status, or "missing"
    points: float | None  # None: undecided, waiting for the teacher
    attempts: int = 0  # the graded attempt the answer that counts was (0: no answer)
    available: float | None = None  # the points that attempt could earn at most (None: no answer)
    parts: tuple[tuple[str, "Cell"], ...] = ()  # a multi-part exercise's cells, by part name

    def part(self, name: str) -> "Cell":
        return next((c for n, c in self.parts if n == name), Cell("missing", 0.0))


@dataclass(frozen=True)
class Gradebook:
    assignment: Assignment
    students: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    info: Mapping[str, Mapping[str, str]]
    layout: Mapping[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)  # exercise -> (part, points)

    def parts(self, exercise: str) -> tuple[tuple[str, float], ...]:
        """(part, points possible) of a multi-part exercise; ``()`` for a one-part one."""
        return self.layout.get(exercise, ())

    def columns(self) -> list[tuple[str, str, str, float]]:
        """(header, exercise, part or "", points possible), in the gradebook's order."""
        out = []
        for e in self.assignment.exercises:
            out += [(f"{e}.{p}", e, p, pts) for p, pts in self.parts(e)]
            out.append((e, e, "", self.assignment.points[e]))
        return out

    def cell(self, student: str, exercise: str, part: str = "") -> Cell:
        whole = self.cells[(student, exercise)]
        return whole.part(part) if part else whole

    def total(self, student: str) -> float:
        """The points decided so far (an undecided answer or part waits; a multi-part exercise's decided parts count)."""
        return round(sum(_decided(self.cells[(student, e)]) for e in self.assignment.exercises), 2)

    def percent(self, student: str) -> float:
        possible = self.assignment.possible
        return round(100 * self.total(student) / possible, 1) if possible else 0.0


def _decided(cell: Cell) -> float:
    if cell.points is not None:
        return cell.points
    return sum(c.points or 0.0 for _, c in cell.parts)


def credit(assignment: Assignment, exercise: Any, outcome: Outcome, answer: Answer | None) -> Credit:
    """The credit of one graded answer by the assignment's policy: its attempt and hints count."""
    attempt, hints = (answer.attempts, answer.hints) if answer is not None else (1, 0)
    return assignment.policy(exercise).credit(outcome.score, attempt, hints)


def earned(assignment: Assignment, exercise: Any, outcome: Outcome, answer: Answer | None) -> float | None:
    """Points for one graded answer (None while undecided)."""
    if outcome.status == "undecided":
        return None
    return credit(assignment, exercise, outcome, answer).earned


def part_points(assignment: Assignment, exercise: Any) -> tuple[tuple[str, float], ...]:
    """(part, points) of a multi-part exercise: its points in the assignment, shared as the bank shares them."""
    parts = getattr(exercise, "parts", ()) or ()
    if not parts:
        return ()
    bank_total = sum(float(p.exercise.points) for p in parts) or 1.0
    share = assignment.points[exercise.id] / bank_total
    return tuple((p.name, round(float(p.exercise.points) * share, 6)) for p in parts)


def build(assignment: Assignment, bank: Any, students: tuple[str, ...], answers: Mapping[tuple[str, str], Answer],
          outcomes: Mapping[tuple[str, str], Outcome], info: Mapping[str, Mapping[str, str]] | None = None) -> Gradebook:
    cells: dict[tuple[str, str], Cell] = {}
    layout = {e: part_points(assignment, bank[e]) for e in assignment.exercises}
    for student in students:
        for ex_id in assignment.exercises:
            key = (student, ex_id)
            outcome = outcomes.get(key)
            if layout[ex_id]:
                cells[key] = _multipart_cell(assignment, bank[ex_id], layout[ex_id], outcome, answers.get(key))
            elif outcome is None:
                cells[key] = Cell("missing", 0.0)
            else:
                c = credit(assignment, bank[ex_id], outcome, answers.get(key))
                cells[key] = Cell(outcome.status, None if outcome.status == "undecided" else c.earned,
                                  c.attempt, c.available)
    return Gradebook(assignment, tuple(students), cells, dict(info or {}), {e: p for e, p in layout.items() if p})


def _multipart_cell(assignment: Assignment, exercise: Any, points: tuple[tuple[str, float], ...],
                    outcome: Outcome | None, answer: Answer | None) -> Cell:
    """The exercise's cell with a cell per part: each part's credit by the policy, with its own attempt and hints."""
    from grader.scoring import policy_for

    parts = []
    for part, (name, pts) in zip(exercise.parts, points):
        got = outcome.part(name) if outcome is not None else None
        given = answer.part(name) if answer is not None else None
        if got is None or got.status == "missing":
            parts.append((name, Cell("missing", 0.0)))
            continue
        attempt, hints = (given.attempts, given.hints) if given is not None else (1, 0)
        c = policy_for(part.exercise, assignment.options, pts).credit(got.credit, attempt, hints)
        parts.append((name, Cell(got.status, None if got.status == "undecided" else c.earned, c.attempt, c.available)))
    return whole_cell(outcome.status if outcome is not None else "missing", tuple(parts))


def whole_cell(status: str, parts: tuple[tuple[str, Cell], ...]) -> Cell:
    """A multi-part exercise's cell: the sum of its parts (empty while a part waits for the teacher)."""
    waiting = status == "undecided" or any(c.points is None for _, c in parts)
    given = [c for _, c in parts if c.status != "missing"]
    available = round(sum(c.available or 0.0 for c in given), 2) if given else None
    return Cell(status, None if waiting else round(sum(c.points or 0.0 for _, c in parts), 2),
                max((c.attempts for c in given), default=0), available, parts)


def render(book: Gradebook, fmt: str = "plain") -> str:
    """The gradebook as CSV text in one of :data:`FORMATS` (cells spreadsheet-safe, see :mod:`cells`)."""
    buf = io.StringIO()
    writer = _SafeWriter(csv.writer(buf, lineterminator="\n"))
    a = book.assignment
    columns = book.columns()
    ids = [c[0] for c in columns]
    possible = [points_text(c[3]) for c in columns]
    if fmt == "plain":
        writer.writerow(["student", *ids, "total", "percent"])
        writer.writerow(["points possible", *possible, points_text(a.possible), "100"])
        for s in book.students:
            writer.writerow([s, *_cells(book, s), points_text(book.total(s)), f"{book.percent(s):.1f}"])
    elif fmt == "canvas":
        writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *ids, a.title])
        writer.writerow(["Points Possible", "", "", "", "", *possible, points_text(a.possible)])
        for s in book.students:
            info = book.info.get(s, {})
            writer.writerow([info.get("name") or s, "", s, info.get("email") or s, info.get("section", ""),
                             *_cells(book, s), points_text(book.total(s))])
    elif fmt == "moodle":
        writer.writerow(["ID number", "Email address", *ids, a.title])
        for s in book.students:
            writer.writerow([s, book.info.get(s, {}).get("email", ""), *_cells(book, s), points_text(book.total(s))])
    else:
        raise ValueError(f"unknown gradebook format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return buf.getvalue()


class _SafeWriter:
    """Every cell through :func:`grader.batch.cells.to_cell`: no formula runs when the file is opened."""

    def __init__(self, writer: Any):
        self.writer = writer

    def writerow(self, row: list[Any]) -> None:
        self.writer.writerow(to_row(row))


def _cells(book: Gradebook, student: str) -> list[str]:
    return [points_text(book.cell(student, e, p).points) for _, e, p, _ in book.columns()]


def write_atomic(path: str | Path, text: str) -> Path:
    """Write a file whole or not at all (a kill mid-write leaves the old file)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, p)
    return p
