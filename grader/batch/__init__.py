"""Teachers' batch runs: assignments, a class's submissions, parallel grading, gradebooks.

The public names load lazily, so importing the package stays cheap:
``load_assignment``, ``read_roster``, ``read_submissions``, ``write_submission``
(what ``calctutor practice --submit`` uses), ``grade_class`` and ``Settings``.
"""
from __future__ import annotations

from tutor.lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "Assignment": "grader.batch.assignment",
    "AssignmentError": "grader.batch.assignment",
    "load_assignment": "grader.batch.assignment",
    "read_roster": "grader.batch.roster",
    "InputError": "grader.batch.roster",
    "read_submissions": "grader.batch.submissions",
    "write_submission": "grader.batch.submissions",
    "sheet_text": "grader.batch.sheet",
    "grade_class": "grader.batch.run",
    "Settings": "grader.batch.run",
    "Answer": "grader.batch.model",
    "Outcome": "grader.batch.model",
    "Problem": "grader.batch.model",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
