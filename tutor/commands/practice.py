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


def run(args: argparse.Namespace) -> int:
    from tutor.repl import run as run_repl

    return run_repl(user=args.user, topic=args.topic, ascii_only=args.ascii, bank_path=args.bank,
                    color=False if args.no_color else None)
