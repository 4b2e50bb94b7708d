"""``calctutor tangent EXPR --at x=1,y=2``: the tangent line (one variable) or plane (two) at a point."""
from __future__ import annotations

import argparse

from tutor.commands.common import add_format_options, add_vars_option, emit, variables_from
from tutor.commands.common import engine_call


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. '3x^2 - 4x + 5'")
    parser.add_argument("--at", metavar="x=1,y=2", required=True,
                        help="the point: 'x=-2', or just '-2' for one variable (write --at=-2 for negatives)")
    add_vars_option(parser)
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.multivariable import tangent

    emit(engine_call(tangent, args.expr, args.at, variables_from(args)), args.format)
    return 0
