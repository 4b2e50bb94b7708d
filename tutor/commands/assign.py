"""``calctutor assign ASSIGNMENT --roster roster.csv --out DIR``: a sheet per student.

Each student gets their own variants (Markdown and HTML) and an answer sheet
``<student>.answers.txt`` to fill in; ``calctutor grade DIR-OF-SHEETS`` reads
a folder of filled-in sheets. Exit 2 when the assignment or roster cannot be used.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from tutor.commands.common import CommandError
from tutor.render.words import count


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment file (TOML)")
    parser.add_argument("--roster", metavar="FILE", required=True, help="the class roster (CSV with a student column)")
    parser.add_argument("--out", "-o", metavar="DIR", required=True, help="the folder for the sheets")
    parser.add_argument("--student", metavar="ID", action="append",
                        help="only this student (repeatable; must be on the roster)")
    parser.add_argument("--workers", type=int, metavar="N", help="processes preparing the variants (default: all cores)")


def run(args: argparse.Namespace) -> int:
    from grader.batch.assignment import AssignmentError, load_assignment
    from grader.batch.roster import InputError, read_roster
    from grader.batch.work import Spec, store_path
    from grader.reports.class_report import ReportIncomplete
    from grader.reports.sheets import write_sheets

    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} is a file; --out names a folder for the sheets")
    try:
        assignment, bank = load_assignment(args.assignment)
        roster = read_roster(args.roster)
    except (AssignmentError, InputError) as exc:
        raise CommandError(str(exc)) from None
    for p in roster.problems:
        print(f"calctutor: {p}")
    students = roster.students
    if args.student:
        unknown = [s for s in args.student if s not in roster]
        if unknown:
            raise CommandError(f"not on the roster: {', '.join(unknown)}")
        students = tuple(s for s in students if s in set(args.student))
    if not students:
        raise CommandError(f"{args.roster}: the roster lists no students")
    spec = Spec(assignment.bank_path, tuple(sorted(assignment.grading_options().items())), store=store_path())
    incomplete = ""
    try:
        written = write_sheets(assignment, bank, students, dict(roster.info), out, spec, args.workers)
    except ReportIncomplete as exc:
        written, incomplete = exc.files, str(exc)
    n = len(written)  # the count written, not the count asked for
    print(f"Wrote {count(n, 'sheet')} ({count(len(assignment.exercises), 'exercise')} each) to {out}: "
          "<student>.md and .html to read, <student>.answers.txt to fill in.")
    print(f"Collect the filled-in answer files in a folder and grade it with: calctutor grade FOLDER "
          f"--assignment {args.assignment} --roster {args.roster} --out gradebook.csv")
    if incomplete:
        print(f"calctutor: the sheets are incomplete. {incomplete}")
        return 1
    return 0
