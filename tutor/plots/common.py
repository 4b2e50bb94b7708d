"""What every figure shares: the headless backend, saving as PNG or SVG, styling.

The Agg backend is chosen before pyplot is imported, so figures work on a
machine with no display (CI, SSH, the batch grader).
"""
from __future__ import annotations

from pathlib import Path

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


def save(fig: Figure, path: str | Path, dpi: int = 120) -> Path:
    """Save as PNG or SVG (by suffix; PNG if none) and close the figure."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg", ".pdf"):
        path = path.with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=dpi)
    plt.close(fig)
    return path
