"""Surfaces, contour maps and level curves, with critical points marked by kind.

Two layers: ``draw_*`` functions draw on an axes you pass (so other figures,
such as descent paths, can add to them), and ``plot_*`` functions make a
figure, save it (PNG or SVG by suffix) and return the saved path. Ranges come
from the critical points when there are any, so the interesting part is in view.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tutor.plots.common import KIND_STYLE, new_figure, plt, save

Box = tuple[tuple[float, float], ...]  # (low, high) per variable
NO_GRADIENT = " (no gradient)"
LABELS = {"minimum": "minimum", "maximum": "maximum", "saddle": "saddle point",
          "inconclusive": "degenerate / undecided", "not an extremum": "not an extremum"}


# -- inputs ----------------------------------------------------------------------------------------
def _expr(f: Any, variables: Sequence[Any] | None):
    from tutor.engine.inputs import as_expr, ordered_variables

    expr = as_expr(f, variables)
    vars_ = ordered_variables(expr, variables)
    return expr, vars_


def _numeric(expr, vars_):
    """f as a NumPy function returning NaN where f is undefined or not real."""
    import sympy as sp

    from tutor.engine.real_roots import real_form

    fn = sp.lambdify(vars_, real_form(expr), "numpy")  # odd roots are real roots

    def evaluate(*arrays):
        with np.errstate(all="ignore"):
            out = np.asarray(fn(*arrays), dtype=complex)
        out = np.broadcast_to(out, np.broadcast(*arrays).shape) if arrays else out
        return np.where(np.abs(out.imag) > 1e-9, np.nan, out.real)

    return evaluate


def _marks(points: Iterable[Any]) -> list[tuple[tuple[float, ...], str]]:
    """CriticalPoint objects, or (coordinates, kind) pairs -> [(coords, style key)]."""
    out = []
    for p in points:
        if hasattr(p, "coordinates"):
            kind = getattr(p, "conclusion", None) or p.kind
            if getattr(p, "kind", None) == "singular":  # drawn as a diamond: the gradient does not exist there
                kind += NO_GRADIENT
            coords = tuple(float(c) for c in p.approx()) if hasattr(p, "approx") else tuple(map(float, p.coordinates))
        else:
            coords, kind = tuple(float(c) for c in p[0]), str(p[1])
        out.append((coords, kind))
    return out


def _style(kind: str) -> tuple[str, str, str]:
    singular = kind.endswith(NO_GRADIENT)
    base = kind[: -len(NO_GRADIENT)] if singular else kind
    key = {"not an extremum": "saddle", "undecided": "inconclusive"}.get(base, base)
    marker, colour = KIND_STYLE.get(key, KIND_STYLE["inconclusive"])
    label = LABELS.get(base, base)
    return ("D", colour, label + NO_GRADIENT) if singular else (marker, colour, label)


def _title_of(expr) -> str:
    from tutor.reading.printer import to_unicode

    text = to_unicode(expr)
    return text if len(text) <= 60 else text[:59] + "…"


def choose_box(points: Iterable[Any] = (), margin: float = 1.5, minimum_half_width: float = 2.0,
               dims: int = 2) -> tuple[tuple[float, float], ...]:
    """A box that shows every marked point with room around it (centred at 0 when there are none)."""
    coords = np.array([c for c, _ in _marks(points)], dtype=float).reshape(-1, dims)
    if len(coords) == 0:
        return tuple((-minimum_half_width, minimum_half_width) for _ in range(dims))
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    centre = (lo + hi) / 2
    half = np.maximum((hi - lo) / 2 + margin, minimum_half_width)
    half[:] = half.max()  # square: the gradient arrows then look perpendicular to the contours
    return tuple((float(c - h), float(c + h)) for c, h in zip(centre, half))


def _grid(box: Box, n: int):
    (x0, x1), (y0, y1) = box
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return X, Y


def _clip_range(Z: np.ndarray, extra: Sequence[float] = ()) -> tuple[float, float]:
    """The z-range to show: everything, unless a few values (near a pole) would flatten the rest."""
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        return -1.0, 1.0
    p1, p99 = np.percentile(finite, [1, 99])
    spread = max(p99 - p1, 1e-12)
    lo = max(float(finite.min()), p1 - 2 * spread)
    hi = min(float(finite.max()), p99 + 2 * spread)
    lo = min([lo, *extra]) if extra else lo
    hi = max([hi, *extra]) if extra else hi
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1
    return float(lo), float(hi)


def _levels(Z: np.ndarray, lo: float, hi: float, count: int, saddles: Sequence[float]) -> np.ndarray:
    """Levels spread by area (quantiles of f over the box) plus the saddle values, where curves cross."""
    inside = Z[np.isfinite(Z) & (Z >= lo) & (Z <= hi)]
    if inside.size == 0:
        return np.linspace(lo, hi, count)
    skewed = abs(np.median(inside) - (lo + hi) / 2) > 0.25 * (hi - lo)
    base = np.percentile(inside, np.linspace(4, 96, count)) if skewed else np.linspace(lo, hi, count + 2)[1:-1]
    levels = np.unique(np.round(np.concatenate([base, [v for v in saddles if lo < v < hi]]), 6))
    gaps = np.diff(levels)
    keep = np.concatenate([[True], gaps > 1e-3 * max(hi - lo, 1e-12)])
    return levels[keep]


# -- drawing on an axes ------------------------------------------------------------------------------
def draw_surface(ax: Any, f: Any, variables: Sequence[Any] | None, box: Box, points: Iterable[Any] = (),
                 resolution: int = 70) -> None:
    """The graph z = f(x, y) over the box, points marked at their heights."""
    expr, vars_ = _expr(f, variables)
    F = _numeric(expr, vars_)
    X, Y = _grid(box, resolution)
    Z = F(X, Y)
    marks = _marks(points)
    heights = [float(F(np.array(c[0]), np.array(c[1]))) for c, _ in marks]
    lo, hi = _clip_range(Z, [h for h in heights if np.isfinite(h)])
    Zc = np.where((Z < lo) | (Z > hi), np.nan, Z)
    ax.computed_zorder = False  # draw the points after (on top of) the surface
    ax.plot_surface(X, Y, Zc, cmap="viridis", alpha=0.75, linewidth=0, antialiased=True, rstride=1, cstride=1,
                    zorder=1)
    seen = set()
    for (c, kind), h in zip(marks, heights):
        marker, colour, label = _style(kind)
        ax.scatter([c[0]], [c[1]], [h], marker=marker, color=colour, s=70, edgecolor="black", depthshade=False,
                   zorder=10, label=None if label in seen else label)
        seen.add(label)
    ax.set_xlabel(vars_[0].name)
    ax.set_ylabel(vars_[1].name)
    ax.set_zlabel("f")
    ax.set_zlim(lo, hi)
    ax.view_init(elev=28, azim=-60)
    if seen:
        ax.legend(loc="upper left", fontsize=8)


def draw_contour(ax: Any, f: Any, variables: Sequence[Any] | None, box: Box, points: Iterable[Any] = (),
                 levels: int | Sequence[float] = 11, arrows: bool = True, resolution: int = 220) -> None:
    """Labelled level curves, gradient arrows (uphill, perpendicular to the curves) and marked points."""
    import sympy as sp

    expr, vars_ = _expr(f, variables)
    F = _numeric(expr, vars_)
    X, Y = _grid(box, resolution)
    Z = F(X, Y)
    marks = _marks(points)
    values = [float(F(np.array(c[0]), np.array(c[1]))) for c, _ in marks]
    saddles = [v for v, (_, kind) in zip(values, marks) if kind in ("saddle", "not an extremum") and np.isfinite(v)]
    lo, hi = _clip_range(Z, [v for v in values if np.isfinite(v)])
    if isinstance(levels, int):
        level_list = _levels(Z, lo, hi, levels, saddles)
    else:
        level_list = np.array(sorted(levels), dtype=float)
    ax.contourf(X, Y, np.clip(Z, lo, hi), levels=50, cmap="viridis", alpha=0.25)
    cs = ax.contour(X, Y, Z, levels=level_list, cmap="viridis", linewidths=1.1)
    ax.clabel(cs, inline=True, fontsize=7, fmt="%.3g")
    if arrows:
        from tutor.engine.critical.system import real_gradient
        from tutor.engine.real_roots import real_form

        gx, gy = (sp.lambdify(vars_, real_form(g), "numpy") for g in real_gradient(expr, vars_))
        Xa, Ya = _grid(box, 15)
        with np.errstate(all="ignore"):
            U = np.broadcast_to(np.asarray(gx(Xa, Ya), dtype=float), Xa.shape)
            V = np.broadcast_to(np.asarray(gy(Xa, Ya), dtype=float), Xa.shape)
            norm = np.hypot(U, V)
            U, V = np.where(norm > 1e-12, U / norm, 0.0), np.where(norm > 1e-12, V / norm, 0.0)
        ax.quiver(Xa, Ya, U, V, color="tab:red", alpha=0.55, width=0.003, scale=28, label="∇f (uphill)")
    seen = set()
    for c, kind in marks:
        marker, colour, label = _style(kind)
        ax.scatter([c[0]], [c[1]], marker=marker, color=colour, s=80, edgecolor="black", zorder=5,
                   label=None if label in seen else label)
        seen.add(label)
    ax.set_xlim(*box[0])
    ax.set_ylim(*box[1])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(vars_[0].name)
    ax.set_ylabel(vars_[1].name)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, framealpha=0.9)


def draw_level_curves(ax: Any, f: Any, variables: Sequence[Any] | None, levels: Sequence[float],
                      box: Box, resolution: int = 300) -> None:
    """The curves f = c for the given c, each in its own colour, labelled in a legend."""
    expr, vars_ = _expr(f, variables)
    F = _numeric(expr, vars_)
    X, Y = _grid(box, resolution)
    Z = F(X, Y)
    colours = plt.get_cmap("viridis")(np.linspace(0.1, 0.85, max(len(levels), 1)))
    for c, colour in zip(levels, colours):
        cs = ax.contour(X, Y, Z, levels=[float(c)], colors=[colour], linewidths=1.8, linestyles="solid")
        if cs.allsegs and any(len(seg) for seg in cs.allsegs[0]):
            ax.plot([], [], color=colour, linewidth=1.8, label=f"f = {float(c):g}")
        else:
            ax.plot([], [], color=colour, linewidth=1.8, linestyle=":", label=f"f = {float(c):g} (empty here)")
    ax.set_xlim(*box[0])
    ax.set_ylim(*box[1])
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel(vars_[0].name)
    ax.set_ylabel(vars_[1].name)
    ax.axhline(0, color="0.8", linewidth=0.6, zorder=0)
    ax.axvline(0, color="0.8", linewidth=0.6, zorder=0)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)


def draw_graph(ax: Any, f: Any, variables: Sequence[Any] | None, interval: tuple[float, float],
               points: Iterable[Any] = (), resolution: int = 600) -> None:
    """One variable: the graph of f with the critical points marked."""
    expr, vars_ = _expr(f, variables)
    F = _numeric(expr, vars_)
    xs = np.linspace(*interval, resolution)
    ys = F(xs)
    ax.plot(xs, ys, color="tab:blue", linewidth=1.6, label="f")
    lo, hi = _clip_range(ys)
    seen = set()
    for c, kind in _marks(points):
        marker, colour, label = _style(kind)
        ax.scatter([c[0]], [float(F(np.array(c[0])))], marker=marker, color=colour, s=80, edgecolor="black",
                   zorder=5, label=None if label in seen else label)
        seen.add(label)
    pad = 0.08 * (hi - lo)
    ax.set_ylim(lo - pad, hi + pad)
    ax.set_xlabel(vars_[0].name)
    ax.set_ylabel("f")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)


# -- whole figures ----------------------------------------------------------------------------------
def _path(path: str | Path | None, stem: str) -> Path:
    if path is not None:
        return Path(path)
    handle, name = tempfile.mkstemp(prefix=f"calctutor-{stem}-", suffix=".png")
    import os

    os.close(handle)
    return Path(name)


def plot_surface(f: Any, variables: Sequence[Any] | None, box: Box | None = None, points: Iterable[Any] = (),
                 path: str | Path | None = None, title: str | None = None) -> Path:
    """A 3-D surface with critical points marked by kind; returns the saved path."""
    points = list(points)
    expr, vars_ = _expr(f, variables)
    box = box or choose_box(points)
    fig, ax = new_figure(three_d=True)
    draw_surface(ax, expr, vars_, box, points)
    ax.set_title(title or f"z = {_title_of(expr)}")
    return save(fig, _path(path, "surface"))


def plot_contour(f: Any, variables: Sequence[Any] | None, box: Box | None = None, points: Iterable[Any] = (),
                 path: str | Path | None = None, levels: int | Sequence[float] = 11, arrows: bool = True,
                 title: str | None = None) -> Path:
    """A contour map with labelled levels, gradient arrows and critical points; returns the saved path."""
    points = list(points)
    expr, vars_ = _expr(f, variables)
    box = box or choose_box(points)
    fig, ax = new_figure()
    draw_contour(ax, expr, vars_, box, points, levels=levels, arrows=arrows)
    ax.set_title(title or f"Level curves of f = {_title_of(expr)}")
    return save(fig, _path(path, "contour"))


def plot_level_curves(f: Any, variables: Sequence[Any] | None, levels: Sequence[float], box: Box | None = None,
                      path: str | Path | None = None, title: str | None = None) -> Path:
    """The level curves f = c for several c; the box is chosen to show them all (returns the saved path)."""
    expr, vars_ = _expr(f, variables)
    box = box or level_box(expr, vars_, levels)
    fig, ax = new_figure()
    draw_level_curves(ax, expr, vars_, levels, box)
    ax.set_title(title or f"Level curves f = c of f = {_title_of(expr)}")
    return save(fig, _path(path, "levels"))


def level_box(f: Any, variables: Sequence[Any] | None, levels: Sequence[float], reach: float = 10.0) -> Box:
    """The square around the parts of the level curves within ``reach`` of the origin (padded)."""
    expr, vars_ = _expr(f, variables)
    F = _numeric(expr, vars_)
    X, Y = _grid(((-reach, reach), (-reach, reach)), 401)
    Z = F(X, Y)
    near = np.zeros_like(Z, dtype=bool)
    spread = np.nanpercentile(np.abs(Z), 90) if np.isfinite(Z).any() else 1.0
    for c in levels:
        near |= np.abs(Z - float(c)) < 0.01 * max(spread, 1.0)
    if not near.any():
        return ((-3.0, 3.0), (-3.0, 3.0))
    extent = max(np.abs(X[near]).max(), np.abs(Y[near]).max())
    if extent > 0.95 * reach:  # unbounded curves (lines, hyperbolas): show them near their closest approach
        closest = float(np.hypot(X[near], Y[near]).min())
        half = max(3.0 * closest, 3.0)
    else:
        half = extent * 1.2
    half = float(min(max(half, 1.0), reach))
    return ((-half, half), (-half, half))


def _pad(box, fraction: float = 0.04):
    return tuple((lo - fraction * (hi - lo), hi + fraction * (hi - lo)) for lo, hi in box)


def plot_critical(result: Any, path: str | Path | None = None, box: Box | None = None) -> Path:
    """The figure for a ``CriticalPoints`` result: surface beside contour map (two variables) or the graph (one)."""
    points = list(result)
    vars_ = result.variables
    if len(vars_) == 1:
        fig, ax = new_figure()
        (lo, hi), = box or _interval(result, points)
        draw_graph(ax, result.function, vars_, (lo, hi), points)
        ax.set_title(f"Critical points of f = {_title_of(result.function)}")
        return save(fig, _path(path, "critical"))
    if len(vars_) != 2:
        raise ValueError("figures are drawn for functions of one or two variables")
    box = box or _critical_box(result, points)
    fig = plt.figure(figsize=(14.0, 5.8), layout="constrained")
    ax3 = fig.add_subplot(1, 2, 1, projection="3d")
    ax2 = fig.add_subplot(1, 2, 2)
    draw_surface(ax3, result.function, vars_, box, points)
    draw_contour(ax2, result.function, vars_, box, points)
    _draw_creases(ax2, result, box)
    ax3.set_title("Surface z = f(x, y)")
    ax2.set_title("Level curves, ∇f arrows and critical points")
    fig.suptitle(f"Critical points of f = {_title_of(result.function)}")
    return save(fig, _path(path, "critical"))


def _draw_creases(ax, result: Any, box: Box) -> None:
    """Curves of critical points where the gradient does not exist (|x| + |y| on the axes), dashed."""
    import sympy as sp

    from tutor.reading.printer import to_unicode

    drawn = False
    for fam in result.families:
        param = fam.facts.parametrization
        if "no-gradient" not in fam.facts.extra or not param:
            continue
        (s_sym,) = set().union(*(e.free_symbols for _, e in param)) or {sp.Symbol("s")}
        lo, hi = min(b[0] for b in box), max(b[1] for b in box)
        s = np.linspace(lo - (hi - lo), hi + (hi - lo), 801)
        coords = [np.broadcast_to(np.asarray(sp.lambdify(s_sym, e, "numpy")(s), dtype=float), s.shape)
                  for _, e in param]
        label = f"no gradient on {to_unicode(fam.equations[0])} = 0 ({fam.conclusion})"
        ax.plot(coords[0], coords[1], ls="--", lw=1.6, color="black", alpha=0.7, label=label)
        drawn = True
    if drawn:
        ax.set_xlim(*box[0])
        ax.set_ylim(*box[1])
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, framealpha=0.9)


def critical_box(result: Any) -> Box:
    """The window of a critical-points figure: the search box when one is given, else every point
    with room around it (so no point sits on the edge)."""
    return _critical_box(result, list(result))


def _critical_box(result: Any, points) -> Box:
    if result.domain.given and all(np.isfinite(float(lo)) and np.isfinite(float(hi))
                                   for _, lo, hi in result.domain.bounds):
        return _pad(tuple((float(lo), float(hi)) for _, lo, hi in result.domain.bounds))
    return choose_box(points, margin=1.0 if len(points) > 1 else 1.5)


def _interval(result: Any, points):
    if result.domain.given:
        (_, lo, hi), = result.domain.bounds
        if np.isfinite(float(lo)) and np.isfinite(float(hi)):
            return ((float(lo), float(hi)),)
    return choose_box(points, margin=1.5, dims=1)


def plot_shape(shape: Any, path: str | Path | None = None, half_width: float = 2.0) -> Path:
    """The figure for ``surface_kind``: the surface near the point, the point marked, the kind in the title."""
    at = shape.at or {v: 0 for v in shape.variables}
    centre = [float(at[v]) for v in shape.variables]
    kind = "the point"
    if len(shape.variables) == 1:
        fig, ax = new_figure()
        draw_graph(ax, shape.function, shape.variables, (centre[0] - half_width, centre[0] + half_width),
                   [((centre[0],), kind)])
    else:
        box = tuple((c - half_width, c + half_width) for c in centre)
        fig, ax = new_figure(three_d=True)
        draw_surface(ax, shape.function, shape.variables, box, [(tuple(centre), kind)])
    ax.set_title(f"f = {_title_of(shape.function)}: {shape.kind}")
    return save(fig, _path(path, "shape"))
