"""``calctutor plot EXPR --kind surface|contour|tangent|landscape [--at POINT] --out FILE``.

Surfaces and contour maps are the critical-points figures (``tutor.plots.surfaces``);
tangent lines and loss-landscape slices come from ``tutor.plots.functions``.
"""
from __future__ import annotations

import argparse
import sys
from tutor.commands.common import CommandError, engine_call, add_vars_option, variables_from
from tutor.commands.descend import starts_from

KINDS = ("surface", "contour", "tangent", "landscape")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function, e.g. 'x^2 - y^2' or '3x^2 - 4x + 5'")
    parser.add_argument("--kind", choices=KINDS, required=True, help="which figure to draw")
    parser.add_argument("--at", metavar="POINT", default=None,
                        help="tangent: the point of tangency; landscape: the centre θ; surface/contour: the centre")
    parser.add_argument("--span", type=float, default=None, metavar="R",
                        help="half-width of the region drawn (default 3; landscape: 1, in units of ‖θ‖)")
    parser.add_argument("--seed", default="0", help="landscape: seed for the two random directions")
    parser.add_argument("--resolution", type=int, default=None, metavar="N", help="grid points per side")
    parser.add_argument("--out", required=True, metavar="FILE", help="where to save the figure (PNG or SVG)")
    add_vars_option(parser)


def run(args: argparse.Namespace) -> int:
    from tutor.plots import functions as plots

    variables = variables_from(args)
    at = starts_from(args.at) if args.at is not None else None
    if isinstance(at, list) and at and isinstance(at[0], list):
        raise CommandError("--at takes one point")
    if args.span is not None and not args.span > 0:
        raise CommandError(f"--span must be positive, not {args.span:g}")
    if args.resolution is not None and not 5 <= args.resolution <= 1000:
        raise CommandError("--resolution must be between 5 and 1000")
    extra = {} if args.resolution is None else {"resolution": args.resolution}
    if args.kind == "tangent":
        if at is None:
            raise CommandError("a tangent line needs --at, the point of tangency (e.g. --at -2)")
        out = engine_call(plots.tangent_plot, args.expr, at, args.out, variables, span=args.span)
    elif args.kind == "landscape":
        if at is None:
            raise CommandError("a landscape slice needs --at, the centre point θ (e.g. --at '1, 0.5, 1')")
        out = engine_call(plots.landscape_plot, args.expr, at, args.out, variables,
                     span=args.span if args.span is not None else 1.0, seed=args.seed, **extra)
    elif at is None and args.span is None:  # the critical-points figures choose their own square
        from tutor.plots import surfaces

        draw = surfaces.plot_surface if args.kind == "surface" else surfaces.plot_contour
        out = engine_call(draw, args.expr, variables, path=args.out)
    else:
        out = engine_call(plots.function_plot, args.expr, args.out, kind=args.kind, at=at,
                     span=args.span if args.span is not None else 3.0, variables=variables)
    print(f"figure saved to {out}", file=sys.stderr)
    return 0
