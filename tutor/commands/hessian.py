"""``calctutor hessian EXPR [--vars x,y] [--at x=1,y=2] [--steps]``: the matrix of second partials."""
from __future__ import annotations

import argparse

from tutor.commands.common import add_format_options, add_vars_option, variables_from
from tutor.commands.common import engine_call
from tutor.commands.diff import show


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'x^2 y + y^3'")
    add_vars_option(parser)
    parser.add_argument("--at", metavar="x=1,y=2", default=None, help="also evaluate the Hessian at this point")
    parser.add_argument("--steps", action="store_true", help="show each second partial derivative worked out")
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.multivariable import hessian

    result = engine_call(hessian, args.expr, variables_from(args), args.at)
    show(result, args.format, args.steps)
    return 0
