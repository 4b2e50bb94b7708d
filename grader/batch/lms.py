"""Grades back into the LMS: one assignment column for Canvas, Moodle's grade import, a Gradescope-style CSV.

Each file holds the assignment's total per student (the teacher's decisions
included) and the identity columns the LMS matches students on. A student with
an answer still waiting for review (undecided) gets an empty cell, which every
one of these imports reads as "leave the grade as it is". Per-exercise and
per-part results go to a separate detail file, never into the import (Canvas
would make a new assignment column of each). docs/teacher.md has the import
steps for each LMS.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.batch.cells import to_row
from grader.batch.csvread import InputError
from grader.batch.gradebook import Gradebook, points_text
from grader.batch.model import Outcome
from grader.batch.roster import Roster, read_roster

TARGETS = ("canvas", "moodle", "gradescope")
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
_CANVAS_COLUMN = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>\d+)\)$")


@dataclass(frozen=True)
class GradeFile:
    text: str
    column: str  # the column that holds the total
    left_out: tuple[str, ...] = ()  # students the LMS export does not know
    blank: tuple[str, ...] = ()  # students with answers still waiting for review


def grade_file(target: str, book: Gradebook, roster: Roster | None, export: Path | None = None,
               column: str | None = None) -> GradeFile:
    """The import file for ``target`` (one of :data:`TARGETS`); InputError if the export cannot be matched."""
    if target == "canvas":
        return _canvas(book, roster, export, column)
    ids = _lookup(book, roster)
    title = column or book.assignment.title
    if target == "moodle":
        head = ["ID number", "Email address", title]
        rows = [[ids[s].get("id number") or s, ids[s].get("email", ""), _total(book, s)] for s in book.students]
    elif target == "gradescope":
        head = ["First Name", "Last Name", "SID", "Email", "Total Score"]
        rows = [[ids[s].get("first name", ""), ids[s].get("last name", "") or ids[s].get("name", ""),
                 ids[s].get("sid") or s, ids[s].get("email", ""), _total(book, s)] for s in book.students]
        title = "Total Score"
    else:
        raise ValueError(f"unknown LMS {target!r}; choose one of {', '.join(TARGETS)}")
    return GradeFile(_csv([head, *rows]), title, (), _blank(book, book.students))


def _canvas(book: Gradebook, roster: Roster | None, export: Path | None, column: str | None) -> GradeFile:
    source = read_roster(export) if export else roster
    if export and (source is None or source.kind != "canvas"):
        raise InputError(f"{export}: --lms-export must be the Canvas gradebook export (Grades, Export); this file "
                         f"reads as a {source.layout if source else 'roster'}")
    name = _canvas_column(book.assignment.title, export, column)
    ids = _lookup(book, source)
    known = [s for s in book.students if ids[s].get("lms id") or not export]
    rows = [["Points Possible", "", "", "", "", points_text(book.assignment.possible)]]
    for s in known:
        i = ids[s]
        rows.append([i.get("lms student") or i.get("name") or s, i.get("lms id", ""), i.get("sis user id", ""),
                     i.get("sis login id") or s, i.get("section", ""), _total(book, s)])
    left = tuple(s for s in book.students if s not in known)
    return GradeFile(_csv([[*CANVAS_IDENTITY, name], *rows]), name, left, _blank(book, known))


def _canvas_column(title: str, export: Path | None, column: str | None) -> str:
    """The export's column for this assignment ('Title (12345)'), or the title for a new column."""
    if export is None:
        return column or title
    with export.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh), [])
    named = {h.strip(): m["name"] for h in header if (m := _CANVAS_COLUMN.match(h.strip()))}
    found = list(named)
    wanted = (column or title).strip().casefold()
    match = [h for h in found if wanted in (h.casefold(), named[h].casefold())]
    if len(match) == 1:
        return match[0]
    shown = "; ".join(found) or "none"
    why = "more than one column matches" if match else f"no assignment column named {column or title!r}"
    raise InputError(f"{export}:1: {why} in the Canvas export (its assignment columns: {shown}). Name the column "
                     "with --lms-column, e.g. --lms-column \"Week 5 quiz (48213)\", or create the assignment in Canvas "
                     "and export the gradebook again")


def _lookup(book: Gradebook, roster: Roster | None) -> dict[str, Mapping[str, str]]:
    """Each gradebook student's identities: from the roster (matched by any of its ids) or the gradebook's info."""
    out: dict[str, Mapping[str, str]] = {}
    by_any: dict[str, Mapping[str, str]] = {}
    if roster is not None:
        for s in roster.students:
            info = roster.info.get(s, {})
            for key in (s, info.get("sis login id"), info.get("sis user id"), info.get("lms id"), info.get("email")):
                if key:
                    by_any.setdefault(key, info)
    for s in book.students:
        out[s] = by_any.get(s) or book.info.get(s, {})
    return out


def _total(book: Gradebook, student: str) -> str:
    return "" if _waiting(book, student) else points_text(book.total(student))


def _waiting(book: Gradebook, student: str) -> bool:
    return any(book.cells[(student, e)].points is None for e in book.assignment.exercises)


def _blank(book: Gradebook, students: Sequence[str]) -> tuple[str, ...]:
    return tuple(s for s in students if _waiting(book, s))


def detail(book: Gradebook, outcomes: Mapping[tuple[str, str], Outcome]) -> str:
    """Per exercise and per part: student, exercise, part, status, points, possible, note (the teacher's word)."""
    rows = [["student", "exercise", "part", "status", "points", "possible", "note"]]
    for s in book.students:
        for e in book.assignment.exercises:
            cell, o = book.cells[(s, e)], outcomes.get((s, e))
            rows.append([s, e, "", cell.status, points_text(cell.points), points_text(book.assignment.points[e]),
                         o.note if o else ""])
            for part, pts in book.parts(e):  # a multi-part exercise's parts, with their points
                got = o.part(part) if o else None
                pc = cell.part(part)
                rows.append([s, e, part, pc.status, points_text(pc.points), points_text(pts),
                             got.feedback.splitlines()[0] if got and got.feedback.startswith("Teacher") else ""])
            for part, status, _ in (o.details if o else ()):
                rows.append([s, e, part, status, "", "", ""])
    return _csv(rows)


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(to_row(r) for r in rows)
    return buf.getvalue()
