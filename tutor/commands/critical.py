"""``calctutor critical EXPR [--domain "x=0..6.3,y=0..6.3"] [--brief] [--json] [--plot out.png]``.

Every critical point, classified with exact signs and explained; says whether the
list is complete and on which box it was searched. SymPy is imported only inside ``run``.
"""
from __future__ import annotations

import argparse

from tutor.commands.common import CommandError, engine_call, add_format_options, add_vars_option, emit, variables_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'x^4 + y^4 - 4xy + 1'")
    parser.add_argument("--domain", metavar="BOX", default=None,
                        help="search only in this open box, e.g. 'x=0..6.3, y=0..6.3' "
                             "(functions that are not polynomial are searched in -10..10 by default)")
    parser.add_argument("--brief", action="store_true", help="only the table of points and the conclusions")
    parser.add_argument("--plot", metavar="FILE", default=None,
                        help="also save a figure (PNG or SVG): surface and contour map with the points")
    parser.add_argument("--timeout", type=float, default=None, metavar="S",
                        help="time budget in seconds for the whole search (default 12)")
    add_vars_option(parser)
    add_format_options(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.critical import critical_points

    if args.timeout is not None and not args.timeout > 0:
        raise CommandError(f"--timeout must be positive, not {args.timeout:g}")
    result = engine_call(critical_points, args.expr, variables_from(args), args.domain, timeout=args.timeout)
    if args.brief and args.format != "json":
        from tutor.render import render

        print(render(result.doc(brief=True), args.format))
    else:
        emit(result, args.format)
    if args.plot:
        from tutor.plots.surfaces import plot_critical

        try:
            saved = plot_critical(result, args.plot)
        except ValueError as exc:
            raise CommandError(f"no figure: {exc}") from None
        if args.format != "json":
            print(f"figure saved to {saved}")
    return 0
