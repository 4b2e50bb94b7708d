"""Roster layouts: our own CSV and the exports of Canvas, Moodle and Gradescope, told apart by the header.

Each layout is one small class in :data:`LAYOUTS` (tried in order): the columns
that identify it, the columns a student id may come from (the first one that
every student row fills is used, and said), which rows are not students (the
Canvas "Points Possible" row and test student, Moodle and Gradescope staff),
and what else a row tells (name, email, section, the LMS's own ids, which the
grade files for the LMS need). The samples in ``tests/data/lms/`` and their
README say where each layout comes from.
"""
from __future__ import annotations

from collections.abc import Mapping

INFO_COLUMNS = ("name", "email", "section", "sections", "role", "roles", "groups")
Cells = Mapping[str, str]  # case-folded column name -> the row's cell, trimmed


class Layout:
    key = ""
    title = ""
    required: tuple[tuple[str, ...], ...] = ()  # each entry: one of these columns must be present
    ids: tuple[str, ...] = ()  # candidate id columns, preferred first

    def matches(self, names: set[str]) -> bool:
        return all(any(c in names for c in alternatives) for alternatives in self.required)

    def columns(self) -> str:
        return ", ".join(" or ".join(_title(c) for c in alts) for alts in self.required)

    def used(self) -> list[str]:
        """The columns this layout reads (a header naming one twice is refused)."""
        return sorted({c for alts in self.required for c in alts} | set(self.ids) | set(INFO_COLUMNS))

    def not_a_student(self, row: Cells) -> str:
        """Why this row is not a student ('' for a student)."""
        return ""

    def info(self, row: Cells) -> dict[str, str]:
        return {}


def _title(column: str) -> str:
    return " ".join(w.upper() if w in ("id", "sis", "sid") else w.capitalize() for w in column.split())


class Plain(Layout):
    key, title = "plain", "roster CSV"
    required = (("student",),)
    ids = ("student",)

    def info(self, row: Cells) -> dict[str, str]:
        return {k: row[k] for k in ("name", "email", "section") if k in row}


class Canvas(Layout):
    key, title = "canvas", "Canvas gradebook export"
    required = (("student",), ("id",), ("sis user id",), ("sis login id",))
    ids = ("sis login id", "sis user id", "id")
    PSEUDO = ("points possible", "manual posting", "muted")

    def not_a_student(self, row: Cells) -> str:
        name = row.get("student", "").casefold()
        if name in self.PSEUDO or not row.get("id"):
            return "not a student (a row Canvas adds)"
        if name in ("student, test", "test student") or row.get("sis login id", "").startswith("test_student"):
            return "Canvas's test student"
        return ""

    def info(self, row: Cells) -> dict[str, str]:
        login = row.get("sis login id", "")
        return {"name": _first_last(row.get("student", "")), "email": login if "@" in login else "",
                "section": row.get("section", ""), "lms student": row.get("student", ""),
                "lms id": row.get("id", ""), "sis user id": row.get("sis user id", ""), "sis login id": login}


class Gradescope(Layout):
    key, title = "gradescope", "Gradescope roster"
    required = (("first name",), ("last name",), ("sid",), ("email",))
    ids = ("sid", "email")

    def not_a_student(self, row: Cells) -> str:
        role = row.get("role", "")
        return f"role {role!r}, not a student" if role and role.casefold() != "student" else ""

    def info(self, row: Cells) -> dict[str, str]:
        return {"name": _joined(row.get("first name", ""), row.get("last name", "")),
                "first name": row.get("first name", ""), "last name": row.get("last name", ""),
                "email": row.get("email", ""), "sid": row.get("sid", ""),
                "section": row.get("sections", row.get("section", ""))}


class Moodle(Layout):
    key, title = "moodle", "Moodle export"
    required = (("first name",), ("surname", "last name"), ("email address",))
    ids = ("id number", "username", "email address")

    def not_a_student(self, row: Cells) -> str:
        roles = row.get("roles", "")
        return f"role {roles!r}, not a student" if roles and "student" not in roles.casefold() else ""

    def info(self, row: Cells) -> dict[str, str]:
        last = row.get("surname", row.get("last name", ""))
        return {"name": _joined(row.get("first name", ""), last), "email": row.get("email address", ""),
                "section": row.get("groups", ""), "id number": row.get("id number", "")}


LAYOUTS: tuple[Layout, ...] = (Canvas(), Gradescope(), Moodle(), Plain())


def detect(names: set[str]) -> Layout | None:
    """The layout whose columns the header has (case-folded names), or None."""
    return next((layout for layout in LAYOUTS if layout.matches(names)), None)


def unknown_layout(found: list[str]) -> str:
    wanted = "; ".join(f"{layout.title}: {layout.columns()}" for layout in reversed(LAYOUTS))
    return (f"the roster needs a 'student' column, or the columns of an LMS export (found: "
            f"{', '.join(found) or 'nothing'}). calctutor reads: {wanted}")


def _joined(first: str, last: str) -> str:
    return " ".join(p for p in (first, last) if p)


def _first_last(name: str) -> str:
    """Canvas writes 'Last, First'; sheets and reports say 'First Last'."""
    last, comma, first = name.partition(",")
    return _joined(first.strip(), last.strip()) if comma and "," not in first else name
