"""``calctutor taylor EXPR --at x=0,y=0 [--order 2]``: the Taylor polynomial (the quadratic model for order 2)."""
from __future__ import annotations

import argparse

from tutor.commands.common import CommandError, add_format_options, add_vars_option, emit, variables_from
from tutor.commands.common import engine_call


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'exp(x) cos(y)'")
    parser.add_argument("--at", metavar="x=0,y=0", required=True, help="the point to expand about")
    parser.add_argument("--order", metavar="n", type=int, default=2, help="the degree of the polynomial (default 2)")
    add_vars_option(parser)
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.multivariable import taylor

    if args.order < 0:
        raise CommandError(f"--order must be 0 or more, not {args.order}")
    emit(engine_call(taylor, args.expr, args.at, args.order, variables_from(args)), args.format)
    return 0
