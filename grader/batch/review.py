"""The review file: everything a teacher should look at by hand, one CSV row each.

Invalid answers (could not be read) and undecided ones (could not be decided,
or stopped at the time limit) come first, with every answer the teacher has
decided on, by student and exercise; then the rows of the input that were not
graded at all (malformed rows, unknown students or exercises, stale decisions),
by file and line.

The last three columns are the round trip: ``fingerprint`` identifies the
answer's text, and the teacher fills in ``decision`` (``correct``,
``incorrect`` or the points earned) and ``comment``, then gives the file back
with ``grade … --overrides FILE`` (:mod:`grader.batch.decisions`). A cell longer
than a spreadsheet holds (32,767 characters) is cut, with a note saying so.

A multi-part exercise is reviewed part by part: each invalid or undecided part
has its own row, with the exercise written ``<id>.<part>``, that part's answer
and fingerprint, so a decision there is on that part's points.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from grader.batch.cells import fit, to_row
from grader.batch.model import Answer, Decision, Outcome, Problem

HEADER = ("student", "exercise", "status", "answer", "reason", "source", "line", "fingerprint", "decision",
          "comment")


def review_rows(students: Sequence[str], exercises: Sequence[str], answers: Mapping[tuple[str, str], Answer],
                outcomes: Mapping[tuple[str, str], Outcome], problems: Iterable[Problem],
                decisions: Mapping[tuple[str, str], Decision] | None = None) -> list[tuple]:
    """``outcomes`` are the automatic verdicts; ``decisions`` the teacher's, shown in their columns."""
    decisions = decisions or {}
    rows: list[tuple] = []
    for s in students:
        for e in exercises:
            o, d = outcomes.get((s, e)), decisions.get((s, e))
            if o is not None and o.parts:
                rows += _part_rows(s, e, answers.get((s, e)), o, decisions)
                continue
            if d is None and (o is None or o.status not in ("invalid", "undecided")):
                continue
            a = answers.get((s, e))
            rows.append((s, e, o.status if o else "missing", a.text if a else "", reason(o) if o else "no answer",
                         a.source if a else "", a.line if a else "", a.digest if a else "",
                         f"{d.points:g}" if d else "", d.comment if d else ""))
    for p in sorted(problems, key=lambda p: (p.source, p.line, p.kind, p.message)):
        a = answers.get((p.student, p.exercise)) if p.kind == "stale decision" else None
        # a stale decision's row shows the answer there is now, so the teacher decides again on that row
        rows.append((p.student, p.exercise, p.kind, a.text if a else "", p.message, p.source, p.line or "",
                     a.digest if a else "", "", ""))
    return rows


def _part_rows(s: str, e: str, a: Answer | None, o: Outcome, decisions: Mapping[tuple[str, str], Decision]
               ) -> list[tuple]:
    """A row per part that is invalid or undecided, or that the teacher has decided on."""
    rows = []
    for p in o.parts:
        d = decisions.get((s, f"{e}.{p.name}"))
        if d is None and p.status not in ("invalid", "undecided"):
            continue
        given = a.part(p.name) if a is not None else None
        why = p.error.strip().splitlines()[0] if p.error.strip() else (p.feedback.strip().splitlines() or [p.status])[0]
        rows.append((s, f"{e}.{p.name}", p.status, given.text if given else "", why,
                     given.source if given else "", given.line if given else "", given.digest if given else "",
                     f"{d.points:g}" if d else "", d.comment if d else ""))
    return rows


def waiting(outcomes: Mapping[tuple[str, str], Outcome], decisions: Mapping[tuple[str, str], Decision]) -> int:
    """The review file's invalid and undecided answers (or parts) the teacher has not decided on."""
    n = 0
    for (s, e), o in outcomes.items():
        if o.parts:
            n += sum(1 for p in o.parts if p.status in ("invalid", "undecided") and (s, f"{e}.{p.name}") not in decisions)
        elif o.status in ("invalid", "undecided") and (s, e) not in decisions:
            n += 1
    return n


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
    writer.writerows([fit(c) for c in to_row(r)] for r in rows)  # spreadsheet-safe, then cut to fit
    return buf.getvalue()
