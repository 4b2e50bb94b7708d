"""Figures that teach descent: loss per step, paths on the contour map or surface,
parameter evolution, and a GIF of the path (plots of a function alone, such as the
tangent line or a loss-landscape slice, are in ``tutor.plots.functions``).

Every function takes results (a ``Descent``, a ``MultiDescent``, a ``Sweep`` or a
list of runs) or an expression, saves to ``path`` (PNG or SVG by suffix) with
the headless backend, and returns the saved path.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tutor.plots.common import (inside_indices, new_figure, plt, quantile_levels, save, short_label, step_axis,
                                values_on)

COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink",
          "tab:olive", "tab:cyan", "tab:gray")


def _runs(result: Any) -> list[Any]:
    if hasattr(result, "runs"):
        return list(result.runs)
    if isinstance(result, Sequence):
        return list(result)
    return [result]


def _label(run: Any, many: bool) -> str:
    if not many:
        return f"η = {run.lr:g}"
    start = ", ".join(f"{float(v):.3g}" for v in run.points[0])
    return f"η = {run.lr:g}, from ({start})"


def _title(run: Any) -> str:
    from tutor.engine.descent.optimizers import METHODS

    rule = METHODS.get(run.method)
    method = rule.title.capitalize() if rule is not None else run.method
    if getattr(run, "label", None):
        return f"{method}: L = {run.label}"
    return f"{method}: f = {short_label(run.function)}"


def _box(runs: list[Any], pad: float = 0.15, keep: int = 25) -> np.ndarray:
    """(n, 2) bounds around the paths. Runs that stay finite set the window when there are any
    (a diverged run beside them is drawn until it leaves it); otherwise a diverged run's first
    ``keep`` points do."""
    settled = [r for r in runs if not r.diverged]
    if settled:
        pts = np.concatenate([r.points for r in settled] + [r.points[:1] for r in runs])
    else:
        pts = np.concatenate([r.points[:keep] for r in runs])
    pts = pts[np.all(np.isfinite(pts), axis=1)]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = np.maximum(hi - lo, 1e-3 * np.maximum(1.0, np.abs(hi)))
    span = np.maximum(span, 0.5)
    return np.stack([lo - pad * span, hi + pad * span], axis=1)


def _clip(pts: np.ndarray, box: np.ndarray) -> np.ndarray:
    """Stop drawing a path where it leaves the box for good (a diverged run)."""
    inside = np.all((pts >= box[:, 0] - 1e-12) & (pts <= box[:, 1] + 1e-12), axis=1)
    if inside.all():
        return pts
    last = np.nonzero(inside)[0]
    return pts[: (last[-1] + 2 if len(last) else 1)]


def _draw_loss(ax: Any, runs: list[Any], log: bool | None = None) -> None:
    """f per step; log scale when every value is positive and they span more than a decade."""
    values = np.concatenate([r.values for r in runs])
    positive = bool(np.all(values > 0))
    wide = positive and values.max() > 20 * values.min()
    use_log = wide if log is None else (log and positive)
    many_starts = len(runs) > 1 and len({r.lr for r in runs}) == 1
    for i, r in enumerate(runs):
        ax.plot(np.arange(len(r.values)), r.values, ".-" if len(r.values) <= 200 else "-", ms=3,
                color=COLORS[i % len(COLORS)], label=f"{_label(r, many_starts)} ({r.status})")
    if use_log:
        ax.set_yscale("log")
    step_axis(ax.xaxis)
    ax.set_ylabel("f (log scale)" if use_log else "f")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)


def loss_plot(result: Any, path: str | Path, log: bool | None = None) -> Path:
    """f per step for each run (log scale when it spans decades, as the course plots it)."""
    runs = _runs(result)
    fig, ax = new_figure()
    _draw_loss(ax, runs, log)
    ax.set_title("Loss per step — " + _title(runs[0]), fontsize=10)
    return save(fig, path)


def _draw_paths(ax: Any, runs: list[Any], box: np.ndarray, problem: Any, one_d: bool) -> None:
    many_starts = len({r.lr for r in runs}) == 1 and len(runs) > 1
    for i, r in enumerate(runs):
        pts = _clip(r.points, box)
        color = COLORS[i % len(COLORS)]
        label = f"{_label(r, many_starts)} ({r.status})"
        xs = pts[:, 0]
        ys = values_on(problem, pts) if one_d else pts[:, 1]
        dense = len(pts) > 200
        inside = inside_indices(pts[:, :1] if one_d else pts[:, :2], box[:1] if one_d else box[:2])
        ax.plot(xs, ys, "-" if dense else "o-", ms=3.5 if one_d else 3, lw=2.0 if dense else 0.9, color=color,
                label=label + ("; leaves the plot" if len(inside) < len(pts) else ""),
                alpha=0.85 if one_d else 1.0, markevery=inside)
        if inside and inside[-1] == len(pts) - 1:   # the end, unless the run left the window for good
            ax.plot(xs[-1], ys[-1], "*", ms=13, color=color, mec="k", mew=0.5)
        ax.plot(xs[0], ys[0], "s", ms=7, color=color, mec="k", mew=0.5)


def _draw_background(fig: Any, ax: Any, problem: Any, box: np.ndarray, resolution: int, bar: bool = True) -> None:
    """f's graph (one variable) or its filled contour map (two) over the box."""
    names = [s.name for s in problem.variables]
    if problem.n == 1:
        xs = np.linspace(box[0, 0], box[0, 1], resolution * 3)
        ax.plot(xs, values_on(problem, xs[:, None]), color="k", lw=1.2, label="f")
        ax.set_xlabel(names[0])
        ax.set_ylabel("f")
        return
    X, Y, Z = _grid(problem, box, resolution)
    levels = quantile_levels(Z)
    cs = ax.contourf(X, Y, Z, levels=levels, cmap="viridis", alpha=0.55)
    ax.contour(X, Y, Z, levels=levels, colors="k", linewidths=0.3, alpha=0.6)
    if bar:
        fig.colorbar(cs, ax=ax, label="f")
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_xlim(*box[0])
    ax.set_ylim(*box[1])


