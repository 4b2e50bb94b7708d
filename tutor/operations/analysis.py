"""Critical points, level curves, surfaces and limits (declarations; the engine imports inside)."""
from __future__ import annotations

import json
from typing import Any

from tutor.operations.catalogue import declare
from tutor.operations.derivatives import VARS, at, expr, steps
from tutor.operations.errors import OperationError
from tutor.operations.params import Operation, Param
from tutor.operations.run import brief_when, refusing, summary_unless

MAX_LEVELS = 20


def plot(help_text: str) -> Param:
    return Param("plot", "text", help_text, option="--plot", metavar="FILE", example="out.png")


def timeout(what: str, default: str) -> Param:
    return Param("timeout", "number", f"time budget in seconds for {what} (default {default}); the answer "
                 "then says what it could not decide", option="--timeout", metavar="S", positive=True,
                 high=600)


def _critical(v: dict[str, Any]) -> Any:
    from tutor.engine.critical import critical_points

    return critical_points(v["expr"], v["vars"], v["domain"], timeout=v["timeout"])


@refusing
def _critical_figure(result: Any, v: dict[str, Any]) -> Any:
    from tutor.plots.surfaces import plot_critical

    return plot_critical(result, v["plot"])


CRITICAL = declare(Operation(
    "critical", "critical points and their classification",
    (expr("x^4 + y^4 - 4xy + 1"),
     Param("domain", "text", "search only in this open box, e.g. 'x=0..6.3, y=0..6.3' "
           "(functions that are not polynomial are searched in -10..10 by default)", option="--domain",
           metavar="BOX", words=("in", "domain")),
     Param("brief", "flag", "only the table of points and the conclusions", option="--brief"),
     plot("also save a figure (PNG or SVG): surface and contour map with the points"),
     timeout("the whole search", "12"), VARS),
    _critical, example="critical x^2 - y^2", show=brief_when("brief", brief=True), figure=_critical_figure,
    seconds=30.0))


def _level(v: dict[str, Any]) -> Any:
    from tutor.engine.level import level_curve

    levels = v["c"] or [None]
    curves = [_one_level(level_curve, v, c, several=len(levels) > 1) for c in levels]
    if v["at"] and len(levels) > 1 and not any(c.perpendicular for c in curves):
        raise OperationError(f"the point {_said(v['at'])} is on none of these level curves")
    return curves


def _said(point: Any) -> str:
    if isinstance(point, dict):
        return ",".join(f"{k}={val}" for k, val in point.items())
    return ", ".join(point)


def _one_level(level_curve: Any, v: dict[str, Any], c: Any, several: bool) -> Any:
    """With several levels, --at applies to the level curve that passes through the point."""
    try:
        return level_curve(v["expr"], c, v["vars"], at=v["at"])
    except ValueError as exc:
        if several and v["at"] and "not on the level curve" in str(exc):
            return level_curve(v["expr"], c, v["vars"])
        raise


def _show_levels(curves: list[Any], v: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"type": "LevelCurves", "curves": [c.to_dict() for c in curves]},
                          ensure_ascii=False, indent=2)
    return "\n\n".join(c.render(fmt) for c in curves)


@refusing
def _level_figure(curves: list[Any], v: dict[str, Any]) -> Any:
    from tutor.plots.surfaces import plot_level_curves

    levels = [c.c for c in curves]
    if any(not getattr(c, "is_number", False) for c in levels):
        raise OperationError("give numeric levels with --c to draw them, e.g. --c 1,4,9")
    return plot_level_curves(curves[0].function, curves[0].variables, [float(c) for c in levels], path=v["plot"])


LEVEL = declare(Operation(
    "level", "level curves f = c",
    (expr("x^2 + y^2"),
     Param("c", "list", "the levels, comma-separated, e.g. '1,4,9'; write --c=-1,0,1 when the first is "
           "negative (default: a general level c)", option="--c", metavar="LEVELS", what="level",
           example="1,4,9", high=MAX_LEVELS, words=("=",), repl_required=True,
           missing="Give the level after '='"),
     at("check that the gradient is perpendicular to the level curve through this point", metavar="POINT"),
     plot("also draw the level curves (PNG or SVG)"), VARS),
    _level, example="level x^2 + y^2 = 4", show=_show_levels, figure=_level_figure))


def _surface(v: dict[str, Any]) -> Any:
    from tutor.engine.surface import surface_kind

    return surface_kind(v["expr"], v["at"], v["vars"])


@refusing
def _surface_figure(result: Any, v: dict[str, Any]) -> Any:
    from tutor.plots.surfaces import plot_shape

    return plot_shape(result, v["plot"])


SURFACE = declare(Operation(
    "surface", "the shape of a surface near a point",
    (expr("x^2 - y^2"),
     at("the point, e.g. 'x=0,y=0' (default: everywhere if the Hessian is constant, else 0)", metavar="POINT"),
     plot("also save the surface near the point"), VARS),
    _surface, example="surface x^2 - y^2 at 0, 0", figure=_surface_figure))


def _limit(v: dict[str, Any]) -> Any:
    from tutor.engine.limits import limit

    return limit(v["expr"], v["at"], v["vars"], direction=v["direction"], timeout=v["timeout"])


@refusing
def _limit_figure(result: Any, v: dict[str, Any]) -> Any:
    from tutor.plots.limits import limit_figure

    return limit_figure(result, v["plot"])


LIMIT = declare(Operation(
    "limit", "a limit, decided along paths and proved",
    (expr("x y/(x^2 + y^2)' or 'sin(x)/x"),
     at("the point, e.g. 'x=0,y=0' (or '0,0' with the variables in alphabetical order)", required=True,
        metavar="POINT", missing="Say where"),
     Param("direction", "choice", "one variable only: the limit from the right (+) or from the left (-)",
           option="--direction", choices=("+", "-"), words=("direction", "from")),
     steps("show every step tried (paths, families, the proof), not just the verdict"),
     plot("also save a figure: contour map with the paths, surface, and the squeeze bound"),
     timeout("the whole computation", "3"), VARS),
    _limit, example="limit x*y/(x^2+y^2) at x=0,y=0", show=summary_unless("steps", steps=False),
    figure=_limit_figure))
