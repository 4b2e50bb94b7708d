"""``calctutor level EXPR [--c 1,4,9] [--at x=1,y=1] [--plot out.png]``: level curves f = c, named and drawn.

Without ``--c`` the curve is described for a general level c (circle for c > 0,
a point for c = 0, empty for c < 0, ...). SymPy is imported only inside ``run``.
"""
from __future__ import annotations

import argparse
import json

from tutor.commands.common import CommandError, engine_call, add_format_options, add_vars_option, variables_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("expr", metavar="EXPR", help="the function of two variables, e.g. 'x^2 + y^2'")
    parser.add_argument("--c", metavar="LEVELS", default=None,
                        help="the levels, comma-separated, e.g. '1,4,9'; write --c=-1,0,1 when the first is "
                             "negative (default: a general level c)")
    parser.add_argument("--at", metavar="POINT", default=None,
                        help="check that the gradient is perpendicular to the level curve through this point")
    parser.add_argument("--plot", metavar="FILE", default=None, help="also draw the level curves (PNG or SVG)")
    add_vars_option(parser)
    add_format_options(parser)


def _levels(text: str | None) -> list[str | None]:
    if text is None:
        return [None]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([" and 1 or (-1 if ch in ")]" else 0)
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    levels = [p.strip() for p in parts if p.strip()]
    if not levels:
        raise CommandError("--c needs at least one level, e.g. --c 1,4,9")
    return levels


def run(args: argparse.Namespace) -> int:
    from tutor.engine.level import level_curve

    levels = _levels(args.c)
    curves = engine_call(lambda: [_one(level_curve, args, c, several=len(levels) > 1) for c in levels])
    if args.at and len(levels) > 1 and not any(c.perpendicular for c in curves):
        raise CommandError(f"the point {args.at} is on none of these level curves")
    if args.format == "json":
        print(json.dumps({"type": "LevelCurves", "curves": [c.to_dict() for c in curves]},
                         ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(c.render(args.format) for c in curves))
    if args.plot:
        _plot(curves, args)
    return 0


def _one(level_curve, args, c, several: bool):
    """With several levels, --at applies to the level curve that passes through the point."""
    try:
        return level_curve(args.expr, c, variables_from(args), at=args.at)
    except ValueError as exc:
        if several and args.at and "not on the level curve" in str(exc):
            return level_curve(args.expr, c, variables_from(args))
        raise


def _plot(curves, args) -> None:
    from tutor.plots.surfaces import plot_level_curves

    levels = [c.c for c in curves]
    if any(not getattr(c, "is_number", False) for c in levels):
        raise CommandError("give numeric levels with --c to draw them, e.g. --c 1,4,9")
    try:
        saved = plot_level_curves(curves[0].function, curves[0].variables, [float(c) for c in levels],
                                  path=args.plot)
    except ValueError as exc:
        raise CommandError(f"no figure: {exc}") from None
    if args.format != "json":
        print(f"figure saved to {saved}")