def path_plot(result: Any, path: str | Path, resolution: int = 160) -> Path:
    """One variable: f's graph with the iterates on it. Two: the contour map with the paths."""
    runs = _runs(result)
    problem = runs[0].problem
    if problem.n > 2:
        raise ValueError(f"a path plot needs f of 1 or 2 variables; f has {problem.n} (try the landscape plot)")
    box = _box(runs)
    fig, ax = new_figure()
    _draw_background(fig, ax, problem, box, resolution)
    _draw_paths(ax, runs, box, problem, problem.n == 1)
    ax.set_title("Paths (■ start, ★ end) — " + _title(runs[0]), fontsize=10)
    ax.legend(fontsize=8, loc="best")
    ax.grid(True, alpha=0.2)
    return save(fig, path)


def _grid(problem: Any, box: np.ndarray, resolution: int):
    xs = np.linspace(box[0, 0], box[0, 1], resolution)
    ys = np.linspace(box[1, 0], box[1, 1], resolution)
    X, Y = np.meshgrid(xs, ys)
    Z = values_on(problem, np.column_stack([X.ravel(), Y.ravel()])).reshape(X.shape)
    return X, Y, Z



def surface_plot(result: Any, path: str | Path, resolution: int = 70, elev: float = 28,
                 azim: float = -60) -> Path:
    """The surface z = f(x, y) with each path drawn on it."""
    runs = _runs(result)
    problem = runs[0].problem
    if problem.n != 2:
        raise ValueError(f"a surface plot needs f of 2 variables; f has {problem.n}")
    box = _box(runs)
    X, Y, Z = _grid(problem, box, resolution)
    fig, ax = new_figure(three_d=True)
    ax.plot_surface(X, Y, Z, cmap="viridis", alpha=0.45, linewidth=0, antialiased=True)
    for i, r in enumerate(runs):
        pts = _clip(r.points, box)
        ax.plot(pts[:, 0], pts[:, 1], values_on(problem, pts), "o-", ms=3, color=COLORS[i % len(COLORS)],
                label=f"{_label(r, False)} ({r.status})", zorder=5)
    names = [s.name for s in problem.variables]
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel("f")
    ax.view_init(elev=elev, azim=azim)
    ax.set_title("Surface and path — " + _title(runs[0]), fontsize=10)
    ax.legend(fontsize=8)
    return save(fig, path)


