"""The class roster: our CSV (a ``student`` column; optional ``name``, ``email``, ``section``) or an LMS export.

The roster fixes the gradebook's rows and their order; answers from students
not on it are reported, not graded. Bad rows are reported with their line number.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch.cells import from_cell
from grader.batch.csvread import InputError, header_names, read_header, table
from grader.batch.layouts import Layout, detect, unknown_layout
from grader.batch.model import Problem

__all__ = ["INFO", "InputError", "Roster", "read_roster", "read_text"]

INFO = ("name", "email", "section")


@dataclass(frozen=True)
class Roster:
    students: tuple[str, ...]
    info: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # student -> name/email/section
    problems: tuple[Problem, ...] = ()
    layout: str = "roster CSV"  # which export it was read as
    id_column: str = "student"  # the column the student ids come from, as the header spells it
    skipped: tuple[str, ...] = ()  # rows that are not students: "line 2 'Points Possible': why"
    kind: str = "plain"  # the layout's key: plain, canvas, moodle, gradescope

    def __contains__(self, student: object) -> bool:
        return student in self.info

    def __len__(self) -> int:
        return len(self.students)

    def get(self, student: str, key: str) -> str:
        return self.info.get(student, {}).get(key, "")

    def describe(self) -> list[str]:
        """What was read, for the teacher: the layout, the id used, the rows skipped (nothing for our own CSV)."""
        if self.kind == "plain" and not self.skipped:
            return []
        out = [f"Roster: {self.layout}, {len(self.students)} students; student id: {self.id_column}."]
        if self.skipped:
            n = len(self.skipped)
            what = "1 row that is not a student" if n == 1 else f"{n} rows that are not students"
            out.append(f"  Skipped {what}: " + "; ".join(self.skipped) + ".")
        return out


def read_text(path: Path, what: str) -> str:
    """A UTF-8 text file (a byte-order mark is allowed), or InputError with the reason."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what} file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a {what} file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: the {what} file is not UTF-8 text (byte {exc.start + 1}); "
                         "save it as UTF-8 CSV") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the {what} file: {exc.strerror}") from None


def read_roster(path: str | Path) -> Roster:
    """Read a roster: our CSV or an LMS export, told apart by the header (:mod:`grader.batch.layouts`).

    Rows that are not students are skipped and listed in ``skipped``; the id
    column used is ``id_column``. An unknown header raises InputError naming the
    columns each layout needs.
    """
    p = Path(path)
    text = read_text(p, "roster")
    head = read_header(text, str(p), "The first line is a header such as student,name,email")
    if head is None:
        raise InputError(f"{p}: the roster is empty; its first line is a header such as student,name,email")
    header, first = head
    names = [from_cell(h).strip().casefold() for h in header]
    layout = detect(set(names))
    if layout is None:
        raise InputError(f"{p}:1: {unknown_layout([h.strip() for h in header])}")
    header_names(header, layout.used(), str(p))  # a column we read, named twice, is refused
    col = {n: i for i, n in enumerate(names) if n}
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    skipped: list[str] = []
    id_at = min((col[c] for c in layout.ids if c in col), default=0)
    for start, row in table(text, p, problems, id_at, first):
        cells = {n: row[i].strip() for n, i in col.items() if i < len(row)}
        why = layout.not_a_student(cells)
        if why:
            shown = cells.get("student") or layout.info(cells).get("name") or "(blank)"
            skipped.append(f"line {start} {shown!r}: {why}")
        else:
            rows.append((start, cells))
    id_column = _id_column(layout, col, rows)
    students, info = _students(layout, id_column, rows, p, problems)
    return Roster(tuple(students), info, tuple(problems), layout.title, _title_of(header, names, id_column),
                  tuple(skipped), layout.key)


def _id_column(layout: Layout, col: Mapping[str, int], rows: list[tuple[int, dict[str, str]]]) -> str:
    """The first id column that every student row fills (else the first one present)."""
    present = [c for c in layout.ids if c in col]
    full = [c for c in present if all(cells.get(c) for _, cells in rows)]
    return (full or present)[0]


def _students(layout: Layout, id_column: str, rows: list[tuple[int, dict[str, str]]], p: Path,
              problems: list[Problem]) -> tuple[list[str], dict[str, dict[str, str]]]:
    students: list[str] = []
    info: dict[str, dict[str, str]] = {}
    for start, cells in rows:
        student = cells.get(id_column, "")
        if not student:
            problems.append(Problem("malformed", f"no student id ({id_column}) on this row", str(p), start))
            continue
        if student in info:
            problems.append(Problem("duplicate", f"student {student!r} is listed twice; the first row counts",
                                    str(p), start, student))
            continue
        students.append(student)
        info[student] = layout.info(cells)
    return students, info


def _title_of(header: list[str], names: list[str], column: str) -> str:
    return from_cell(header[names.index(column)]).strip()
