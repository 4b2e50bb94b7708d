"""Practising a teacher's assignment: its exercises in its order, its rules, a submission file.

``calctutor practice --assignment A.toml --submit FILE`` keeps each exercise's
latest graded answer here and rewrites FILE (atomically) after every one, so
a killed session loses nothing; two sessions on the same FILE lock it and
merge (each exercise keeps its latest answer, whichever session gave it); ``calctutor grade FILE --assignment A.toml``
then grades exactly what the student last answered, with the same options.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.scoring import AssignmentRules, Policy
from tutor.repl.suggest import Suggestion
from tutor.render.words import count

SUFFIXES = (".csv", ".jsonl", ".txt")


class AssignmentSetupError(ValueError):
    """The assignment or the submission file cannot be used (the CLI exits with status 2)."""


@dataclass
class Entry:
    """The answer that counts for one exercise, the hints used before it, its verdict if known,
    and the graded attempt it was (what it can earn depends on it: :mod:`grader.scoring`)."""

    answer: str
    hints: int = 0
    status: str | None = None
    attempts: int = 1


class AssignmentWork:
    """One student's work on one assignment, mirrored to the submission file."""

    def __init__(self, assignment: Any, bank: Any, path: Path, student: str, source: str,
                 entries: dict[str, Entry] | None = None):
        self.assignment = assignment
        self.bank = bank
        self.path = path
        self.student = student
        self.source = source          # the assignment file as given, for the closing hint
        self.entries: dict[str, Entry] = dict(entries or {})

    # -- what the session asks ------------------------------------------------
    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.assignment.exercises)

    @property
    def title(self) -> str:
        return str(self.assignment.title)

    def points(self, exercise_id: str) -> float:
        return float(self.rules.points[exercise_id])

    @property
    def rules(self) -> AssignmentRules:
        """Scoring and help (grader.scoring), read as the gradebook reads them."""
        return self.assignment.rules

    @property
    def hints_allowed(self) -> bool:
        return self.rules.hints_allowed

    @property
    def key(self) -> str:
        """What the progress store files this work's attempts under: its submission file."""
        return str(self.path.resolve())

    @property
    def calculator_allowed(self) -> bool:
        return self.rules.calculator_allowed

    def policy(self, exercise: Any) -> Policy:
        """The assignment's scoring rules for ``exercise``, as ``calctutor grade`` will apply them."""
        return self.rules.policy(exercise)

    def grading_options(self) -> dict[str, Any]:
        return self.rules.grading_options()

    @property
    def feedback_level(self) -> str | None:
        """The assignment's feedback level (None: each exercise's own, else guided)."""
        return getattr(self.assignment, "feedback_level", None)

    def rows(self, exercise_id: str) -> tuple[str, ...]:
        """The submission rows of an exercise: its id, or one ``<id>.<part>`` per part of a multi-part one
        (the rows ``calctutor grade`` reads per part, with their own hints and attempts)."""
        parts = getattr(self.bank[exercise_id], "parts", ()) if self.bank is not None else ()
        return tuple(f"{exercise_id}.{p.name}" for p in parts) or (exercise_id,)

    def answered(self, exercise_id: str) -> bool:
        return any(r in self.entries for r in self.rows(exercise_id))

    def solved(self, exercise_id: str) -> bool:
        """The answers that count are right (for a multi-part exercise, every part's)."""
        entries = [self.entries.get(r) for r in self.rows(exercise_id)]
        return all(e is not None and e.status == "correct" for e in entries)

    def suggest(self, exclude: Iterable[str] = ()) -> Suggestion | None:
        """Unanswered exercises first (assignment order), then those not yet right; None when all are."""
        skip = set(exclude)
        for ex_id in self.ids:
            if not self.answered(ex_id) and ex_id not in skip:
                return Suggestion(ex_id, "assignment-new")
        for ex_id in self.ids:
            if not self.solved(ex_id) and ex_id not in skip:
                return Suggestion(ex_id, "assignment-retry")
        for ex_id in self.ids:  # only the excluded one is left: offer it again rather than nothing
            if not self.solved(ex_id):
                return Suggestion(ex_id, "assignment-retry" if self.answered(ex_id) else "assignment-new")
        return None

    # -- recording --------------------------------------------------------------
    def record(self, exercise_id: str, answer: str, status: str, hints: int, attempts: int = 1) -> Path:
        """Keep this answer (graded attempt ``attempts``) as the one that counts and rewrite the submission file."""
        self.entries[exercise_id] = Entry(answer, hints, status, attempts)
        return self.save(exercise_id)

    def save(self, changed: str | None = None) -> Path:
        """Write every kept answer (assignment order) to a temporary file, then move it over FILE.

        Under a lock on FILE, the answers already in it (another session of the same student
        on the same file) are read first and kept: only ``changed`` is taken from this session,
        so each exercise keeps its latest answer, whichever session gave it.
        """
        from grader.batch.submissions import write_submission

        with _locked(self.path):
            if changed is not None:
                self._merge_from_file(changed)
            answers = {e: self.entries[e].answer for x in self.ids for e in self.rows(x) if e in self.entries}
            hints = {e: self.entries[e].hints for e in answers if self.entries[e].hints}
            tries = {e: self.entries[e].attempts for e in answers if self.entries[e].attempts != 1}
            tmp = self.path.with_name(f".{self.path.stem}.{os.getpid()}.tmp{self.path.suffix}")
            try:
                write_submission(tmp, self.student, answers, hints=hints or None, attempts=tries or None)
                os.replace(tmp, self.path)
            finally:
                if tmp.exists():
                    tmp.unlink()
        return self.path

    def _merge_from_file(self, changed: str) -> None:
        """Take the file's answers for every exercise but ``changed`` (another session may have written)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        try:
            found = _earlier_answers(self.path, self.student, self.assignment)
        except AssignmentSetupError as exc:
            raise OSError(str(exc)) from None
        for ex_id, entry in found.items():
            if ex_id == changed:
                continue
            mine = self.entries.get(ex_id)
            if mine is None or (mine.answer, mine.hints, mine.attempts) != (entry.answer, entry.hints, entry.attempts):
                self.entries[ex_id] = entry  # written by the other session after ours: it is the latest

    def recall(self, attempts: Iterable[Any]) -> None:
        """Verdicts of answers kept from an earlier session, from the progress store (same answer text,
        or, from files written before left-hand sides were graded, the right-hand side of ``y = …``)."""
        from grader.sides import split

        for a in attempts:  # oldest first: the last match wins
            entry = self.entries.get(a.exercise)
            if entry is not None and entry.answer in (a.answer, split(a.answer)[1]):
                entry.status = a.status

    # -- words ------------------------------------------------------------------
    def greeting(self) -> str:
        a = self.assignment
        n = len(self.ids)
        done = sum(1 for e in self.ids if self.answered(e))
        done_text = f" {done} answered so far." if done else ""
        return (f"Assignment: {self.title} — {count(n, 'exercise')}, "
                f"{count(a.possible, 'point', shown=_num(a.possible))}. Each graded answer is saved to {self.path} "
                f"(the latest answer to an exercise counts).{done_text}")

    def closing_line(self) -> str:
        n, total = sum(1 for e in self.ids if self.answered(e)), len(self.ids)
        return (f"Your submission ({n} of {count(total, 'exercise')} answered) is in {self.path}. Hand it in, "
                f"or grade it with: calctutor grade {self.path} --assignment {self.source} --out gradebook.csv")


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock for one read-merge-write of FILE: on FILE's folder, which survives the
    atomic replace of FILE and leaves no lock file behind (without ``fcntl``, no lock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: a second session can still overwrite the first
        yield
        return
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def open_work(assignment_path: str | Path, submit_path: str | Path, student: str) -> AssignmentWork:
    """Load the assignment (and its bank) and any answers already in FILE; raise AssignmentSetupError."""
    from grader.batch.assignment import AssignmentError, load_assignment

    target = Path(submit_path)
    if target.suffix.lower() not in SUFFIXES:
        raise AssignmentSetupError(f"--submit {target}: the file must end in .csv, .jsonl or .txt "
                                   "(the formats calctutor grade reads)")
    if target.is_dir():
        raise AssignmentSetupError(f"--submit {target}: is a folder; give a file such as {target / 'answers.csv'}")
    if not target.parent.is_dir():
        raise AssignmentSetupError(f"--submit {target}: the folder {target.parent} does not exist")
    try:
        assignment, bank = load_assignment(assignment_path)
    except AssignmentError as exc:
        raise AssignmentSetupError(str(exc)) from None
    entries = _earlier_answers(target, student, assignment) if target.exists() else {}
    return AssignmentWork(assignment, bank, target, student, str(assignment_path), entries)


def _earlier_answers(target: Path, student: str, assignment: Any) -> dict[str, Entry]:
    """Answers already in FILE (a session started again); refuse a file that holds anything else."""
    from grader.batch.roster import InputError
    from grader.batch.submissions import read_submissions

    if target.stat().st_size == 0:
        return {}
    try:
        subs = read_submissions(target)
    except InputError as exc:
        raise AssignmentSetupError(f"--submit {target}: {exc}") from None
    others = sorted({s for s, _ in subs.answers if s != student})
    if others:
        raise AssignmentSetupError(f"--submit {target}: the file holds answers of {', '.join(others[:3])}, "
                                   f"not only {student}'s; give a file of your own")
    foreign = sorted({e for _, e in subs.answers if e.partition(".")[0] not in assignment.exercises})
    if foreign:
        raise AssignmentSetupError(f"--submit {target}: the file holds answers to {', '.join(foreign[:3])}, "
                                   f"which are not in {assignment.title}; give another file")
    found = {}
    for (_, e), a in subs.answers.items():
        for p in getattr(a, "parts", ()) or ():  # a reader that groups a multi-part exercise's rows
            found[f"{e}.{p.name}"] = Entry(p.text, p.hints, None, p.attempts)
        if not getattr(a, "parts", ()):
            found[e] = Entry(a.text, a.hints, None, a.attempts)
    return found
