"""``calctutor bank list|show|validate``: browse the exercise bank and check it.

``validate`` solves every exercise for several seeds, checks authored answers
against the engine, and grades each variant's own answer and its generated
mistakes; problems are listed with file, exercise id and field (exit 1).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tutor.commands.common import CommandError, add_format_options
from tutor.render.words import count


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", title="actions")
    sub.required = True

    ls = sub.add_parser("list", help="list the exercises, by topic in course order",
                        description="List the exercises, by topic in course order.")
    ls.add_argument("--topic", metavar="T", help="only this topic")
    ls.add_argument("--bank", metavar="PATH", help="a teacher's folder or file instead of the built-in bank")
    ls.add_argument("--json", action="store_true", help="print JSON")

    show = sub.add_parser("show", help="show one exercise's variant (prompt, hints, answer, solution)",
                          description="Show one variant of an exercise.")
    show.add_argument("id", metavar="ID", help="the exercise id (see 'calctutor bank list')")
    who = show.add_mutually_exclusive_group()
    who.add_argument("--seed", metavar="S", default="0", help="the variant's seed (default 0)")
    who.add_argument("--student", metavar="NAME", help="the variant this student gets")
    show.add_argument("--solution", action="store_true", help="also show the answer and the worked solution")
    show.add_argument("--figure", metavar="FILE", help="save the variant's figure (PNG or SVG)")
    show.add_argument("--bank", metavar="PATH", help="a teacher's folder or file instead of the built-in bank")
    add_format_options(show)

    val = sub.add_parser("validate", help="solve and self-grade every exercise for several seeds",
                         description="Solve every exercise for several seeds; check authored answers, "
                                     "that each typed answer grades correct and each generated mistake is diagnosed.")
    val.add_argument("path", nargs="?", metavar="PATH", help="a folder or file (default: the built-in bank)")
    val.add_argument("--seeds", type=int, default=3, metavar="N", help="seeds per exercise (default 3)")
    val.add_argument("--id", action="append", metavar="ID", help="only this exercise (repeatable)")
    val.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "validate": _validate}[args.action](args)


def _load(path: str | None):
    import exercises
    from exercises.errors import BankError

    try:
        return exercises.load(path)
    except BankError as exc:
        raise CommandError(str(exc)) from None


def _list(args: argparse.Namespace) -> int:
    bank = _load(args.bank)
    topics = bank.topics()
    if args.topic:
        try:
            bank.by_topic(args.topic)
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
        topics = [args.topic]
    if args.json:
        print(json.dumps([ex.summary() for t in topics for ex in bank.by_topic(t)], ensure_ascii=False, indent=2))
        return 0
    from exercises.topics import TOPICS

    width = max(len(ex.id) for t in topics for ex in bank.by_topic(t))
    for topic in topics:
        exs = bank.by_topic(topic)
        print(f"{topic} — {TOPICS.get(topic, topic)} ({len(exs)})")
        for ex in exs:
            stars = "★" * ex.difficulty
            print(f"  {ex.id:<{width}}  {ex.task:<19} {ex.points:>3g} pt  {stars:<5}  {ex.title}")
    total = sum(len(bank.by_topic(t)) for t in topics)
    print(count(total, "exercise"))
    return 0


def _show(args: argparse.Namespace) -> int:
    from exercises.errors import BankError

    bank = _load(args.bank)
    try:
        ex = bank[args.id]
    except KeyError as exc:
        raise CommandError(exc.args[0]) from None
    try:
        variant = ex.variant_for(args.student) if args.student else ex.variant(_seed(args.seed))
    except BankError as exc:
        raise CommandError(str(exc)) from None
    fmt = args.format
    if fmt == "json":
        data = variant.to_dict()
        hidden = () if args.solution else ("answer", "answer_text", "mistakes", "solution")
        if getattr(variant, "parts", ()):  # each part as its own variant, in order
            data["parts"] = [{"name": name, **{k: v for k, v in part.to_dict().items() if k not in hidden}}
                             for name, part in variant.parts]
        for key in hidden:
            data.pop(key, None)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(_render_variant(variant, fmt, args.solution))
    if args.figure:
        path = variant.figure(args.figure)
        note = f"figure saved to {path}" if path else "this exercise has no figure"
        print(note, file=sys.stderr)
    return 0


def _seed(text: str) -> Any:
    return int(text) if text.lstrip("-").isdigit() else text


def _render_variant(variant: Any, fmt: str, solution: bool) -> str:
    """The variant (a multi-part one part by part: exercises.parts_doc), then its answer and worked solution."""
    from tutor.render import render

    if getattr(variant, "parts", ()):
        from exercises.parts_doc import solution_doc, variant_doc

        body = render(variant_doc(variant), fmt)
        worked = render(solution_doc(variant, with_stem=False), fmt)
    else:
        body, worked = variant.render(fmt), ""
    if not solution:
        return body
    return (body + "\n\n" + f"Answer ({variant.kind}): {variant.answer_text}" + "\n\n"
            + (worked or variant.solution.render(fmt)))


def _validate(args: argparse.Namespace) -> int:
    from exercises.validate import validate
    from grader.checking import check_variant
    from grader.parts import check_parts
    from grader.promises import check_promises

    if args.seeds < 1:
        raise CommandError("--seeds must be at least 1")
    bank = _load(args.path)
    chosen = None
    if args.id:
        try:
            chosen = [bank[i] for i in args.id]
        except KeyError as exc:
            raise CommandError(exc.args[0]) from None
    report = validate(bank, seeds=args.seeds, exercises=chosen, checks=(check_promises,), grade=check_variant,
                      grade_parts=check_parts)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            print(f"FAIL {problem}")
        print(report.summary())
    return 0 if report.ok else 1
