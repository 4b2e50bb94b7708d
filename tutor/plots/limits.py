"""Figures for limits: where the paths go, what the surface does, and how the squeeze closes.

``contour_plot`` draws f near the point with the witness paths on it, each labelled with
its limit; ``surface_plot`` shows the same paths lifted onto the graph; ``squeeze_plot``
compares the proved bound g(r) with the largest |f − L| on circles of radius r;
``limit_figure`` puts them side by side (what ``calctutor limit --plot`` saves).
Every function takes a ``LimitResult``, saves to ``path`` (PNG or SVG by suffix) with the
headless backend, and returns the saved path.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from tutor.plots.common import new_figure, plt, save

COLORS = ("tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown")


def _text(obj: Any) -> str:
    from tutor.reading.printer import to_unicode

    return to_unicode(obj)


def _value_text(v: Any) -> str:
    import sympy as sp

    if v == sp.oo:
        return "+∞"
    if v == -sp.oo:
        return "−∞"
    return _text(v)


def _numeric(result: Any):
    """f as a NumPy function of the learner's variables (NaN where undefined or not real)."""
    import sympy as sp

    variables = list(result.at)
    from tutor.engine.real_roots import real_form

    fn = sp.lambdify(variables, real_form(result.f), modules="numpy")  # odd roots are real roots

    def call(*args):
        with np.errstate(all="ignore"):
            out = fn(*args)
        out = np.asarray(out, dtype=complex) * np.ones(np.broadcast(*args).shape)
        real = np.where(np.abs(out.imag) < 1e-9, out.real, np.nan)
        return np.where(np.isfinite(real), real, np.nan)

    return call


def _centre(result: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in result.at.values())


