"""The teacher's decisions: the review file given back with ``--overrides``, applied over the verdicts.

A decision is a status word (``correct``, ``incorrect``) or the points earned,
with an optional comment. It is journaled, so it holds through later runs and
``--regrade``. Each carries the fingerprint of the answer the teacher saw: when
the answer has changed since, the decision is flagged (a ``stale decision`` in
the review file and the summary) and not applied.

A multi-part exercise is decided part by part: the row's exercise is
``<id>.<part>`` (as the review file lists it) and the points are the part's; the
exercise's total is then the sum of its parts. A decision on the whole of a
multi-part exercise is reported and not applied (which part would it replace?).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from grader.batch.csvread import InputError, header_names, read_header, table
from grader.batch.gradebook import Cell, Gradebook, whole_cell
from grader.batch.model import Answer, Decision, Outcome, Problem
from grader.batch.parts import combine, decided_part, split_key
from grader.batch.roster import read_text

COLUMNS = ("student", "exercise", "decision", "comment", "fingerprint")
FULL = ("correct", "right", "full")
NONE = ("incorrect", "wrong", "zero")


def read_overrides(path: str | Path, points: Mapping[str, float]) -> tuple[list[Decision], list[Problem]]:
    """The decisions in a review file (rows with an empty ``decision`` are not decisions)."""
    p = Path(path)
    text = read_text(p, "overrides")
    head = read_header(text, str(p), "Give back the review file that grade wrote, with its decision column")
    if head is None:
        raise InputError(f"{p}: the overrides file is empty")
    header, first = head
    names = header_names(header, COLUMNS, str(p))
    missing = [c for c in COLUMNS[:3] if c not in names]
    if missing:
        raise InputError(f"{p}:1: the overrides file needs the columns student, exercise and decision (missing: "
                         f"{', '.join(missing)}); give back the review file that grade wrote, with decisions filled in")
    col = {n: names.index(n) for n in COLUMNS if n in names}
    decisions: list[Decision] = []
    problems: list[Problem] = []
    for line, row in table(text, p, problems, col["student"], first):
        cell = {n: (row[i].strip() if i < len(row) else "") for n, i in col.items()}
        if not cell["decision"]:
            continue
        d = _decision(cell, points, str(p), line, problems)
        if d is not None:
            decisions.append(d)
    return decisions, problems


def _decision(cell: Mapping[str, str], points: Mapping[str, float], source: str, line: int,
              problems: list[Problem]) -> Decision | None:
    student, exercise, said = cell["student"], cell["exercise"], cell["decision"]
    if exercise not in points:
        problems.append(Problem("unknown exercise", f"a decision for exercise {exercise!r}, which is not in the "
                                "assignment; it is not applied", source, line, student, exercise))
        return None
    possible = points[exercise]
    earned = _points(said, possible)
    if earned is None:
        problems.append(Problem("malformed", f"cannot read the decision {said!r}: write correct, incorrect, or the "
                                f"points earned (0 to {possible:g}); it is not applied", source, line, student, exercise))
        return None
    status = "correct" if earned >= possible else "incorrect" if earned == 0 else "partial"
    return Decision(student, exercise, cell.get("fingerprint", ""), earned, status, cell.get("comment", ""),
                    source, line)


def _points(said: str, possible: float) -> float | None:
    word = said.casefold()
    if word in FULL:
        return float(possible)
    if word in NONE:
        return 0.0
    try:
        value = float(word)
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= possible else None


def settle(new: Sequence[Decision], journaled: Mapping[tuple[str, str], Decision],
           answers: Mapping[tuple[str, str], Answer], students: Sequence[str]
           ) -> tuple[dict[tuple[str, str], Decision], list[Decision], list[Problem]]:
    """(the decisions that apply, the new ones to journal, the problems: stale or unknown).

    A new decision without a fingerprint is taken for the answer there is now
    (and journaled with its fingerprint); any decision whose fingerprint is not
    that of the current answer is stale.
    """
    on_roster = set(students)
    record: list[Decision] = []
    problems: list[Problem] = []
    for d in new:
        if d.student not in on_roster:
            problems.append(Problem("unknown student", f"a decision for student {d.student!r}, who is not in this "
                                    "class; it is not applied", d.source, d.line, d.student, d.exercise))
            continue
        record.append(replace(d, digest=d.digest or _digest(answers, d.key)))
    active: dict[tuple[str, str], Decision] = {}
    for d in [*journaled.values(), *record]:
        active[d.key] = d
    for key, d in list(active.items()):
        if d.digest != _digest(answers, key):
            del active[key]
            problems.append(Problem("stale decision", f"the teacher's decision ({said(d)}) was made on an answer "
                                    "that has changed since; it is not applied: look at the new answer and decide "
                                    "again", d.source, d.line, d.student, d.exercise))
    fresh = [d for d in record if d.key in active and active[d.key] == d]
    return active, fresh, problems


def _digest(answers: Mapping[tuple[str, str], Answer], key: tuple[str, str]) -> str:
    a = answers.get(key)
    if a is None and "." in key[1]:  # one part of a multi-part exercise
        base, part = split_key(key[1])
        whole = answers.get((key[0], base))
        a = whole.part(part) if whole is not None else None  # type: ignore[assignment]
    return a.digest if a is not None else ""


def whole_of_multipart(decisions: Sequence[Decision], layout: Mapping[str, Sequence[tuple[str, float]]]
                       ) -> tuple[list[Decision], list[Problem]]:
    """(the decisions that can be applied, the problems): a multi-part exercise is decided part by part."""
    keep: list[Decision] = []
    problems: list[Problem] = []
    for d in decisions:
        parts = layout.get(d.exercise)
        if parts:
            names = ", ".join(f"{d.exercise}.{p}" for p, _ in parts)
            problems.append(Problem("malformed", f"exercise {d.exercise!r} has parts: decide on each part's row "
                                    f"({names}) with that part's points; the decision is not applied",
                                    d.source, d.line, d.student, d.exercise))
        else:
            keep.append(d)
    return keep, problems


def shown(outcomes: Mapping[tuple[str, str], Outcome], active: Mapping[tuple[str, str], Decision],
          possible: Mapping[str, float]) -> dict[tuple[str, str], Outcome]:
    """The outcomes as feedback and reports show them: the teacher's decisions over the automatic verdicts."""
    out = dict(outcomes)
    for key, d in active.items():
        base, part = split_key(key[1])
        pts = possible[key[1]]
        if part:
            got = decided_part(out.get((key[0], base)), part, d.status, d.points / pts if pts else 0.0,
                               f"Teacher's decision: {said(d)}.")
            if got is not None:
                out[(key[0], base)] = got
        else:
            out[key] = decided(outcomes.get(key), d, pts)
    return out


