"""``calctutor assign ASSIGNMENT --roster roster.csv --out DIR``: a sheet per student.

Each student gets their own variants (Markdown and HTML; with ``--format tex`` or
``pdf`` also LaTeX or a PDF to print) and an answer sheet ``<student>.answers.txt`` to fill in; ``calctutor grade DIR-OF-SHEETS`` reads
a folder of filled-in sheets. Exit 2 when the assignment or roster cannot be used.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from tutor.commands.common import CommandError, require_latex
from tutor.render.words import count


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment file (TOML)")
    parser.add_argument("--roster", metavar="FILE", required=True, help="the class roster: a CSV with a student "
                        "column, or a Canvas, Moodle or Gradescope export as downloaded")
    parser.add_argument("--out", "-o", metavar="DIR", required=True, help="the folder for the sheets")
    parser.add_argument("--student", metavar="ID", action="append",
                        help="only this student (repeatable; must be on the roster)")
    parser.add_argument("--workers", type=int, metavar="N", help="processes preparing the variants (default: all cores)")
    parser.add_argument("--format", dest="printable", choices=("tex", "pdf"), default="",
                        help="also write each sheet to print: <student>.tex (tex), or .tex and .pdf "
                             "(pdf; needs a LaTeX engine such as pdflatex)")


def run(args: argparse.Namespace) -> int:
    from grader.batch.assignment import AssignmentError, load_assignment
    from grader.batch.roster import InputError, read_roster
    from grader.batch.work import Spec, store_path
    from grader.reports.class_report import ReportIncomplete
    from grader.reports.sheets import write_sheets
    from tutor.render.pdf import PdfError

    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1")
    if args.printable == "pdf":
        require_latex()
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CommandError(f"{out} is a file; --out names a folder for the sheets")
    try:
        assignment, bank = load_assignment(args.assignment)
        roster = read_roster(args.roster)
    except (AssignmentError, InputError) as exc:
        raise CommandError(str(exc)) from None
    print("\n".join(roster.describe()))
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
        written = write_sheets(assignment, bank, students, dict(roster.info), out, spec, args.workers,
                               args.printable)
    except ReportIncomplete as exc:
        written, incomplete = exc.files, str(exc)
    except PdfError as exc:
        raise CommandError(str(exc), exc.status) from None
    n = len(written)  # the count written, not the count asked for
    extra = {"tex": ", .tex to print", "pdf": ", .tex and .pdf to print"}.get(args.printable, "")
    print(f"Wrote {count(n, 'sheet')} ({count(len(assignment.exercises), 'exercise')} each) to {out}: "
          f"<student>.md and .html to read{extra}, <student>.answers.txt to fill in.")
    print(f"Collect the filled-in answer files in a folder and grade it with: calctutor grade FOLDER "
          f"--assignment {args.assignment} --roster {args.roster} --out gradebook.csv")
    if incomplete:
        print(f"calctutor: the sheets are incomplete. {incomplete}")
        return 1
    return 0

