"""``calctutor diff EXPR [--var x] [--order n] [--steps]``: a derivative, with worked steps on request.

The other derivative commands (grad, hessian, tangent, taylor, quotient) share
``show`` from here. SymPy is imported only inside ``run``.
"""
from __future__ import annotations

import argparse
from typing import Any

from tutor.commands.common import CommandError, engine_call, add_format_options, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. '3x^2 - 4x + 5' or 'log(x^4 + x^3 + 2)'")
    parser.add_argument("--var", metavar="x", default=None,
                        help="differentiate with respect to this variable (needed when there are several)")
    parser.add_argument("--order", metavar="n", type=int, default=1, help="the order of the derivative (default 1)")
    parser.add_argument("--steps", action="store_true", help="show the worked steps, rule by rule")
    add_format_options(parser)


def show(result: Any, fmt: str, steps: bool = True) -> None:
    """Print a result: the full worked document, or (without --steps) just its summary."""
    if fmt == "json" or steps:
        emit(result, fmt)
        return
    from tutor.render import render

    print(render(result.doc(steps=False), fmt))


def run(args: argparse.Namespace) -> int:
    from tutor.engine.derivative import derivative

    if args.order < 1:
        raise CommandError(f"--order must be 1 or more, not {args.order}")
    result = engine_call(derivative, args.expr, args.var, args.order)
    show(result, args.format, args.steps)
    return 0
