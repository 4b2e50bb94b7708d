"""After ``--regrade``: who gained or lost points and why, in a file the teacher can send to the class.

Only answers graded both before and after (same text) are compared, so a late
hand-in is not mistaken for the effect of a fix. A cell the teacher decided
keeps its points (the decision is applied to both sides), so it never changes
here. Two files: CSV (one row per changed answer) and Markdown (short, to
forward), both in a fixed order. A multi-part exercise whose total changed is
followed by a row for each of its parts that changed (``<id>.<part>``), so the
class sees which step the fix touched; the summary counts exercises only.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from grader.batch.cells import to_row
from grader.batch.gradebook import Cell, Gradebook, points_text

HEADER = ("student", "exercise", "before", "after", "change", "status before", "status now", "why")


@dataclass(frozen=True)
class Change:
    student: str
    exercise: str
    before: float
    after: float
    was: str
    now: str
    why: str

    @property
    def delta(self) -> float:
        return round(self.after - self.before, 2)


def compare(old: Gradebook, new: Gradebook, compared: set[tuple[str, str]], regraded: Sequence[str],
            everything: bool) -> list[Change]:
    """The answers (among ``compared``) whose points differ between the two gradebooks."""
    out = []
    for s in new.students:
        for e in new.assignment.exercises:
            if (s, e) not in compared:
                continue
            b, a = old.cells[(s, e)], new.cells[(s, e)]
            before, after = b.points or 0.0, a.points or 0.0
            if round(after - before, 2) != 0 or b.status != a.status:
                out.append(Change(s, e, before, after, b.status, a.status, _why(e, regraded, everything)))
                out += _part_changes(s, e, b, a, _why(e, regraded, everything))
    return out


def _part_changes(student: str, exercise: str, b: Cell, a: Cell, why: str) -> list[Change]:
    """The parts of a multi-part exercise whose points or status changed."""
    out = []
    for name, now in a.parts:
        was = b.part(name)
        if round((now.points or 0.0) - (was.points or 0.0), 2) != 0 or was.status != now.status:
            out.append(Change(student, f"{exercise}.{name}", was.points or 0.0, now.points or 0.0, was.status,
                              now.status, why))
    return out


def _why(exercise: str, regraded: Sequence[str], everything: bool) -> str:
    if exercise in regraded:
        return f"exercise {exercise} was corrected in the bank (its answer key or accepted forms), so it was graded again"
    return "every answer was graded again (changed grading settings or calctutor version, or --regrade asked for it)"


def render_csv(changes: Sequence[Change]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    for c in changes:
        writer.writerow(to_row((c.student, c.exercise, points_text(c.before), points_text(c.after),
                                f"{c.delta:+g}", c.was, c.now, c.why)))
    return buf.getvalue()


def render_markdown(title: str, changes: Sequence[Change], old: Gradebook, new: Gradebook) -> str:
    out = [f"# {title}: scores after regrading", ""]
    if not changes:
        return "\n".join(out + ["No score changed.", ""])
    reasons = sorted({c.why for c in changes})
    out += [f"- {r[0].upper()}{r[1:]}." for r in reasons] + [""]
    out += ["| student | exercise | before | after | change |", "|---|---|---|---|---|"]
    out += [f"| {c.student} | {c.exercise} | {points_text(c.before)} | {points_text(c.after)} | {c.delta:+g} |"
            for c in changes]
    out += ["", "Totals of the students concerned:", "", "| student | total before | total now |", "|---|---|---|"]
    for s in sorted({c.student for c in changes}, key=new.students.index):
        out.append(f"| {s} | {points_text(old.total(s))} | {points_text(new.total(s))} |")
    return "\n".join(out + [""])


def summary(changes: Sequence[Change]) -> str:
    changes = [c for c in changes if "." not in c.exercise]  # a part's row details its exercise's
    if not changes:
        return "Regrade: no score changed."
    up = sum(1 for c in changes if c.delta > 0)
    down = sum(1 for c in changes if c.delta < 0)
    students = len({c.student for c in changes})
    return (f"Regrade: {len(changes)} score{'s' if len(changes) != 1 else ''} changed ({up} up, {down} down, "
            f"{len(changes) - up - down} same points) for {students} student{'s' if students != 1 else ''}.")
