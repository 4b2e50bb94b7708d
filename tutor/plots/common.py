"""What every figure shares: the headless backend, saving as PNG or SVG, styling.

The Agg backend is chosen before pyplot is imported, so figures work on a
machine with no display (CI, SSH, the batch grader).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

KIND_STYLE = {  # critical-point kind -> marker, colour
    "minimum": ("o", "tab:green"),
    "maximum": ("^", "tab:red"),
    "saddle": ("X", "tab:purple"),
    "inconclusive": ("s", "tab:gray"),
}


def new_figure(three_d: bool = False, size: tuple[float, float] = (7.0, 5.5)):
    """A figure and one axes (3-D if asked)."""
    fig = plt.figure(figsize=size, layout="constrained")
    ax = fig.add_subplot(projection="3d" if three_d else None)
    return fig, ax


def step_axis(axis: Any, label: str = "step") -> None:
    """An axis that counts steps: labelled, with whole-number ticks only (no 2.5 or 7.5)."""
    from matplotlib.ticker import MaxNLocator

    axis.set_label_text(label)
    axis.set_major_locator(MaxNLocator(integer=True))


def inside_indices(pts: np.ndarray, box: np.ndarray) -> list[int]:
    """Rows of ``pts`` inside ``box`` (n, 2): where markers may go without being cut off at the edge."""
    ok = np.all((pts >= box[:, 0] - 1e-12) & (pts <= box[:, 1] + 1e-12), axis=1) & np.all(np.isfinite(pts), axis=1)
    return [int(i) for i in np.nonzero(ok)[0]]


def save(fig: Figure, path: str | Path, dpi: int = 120) -> Path:
    """Save as PNG or SVG (by suffix; PNG if none) and close the figure."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        path = path.with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return path


def short_label(expr: Any, limit: int = 50) -> str:
    """f for a title: long exact fractions as 4-digit decimals, and cut at ``limit`` characters."""
    import sympy as sp

    from tutor.reading.printer import to_unicode

    if isinstance(expr, sp.Basic):
        expr = expr.xreplace({r: sp.Float(r, 4) for r in expr.atoms(sp.Rational) if r.q > 100 or abs(r.p) > 10**6})
    text = to_unicode(expr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def values_on(problem: Any, pts: np.ndarray) -> np.ndarray:
    """f at the rows of ``pts`` (the whole data set's loss if f has data), NaN where undefined."""
    with np.errstate(all="ignore"):
        v, _ = problem.evaluate(np.asarray(pts, dtype=float))
    return np.where(np.isfinite(v), v, np.nan)


def quantile_levels(Z: np.ndarray, count: int = 25) -> np.ndarray:
    """Contour levels spaced by quantile, so both the valley floor and the walls show."""
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        return np.linspace(0, 1, count)
    qs = np.unique(np.quantile(finite, np.linspace(0, 1, count)))
    return qs if len(qs) > 2 else np.linspace(finite.min(), finite.max() + 1e-9, count)
