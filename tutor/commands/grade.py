"""``calctutor grade SUBMISSIONS --assignment A --out gradebook.csv``: grade a class in one go.

Every answer is graded against that student's own variant, in parallel worker
processes (or on a Dask cluster), and journaled as it is graded, so a killed
run continues with ``--resume``. Writes the gradebook, a review file of
invalid and undecided answers and skipped rows, and with ``--report DIR`` the
per-student feedback and the item analysis. Exit 2 when an input cannot be used.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from exercises.schema import FEEDBACK_LEVELS
from tutor.commands.common import CommandError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", metavar="SUBMISSIONS",
                        help="a CSV or JSON Lines file (student, exercise, answer), or a folder of per-student files")
    parser.add_argument("--assignment", "-a", metavar="FILE", required=True, help="the assignment file (TOML)")
    parser.add_argument("--out", "-o", metavar="FILE", required=True, help="where to write the gradebook (CSV)")
    parser.add_argument("--roster", metavar="FILE", help="the class roster: a CSV with a student column, or a "
                        "Canvas, Moodle or Gradescope export as downloaded; it fixes the gradebook's rows; "
                        "answers from others are reported")
    parser.add_argument("--report", metavar="DIR", help="also write per-student feedback and the item analysis here")
    parser.add_argument("--format", choices=("plain", "canvas", "moodle"), default="plain",
                        help="gradebook layout (default: plain)")
    parser.add_argument("--overrides", metavar="FILE", help="the review file given back with decisions "
                        "(decision: correct, incorrect or points; comment); they are journaled and kept")
    parser.add_argument("--lms", choices=("canvas", "moodle", "gradescope"),
                        help="also write the file this LMS imports (the total in one column) and a detail file")
    parser.add_argument("--lms-export", metavar="FILE", help="your Canvas gradebook export: the total goes to "
                        "its column for this assignment, with its student identities (default: --roster)")
    parser.add_argument("--lms-column", metavar="NAME", help="the LMS column to fill (default: the assignment's "
                        "title, matched to 'Title (id)' in the Canvas export)")
    parser.add_argument("--workers", type=int, metavar="N", help="grading processes (default: all cores)")
    parser.add_argument("--dask", metavar="ADDRESS", help="grade on this Dask scheduler (needs calctutor[dask])")
    again = parser.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true", help="continue an earlier run from its journal "
                       "(also done without it when nothing has changed)")
    again.add_argument("--regrade", action="store_true", help="after a bank or settings fix: grade again what the "
                       "change touches (everything if nothing changed), keep the teacher's decisions, and list "
                       "whose scores changed")
    parser.add_argument("--journal", metavar="FILE", help="the journal (default: next to the gradebook, "
                        "*.journal.sqlite)")
    parser.add_argument("--time-limit", type=float, metavar="S",
                        help="hard stop per answer in seconds (default: the assignment's, or 10)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: when stderr is a terminal)")
    parser.add_argument("--feedback-level", choices=FEEDBACK_LEVELS, default=None,
                        help="how much the students' feedback says: guided (names the slip, no right value), "
                             "full (values and counterexamples) or verdict (exams); default: the assignment's, "
                             "else each exercise's, else guided")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def run(args: argparse.Namespace) -> int:
    from grader.batch.assignment import AssignmentError
    from grader.batch.journal import JournalError
    from grader.batch.roster import InputError
    from grader.batch.run import Settings, grade_class

    if args.workers is not None and args.workers < 1:
        raise CommandError("--workers must be at least 1")
    if args.time_limit is not None and args.time_limit <= 0:
        raise CommandError("--time-limit must be a positive number of seconds")
    settings = Settings(
        submissions=Path(args.submissions), assignment=Path(args.assignment), out=Path(args.out),
        roster=Path(args.roster) if args.roster else None, report=Path(args.report) if args.report else None,
        workers=args.workers, dask=args.dask, resume=args.resume, regrade=args.regrade, fmt=args.format,
        overrides=Path(args.overrides) if args.overrides else None, lms=args.lms,
        lms_export=Path(args.lms_export) if args.lms_export else None, lms_column=args.lms_column,
        journal=Path(args.journal) if args.journal else None, time_limit=args.time_limit, progress=args.progress,
        feedback=args.feedback_level)
    if (args.lms_export or args.lms_column) and not args.lms:
        raise CommandError("--lms-export and --lms-column go with --lms canvas (or moodle, gradescope)")
    if settings.out.is_dir():
        raise CommandError(f"{settings.out} is a folder; --out names the gradebook file, e.g. gradebook.csv")
    for option, path in (("--out", settings.out), ("--journal", settings.journal), ("--lms-export", settings.lms_export)):
        if path is not None and not path.absolute().parent.is_dir():
            raise CommandError(f"the folder {path.parent} does not exist (for {option} {path}); create it first, "
                               f"or choose a file in an existing folder")
    try:
        summary = grade_class(settings)
    except (AssignmentError, InputError, JournalError) as exc:
        raise CommandError(str(exc)) from None
    except RuntimeError as exc:
        if type(exc).__name__ == "DaskUnavailable":
            raise CommandError(str(exc)) from None
        raise
    if args.json:
        print(json.dumps({
            "students": summary.students, "handed_in": summary.handed_in, "answers": summary.answers,
            "graded": summary.graded, "decisions": summary.decided, "notes": summary.notes + summary.after,
            "reused": summary.reused, "statuses": dict(sorted(summary.statuses.items())),
            "problems": [{"kind": p.kind, "message": p.message, "source": p.source, "line": p.line}
                         for p in summary.problems],
            "files": [str(f) for f in summary.files], "seconds": round(summary.seconds, 2),
            "incomplete": summary.incomplete},
            ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary.lines()))
    sys.stdout.flush()
    return 1 if summary.incomplete else 0  # 1: the gradebook is right, the report lacks something
