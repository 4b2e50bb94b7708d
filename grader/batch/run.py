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
from grader.batch.parts import gather
from grader.batch.roster import Roster, read_roster
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
    overrides: Path | None = None  # the review file given back with the teacher's decisions
    lms: str | None = None  # also write the import file for this LMS (grader.batch.lms.TARGETS)
    lms_export: Path | None = None  # the teacher's Canvas gradebook export: its column and identities
    lms_column: str | None = None  # the LMS column to fill (default: the assignment's title)
    fmt: str = "plain"
    journal: Path | None = None
    time_limit: float | None = None
    progress: bool | None = None  # None: a bar when stderr is a terminal
    check: Callable[..., Any] | None = None  # tests inject a checker (module-level function)
    render: Callable[..., Any] | None = None  # and a variant renderer
    feedback: str | None = None  # --feedback-level: overrides the assignment's and the exercises' levels

    @property
    def journal_path(self) -> Path:
        return self.journal or self.out.with_suffix(".journal.sqlite")

    @property
    def review_path(self) -> Path:
        return self.out.with_suffix(".review.csv")

    def beside(self, suffix: str) -> Path:
        """A file next to the gradebook: g.csv -> g.<suffix>."""
        return self.out.with_suffix(f".{suffix}")


@dataclass
class Summary:
    students: int = 0  # on the roster (or who handed in, without a roster)
    handed_in: int = 0  # students with at least one answer
    roster: bool = False
    answers: int = 0
    graded: int = 0  # in this run
    reused: int = 0  # from the journal
    statuses: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    replaced: int = 0
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    incomplete: str = ""  # what the report lacks (some variant could not be rendered): exit status 1
    notes: list[str] = field(default_factory=list)  # what was read and how (roster layout, journal reused)
    decided: int = 0  # teacher's decisions applied
    to_review: int | None = None  # invalid and undecided answers the teacher has not decided on
    after: list[str] = field(default_factory=list)  # the regrade's and the LMS file's lines

    def lines(self) -> list[str]:
        s = self.statuses
        if self.roster:
            head = (f"{_n(self.handed_in, 'student')} of the {self.students} on the roster handed in "
                    f"{_n(self.answers, 'answer')}")
        else:
            head = f"{_n(self.answers, 'answer')} from {_n(self.handed_in, 'student')}"
        out = [*self.notes, head + f": {self.graded} graded now"
               + (f", {self.reused} from the journal" if self.reused else "") + f" ({self.seconds:.1f} s).",
               "  " + ", ".join(f"{s[k]} {k}" for k in ("correct", "partial", "carried", "incorrect", "invalid", "undecided")
                                if k != "carried" or s[k]) + "."]  # carried forward: only multi-part exercises
        if self.decided:
            decisions = _n(self.decided, "teacher's decision")
            out.append(f"  {decisions} applied (see the review file).")
        if self.replaced:
            out.append(f"  {_n(self.replaced, 'answer')} replaced by a later row for the same student and exercise.")
        flagged = s["invalid"] + s["undecided"] if self.to_review is None else self.to_review
        if flagged or self.problems:
            out.append(f"  {_n(flagged, 'answer')} to review and {_n(len(self.problems), 'input problem')}: "
                       "see the review file.")
        for p in self.problems[:10]:
            out.append(f"  {p}")
        if len(self.problems) > 10:
            out.append(f"  … and {len(self.problems) - 10} more in the review file.")
        out += self.after
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
    roster: Roster | None = None


def read_inputs(settings: Settings) -> Inputs:
    """Assignment, bank, roster and answers, with every unusable row as a Problem."""
    from exercises.schema import did_you_mean

    assignment, bank = load_assignment(settings.assignment)
    roster = read_roster(settings.roster) if settings.roster else None
    subs = read_submissions(settings.submissions)
    ids = assignment.exercises
    gathered = gather(subs.answers, bank, ids)  # the parts of multi-part exercises, one answer per exercise
    problems = list(roster.problems if roster else ()) + subs.problems + gathered.problems
    answers: dict[tuple[str, str], Answer] = {}
    for key, a in gathered.answers.items():
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
    return Inputs(assignment, bank, students, info, answers, problems, subs.replaced + gathered.replaced, roster)


def bank_digest(bank: Any) -> str:
    h = hashlib.sha256()
    for src in sorted(getattr(bank, "sources", ())):
        try:
            h.update(Path(src).read_bytes())
        except OSError:
            h.update(src.encode())
    return h.hexdigest()[:16]


