"""Every figure the commands and the bank can make, checked from its matplotlib objects.

Figures are caught as they are saved (``Figure.savefig``), then read by ``figure_checks``:
title, axis labels, a legend where several things are drawn, whole-number step ticks and
markers inside the axes.
"""
from __future__ import annotations

import pytest
from figure_checks import problems
from matplotlib.figure import Figure

import exercises

COMMANDS = {
    "descend-1d": ["descend", "x^2", "--start", "1", "--lr", "0.3", "--steps", "12"],
    "descend-1d-long": ["descend", "x^4", "--start", "2", "--lr", "0.01", "--steps", "37"],
    "descend-2d": ["descend", "x^2 + 10y^2", "--start", "3,1", "--lr", "0.09", "--steps", "60"],
    "descend-diverged": ["descend", "x^2 + 10y^2", "--start", "3,1", "--lr", "0.11", "--steps", "200"],
    "descend-3d": ["descend", "x^2 + y^2 + z^2", "--start", "1,2,3", "--lr", "0.1", "--steps", "25"],
    "descend-adam": ["descend", "x^2 + 10y^2", "--start", "3,1", "--lr", "0.2", "--steps", "45", "--method", "adam"],
    "sweep-1d": ["sweep", "x^2", "--start", "1", "--lr", "0.1,0.5,1,1.05", "--steps", "30"],
    "sweep-2d": ["sweep", "x^2 + 10y^2", "--start", "3,1", "--lr", "0.01,0.05,0.09,0.11", "--steps", "50"],
    "critical-1d": ["critical", "x^3 - 3x"],
    "critical-2d": ["critical", "x^3 - 3x + y^2"],
    "limit-dne": ["limit", "x y/(x^2 + y^2)", "--at", "0,0"],
    "limit-squeeze": ["limit", "x^3/(x^2 + y^2)", "--at", "0,0"],
    "level": ["level", "x^2 + y^2", "--c", "1,4,9"],
    "surface": ["surface", "x^2 - y^2", "--at", "(0, 0)"],
    "descend-3-steps": ["descend", "x^2", "--start", "1", "--lr", "0.3", "--steps", "3"],
    "descend-3d-few": ["descend", "x^2 + y^2 + z^2", "--start", "1,2,3", "--lr", "0.1", "--steps", "5"],
}
PLOTS = {
    "tangent": ["plot", "x^3 - 2x", "--kind", "tangent", "--at", "1"],
    "landscape": ["plot", "(w - 1)^2 + (b + 2)^2", "--kind", "landscape", "--at", "0,0"],
    "contour": ["plot", "x^2 - y^2", "--kind", "contour"],
    "surface-plot": ["plot", "x^2 + y^2", "--kind", "surface"],
}


@pytest.fixture
def caught(monkeypatch):
    # the commands run in a killable worker process; inline here, so the figures are seen
    monkeypatch.setenv("CALCTUTOR_BOUNDED", "inline")
    figures: list[Figure] = []
    save = Figure.savefig

    def keep(self, *args, **kwargs):
        if not any(f is self for f in figures):
            figures.append(self)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", keep)
    return figures


@pytest.mark.parametrize("name", sorted(COMMANDS) + sorted(PLOTS))
def test_command_figures(name, caught, tmp_path, capsys):
    from tutor.cli import main

    if name in COMMANDS:
        argv = COMMANDS[name] + ["--plot", str(tmp_path / f"{name}.png")]
    else:
        argv = PLOTS[name] + ["--out", str(tmp_path / f"{name}.png")]
    assert main(argv) == 0, capsys.readouterr().err
    assert caught, "no figure was saved"
    assert [p for fig in caught for p in problems(fig)] == []


def _figure_exercises() -> list[str]:
    bank = exercises.load()
    return [i for i in bank if bank[i].figure_kind != "none"]


@pytest.mark.parametrize("exercise", _figure_exercises())
def test_bank_figures(exercise, caught, tmp_path):
    variant = exercises.load()[exercise].variant(0)
    if variant.figure(tmp_path / "figure.png") is None:
        assert not caught
        return
    assert [p for fig in caught for p in problems(fig)] == []


def test_descent_module_figures(caught, tmp_path):
    from tutor.engine.descent import descend, lr_sweep
    from tutor.plots import descent as plots

    one = descend("x^2 + 10y^2", (3, 1), 0.09, 40)
    sweep = lr_sweep("x^2 + 10y^2", (3, 1), [0.02, 0.09, 0.11], 40)
    plots.loss_plot(sweep, tmp_path / "loss.png")
    plots.path_plot(sweep, tmp_path / "path.png")
    plots.surface_plot(one, tmp_path / "surface.png")
    plots.parameter_plot(sweep, tmp_path / "parameters.png")
    plots.parameter_plot(descend("x^2", 2, 0.1, 17), tmp_path / "parameter-1.png")
    assert len(caught) == 5
    assert [p for fig in caught for p in problems(fig)] == []


def test_a_diverged_run_does_not_set_the_window_of_the_others(caught, tmp_path):
    import numpy as np

    from tutor.engine.descent import lr_sweep
    from tutor.plots.descent import descent_figure

    sweep = lr_sweep("x^2 + 10y^2", (3, 1), [0.02, 0.09, 0.11], 50)
    descent_figure(sweep, tmp_path / "sweep.png")
    path_ax = caught[0].axes[0]
    settled = np.concatenate([r.points for r in sweep.runs if not r.diverged])
    (x0, x1), (y0, y1) = path_ax.get_xlim(), path_ax.get_ylim()
    assert x0 <= settled[:, 0].min() and settled[:, 0].max() <= x1
    assert y0 <= settled[:, 1].min() and settled[:, 1].max() <= y1
    assert (y1 - y0) < 2 * (settled[:, 1].max() - settled[:, 1].min()) + 1.5   # not stretched by the diverged run
    legend = [t.get_text() for t in path_ax.get_legend().get_texts()]
    assert any("0.11" in t and "leaves the plot" in t for t in legend)
    assert caught[0]._suptitle.get_text().startswith("Gradient descent: f =")
