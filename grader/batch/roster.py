"""The class roster: a CSV with a ``student`` column (optional ``name``, ``email``, ``section``).

The roster fixes the gradebook's rows and their order; answers from students
not on it are reported, not graded. Bad rows are reported with their line number.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from grader.batch.csvread import InputError, header_names, read_header, table
from grader.batch.model import Problem

__all__ = ["INFO", "InputError", "Roster", "read_roster", "read_text"]

INFO = ("name", "email", "section")


@dataclass(frozen=True)
class Roster:
    students: tuple[str, ...]
    info: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # student -> name/email/section
    problems: tuple[Problem, ...] = ()

    def __contains__(self, student: object) -> bool:
        return student in self.info

    def __len__(self) -> int:
        return len(self.students)

    def get(self, student: str, key: str) -> str:
        return self.info.get(student, {}).get(key, "")


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
    """Read a roster CSV; raises InputError when it has no ``student`` column."""
    p = Path(path)
    text = read_text(p, "roster")
    head = read_header(text, str(p), "The first line is a header such as student,name,email")
    if head is None:
        raise InputError(f"{p}: the roster is empty; its first line is a header such as student,name,email")
    header, first = head
    names = header_names(header, ("student", *INFO), str(p))
    if "student" not in names:
        raise InputError(f"{p}:1: the roster needs a 'student' column (found: {', '.join(header) or 'nothing'})")
    col = {n: names.index(n) for n in ("student", *INFO) if n in names}
    students: list[str] = []
    info: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for start, row in table(text, p, problems, col["student"], first):
        student = row[col["student"]].strip() if len(row) > col["student"] else ""
        if not student:
            problems.append(Problem("malformed", "no student id on this row", str(p), start))
            continue
        if student in info:
            problems.append(Problem("duplicate", f"student {student!r} is listed twice; the first row counts",
                                    str(p), start, student))
            continue
        students.append(student)
        info[student] = {k: row[i].strip() for k, i in col.items() if k != "student" and i < len(row)}
    return Roster(tuple(students), info, tuple(problems))
