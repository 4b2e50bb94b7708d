"""What a reader of any figure may expect, read from the matplotlib objects (not from pixels).

A title; both axis labels (three on a 3-D plot) naming something; a legend on an axes that
draws more than one labelled thing; integer ticks on an axis that counts steps; and every
marker inside the axes' limits, so none is cut off at the edge.
"""
from __future__ import annotations

import numpy as np

STEP_LABELS = ("step", "steps")


def _is_colorbar(ax) -> bool:
    return ax.get_label() == "<colorbar>" or hasattr(ax, "_colorbar")


def _labelled(ax) -> list:
    items = list(ax.get_lines()) + list(ax.collections) + list(ax.patches)
    return [a for a in items if a.get_label() and not a.get_label().startswith("_")]


def _inside(values: np.ndarray, lo: float, hi: float) -> bool:
    lo, hi = min(lo, hi), max(lo, hi)
    tol = 1e-9 * max(1.0, abs(lo), abs(hi))
    v = values[np.isfinite(values)]
    return bool(np.all((v >= lo - tol) & (v <= hi + tol)))


def problems(fig) -> list[str]:
    """Everything this figure gets wrong (empty if nothing)."""
    fig.canvas.draw()
    out = []
    axes = [ax for ax in fig.axes if not _is_colorbar(ax)]
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
    if not suptitle and not all(ax.get_title() for ax in axes):
        out.append("an axes without a title, and no figure title")
    for ax in axes:
        name = ax.get_title() or suptitle
        three_d = hasattr(ax, "get_zlabel")
        labels = [ax.get_xlabel(), ax.get_ylabel()] + ([ax.get_zlabel()] if three_d else [])
        if not all(s.strip() for s in labels):
            out.append(f"{name}: an axis without a label {labels}")
        if len(_labelled(ax)) > 1 and ax.get_legend() is None:
            out.append(f"{name}: {len(_labelled(ax))} labelled things drawn but no legend")
        for axis, label in ((ax.xaxis, ax.get_xlabel()), (ax.yaxis, ax.get_ylabel())):
            if label.strip().lower() in STEP_LABELS:
                lo, hi = sorted(axis.get_view_interval())
                ticks = [t for t in axis.get_majorticklocs() if lo - 1e-9 <= t <= hi + 1e-9]
                if any(abs(t - round(t)) > 1e-9 for t in ticks):
                    out.append(f"{name}: step ticks that are not whole numbers {ticks}")
        out += _markers_outside(ax, name, three_d)
    return out


def _markers_outside(ax, name: str, three_d: bool) -> list[str]:
    out = []
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    for ln in ax.get_lines():
        if ln.get_marker() in (None, "None", "", " ") or not ln.get_visible():
            continue
        every = ln.get_markevery()
        if isinstance(every, (list, tuple)) and all(isinstance(i, (int, np.integer)) for i in every):
            xs, ys = (np.asarray(a, dtype=float)[list(every)] for a in ln.get_data())
            if not (_inside(xs, x0, x1) and _inside(ys, y0, y1)):
                out.append(f"{name}: a marker of {ln.get_label()!r} lies outside the axes")
            continue
        if three_d:
            xs, ys, zs = (np.asarray(a, dtype=float) for a in ln.get_data_3d())
            z0, z1 = ax.get_zlim()
            ok = _inside(xs, x0, x1) and _inside(ys, y0, y1) and _inside(zs, z0, z1)
        else:
            xs, ys = (np.asarray(a, dtype=float) for a in ln.get_data())
            ok = _inside(xs, x0, x1) and _inside(ys, y0, y1)
        if not ok:
            out.append(f"{name}: a marker of {ln.get_label()!r} lies outside the axes")
    return out