def said(d: Decision) -> str:
    """'correct, 2 points' / 'partial, 1.5 points: sign slip only'."""
    pts = f"{d.points:g} point{'' if d.points == 1 else 's'}"
    return f"{d.status}, {pts}" + (f": {d.comment}" if d.comment else "")


def decided(outcome: Outcome | None, d: Decision, possible: float) -> Outcome:
    """The outcome shown in feedback and reports: the teacher's decision, then the automatic verdict."""
    text = f"Teacher's decision: {said(d)}."
    if outcome is None:  # no answer here (handed in on paper, say): the decision is all there is
        return Outcome(d.student, d.exercise, d.digest, d.status, d.points / possible if possible else 0.0,
                       feedback=text, note=f"teacher's decision: {said(d)}")
    auto = f"(Automatic verdict: {outcome.status}.) {outcome.feedback or outcome.error}".strip()
    return replace(outcome, status=d.status, score=d.points / possible if possible else 0.0,
                   note=f"teacher's decision: {said(d)}", feedback=f"{text}\n\n{auto}")


def apply_book(book: Gradebook, active: Mapping[tuple[str, str], Decision]) -> Gradebook:
    """The gradebook with the teacher's points in the decided cells (no hint cost: the teacher's word is final)."""
    cells = dict(book.cells)
    for key, d in active.items():
        base, part = split_key(key[1])
        whole = cells.get((key[0], base))
        if part and whole is not None and any(n == part for n, _ in whole.parts):
            parts = tuple((n, Cell(d.status, round(d.points, 2)) if n == part else c) for n, c in whole.parts)
            cells[(key[0], base)] = whole_cell(combine([c.status for _, c in parts]), parts)
        elif not part and key in cells:
            cells[key] = Cell(d.status, round(d.points, 2))
    return replace(book, cells=cells)