def _witness_points(w: Any, centre, span: float, n: int = 400) -> np.ndarray:
    """Points of a witness path inside the box around the point (rows are points)."""
    import sympy as sp

    p = w.path
    if is_sequence(w):  # x_n for n = 1, 2, …: the points themselves, as many as fall near the point
        s = np.arange(1, 4 * n + 1, dtype=float)
    elif p.side == "+":
        a = float(p.approach)
        s = np.linspace(a, a + span, n)[1:]
    elif p.side == "-":
        a = float(p.approach)
        s = np.linspace(a - span, a, n)[:-1]
    else:
        a = float(p.approach)
        s = np.concatenate([np.linspace(a - span, a, n // 2)[:-1], np.linspace(a, a + span, n // 2)[1:]])
    cols = []
    for c in p.coords:
        fn = sp.lambdify(p.parameter, c, modules="numpy")
        with np.errstate(all="ignore"):
            v = np.asarray(fn(s), dtype=complex) * np.ones_like(s)
        cols.append(np.where(np.abs(v.imag) < 1e-12, v.real, np.nan))
    pts = np.stack(cols, axis=1)
    inside = np.all(np.abs(pts - np.asarray(centre)) <= span * 1.0001, axis=1)
    pts[~inside] = np.nan
    return pts


def is_sequence(w: Any) -> bool:
    """A witness sequence (n → ∞) rather than a path (drawn as dots, not a line)."""
    return w.path.approach.is_infinite is True


def _draw_witness(ax: Any, pts: np.ndarray, w: Any, color: str, label: str | None, z: np.ndarray | None = None) -> None:
    style = dict(ls="none", marker=".", ms=5) if is_sequence(w) else dict(lw=2.4)
    cols = (pts[:, 0], pts[:, 1]) if z is None else (pts[:, 0], pts[:, 1], z)
    ax.plot(*cols, color=color, label=label, **style)


def _span(result: Any, span: float | None) -> float:
    return 1.0 if span is None else float(span)


def _grid(result: Any, span: float, resolution: int):
    cx, cy = _centre(result)
    xs = np.linspace(cx - span, cx + span, resolution)
    ys = np.linspace(cy - span, cy + span, resolution)
    X, Y = np.meshgrid(xs, ys)
    Z = _numeric(result)(X, Y)
    return X, Y, Z


def _clim(Z: np.ndarray) -> tuple[float, float]:
    """The colour range: all values when f is bounded on the box, else the central 96 %."""
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    p_lo, p_hi = np.percentile(finite, [2, 98])
    if hi - lo > 8 * (p_hi - p_lo) + 1e-12:  # unbounded near the point: clip the spikes
        lo, hi = float(p_lo), float(p_hi)
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1
    return lo, hi


def _verdict(result: Any) -> str:
    if result.exists is True:
        return f"limit = {_value_text(result.value)}"
    if result.exists is False:
        return "limit does not exist"
    return "undecided"


def _check_two_d(result: Any) -> None:
    if len(result.at) != 2:
        raise ValueError("this figure is drawn for functions of two variables")


def draw_contour(ax: Any, result: Any, span: float | None = None, resolution: int = 241, bar: bool = True) -> None:
    """Contour map near the point, witness paths drawn and labelled with their limits."""
    _check_two_d(result)
    span = _span(result, span)
    X, Y, Z = _grid(result, span, resolution)
    lo, hi = _clim(Z)
    Zc = np.clip(Z, lo, hi)
    filled = ax.contourf(X, Y, Zc, levels=np.linspace(lo, hi, 25), cmap="viridis", alpha=0.9)
    ax.contour(X, Y, Zc, levels=np.linspace(lo, hi, 13), colors="white", linewidths=0.4, alpha=0.6,
               linestyles="solid")
    if bar:
        ax.figure.colorbar(filled, ax=ax, shrink=0.85, label="f")
    _draw_zero_set(ax, result, X, Y)
    centre = _centre(result)
    for i, w in enumerate(result.witnesses):
        pts = _witness_points(w, centre, span)
        color = COLORS[i % len(COLORS)]
        label = _path_label(w)
        _draw_witness(ax, pts, w, color, label)
        _annotate(ax, pts, label, color)
    ax.plot(*centre, marker="o", ms=7, mfc="white", mec="black", zorder=5)
    ax.set_xlim(centre[0] - span, centre[0] + span)
    ax.set_ylim(centre[1] - span, centre[1] + span)
    names = [v.name for v in result.at]
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_aspect("equal")
    ax.set_title(f"f = {_short(result.f)}   ({_verdict(result)})", fontsize=10)
    if result.witnesses:
        ax.legend(loc="upper left", fontsize=8, framealpha=0.85)


def _draw_zero_set(ax: Any, result: Any, X: np.ndarray, Y: np.ndarray) -> None:
    """The curve where the denominator vanishes (f undefined there), dashed."""
    import sympy as sp

    _, den = sp.fraction(sp.together(result.f))
    if not den.free_symbols:
        return
    fn = sp.lambdify(list(result.at), den, modules="numpy")
    with np.errstate(all="ignore"):
        D = np.asarray(fn(X, Y), dtype=complex) * np.ones_like(X)
    D = np.where(np.abs(D.imag) < 1e-12, D.real, np.nan)
    if np.nanmin(D) < 0 < np.nanmax(D):
        cs = ax.contour(X, Y, D, levels=[0], colors="black", linewidths=1.2, linestyles="dashed")
        ax.plot([], [], color="black", ls="--", lw=1.2, label="denominator = 0 (f undefined)")
        del cs


def _path_label(w: Any) -> str:
    eqs = ", ".join(_text(e) for e in w.path.equations) or w.path.name
    side = ""
    if w.path.side is not None and w.path.parameter.name != "t":
        side = f" ({w.path.parameter.name} {'>' if w.path.side == '+' else '<'} {_text(w.path.approach)})"
    return f"{eqs}{side}: → {_value_text(w.value)}"


def _annotate(ax: Any, pts: np.ndarray, label: str, color: str) -> None:
    ok = np.where(np.all(np.isfinite(pts), axis=1))[0]
    if ok.size == 0:
        return
    j = ok[int(0.8 * (ok.size - 1))]
    ax.annotate("→ " + label.split(": → ")[-1], pts[j, :2], color=color, fontsize=10, fontweight="bold",
                xytext=(6, 6), textcoords="offset points",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": color, "alpha": 0.85})


def _short(expr: Any, limit: int = 46) -> str:
    text = _text(expr)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw_surface(ax: Any, result: Any, span: float | None = None, resolution: int = 61) -> None:
    """The graph of f near the point (clipped to its central values), with the witness paths on it."""
    _check_two_d(result)
    span = _span(result, span)
    X, Y, Z = _grid(result, span, resolution)
    lo, hi = _clim(Z)
    Zs = np.where((Z >= lo) & (Z <= hi), Z, np.nan)
    ax.plot_surface(X, Y, Zs, cmap="viridis", alpha=0.75, linewidth=0, antialiased=True, rstride=1, cstride=1)
    f = _numeric(result)
    centre = _centre(result)
    for i, w in enumerate(result.witnesses):
        pts = _witness_points(w, centre, span)
        z = f(pts[:, 0], pts[:, 1])
        z = np.where((z >= lo) & (z <= hi), z, np.nan)
        _draw_witness(ax, pts, w, COLORS[i % len(COLORS)], None, z)
    if result.exists is True and result.value.is_finite:
        ax.scatter([centre[0]], [centre[1]], [float(result.value)], color="black", s=30, zorder=11)
    names = [v.name for v in result.at]
    ax.set_xlabel(names[0])
    ax.set_ylabel(names[1])
    ax.set_zlabel("f")
    ax.set_zlim(lo, hi)
    ax.view_init(elev=28, azim=-60)
    ax.set_title("the surface near the point", fontsize=10)


def squeeze_data(result: Any, count: int = 28, angles: int = 720) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Radii r, the proved bound g(r), and the largest |f − L| found on the circle of radius r."""
    import sympy as sp

    proof = result.proof
    if proof is None or proof.bound is None:
        raise ValueError("this limit has no squeeze bound to draw")
    g = proof.bound
    r_sym = next(iter(g.free_symbols)) if g.free_symbols else sp.Symbol("r")
    gfun = sp.lambdify(r_sym, g, modules="numpy")
    rho = float(proof.radius)
    rs = rho * np.logspace(-3, 0, count)
    f = _numeric(result)
    centre = np.asarray(_centre(result))
    L = float(result.value)
    worst = []
    d = len(centre)
    if d == 2:
        th = np.linspace(0, 2 * np.pi, angles, endpoint=False)
        dirs = np.stack([np.cos(th), np.sin(th)], axis=1)
    else:
        rng = np.random.default_rng(0)
        dirs = rng.normal(size=(angles * 2, d))
        dirs /= np.linalg.norm(dirs, axis=1, keepdims=True)
    for r in rs:
        pts = centre + r * dirs
        vals = np.abs(f(*pts.T) - L)
        worst.append(np.nanmax(vals) if np.any(np.isfinite(vals)) else np.nan)
    with np.errstate(all="ignore"):
        gv = np.asarray(gfun(rs), dtype=float) * np.ones_like(rs)
    return rs, gv, np.asarray(worst)


def draw_squeeze(ax: Any, result: Any) -> None:
    rs, gv, worst = squeeze_data(result)
    where = "circle" if len(result.at) == 2 else "sphere"
    ax.loglog(rs, gv, color="tab:red", lw=2.2, label=f"bound g(r) = {_short(result.proof.bound, 30)}")
    ax.loglog(rs, np.where(worst > 0, worst, np.nan), "o-", color="tab:blue", ms=3.5, lw=1.2,
              label=f"max |f − L| on the {where} of radius r")
    ax.fill_between(rs, np.where(worst > 0, worst, np.nan), gv, color="tab:red", alpha=0.08)
    ax.set_xlabel("r (distance to the point)")
    ax.set_ylabel("|f − L|")
    ax.set_title(f"squeeze: |f − {_value_text(result.value)}| ≤ g(r) → 0", fontsize=10)
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(True, which="both", alpha=0.3)


def _draw_one_variable(ax: Any, result: Any, span: float | None = None) -> None:
    (x,), (a,) = list(result.at), [float(v) for v in result.at.values()]
    span = _span(result, span)
    fn = _numeric(result)
    for lo, hi in ((a - span, a), (a, a + span)):
        s = np.linspace(lo, hi, 400)[1:-1]
        v = fn(s)
        lim = np.percentile(v[np.isfinite(v)], [2, 98]) if np.any(np.isfinite(v)) else (-1, 1)
        ax.plot(s, np.where((v >= lim[0] - 1) & (v <= lim[1] + 1), v, np.nan), color="tab:blue", lw=2)
    for i, w in enumerate(result.witnesses):
        if is_sequence(w):  # the points (x_n, f(x_n)) of a witness sequence
            xn = _witness_points(w, (a,), span)[:, 0]
            ax.plot(xn, fn(xn), ls="none", marker=".", ms=6, color=COLORS[i],
                    label=f"sequence: → {_value_text(w.value)}")
        elif w.value.is_finite:
            ax.plot([a], [float(w.value)], marker="o", mfc="white", color=COLORS[i], ms=8,
                    label=f"{w.path.name}: → {_value_text(w.value)}")
    if result.exists is True and result.value.is_finite and not result.witnesses:
        ax.plot([a], [float(result.value)], marker="o", mfc="white", color="black", ms=8,
                label=f"limit {_value_text(result.value)}")
    ax.axvline(a, color="gray", lw=0.8, ls="--")
    ax.set_xlabel(x.name)
    ax.set_ylabel("f")
    ax.set_title(f"f = {_short(result.f)}   ({_verdict(result)})", fontsize=10)
    ax.legend(fontsize=8)


def contour_plot(result: Any, path: str | Path, span: float | None = None) -> Path:
    fig, ax = new_figure()
    draw_contour(ax, result, span)
    return save(fig, path)


def surface_plot(result: Any, path: str | Path, span: float | None = None) -> Path:
    fig, ax = new_figure(three_d=True)
    draw_surface(ax, result, span)
    return save(fig, path)


def squeeze_plot(result: Any, path: str | Path) -> Path:
    fig, ax = new_figure()
    draw_squeeze(ax, result)
    return save(fig, path)


def limit_figure(result: Any, path: str | Path, span: float | None = None) -> Path:
    """The figure for ``calctutor limit --plot``: contour map and surface (and the squeeze, when proved)."""
    d = len(result.at)
    has_bound = result.proof is not None and result.proof.bound is not None
    if d == 1:
        fig, ax = new_figure()
        _draw_one_variable(ax, result, span)
        return save(fig, path)
    if d == 3:
        if not has_bound:
            raise ValueError("for three variables only the squeeze bound is drawn, and this limit has none")
        return squeeze_plot(result, path)
    panels = 3 if has_bound else 2
    fig = plt.figure(figsize=(6.2 * panels, 5.6), layout="constrained")
    draw_contour(fig.add_subplot(1, panels, 1), result, span, bar=False)
    draw_surface(fig.add_subplot(1, panels, 2, projection="3d"), result, span)
    if has_bound:
        draw_squeeze(fig.add_subplot(1, panels, 3), result)
    return save(fig, path)
