"""``calctutor check --exercise ID ANSWER``: grade an answer to a bank exercise's variant.

A multi-part exercise takes every part in the one-cell form (``grad: (2, 4); step: (0.8, -0.4)``)
and prints a verdict per part, with follow-through for a part that is right for a wrong earlier
answer. Feedback is at the exercise's level unless ``--feedback`` says otherwise (guided by
default: it never states a right answer). Exit status as for ``check``.
"""
from __future__ import annotations

import argparse
from typing import Any

from tutor.commands.common import CommandError, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("grading an answer to a bank exercise (then give only ANSWER)")
    group.add_argument("--exercise", metavar="ID", default=None,
                       help="grade ANSWER against this bank exercise's variant; a multi-part exercise takes "
                            "'name: answer; name: answer'")
    group.add_argument("--seed", metavar="S", default=None, help="the variant's seed (default 0)")
    group.add_argument("--student", metavar="NAME", default=None, help="the student's own variant, instead of --seed")
    group.add_argument("--bank", metavar="PATH", default=None, help="a teacher's bank folder or file (default: built-in)")
    group.add_argument("--follow-through", type=float, default=None, metavar="SHARE", dest="follow_through",
                       help="share of a part's points an answer carried forward from an earlier error earns "
                            "(default: the exercise's, else 1)")
    group.add_argument("--feedback", choices=("guided", "full", "verdict"), default=None,
                       help="how much the feedback may say about the right answer (default: the exercise's level)")


def run_exercise(args: argparse.Namespace, positional: list[str]) -> int:
    """Grade the one ANSWER given against ``--exercise``; CommandError for anything the user must fix."""
    if len(positional) != 1:
        raise CommandError("with --exercise give only the ANSWER (quote it), e.g. "
                           "calctutor check --exercise line-fit-chain 'loss: 1; grad: (-4, -2); step: (1.4, 0.2)'")
    if args.seed is not None and args.student is not None:
        raise CommandError("give --seed or --student, not both")
    if args.follow_through is not None and not 0 <= args.follow_through <= 1:
        raise CommandError("--follow-through is a share of the points from 0 to 1")
    variant = _variant(args)
    overrides = {k: v for k, v in (("tolerance", args.tolerance), ("digits", args.digits), ("timeout", args.timeout),
                                   ("exact", args.exact or None)) if v is not None}
    level = args.feedback or variant.exercise.feedback_level
    result = _grade(variant, positional[0], args.follow_through, overrides).at_level(level)
    emit(result, args.format)
    if result.status == "correct":
        return 0
    return 2 if result.status == "invalid" else 1


def _variant(args: argparse.Namespace) -> Any:
    import exercises
    from exercises.errors import BankError

    try:
        bank = exercises.load(args.bank)
        exercise = bank[args.exercise]
        if args.student is not None:
            return exercise.variant_for(args.student)
        seed = args.seed or "0"
        return exercise.variant(int(seed) if seed.lstrip("-").isdigit() else seed)
    except KeyError as exc:
        raise CommandError(str(exc.args[0]) if exc.args else str(exc)) from None
    except BankError as exc:
        raise CommandError(str(exc)) from None


def _grade(variant: Any, answer: str, follow_through: float | None, overrides: dict) -> Any:
    """A PartsVerdict for a multi-part variant (an invalid Verdict when the parts cannot be told
    apart), else the Verdict of ``grader.check_variant``."""
    import grader
    from grader.parts import AnswerFormatError
    from grader.verdict import invalid

    if not variant.exercise.is_multipart:
        return grader.check_variant(variant, answer, **overrides)
    names = [p.name for p in variant.exercise.parts]
    try:
        answers = grader.split_answers(answer, names)
    except AnswerFormatError as exc:
        return invalid(str(exc), "I could not tell the parts of your answer apart, so nothing was counted.")
    return grader.check_parts(variant, answers, follow_through=follow_through, **overrides)