def exercise_digests(bank: Any, ids: tuple[str, ...]) -> dict[str, str]:
    """Each exercise's definition as a digest of its TOML table (with the file's topic), so a fix to one
    exercise is seen as a change to that exercise only; the whole bank's digest where a table is not found."""
    import tomllib

    found: dict[str, str] = {}
    for src in sorted(getattr(bank, "sources", ())):
        try:
            data = tomllib.loads(Path(src).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for entry in data.get("exercise", []) if isinstance(data.get("exercise"), list) else []:
            ident = entry.get("id") if isinstance(entry, dict) else None
            if ident in ids and ident not in found:
                text = json.dumps({"topic": data.get("topic"), "entry": entry}, sort_keys=True, default=str)
                found[ident] = hashlib.sha256(text.encode()).hexdigest()[:16]
    whole = bank_digest(bank) if len(found) < len(ids) else ""
    return {e: found.get(e, whole) for e in ids}


def _meta(inputs: Inputs, time_limit: float) -> dict[str, str]:
    """What the journaled verdicts depend on: the grading settings, the version and each exercise's definition.

    The points and the title do not change a verdict, so editing them reuses the journal.
    """
    from grader.batch.journal import EXERCISE
    from tutor import __version__

    options = {**inputs.assignment.batch_options(), "time_limit": time_limit}
    if inputs.assignment.feedback_level:
        options["feedback"] = inputs.assignment.feedback_level
    meta = {"options": json.dumps(options, sort_keys=True), "version": __version__}
    for e, digest in exercise_digests(inputs.bank, inputs.assignment.exercises).items():
        meta[EXERCISE + e] = digest
    return meta


def plan(inputs: Inputs, done: dict[tuple[str, str], Outcome]) -> list[list[Job]]:
    """The answers still to grade, grouped by variant in a fixed order."""
    groups: dict[tuple[str, str], list[Job]] = {}
    for (student, ex_id), a in sorted(inputs.answers.items()):
        old = done.get((student, ex_id))
        if old is not None and old.digest == a.digest:
            continue
        key = variant_key(inputs.bank[ex_id], student)
        groups.setdefault((ex_id, key), []).append(Job(student, ex_id, a.text, a.digest,
                                                       tuple((p.name, p.text) for p in a.parts)))
    return [groups[k] for k in sorted(groups)]


def scheduler_for(settings: Settings, spec: Spec, time_limit: float):
    if settings.dask:
        from grader.batch.dask_backend import DaskScheduler

        return DaskScheduler(spec, settings.dask, time_limit)
    from grader.batch.scheduler import LocalScheduler

    return LocalScheduler(spec, settings.workers, time_limit)


def grade_class(settings: Settings, log: TextIO | None = None) -> Summary:
    """Grade a class's submissions and write the outputs; raises ValueError subclasses on unusable input."""
    from grader.batch import decisions as dec
    from grader.batch.journal import Journal

    log = log or sys.stderr
    started = time.monotonic()
    inputs = read_inputs(settings)
    a = inputs.assignment
    time_limit = settings.time_limit or a.time_limit
    spec = Spec(a.bank_path, tuple(sorted(a.batch_options().items())), settings.check, settings.render,
                settings.feedback or a.feedback_level, store=store_path())
    summary = Summary(students=len(inputs.students), handed_in=len({s for s, _ in inputs.answers}),
                      roster=inputs.roster is not None, answers=len(inputs.answers), problems=inputs.problems,
                      replaced=inputs.replaced, notes=inputs.roster.describe() if inputs.roster else [])
    possible = _possible(inputs)
    new, bad = dec.read_overrides(settings.overrides, possible) if settings.overrides else ([], [])
    new, whole = dec.whole_of_multipart(new, {e: gradebook.part_points(a, inputs.bank[e]) for e in a.exercises})
    bad += whole
    with Journal(settings.journal_path) as journal:
        before = journal.outcomes() if settings.regrade else {}
        restart = journal.start(_meta(inputs, time_limit), settings.resume, settings.regrade)
        summary.notes += [restart.note] if restart.note else []
        _grade(journal, inputs, settings, spec, time_limit, summary, log)
        outcomes = _current(journal.outcomes(), inputs)
        active, fresh, stale = dec.settle(new, journal.decisions(), inputs.answers, inputs.students)
        journal.decide(fresh)
    summary.problems = sorted([*inputs.problems, *bad, *stale], key=lambda p: (p.source, p.line, p.kind))
    _write_outputs(settings, inputs, spec, outcomes, before, active, restart, summary)
    summary.seconds = time.monotonic() - started
    return summary


def _possible(inputs: Inputs) -> dict[str, float]:
    """Points possible by what a decision may name: an exercise, or ``<id>.<part>`` for a part."""
    a = inputs.assignment
    out = dict(a.points)
    for e in a.exercises:
        out.update({f"{e}.{p}": pts for p, pts in gradebook.part_points(a, inputs.bank[e])})
    return out


def _write_outputs(settings: Settings, inputs: Inputs, spec: Spec, outcomes: dict, before: dict, active: dict,
                   restart: Any, summary: Summary) -> None:
    """Gradebook and review file; with the settings asking, the regrade's changes, the LMS files and the report.

    ``outcomes`` are the automatic verdicts; what students and the LMS see has the teacher's decisions over them.
    """
    from grader.batch import decisions as dec

    a = inputs.assignment
    summary.statuses = Counter(o.status for o in outcomes.values())
    summary.decided = len(active)
    summary.to_review = review.waiting(outcomes, active)
    shown = dec.shown(outcomes, active, _possible(inputs))
    book = dec.apply_book(gradebook.build(a, inputs.bank, inputs.students, inputs.answers, shown, inputs.info), active)
    summary.files.append(gradebook.write_atomic(settings.out, gradebook.render(book, settings.fmt)))
    rows = review.review_rows(inputs.students, a.exercises, inputs.answers, outcomes, summary.problems, active)
    summary.files.append(gradebook.write_atomic(settings.review_path, review.render(rows)))
    if settings.regrade:
        _write_changes(settings, inputs, _current(before, inputs), active, restart, book, summary)
    if settings.lms:
        _write_lms(settings, inputs, book, shown, summary)
    if settings.report:
        from grader.reports.class_report import ReportIncomplete, write_report

        try:
            summary.files += write_report(settings.report, book, inputs, shown, spec, settings.workers)
        except ReportIncomplete as exc:
            summary.files += exc.files
            summary.incomplete = str(exc)


def _grade(journal: Any, inputs: Inputs, settings: Settings, spec: Spec, time_limit: float, summary: Summary,
           log: TextIO) -> None:
    """Grade what the journal lacks, journaling each verdict as it comes."""
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


def _current(outcomes: dict[tuple[str, str], Outcome], inputs: Inputs) -> dict[tuple[str, str], Outcome]:
    """The verdicts on the answers there are now (same text)."""
    return {k: o for k, o in outcomes.items() if k in inputs.answers and o.digest == inputs.answers[k].digest}


def _write_changes(settings: Settings, inputs: Inputs, before: dict[tuple[str, str], Outcome], active: dict,
                   restart: Any, book: gradebook.Gradebook, summary: Summary) -> None:
    """Who gained or lost points in this regrade, and why (teacher's decisions hold on both sides)."""
    from grader.batch import changes
    from grader.batch import decisions as dec

    a = inputs.assignment
    shown = dec.shown(before, active, _possible(inputs))
    old = dec.apply_book(gradebook.build(a, inputs.bank, inputs.students, inputs.answers, shown, inputs.info), active)
    found = changes.compare(old, book, set(before), restart.regraded, restart.everything)
    summary.after.append(changes.summary(found))
    summary.files.append(gradebook.write_atomic(settings.beside("changes.csv"), changes.render_csv(found)))
    summary.files.append(gradebook.write_atomic(settings.beside("changes.md"),
                                                changes.render_markdown(a.title, found, old, book)))


def _write_lms(settings: Settings, inputs: Inputs, book: gradebook.Gradebook, shown: dict, summary: Summary) -> None:
    from grader.batch import lms

    export = settings.lms_export
    if export is None and settings.lms == "canvas" and inputs.roster is not None and inputs.roster.kind == "canvas":
        export = settings.roster  # the roster is the teacher's Canvas export: its column and identities
    f = lms.grade_file(settings.lms or "", book, inputs.roster, export, settings.lms_column)
    summary.after.append(f"{settings.lms.capitalize() if settings.lms else ''} import file: the total goes to "
                         f"the column {f.column!r}.")
    if f.blank:
        summary.after.append(f"  Left blank (answers waiting for review, see the review file): {', '.join(f.blank)}.")
    if f.left_out:
        summary.after.append(f"  Not in the LMS export, so left out: {', '.join(f.left_out)}.")
    summary.files.append(gradebook.write_atomic(settings.beside(f"{settings.lms}.csv"), f.text))
    summary.files.append(gradebook.write_atomic(settings.beside("detail.csv"), lms.detail(book, shown)))


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
