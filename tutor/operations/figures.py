"""``plot``: a surface, contour map, tangent line or loss-landscape slice, saved to a file.

Surfaces and contour maps are the critical-points figures (``tutor.plots.surfaces``);
tangent lines and loss-landscape slices come from ``tutor.plots.functions``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from tutor.operations.catalogue import declare
from tutor.operations.derivatives import VARS
from tutor.operations.errors import OperationError
from tutor.operations.params import Operation, Outcome, Param

KINDS = ("surface", "contour", "tangent", "landscape")


def _plot(v: dict[str, Any]) -> Path:
    from tutor.plots import functions as plots

    at, kind, span = v["at"], v["kind"], v["span"]
    extra = {} if v["resolution"] is None else {"resolution": v["resolution"]}
    if kind == "tangent":
        if at is None:
            raise OperationError("a tangent line needs --at, the point of tangency (e.g. --at -2)")
        return plots.tangent_plot(v["expr"], at, v["out"], v["vars"], span=span)
    if kind == "landscape":
        if at is None:
            raise OperationError("a landscape slice needs --at, the centre point θ (e.g. --at '1, 0.5, 1')")
        return plots.landscape_plot(v["expr"], at, v["out"], v["vars"], span=span if span is not None else 1.0,
                                    seed=v["seed"], **extra)
    if at is None and span is None:  # the critical-points figures choose their own square
        from tutor.plots import surfaces

        draw = surfaces.plot_surface if kind == "surface" else surfaces.plot_contour
        return draw(v["expr"], v["vars"], path=v["out"])
    return plots.function_plot(v["expr"], v["out"], kind=kind, at=at, span=span if span is not None else 3.0,
                               variables=v["vars"])


def _show(saved: Any, v: dict[str, Any], fmt: str) -> Outcome:
    return Outcome("", (f"figure saved to {saved}",))


PLOT = declare(Operation(
    "plot", "draw a surface, contour map, tangent or loss landscape",
    (Param("expr", "expr", "the function, e.g. 'x^2 - y^2' or '3x^2 - 4x + 5'", metavar="EXPR"),
     Param("kind", "choice", "which figure to draw", option="--kind", choices=KINDS, required=True,
           missing="Say which figure"),
     Param("at", "point", "tangent: the point of tangency; landscape: the centre θ; surface/contour: the centre",
           option="--at", metavar="POINT"),
     Param("span", "number", "half-width of the region drawn (default 3; landscape: 1, in units of ‖θ‖)",
           option="--span", metavar="R", positive=True),
     Param("seed", "text", "landscape: seed for the two random directions", option="--seed", default="0"),
     Param("resolution", "integer", "grid points per side", option="--resolution", metavar="N", low=5, high=1000),
     Param("out", "text", "where to save the figure (PNG or SVG)", option="--out", metavar="FILE", required=True,
           words=("out", "to"), missing="Say where to save it"),
     VARS),
    _plot, example="plot x^2 - y^2 kind contour out saddle.png", show=_show, formats=False, seconds=60.0))
