"""``calctutor diff EXPR [--var x] [--order n] [--steps]``: a derivative, with worked steps on request.

The other derivative commands (grad, hessian, tangent, taylor, quotient) share
``engine_call`` and ``show`` from here. SymPy is imported only inside ``run``.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from tutor.commands.common import CommandError, add_format_options, emit


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. '3x^2 - 4x + 5' or 'log(x^4 + x^3 + 2)'")
    parser.add_argument("--var", metavar="x", default=None,
                        help="differentiate with respect to this variable (needed when there are several)")
    parser.add_argument("--order", metavar="n", type=int, default=1, help="the order of the derivative (default 1)")
    parser.add_argument("--steps", action="store_true", help="show the worked steps, rule by rule")
    add_format_options(parser)


def engine_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call the engine; a ValueError about the request becomes a clear message and exit status 2.

    A ParseError (a ValueError too) passes through: ``tutor.cli`` prints it with its caret.
    """
    from tutor.reading.errors import ParseError

    try:
        return fn(*args, **kwargs)
    except ParseError:
        raise
    except ValueError as exc:
        raise CommandError(str(exc)) from None


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
