"""``calctutor limit EXPR --at x=0,y=0 [--direction +] [--steps] [--json] [--plot out.png]``.

Decides a limit in one, two or three variables: the value with its proof, or two
approach paths with different limits. SymPy is imported only inside ``run``.
"""
from __future__ import annotations

import argparse

from tutor.commands.common import CommandError, engine_call, add_format_options, add_vars_option, emit, variables_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'x y/(x^2 + y^2)' or 'sin(x)/x'")
    parser.add_argument("--at", required=True, metavar="POINT",
                        help="the point, e.g. 'x=0,y=0' (or '0,0' with the variables in alphabetical order)")
    parser.add_argument("--direction", choices=("+", "-"), default=None,
                        help="one variable only: the limit from the right (+) or from the left (-)")
    parser.add_argument("--steps", action="store_true",
                        help="show every step tried (paths, families, the proof), not just the verdict")
    parser.add_argument("--plot", metavar="FILE", default=None,
                        help="also save a figure: contour map with the paths, surface, and the squeeze bound")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help="time budget in seconds for the whole computation (default 3)")
    add_vars_option(parser)
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.limits import limit

    if args.timeout is not None and not args.timeout > 0:
        raise CommandError(f"--timeout must be positive, not {args.timeout:g}")
    result = engine_call(limit, args.expr, args.at, variables_from(args), direction=args.direction, timeout=args.timeout)
    if args.format == "json" or args.steps:
        emit(result, args.format)
    else:
        from tutor.render import render

        print(render(result.doc(steps=False), args.format))
    if args.plot:
        from tutor.plots.limits import limit_figure

        try:
            saved = limit_figure(result, args.plot)
        except ValueError as exc:
            raise CommandError(f"no figure: {exc}") from None
        if args.format != "json":
            print(f"figure saved to {saved}")
    return 0
