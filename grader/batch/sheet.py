"""The answer sheet: a plain text file a student fills in, one ``exercise-id: answer`` per line.

```
# Week 5: gradients: answers of ana
# Write each answer after the colon, on the same line, as you would type it in calctutor.
student: ana
gradient-at-point: (-6, -8)
chain-rule-linear-inside:
```
Lines starting with ``#`` are comments; an empty answer means "not answered".
A multi-part exercise has a line per part, ``exercise-id.part: answer``
(``line-fit-chain.grad: (2, 4)``); a line ``exercise-id: grad: (2, 4); step: …``
in the one-cell form is read too.
``calctutor assign`` writes one per student; ``calctutor grade`` reads a folder of them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from grader.batch.model import Problem

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z][a-z0-9_]*)?$")  # an exercise, or one of its parts
HELP = ("# Write each answer after the colon, on the same line, as you would type it in calctutor.\n"
        "# Lines starting with # are ignored; leave an answer empty to skip it.\n")


def sheet_text(student: str, answers: Sequence[tuple[str, str]], title: str | None = None,
               prompts: dict[str, str] | None = None) -> str:
    """An answer sheet; ``prompts`` (id -> one-line prompt) are written as comments above each answer."""
    head = f"# {title}: answers of {student}\n" if title else f"# Answers of {student}\n"
    lines = [head + HELP, f"student: {student}\n"]
    for exercise, answer in answers:
        if prompts and exercise in prompts:
            lines.append("\n" + "".join(f"# {ln}\n" for ln in prompts[exercise].splitlines()))
        lines.append(f"{exercise}: {answer}".rstrip() + "\n")
    return "".join(lines)


def read_sheet(text: str, source: str, default_student: str | None,
               problems: list[Problem]) -> Iterator[tuple[int, dict]]:
    """The rows of a sheet, as (line number, {student, exercise, answer})."""
    student = default_student
    rows: list[tuple[int, dict]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, colon, value = stripped.partition(":")
        key = key.strip()
        if not colon or not _ID.match(key):
            problems.append(Problem("malformed", "expected 'exercise-id: answer', 'exercise-id.part: answer' "
                                    "(or 'student: name')",
                                    source, number))
            continue
        if key == "student":
            student = value.strip() or student
            continue
        if value.strip():
            rows.append((number, {"exercise": key, "answer": value.strip()}))
    for number, row in rows:
        yield number, {**row, "student": student or ""}
