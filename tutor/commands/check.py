"""``calctutor check EXPECTED ANSWER``: grade one answer, show how it was read and why.

``calctutor check --exercise ID ANSWER`` grades an answer to a bank exercise instead
(``tutor.commands.check_exercise``; a multi-part exercise gets a verdict per part).

Exit status: 0 correct, 1 not correct (partial, incorrect or undecided), 2 the
answer (or the expected answer) could not be read. SymPy loads only inside ``run``.
"""
from __future__ import annotations

import argparse

from tutor.answer_kinds import KIND_NAMES
from tutor.commands import check_exercise
from tutor.commands.common import CommandError, add_format_options, add_vars_option, emit, variables_from



def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expected", metavar="EXPECTED", nargs="?", help="the right answer, e.g. '2x cos(x^2)'")
    parser.add_argument("answer", metavar="ANSWER", nargs="?", help="the answer to grade, as a learner typed it")
    parser.add_argument("--kind", choices=KIND_NAMES, default=None,
                        help="the kind of answer (default: inferred from EXPECTED)")
    add_vars_option(parser)
    parser.add_argument("--tolerance", type=float, default=None, metavar="REL",
                        help="relative tolerance for decimal answers (default: 4 significant digits)")
    parser.add_argument("--digits", type=int, default=None, metavar="N",
                        help="significant digits a decimal answer must have right (default 4)")
    parser.add_argument("--exact", action="store_true", help="refuse decimal approximations of exact values")
    parser.add_argument("--form", choices=("simplified", "expanded", "factored"), default=None,
                        help="also require this form")
    parser.add_argument("--constant", choices=("optional", "required", "forbidden"), default=None,
                        help="grade an antiderivative up to a constant; is + C optional, required or forbidden?")
    parser.add_argument("--choices", metavar="a,b,c", default=None,
                        help="the choices of a multiple-choice question, comma-separated")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help="give up (verdict: undecided) after this many seconds (default 3)")
    parser.add_argument("--function", action="append", default=None, metavar="'σ(z)=1/(1+exp(-z))'",
                        help="a function the exercise defines (repeatable); the answer may then use σ(z)")
    parser.add_argument("--asked", default=None, metavar="LHS",
                        help="what the answer is, as a left-hand side: g'(x), dy/dx, ∂f/∂x, ∇f or (w, b)")
    add_format_options(parser)
    check_exercise.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import grader
    from tutor.reading.errors import ParseError

    given = [a for a in (args.expected, args.answer) if a is not None]
    if args.exercise is not None:
        return check_exercise.run_exercise(args, given)
    if len(given) != 2:
        raise CommandError("give EXPECTED and ANSWER, e.g. calctutor check '2x' '2*x' "
                           "(or --exercise ID and the ANSWER)")

    options = {"variables": variables_from(args), "tolerance": args.tolerance, "digits": args.digits,
               "exact": args.exact or None, "form": args.form, "timeout": args.timeout,
               "constant": args.constant, "asked": args.asked,
               "functions": dict(f.split("=", 1) for f in args.function if "=" in f) if args.function else None}
    if args.choices:
        options["choices"] = [c.strip() for c in args.choices.split(",") if c.strip()]
    expected = args.expected
    if args.kind == "true_false" or (args.kind is None and expected.strip().lower() in ("true", "false")):
        expected = expected.strip().lower() == "true"
        args.kind = args.kind or "true_false"
    if args.kind == "interval" or (args.kind is None and _looks_like_interval(expected)):
        args.kind = "interval"
    if args.kind is None and _looks_classified(expected):
        args.kind = "point_set"  # "(0, 0) saddle, (1, 1) min": points with their kinds
    try:
        verdict = grader.check(expected, args.answer, kind=args.kind,
                               **{k: v for k, v in options.items() if v is not None})
    except ParseError as exc:
        raise CommandError(f"could not read EXPECTED:\n{exc}") from None
    except (ValueError, TypeError) as exc:
        raise CommandError(str(exc)) from None
    emit(verdict, args.format)
    if verdict.status == "correct":
        return 0
    return 2 if verdict.status == "invalid" else 1


def _looks_classified(text: str) -> bool:
    from grader.kinds.claims import KIND_RE

    return "(" in text and KIND_RE.search(text) is not None


def _looks_like_interval(text: str) -> bool:
    t = text.strip()
    return (t[:1] in "[(]" and t[-1:] in "])[" and t[:1] + t[-1:] not in ("()", "[]")) or "<" in t or "≤" in t
