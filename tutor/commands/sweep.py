"""``calctutor sweep EXPR --start 2.5 --lr 1,0.1,0.01 --steps 50 [--plot out.png]``.

The same problem at several learning rates, run together and compared:
which converge, oscillate, crawl or diverge.
"""
from __future__ import annotations

import argparse

from tutor.commands.common import CommandError, engine_call, add_format_options, emit
from tutor.commands.descend import add_problem_options, options_from, save_figure, starts_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_problem_options(parser, "the learning rates to compare, comma-separated, e.g. 1,0.1,0.01")
    parser.add_argument("--plot", metavar="FILE", default=None, help="save the paths and losses (PNG or SVG)")
    add_format_options(parser)


def rates_from(text: str) -> list[str]:
    rates = [r.strip() for r in text.split(",") if r.strip()]
    if not rates:
        raise CommandError("--lr needs at least one learning rate, e.g. 1,0.1,0.01")
    return rates


def run(args: argparse.Namespace) -> int:
    from tutor.engine.descent import lr_sweep

    start = starts_from(args.start)
    if start and isinstance(start, list) and isinstance(start[0], list):
        raise CommandError("a sweep runs from one start; give a single point")
    result = engine_call(lr_sweep, args.expr, start, rates_from(args.lr), args.steps, **options_from(args))
    emit(result, args.format)
    if args.plot:
        from tutor.plots.descent import descent_figure

        save_figure(descent_figure, result, args.plot)
    return 0
