"""``calctutor quotient EXPR --at 3 --h 0.1 [--kind central]``: the derivative as a ratio of intervals,
shown beside the exact derivative, with the forward, backward and central quotients and their errors."""
from __future__ import annotations

import argparse

from tutor.commands.common import add_format_options, add_vars_option, emit, variables_from
from tutor.commands.common import engine_call

KINDS = ("forward", "backward", "central")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'x^2'")
    parser.add_argument("--at", metavar="a", required=True, help="the point: '3', or 'x=1,y=2' with --var")
    parser.add_argument("--h", metavar="h", required=True, help="the step, e.g. 0.1 (read exactly, as 1/10)")
    parser.add_argument("--kind", choices=KINDS, default="forward", help="which quotient (default forward)")
    parser.add_argument("--var", metavar="x", default=None, help="the variable to step (when there are several)")
    add_vars_option(parser)
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.multivariable import difference_quotient

    result = engine_call(difference_quotient, args.expr, args.at, args.h, args.kind, args.var, variables_from(args))
    emit(result, args.format)
    return 0
