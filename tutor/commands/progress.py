"""``calctutor progress``: a student's progress summary, or every attempt as CSV."""
from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME", default=None,
                        help="whose progress (default: CALCTUTOR_USER or your login name)")
    parser.add_argument("--export", metavar="FILE.csv", default=None,
                        help="write every attempt (answer, verdict, score, time) to a CSV file")
    parser.add_argument("--all-users", action="store_true", help="with --export: every user's attempts")
    parser.add_argument("--bank", metavar="PATH", default=None,
                        help="a teacher's exercise folder or file instead of the built-in bank")


def run(args: argparse.Namespace) -> int:
    from tutor.commands.common import CommandError
    from tutor.repl import paths
    from tutor.repl.store import open_store

    user = args.user or paths.default_user()
    opened = open_store()
    if opened.notice:
        print(opened.notice)
    store = opened.store
    try:
        if args.export:
            try:
                count = store.export_csv(args.export, user=None if args.all_users else user)
            except OSError as exc:
                raise CommandError(f"cannot write {args.export}: {exc.strerror or exc}") from None
            who = "all users" if args.all_users else user
            print(f"Wrote {count} attempt{'s' if count != 1 else ''} ({who}) to {args.export}")
            return 0
        print_summary(store, user, args.bank)
        return 0
    finally:
        store.close()


def print_summary(store, user: str, bank_path) -> None:
    from tutor.repl import views
    from tutor.repl.markup import to_ascii
    from tutor.repl.progress import exercise_states, fmt_points, is_part, topic_summaries
    from tutor.reading.errors import visible
    from tutor.render.words import count
    from tutor.repl.terminal import can_show_unicode

    import sys

    say = print if can_show_unicode(sys.stdout) else (lambda text="": print(to_ascii(text)))
    attempts = store.attempts(user)
    states = exercise_states(attempts, store.events(user))
    if not states:
        say(f"No progress recorded for {user} yet. Start with: calctutor practice --user {user}")
        return
    import exercises

    try:
        bank = exercises.load(bank_path)
    except Exception as exc:  # noqa: BLE001 - still print what the store knows
        bank = None
        say(f"(the exercise bank could not be loaded: {str(exc).splitlines()[0] if str(exc) else exc})")
    say(f"Progress of {user}")
    if bank is not None:
        topics = bank.topics()
        summaries = topic_summaries(topics, {t: bank.by_topic(t) for t in topics}, states)
        for text, _ in views.topic_table(summaries):
            say(text)
        say(views.totals_line(summaries))
    graded = [a for a in attempts if a.status != "invalid" and not is_part(a.exercise)]
    hints = sum(s.hints_used for s in states.values())
    seen = sum(1 for s in states.values() if s.solution_seen)
    say(f"{count(len(graded), 'graded answer')} "
        f"({sum(1 for a in graded if a.status == 'correct')} correct), {count(hints, 'hint')}, "
        f"{count(seen, 'solution')} viewed.")
    if graded:
        import time

        say("Latest answers:")
        for a in graded[-5:]:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(a.at))
            say(f"  {when}  {a.exercise:<28} {a.status:<9} {fmt_points(a.credit)}/{fmt_points(a.points)}  "
                f"{visible(a.answer)}")