def parameter_plot(result: Any, path: str | Path) -> Path:
    """Each parameter against the step; with two parameters, also one against the other (the course's plot)."""
    runs = _runs(result)
    names = [s.name for s in runs[0].variables]
    two = len(names) == 2
    fig = plt.figure(figsize=(11 if two else 7, 4.8), layout="constrained")
    ax = fig.add_subplot(1, 2 if two else 1, 1)
    styles = ("-", "--", ":", "-.")
    for i, r in enumerate(runs):
        for j, name in enumerate(names):
            ax.plot(r.points[:, j], styles[j % 4], color=COLORS[i % len(COLORS)],
                    label=f"{name}, η = {r.lr:g}" if len(runs) > 1 else name)
    step_axis(ax.xaxis)
    ax.set_ylabel("parameter value")
    ax.set_title("Evolution of the parameters", fontsize=10)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    if two:
        ax2 = fig.add_subplot(1, 2, 2)
        box = _box(runs, pad=0.05)
        for i, r in enumerate(runs):
            pts = _clip(r.points, box)
            ax2.plot(pts[:, 0], pts[:, 1], ".-", color=COLORS[i % len(COLORS)], label=f"η = {r.lr:g}",
                     markevery=inside_indices(pts, box))
            ax2.plot(*pts[0], "s", color=COLORS[i % len(COLORS)], mec="k")
        ax2.set_xlabel(names[0])
        ax2.set_ylabel(names[1])
        ax2.set_title(f"{names[1]} against {names[0]} (■ start)", fontsize=10)
        ax2.grid(True, alpha=0.3)
        if len(runs) > 1:
            ax2.legend(fontsize=8)
    return save(fig, path)


def descent_figure(result: Any, path: str | Path) -> Path:
    """The CLI's --plot: the path (graph or contour map) beside the loss per step."""
    runs = _runs(result)
    problem = runs[0].problem
    fig = plt.figure(figsize=(12, 4.8), layout="constrained")
    left = fig.add_subplot(1, 2, 1)
    if problem.n <= 2:
        box = _box(runs)
        _draw_background(fig, left, problem, box, 120, bar=False)
        _draw_paths(left, runs, box, problem, problem.n == 1)
        left.set_title("Path (■ start, ★ end)", fontsize=10)
        left.legend(fontsize=8)
    else:
        names = [v.name for v in problem.variables]
        for i, r in enumerate(runs):
            for j, name in enumerate(names):
                left.plot(r.points[:, j], ("-", "--", ":", "-.")[j % 4], color=COLORS[i % len(COLORS)], lw=0.9,
                          label=name if i == 0 else None)
        left.legend(fontsize=8)
        step_axis(left.xaxis)
        left.set_ylabel("parameter value")
        left.set_title("Parameters per step", fontsize=10)
    right = fig.add_subplot(1, 2, 2)
    _draw_loss(right, runs)
    right.set_title("Loss per step", fontsize=10)
    fig.suptitle(_title(runs[0]), fontsize=11)
    return save(fig, path)


def animate(result: Any, path: str | Path, frames: int = 30, fps: int = 6) -> Path:
    """A GIF of the path growing step by step (matplotlib's Pillow writer; no external programs)."""
    from matplotlib.animation import FuncAnimation, PillowWriter

    runs = _runs(result)
    problem = runs[0].problem
    if problem.n > 2:
        raise ValueError(f"an animation needs f of 1 or 2 variables; f has {problem.n}")
    box = _box(runs)
    fig, ax = new_figure(size=(6, 4.8))
    if problem.n == 1:
        _draw_background(fig, ax, problem, box, 100, bar=False)
    else:  # an image redraws far faster than filled contours, frame after frame
        X, Y, Z = _grid(problem, box, 100)
        ax.imshow(np.log1p(Z - np.nanmin(Z)), extent=(*box[0], *box[1]), origin="lower", aspect="auto",
                  cmap="viridis", alpha=0.6)
        ax.contour(X, Y, Z, levels=quantile_levels(Z, 12), colors="k", linewidths=0.3, alpha=0.6)
        ax.set_xlabel(problem.variables[0].name)
        ax.set_ylabel(problem.variables[1].name)
    paths = [_clip(r.points, box) for r in runs]
    lines = [ax.plot([], [], "o-", ms=3, color=COLORS[i % len(COLORS)], label=f"η = {r.lr:g}")[0]
             for i, r in enumerate(runs)]
    longest = max(len(p) for p in paths)
    ticks = np.unique(np.geomspace(1, longest, min(frames, longest)).round().astype(int))  # dense early on
    ax.legend(fontsize=8)
    ax.set_title(_title(runs[0]), fontsize=9)

    def draw(k):
        for ln, pts in zip(lines, paths):
            part = pts[:k]
            if problem.n == 1:
                ln.set_data(part[:, 0], values_on(problem, part))
            else:
                ln.set_data(part[:, 0], part[:, 1])
        return lines

    fig.canvas.draw()
    fig.set_layout_engine("none")   # lay out once, not again for every frame
    anim = FuncAnimation(fig, draw, frames=ticks, blit=False)
    path = Path(path).with_suffix(".gif")
    path.parent.mkdir(parents=True, exist_ok=True)
    anim.save(path, writer=PillowWriter(fps=fps))
    plt.close(fig)
    return path
