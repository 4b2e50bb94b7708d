"""One batch run: read the inputs, grade what the journal lacks, write gradebook, review and report.

Outputs depend only on the inputs and the journaled verdicts, in a fixed order
(roster or student id, then the assignment's exercises), so a run that was
killed and resumed, or run on Dask, writes the same bytes as one straight run.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from grader.batch import gradebook, review
from grader.batch.assignment import Assignment, load_assignment
from grader.batch.model import Answer, Job, Outcome, Problem
from grader.batch.roster import read_roster
from grader.batch.submissions import read_submissions
from grader.batch.work import Spec, store_path, variant_key


@dataclass
class Settings:
    submissions: Path
    assignment: Path
    out: Path
    roster: Path | None = None
    report: Path | None = None
    workers: int | None = None
    dask: str | None = None
    resume: bool = False
    regrade: bool = False
    fmt: str = "plain"
    journal: Path | None = None
    time_limit: float | None = None
    progress: bool | None = None  # None: a bar when stderr is a terminal
    check: Callable[..., Any] | None = None  # tests inject a checker (module-level function)
    render: Callable[..., Any] | None = None  # and a variant renderer

    @property
    def journal_path(self) -> Path:
        return self.journal or self.out.with_suffix(".journal.sqlite")

    @property
    def review_path(self) -> Path:
        return self.out.with_suffix(".review.csv")


@dataclass
class Summary:
    students: int = 0
    answers: int = 0
    graded: int = 0  # in this run
    reused: int = 0  # from the journal
    statuses: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    replaced: int = 0
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    incomplete: str = ""  # what the report lacks (some variant could not be rendered): exit status 1

    def lines(self) -> list[str]:
        s = self.statuses
        out = [f"{_n(self.answers, 'answer')} from {_n(self.students, 'student')}: {self.graded} graded now"
               + (f", {self.reused} from the journal" if self.reused else "") + f" ({self.seconds:.1f} s).",
               "  " + ", ".join(f"{s[k]} {k}" for k in ("correct", "partial", "incorrect", "invalid", "undecided")) + "."]
        if self.replaced:
            out.append(f"  {_n(self.replaced, 'answer')} replaced by a later row for the same student and exercise.")
        flagged = s["invalid"] + s["undecided"]
        if flagged or self.problems:
            out.append(f"  {_n(flagged, 'answer')} to review and {_n(len(self.problems), 'input problem')}: "
                       "see the review file.")
        for p in self.problems[:10]:
            out.append(f"  {p}")
        if len(self.problems) > 10:
            out.append(f"  … and {len(self.problems) - 10} more in the review file.")
        out += [f"Wrote {f}" for f in self.files]
        if self.incomplete:
            out.append(f"The report is incomplete. {self.incomplete}")
        return out


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass
class Inputs:
    assignment: Assignment
    bank: Any
    students: tuple[str, ...]
    info: dict
    answers: dict[tuple[str, str], Answer]
    problems: list[Problem]
    replaced: int


def read_inputs(settings: Settings) -> Inputs:
    """Assignment, bank, roster and answers, with every unusable row as a Problem."""
    from exercises.schema import did_you_mean

    assignment, bank = load_assignment(settings.assignment)
    roster = read_roster(settings.roster) if settings.roster else None
    subs = read_submissions(settings.submissions)
    problems = list(roster.problems if roster else ()) + subs.problems
    answers: dict[tuple[str, str], Answer] = {}
    ids = assignment.exercises
    for key, a in subs.answers.items():
        if a.exercise not in ids:
            extra = " (it is in the bank but not in this assignment)" if a.exercise in bank else ""
            problems.append(Problem("unknown exercise", f"exercise {a.exercise!r} is not in the assignment{extra}"
                                    f"{did_you_mean(a.exercise, ids)}; the answer is not graded",
                                    a.source, a.line, a.student, a.exercise))
        elif roster is not None and a.student not in roster:
            problems.append(Problem("unknown student", f"student {a.student!r} is not on the roster"
                                    f"{did_you_mean(a.student, roster.students)}; the answer is not graded",
                                    a.source, a.line, a.student, a.exercise))
        else:
            answers[key] = a
    students = roster.students if roster else tuple(sorted({s for s, _ in answers}))
    problems.sort(key=lambda p: (p.source, p.line, p.kind))
    info = dict(roster.info) if roster else {}
    return Inputs(assignment, bank, students, info, answers, problems, subs.replaced)


def bank_digest(bank: Any) -> str:
    h = hashlib.sha256()
    for src in sorted(getattr(bank, "sources", ())):
        try:
            h.update(Path(src).read_bytes())
        except OSError:
            h.update(src.encode())
    return h.hexdigest()[:16]


def _meta(inputs: Inputs, time_limit: float) -> dict[str, str]:
    from tutor import __version__

    options = {**inputs.assignment.grading_options(), "time_limit": time_limit}
    return {"assignment": inputs.assignment.digest, "bank": bank_digest(inputs.bank),
            "options": json.dumps(options, sort_keys=True), "version": __version__}


def plan(inputs: Inputs, done: dict[tuple[str, str], Outcome]) -> list[list[Job]]:
    """The answers still to grade, grouped by variant in a fixed order."""
    groups: dict[tuple[str, str], list[Job]] = {}
    for (student, ex_id), a in sorted(inputs.answers.items()):
        old = done.get((student, ex_id))
        if old is not None and old.digest == a.digest:
            continue
        key = variant_key(inputs.bank[ex_id], student)
        groups.setdefault((ex_id, key), []).append(Job(student, ex_id, a.text, a.digest))
    return [groups[k] for k in sorted(groups)]


def scheduler_for(settings: Settings, spec: Spec, time_limit: float):
    if settings.dask:
        from grader.batch.dask_backend import DaskScheduler

        return DaskScheduler(spec, settings.dask, time_limit)
    from grader.batch.scheduler import LocalScheduler

    return LocalScheduler(spec, settings.workers, time_limit)


def grade_class(settings: Settings, log: TextIO | None = None) -> Summary:
    """Grade a class's submissions and write the outputs; raises ValueError subclasses on unusable input."""
    from grader.batch.journal import Journal

    log = log or sys.stderr
    started = time.monotonic()
    inputs = read_inputs(settings)
    a = inputs.assignment
    time_limit = settings.time_limit or a.time_limit
    spec = Spec(a.bank_path, tuple(sorted(a.grading_options().items())), settings.check, settings.render,
                store=store_path())
    summary = Summary(students=len(inputs.students), answers=len(inputs.answers), problems=inputs.problems,
                      replaced=inputs.replaced)
    with Journal(settings.journal_path) as journal:
        journal.start(_meta(inputs, time_limit), settings.resume, settings.regrade)
        groups = plan(inputs, journal.outcomes())
        todo = sum(len(g) for g in groups)
        summary.reused = len(inputs.answers) - todo
        if todo:
            bar = _progress(settings, todo, log)
            with scheduler_for(settings, spec, time_limit) as scheduler:
                for outcomes in scheduler.run(groups):
                    journal.record(outcomes)
                    summary.graded += len(outcomes)
                    bar.update(len(outcomes))
            bar.close()
        journal.commit()
        outcomes = {k: o for k, o in journal.outcomes().items()
                    if k in inputs.answers and o.digest == inputs.answers[k].digest}
    summary.statuses = Counter(o.status for o in outcomes.values())
    book = gradebook.build(a, inputs.bank, inputs.students, inputs.answers, outcomes, inputs.info)
    summary.files.append(gradebook.write_atomic(settings.out, gradebook.render(book, settings.fmt)))
    rows = review.review_rows(inputs.students, a.exercises, inputs.answers, outcomes, inputs.problems)
    summary.files.append(gradebook.write_atomic(settings.review_path, review.render(rows)))
    if settings.report:
        from grader.reports.class_report import ReportIncomplete, write_report

        try:
            summary.files += write_report(settings.report, book, inputs, outcomes, spec, settings.workers)
        except ReportIncomplete as exc:
            summary.files += exc.files
            summary.incomplete = str(exc)
    summary.seconds = time.monotonic() - started
    return summary


class _Quiet:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(settings: Settings, total: int, log: TextIO):
    show = settings.progress if settings.progress is not None else getattr(log, "isatty", lambda: False)()
    if not show:
        return _Quiet()
    from tqdm import tqdm

    return tqdm(total=total, unit="answer", file=log, desc="grading", dynamic_ncols=True)
