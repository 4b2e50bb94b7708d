"""A variant's figure, drawn with the engine's plotting modules when one fits.

Tasks say which picture suits them (a descent path, a tangent line, a surface
or contour map, the paths of a limit); an exercise may override it with
``figure = "surface" | "contour" | "descent" | "tangent" | "level" | "none"``.
``draw`` returns None when no plotting module for it is installed or the
variant has nothing to draw.
"""
from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path
from typing import Any

# the picture each default plot tuple asks for
_DEFAULT = {"descent": "descent", "tangent": "tangent", "surface": "surface", "contour": "contour",
            "limit": "limit", "critical": "contour"}


def draw(variant: Any, path: Path) -> Path | None:
    """Save the variant's figure at ``path`` (PNG or SVG by suffix), or return None."""
    plot = variant.plot
    wanted = variant.exercise.figure_kind
    if plot is None or wanted == "none":
        return None
    kind = wanted or _DEFAULT.get(plot[0])
    if kind == "level":
        kind = "contour"
    try:
        return _DRAW[str(kind)](plot, path)
    except (KeyError, ValueError, ImportError):
        return None


def _module(name: str):
    if find_spec(name) is None:
        raise ImportError(name)
    import importlib

    return importlib.import_module(name)


def _descent(plot: tuple, path: Path) -> Path:
    if plot[0] != "descent":
        raise ValueError("no descent run")
    return _module("tutor.plots.descent").descent_figure(plot[1], path)


def _tangent(plot: tuple, path: Path) -> Path:
    if plot[0] == "tangent":
        _, f, var, point = plot
        return _module("tutor.plots.functions").tangent_plot(f, [point[var]], path, variables=[var])
    raise ValueError("no one-variable function at a point")


def _surface_or_contour(kind: str):
    def draw_it(plot: tuple, path: Path) -> Path:
        f, variables, where = _function_of_two(plot)
        at = None if where is None else [where[v] for v in variables]
        return _module("tutor.plots.functions").function_plot(f, path, kind=kind, at=at, variables=list(variables))
    return draw_it


def _function_of_two(plot: tuple) -> tuple:
    """(f, variables, point or None) for plots that carry a function of two variables."""
    if plot[0] in ("surface", "contour"):
        _, f, variables, point = plot
    elif plot[0] == "critical":
        _, f, variables, found = plot
        point = _centre(found, variables)
    elif plot[0] == "descent":
        run = plot[1]
        f, variables = run.function, run.variables
        point = dict(zip(variables, run.points[0]))
    else:
        raise ValueError("no function of two variables")
    if len(variables) != 2:
        raise ValueError("a surface or contour map needs two variables")
    return f, variables, point


def _centre(found: Any, variables) -> dict | None:
    points = [p.approx() for p in found]
    if not points:
        return None
    return {v: sum(p[i] for p in points) / len(points) for i, v in enumerate(variables)}


def _limit(plot: tuple, path: Path) -> Path:
    if plot[0] != "limit":
        raise ValueError("no limit")
    return _module("tutor.plots.limits").limit_figure(plot[1], path)


_DRAW = {"descent": _descent, "tangent": _tangent, "surface": _surface_or_contour("surface"),
         "contour": _surface_or_contour("contour"), "limit": _limit}
