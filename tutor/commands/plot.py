"""``calctutor plot EXPR --kind surface|contour|tangent|landscape [--at POINT] --out FILE``.

Surfaces and contour maps are the critical-points figures (``tutor.plots.surfaces``);
tangent lines and loss-landscape slices come from ``tutor.plots.descent``.
"""
from __future__ import annotations

import argparse
import sys
from tutor.commands.common import CommandError, add_vars_option, variables_from
from tutor.commands.descend import engine, starts_from

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


def _box(at, span: float | None, args: argparse.Namespace):
    """The square around --at (the origin if not given) of half-width --span, or None to let surfaces choose."""
    if at is None and span is None:
        return None
    from tutor.engine.descent.api import start_array
    from tutor.engine.descent.problem import build_problem

    problem = build_problem(args.expr, variables_from(args))
    if problem.n != 2:
        raise CommandError(f"a {args.kind} plot needs f of 2 variables; f has {problem.n}")
    centre = (0.0, 0.0) if at is None else start_array(at, problem)[0][0]
    half = 3.0 if span is None else span
    return tuple((float(c) - half, float(c) + half) for c in centre)


def run(args: argparse.Namespace) -> int:
    from tutor.plots import descent as plots

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
        out = engine(plots.tangent_plot, args.expr, at, args.out, variables, span=args.span)
    elif args.kind == "landscape":
        if at is None:
            raise CommandError("a landscape slice needs --at, the centre point θ (e.g. --at '1, 0.5, 1')")
        out = engine(plots.landscape_plot, args.expr, at, args.out, variables,
                     span=args.span if args.span is not None else 1.0, seed=args.seed, **extra)
    else:  # the critical-points figures: labelled levels, gradient arrows
        from tutor.plots import surfaces

        draw = surfaces.plot_surface if args.kind == "surface" else surfaces.plot_contour
        box = engine(_box, at, args.span, args)
        out = engine(draw, args.expr, variables, box=box, path=args.out)
    print(f"figure saved to {out}", file=sys.stderr)
    return 0
