"""Figures of a function itself: the tangent line of a 1-D function (the course's figure),
a loss-landscape slice along two random normalised directions (Li et al. 2018), and a
surface or contour view around a point.

Each takes an expression (text or SymPy), saves to ``path`` (PNG or SVG by suffix)
with the headless backend, and returns the saved path.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from tutor.plots.common import new_figure, plt, quantile_levels, save, short_label, values_on


def tangent_plot(f: Any, at: Any, path: str | Path, variables: Sequence[Any] | None = None,
                 span: float | None = None) -> Path:
    """f of one variable with its tangent line at ``at``: slope f'(a), line y = f(a) + f'(a)(x − a)."""
    from tutor.engine.descent.problem import build_problem

    from tutor.engine.descent.api import start_array

    problem = build_problem(f, variables)
    if problem.n != 1:
        raise ValueError(f"a tangent line needs f of one variable; f has {problem.n}")
    a = float(start_array(at, problem)[0][0, 0])
    fa, grad = problem.scalar([a])
    if not (np.isfinite(fa) and np.isfinite(grad[0])):
        raise ValueError(f"f or its derivative is not defined at {problem.variables[0].name} = {a:g}")
    slope = grad[0]
    w = span if span is not None else max(3.0, 1.5 * abs(a))
    xs = np.linspace(a - w, a + w, 400)
    ys = values_on(problem, xs[:, None])
    fig, ax = new_figure()
    name = problem.variables[0].name
    ax.plot(xs, ys, color="k", lw=1.5, label="f")
    ax.plot(xs, fa + slope * (xs - a), "--", color="tab:red", lw=1.3,
            label=f"tangent: y = {fa:.4g} + ({slope:.4g})({name} − {a:g})")
    ax.plot([a], [fa], "o", color="tab:red", ms=7)
    ax.annotate(f"slope f'({a:g}) = {slope:.4g}", (a, fa), textcoords="offset points", xytext=(10, -18),
                fontsize=9)
    finite = ys[np.isfinite(ys)]
    if finite.size:
        lo, hi = finite.min(), finite.max()
        pad = 0.1 * max(hi - lo, 1e-9)
        ax.set_ylim(lo - pad, hi + pad)
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_xlabel(name)
    ax.set_ylabel("f")
    ax.set_title("Tangent line — f = " + short_label(problem.expr), fontsize=10)
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    return save(fig, path)


def landscape_slice(f: Any, at: Any, variables: Sequence[Any] | None = None, span: float = 1.0,
                    resolution: int = 41, seed: Any = 0, data: Any = None):
    """f(θ + a·δ + b·η) on a grid of (a, b) in [−span, span]² (Li et al. 2018).

    δ, η are Gaussian, made orthogonal, and scaled to ‖θ‖ (to 1 at θ = 0): the
    filter normalisation of Li et al. with the whole parameter vector as one filter.
    Returns (a grid, b grid, values, δ, η, θ).
    """
    from tutor.engine.descent.api import seeded_rng, start_array
    from tutor.engine.descent.problem import build_problem

    problem = build_problem(f, variables, data)
    if problem.n < 2:
        raise ValueError("a landscape slice needs f of at least 2 variables; for one, use the tangent or path plot")
    theta = start_array(at, problem)[0][0]
    rng = seeded_rng(seed, problem.n, "landscape")
    d1, d2 = rng.standard_normal(problem.n), rng.standard_normal(problem.n)
    d1 /= np.linalg.norm(d1)
    d2 -= (d2 @ d1) * d1
    d2 /= np.linalg.norm(d2)
    scale = float(np.linalg.norm(theta)) or 1.0
    d1, d2 = d1 * scale, d2 * scale
    alphas = np.linspace(-span, span, resolution)
    A, B = np.meshgrid(alphas, alphas)
    pts = theta + A.ravel()[:, None] * d1 + B.ravel()[:, None] * d2
    Z = values_on(problem, pts).reshape(A.shape)
    return A, B, Z, d1, d2, theta


def landscape_plot(f: Any, at: Any, path: str | Path, variables: Sequence[Any] | None = None,
                   span: float = 1.0, resolution: int = 41, seed: Any = 0, data: Any = None) -> Path:
    """The loss landscape around ``at`` along two random normalised directions: contours and surface."""
    A, B, Z, d1, d2, theta = landscape_slice(f, at, variables, span, resolution, seed, data)
    fig = plt.figure(figsize=(12, 5), layout="constrained")
    ax = fig.add_subplot(1, 2, 1)
    levels = quantile_levels(Z)
    cs = ax.contourf(A, B, Z, levels=levels, cmap="viridis")
    ax.contour(A, B, Z, levels=levels, colors="k", linewidths=0.3, alpha=0.6)
    ax.plot([0], [0], "r*", ms=12, label="θ (the centre)")
    fig.colorbar(cs, ax=ax, label="f")
    ax.set_xlabel("a (along δ)")
    ax.set_ylabel("b (along η)")
    ax.legend(fontsize=8)
    ax.set_title("f(θ + a·δ + b·η)", fontsize=10)
    ax3 = fig.add_subplot(1, 2, 2, projection="3d")
    ax3.plot_surface(A, B, Z, cmap="viridis", linewidth=0, antialiased=True, alpha=0.9)
    ax3.set_xlabel("a")
    ax3.set_ylabel("b")
    ax3.set_zlabel("f")
    centre = ", ".join(f"{v:.3g}" for v in theta)
    fig.suptitle(f"Loss landscape around θ = ({centre}) along two random directions (Li et al. 2018) — "
                 "f = " + short_label(_expr(f, variables)), fontsize=10)
    return save(fig, path)


def function_plot(f: Any, path: str | Path, kind: str = "contour", at: Any = None, span: float = 3.0,
                  variables: Sequence[Any] | None = None, resolution: int | None = None) -> Path:
    """f of two variables on the square of half-width ``span`` around ``at`` (the origin if None).

    Drawn by the critical-points figures (``tutor.plots.surfaces``): a surface or a contour map.
    """
    from tutor.engine.descent.api import start_array
    from tutor.engine.descent.problem import build_problem
    from tutor.plots import surfaces

    problem = build_problem(f, variables)
    if problem.n != 2:
        raise ValueError(f"a {kind} plot needs f of 2 variables; f has {problem.n}")
    centre = np.zeros(2) if at is None else start_array(at, problem)[0][0]
    box = tuple((float(c) - span, float(c) + span) for c in centre)
    draw = surfaces.plot_surface if kind == "surface" else surfaces.plot_contour
    return draw(problem.expr, list(problem.variables), box=box, path=path)


def _expr(f: Any, variables: Any) -> Any:
    from tutor.engine.inputs import as_expr

    return f.loss if hasattr(f, "loss") else as_expr(f, variables)
