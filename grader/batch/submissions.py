"""Read a class's answers: a CSV, JSON Lines, or a folder of per-student files.

CSV and JSON Lines carry ``student``, ``exercise``, ``answer`` (and optionally
``hints``, the number of hints used, and ``attempts``, the graded attempt this
answer was: 1 for the first, as ``practice --assignment`` counts them; each
earlier one lowers what it can earn, see :mod:`grader.scoring`); other columns
are ignored. A part of a multi-part exercise is named in an optional ``part``
column or in the exercise as ``<id>.<part>``; which parts exist is checked
against the bank later (:mod:`grader.batch.parts`). A later row
for the same student and exercise replaces an earlier one; a blank answer is
no answer. A bad row is a
:class:`Problem` with its line number and is skipped; a file that cannot be
read at all raises :class:`InputError`.

In a folder, each file holds one student's answers: ``*.csv`` / ``*.jsonl``
(the ``student`` column may be left out: the file name says who), or an
answer sheet ``*.txt`` as written by ``calctutor assign`` (see
:mod:`grader.batch.sheet`).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.batch.model import Answer, Problem
from grader.batch.csvread import header_names, read_header, table
from grader.batch.roster import InputError, read_text

FIELDS = ("student", "exercise", "answer")
COUNTS = ("hints", "attempts")  # optional whole-number columns: hints used, the graded attempt it was
PART = "part"  # optional column: the part of a multi-part exercise (or write the exercise as <id>.<part>)
SUFFIXES = (".csv", ".jsonl", ".txt")


@dataclass
class Submissions:
    """Answers by (student, exercise), the problems met, how many rows were replaced or blank."""

    answers: dict[tuple[str, str], Answer] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    replaced: int = 0
    empty: int = 0  # rows whose answer was left blank (not answered)

    def add(self, answer: Answer) -> None:
        self.rows += 1
        key = (answer.student, answer.exercise)
        if key in self.answers:
            self.replaced += 1
            del self.answers[key]  # re-insert, so the order is that of the last rows
        self.answers[key] = answer


def read_submissions(path: str | Path) -> Submissions:
    """Read a CSV file, a JSON Lines file, or a folder of per-student files."""
    p = Path(path)
    out = Submissions()
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
        if not files:
            raise InputError(f"{p}: the folder holds no submission files (*.csv, *.jsonl or *.txt)")
        for f in files:
            _read_file(f, out, default_student=_student_from_name(f))
    else:
        _read_file(p, out, default_student=None)
    return out


def _student_from_name(f: Path) -> str:
    name = f.name[: -len(f.suffix)]
    return name[: -len(".answers")] if name.endswith(".answers") else name


def _read_file(p: Path, out: Submissions, default_student: str | None) -> None:
    text = read_text(p, "submissions")
    suffix = p.suffix.lower()
    if suffix == ".jsonl" or (suffix not in (".csv", ".txt") and text.lstrip().startswith("{")):
        rows = _jsonl_rows(text, p, out.problems)
    elif suffix == ".txt":
        from grader.batch.sheet import read_sheet

        rows = read_sheet(text, str(p), default_student, out.problems)
    else:
        rows = _csv_rows(text, p, out.problems, need_student=default_student is None)
    for line, row in rows:
        if isinstance(row.get("answer"), str) and not row["answer"].strip():
            out.empty += 1  # left blank: not answered (the student's row shows the exercise as missing)
            continue
        answer = _answer(row, str(p), line, default_student, out.problems)
        if answer is not None:
            out.add(answer)


def _csv_rows(text: str, p: Path, problems: list[Problem], need_student: bool) -> Iterator[tuple[int, dict]]:
    head = read_header(text, str(p), "The first line is the header student,exercise,answer")
    if head is None:
        problems.append(Problem("malformed", "the file is empty", str(p)))
        return
    header, first = head
    names = header_names(header, (*FIELDS, *COUNTS, PART), str(p))
    needed = FIELDS if need_student else FIELDS[1:]
    missing = [n for n in needed if n not in names]
    if missing:
        raise InputError(f"{p}:1: the header needs the columns {', '.join(needed)}; "
                         f"missing {', '.join(missing)} (found: {', '.join(header) or 'nothing'})")
    student_col = names.index("student") if "student" in names else None
    for start, row in table(text, p, problems, student_col, first):
        who = row[student_col].strip() if student_col is not None and student_col < len(row) else ""
        if len(row) > len(names):
            problems.append(Problem("malformed", f"{len(row)} fields where the header has {len(names)}; "
                                    "put an answer that contains commas in double quotes", str(p), start, who))
            continue
        values = {n: row[i] for i, n in enumerate(names) if i < len(row)}
        after = names.index("answer") + 1
        if _cut_at_comma(values.get("answer", ""), row[after] if after < len(row) else ""):
            problems.append(Problem("malformed", "the answer seems cut at a comma (its brackets do not close); "
                                    "put an answer that contains commas in double quotes", str(p), start, who))
            continue
        yield start, values


def _cut_at_comma(answer: str, following: str) -> bool:
    """An unquoted ``(1, 2)`` splits into ``(1`` and `` 2)``: the answer leaves a bracket open
    and the next field closes one."""
    def balance(text: str) -> int:
        return sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")

    return balance(answer) > 0 and balance(following) < 0


def _jsonl_rows(text: str, p: Path, problems: list[Problem]) -> Iterator[tuple[int, dict]]:
    # split at line feeds only: U+2028, U+2029 and U+0085 may stand inside a JSON string
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(Problem("malformed", f"not valid JSON ({exc.msg} at column {exc.colno})", str(p), number))
            continue
        if not isinstance(row, dict):
            problems.append(Problem("malformed", "each line must be a JSON object such as "
                                    '{"student": "ana", "exercise": "…", "answer": "…"}', str(p), number))
            continue
        yield number, row


def _answer(row: Mapping[str, Any], source: str, line: int, default_student: str | None,
            problems: list[Problem]) -> Answer | None:
    def text(name: str) -> str | None:
        value = row.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            return None
        return str(value)

    student = text("student")
    student = (student if student is not None and student.strip() else default_student) or ""
    exercise = (text("exercise") or "").strip()
    part = (text(PART) or "").strip()
    if part and exercise:
        if "." in exercise:
            problems.append(Problem("malformed", f"the part is named twice: exercise {exercise!r} and part {part!r}; "
                                    f"write the exercise id in one column and the part in the other; the row is skipped",
                                    source, line, (student or "").strip(), exercise))
            return None
        exercise = f"{exercise}.{part}"
    answer = text("answer")
    missing = [n for n, v in (("student", student.strip()), ("exercise", exercise), ("answer", answer))
               if v is None or v == ""]
    if missing:
        problems.append(Problem("malformed", f"no {' or '.join(missing)} on this row; the row is skipped",
                                source, line, student.strip(), exercise))
        return None
    hints, bad = _whole(row.get("hints"), 0)
    if bad:
        problems.append(Problem("malformed", f"hints must be a whole number >= 0, not {row.get('hints')!r}; "
                                "counted as 0", source, line, student.strip(), exercise))
    attempts, bad = _whole(row.get("attempts"), 1)
    if bad:
        problems.append(Problem("malformed", f"attempts must be a whole number >= 1, not {row.get('attempts')!r}; "
                                "counted as 1", source, line, student.strip(), exercise))
    return Answer(student.strip(), exercise, answer or "", hints, source, line, attempts)


def _whole(value: Any, least: int) -> tuple[int, bool]:
    """A whole-number column: (its value, whether it was bad); blank is ``least``."""
    if value is None or value == "":
        return least, False
    try:
        n = int(str(value).strip())
    except ValueError:
        return least, True
    return (n, False) if n >= least else (least, True)


# ----------------------------------------------------------------- writing


def write_submission(path: str | Path, student: str, answers: Mapping[str, str] | Iterable[tuple],
                     hints: Mapping[str, int] | None = None, append: bool = False,
                     attempts: Mapping[str, int] | None = None) -> Path:
    """Write one student's answers in a format ``calctutor grade`` reads (by suffix).

    ``answers``: exercise id -> answer text (or (exercise, answer) pairs).
    ``.csv`` and ``.jsonl`` carry student, exercise, answer (and hints and
    attempts when given); ``.txt`` is an answer sheet (answers only). ``append=True`` adds to an existing
    CSV/JSONL file (a later row for the same exercise replaces an earlier one).
    """
    p = Path(path)
    pairs = list(answers.items()) if isinstance(answers, Mapping) else [tuple(a) for a in answers]
    used = dict(hints or {})
    tries = {e: n for e, n in (attempts or {}).items() if n != 1}
    suffix = p.suffix.lower()
    if suffix == ".txt":
        from grader.batch.sheet import sheet_text

        p.write_text(sheet_text(student, pairs), encoding="utf-8")
        return p
    exists = append and p.exists() and p.stat().st_size > 0
    with p.open("a" if exists else "w", encoding="utf-8", newline="") as fh:
        if suffix == ".jsonl":
            for exercise, text in pairs:
                row = {"student": student, "exercise": exercise, "answer": text}
                if exercise in used:
                    row["hints"] = used[exercise]
                if exercise in tries:
                    row["attempts"] = tries[exercise]
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(fh, lineterminator="\n")
            extra = [c for c, given in zip(COUNTS, (used, tries)) if given]
            if exists:
                head = p.read_text(encoding="utf-8-sig").partition("\n")[0].lower()
                extra = [c for c in COUNTS if c in head]
            else:
                writer.writerow([*FIELDS, *extra])
            quoted = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)
            for exercise, text in pairs:
                cells = [student, exercise, text] + [used.get(exercise, 0) if c == "hints" else tries.get(exercise, 1)
                                                     for c in extra]
                # the csv module quotes a lone CR only when it is in the line terminator: quote it here
                (quoted if any("\r" in str(c) for c in cells) else writer).writerow(cells)
    return p
