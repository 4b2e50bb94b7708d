"""The review file: everything a teacher should look at by hand, one CSV row each.

Invalid answers (could not be read) and undecided ones (could not be decided,
or stopped at the time limit) come first, by student and exercise; then the
rows of the input that were not graded at all (malformed rows, unknown
students or exercises), by file and line.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from grader.batch.cells import to_row
from grader.batch.model import Answer, Outcome, Problem

HEADER = ("student", "exercise", "status", "answer", "reason", "source", "line")


def review_rows(students: Sequence[str], exercises: Sequence[str], answers: Mapping[tuple[str, str], Answer],
                outcomes: Mapping[tuple[str, str], Outcome], problems: Iterable[Problem]) -> list[tuple]:
    rows: list[tuple] = []
    for s in students:
        for e in exercises:
            o = outcomes.get((s, e))
            if o is None or o.status not in ("invalid", "undecided"):
                continue
            a = answers.get((s, e))
            rows.append((s, e, o.status, a.text if a else "", reason(o), a.source if a else "", a.line if a else ""))
    for p in sorted(problems, key=lambda p: (p.source, p.line, p.kind, p.message)):
        rows.append((p.student, p.exercise, p.kind, "", p.message, p.source, p.line or ""))
    return rows


def reason(o: Outcome) -> str:
    """One line: why the answer needs a person."""
    if o.note:
        return o.note
    if o.error:
        first = o.error.strip().splitlines()[0]
        return first
    return o.feedback.strip().splitlines()[0] if o.feedback.strip() else o.status


def render(rows: list[tuple]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(to_row(r) for r in rows)  # spreadsheet-safe: see grader.batch.cells
    return buf.getvalue()
