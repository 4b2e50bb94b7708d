"""``calctutor practice``: the interactive tutor (also what ``calctutor`` alone starts)."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME", default=None,
                        help="whose progress to use (default: CALCTUTOR_USER or your login name)")
    parser.add_argument("--topic", metavar="T", default=None,
                        help="start on one topic (its id, number or part of its title)")
    parser.add_argument("--ascii", action="store_true",
                        help="plain ASCII mathematics, for terminals or fonts that break on Unicode")
    parser.add_argument("--bank", metavar="PATH", default=None,
                        help="a teacher's exercise folder or file instead of the built-in bank")
    parser.add_argument("--no-color", action="store_true", help="no colours even on a terminal")
    parser.add_argument("--assignment", metavar="A.toml", default=None,
                        help="practise only this assignment's exercises, in its order, with its rules "
                             "(needs --submit)")
    parser.add_argument("--submit", metavar="FILE", default=None,
                        help="with --assignment: keep your latest answer to each exercise in FILE "
                             "(.csv, .jsonl or .txt), rewritten after every graded answer, for calctutor grade")


def run(args: argparse.Namespace) -> int:
    from tutor.commands.common import CommandError
    from tutor.repl import run as run_repl

    work = None
    assignment, submit = getattr(args, "assignment", None), getattr(args, "submit", None)
    if assignment or submit:
        if not (assignment and submit):
            raise CommandError("--assignment and --submit go together: "
                               "calctutor practice --assignment A.toml --submit answers.csv")
        if args.bank:
            raise CommandError("--bank cannot be combined with --assignment: the assignment names its bank")
        from tutor.repl.assignment import AssignmentSetupError, open_work
        from tutor.repl.paths import default_user

        args.user = args.user or default_user()
        try:
            work = open_work(assignment, submit, args.user)
        except AssignmentSetupError as exc:
            raise CommandError(str(exc)) from None
    return run_repl(user=args.user, topic=args.topic, ascii_only=args.ascii, bank_path=args.bank,
                    color=False if args.no_color else None, work=work)
