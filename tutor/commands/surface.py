"""``calctutor surface EXPR [--at x=0,y=0] [--plot out.png]``: bowl, dome, saddle, plane or degenerate.

The shape comes from the Hessian's eigenvalue signs, decided exactly. SymPy is imported only inside ``run``.
"""
from __future__ import annotations

import argparse

from tutor.commands.common import CommandError, engine_call, add_format_options, add_vars_option, emit, variables_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'x^2 - y^2'")
    parser.add_argument("--at", metavar="POINT", default=None,
                        help="the point, e.g. 'x=0,y=0' (default: everywhere if the Hessian is constant, else 0)")
    parser.add_argument("--plot", metavar="FILE", default=None, help="also save the surface near the point")
    add_vars_option(parser)
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.surface import surface_kind

    result = engine_call(surface_kind, args.expr, args.at, variables_from(args))
    emit(result, args.format)
    if args.plot:
        from tutor.plots.surfaces import plot_shape

        try:
            saved = plot_shape(result, args.plot)
        except ValueError as exc:
            raise CommandError(f"no figure: {exc}") from None
        if args.format != "json":
            print(f"figure saved to {saved}")
    return 0
