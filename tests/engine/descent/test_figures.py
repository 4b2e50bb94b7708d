"""The figures for the course's descent examples, drawn headless.

Each is written to a temporary folder (and copied to /tmp/calctutor-figs for
a person to look at); the tests check the files and the numbers behind them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

from tutor.engine.descent import course_example, descend, least_squares, lr_sweep
from tutor.plots import descent as plots
from tutor.plots import functions

SHOW = Path("/tmp/calctutor-figs")


def _keep(path: Path) -> Path:
    assert path.exists() and path.stat().st_size > 5_000
    head = path.read_bytes()[:8]
    assert head.startswith(b"\x89PNG") or head.startswith(b"GIF8") or head.startswith(b"<?xml")
    if head.startswith(b"\x89PNG"):  # something was drawn: not one flat colour
        import matplotlib.image as mpimg

        assert float(np.std(mpimg.imread(path)[..., :3])) > 0.05
    try:
        SHOW.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOW / f"descent-{path.name}")   # the folder is shared with other figures
    except OSError:
        pass
    return path


@pytest.fixture(scope="module")
def half_ls():
    X, y = course_example()
    return least_squares(X, y, scale="1/2")


def test_x_squared_path_and_loss(tmp_path):
    run = descend("x^2", 10, 0.1, 20)
    _keep(plots.path_plot(run, tmp_path / "x2_path.png"))
    _keep(plots.loss_plot(run, tmp_path / "x2_loss.png"))


def test_tangent_of_the_course_quadratic(tmp_path):
    _keep(functions.tangent_plot("3x^2 - 4x + 5", -2, tmp_path / "tangent_3x2.png"))
    with pytest.raises(ValueError, match="one variable"):
        functions.tangent_plot("x^2 + y^2", 1, tmp_path / "no.png")
    with pytest.raises(ValueError, match="not defined"):
        functions.tangent_plot("log(x)", -1, tmp_path / "no.png")


def test_log_example_descent_figure(tmp_path):
    run = descend("log(x^4 + x^3 + 2)", -9.41, 0.001, 5000)
    _keep(plots.descent_figure(run, tmp_path / "log_descent.png"))


def test_x_plus_sin_x_sweep_figures(tmp_path):
    sweep = lr_sweep("x + sin(x)", 2.5, [1, 0.1, 0.01], 50)
    _keep(plots.path_plot(sweep, tmp_path / "xsinx_paths.png"))
    _keep(plots.parameter_plot(sweep, tmp_path / "xsinx_params.png"))
    _keep(plots.loss_plot(sweep, tmp_path / "xsinx_loss.png"))


def test_least_squares_figures(tmp_path, half_ls):
    good = half_ls.descend((-8, -3.2), 0.002, 1000)
    bad = half_ls.descend((-8, -2), 0.0065, 100)
    _keep(plots.loss_plot(good, tmp_path / "ls_loss.png"))
    _keep(plots.loss_plot(bad, tmp_path / "ls_loss_diverged.png"))
    _keep(plots.parameter_plot(good, tmp_path / "ls_params.png"))
    _keep(plots.path_plot([good, bad], tmp_path / "ls_contour.png"))
    _keep(plots.surface_plot(good, tmp_path / "ls_surface.png"))
    _keep(plots.surface_plot(bad, tmp_path / "ls_surface_diverged.png"))
    svg = plots.path_plot(good, tmp_path / "ls_contour.svg")
    assert svg.read_text().lstrip().startswith("<?xml")


def test_animation_is_a_gif(tmp_path, half_ls):
    from PIL import Image

    good = half_ls.descend((-8, -3.2), 0.002, 300)
    gif = _keep(plots.animate(good, tmp_path / "ls_anim.gif", frames=15))
    with Image.open(gif) as im:
        assert im.format == "GIF" and im.n_frames >= 5


def test_multistart_figure(tmp_path):
    runs = descend("x^2 + 10y^2", np.array([[3, 1], [-2, -1.5]]), 0.09, 60)
    _keep(plots.descent_figure(runs, tmp_path / "multistart.png"))


def test_landscape_slice_is_f_along_two_normalised_directions(tmp_path):
    w1, w2, w3 = sp.symbols("w1 w2 w3")
    f = (w3 * sp.tanh(sp.Rational(3, 2) * w1 + w2) - sp.Rational(7, 10))**2 + \
        (w3 * sp.tanh(-w1 + w2) + sp.Rational(1, 5))**2
    theta = np.array([1.0, 0.5, 1.0])
    A, B, Z, d1, d2, centre = functions.landscape_slice(f, theta, span=1.0, resolution=11, seed=4)
    np.testing.assert_allclose(centre, theta)
    assert abs(d1 @ d2) < 1e-12                                  # orthogonal
    np.testing.assert_allclose([np.linalg.norm(d1), np.linalg.norm(d2)], [np.linalg.norm(theta)] * 2)
    fn = sp.lambdify([w1, w2, w3], f)
    for i, j in [(0, 0), (5, 5), (3, 9), (10, 2)]:
        p = theta + A[i, j] * d1 + B[i, j] * d2
        assert Z[i, j] == pytest.approx(fn(*p), rel=1e-12)
    assert Z[5, 5] == pytest.approx(fn(*theta))                  # the centre of the grid is θ
    again = functions.landscape_slice(f, theta, span=1.0, resolution=11, seed=4)[3]
    np.testing.assert_array_equal(again, d1)                     # seeded: the same directions
    _keep(functions.landscape_plot(f, theta, tmp_path / "landscape.png", span=1.5, resolution=41))
    with pytest.raises(ValueError, match="at least 2 variables"):
        functions.landscape_slice("x^2", 1)


def test_path_plot_refuses_three_variables(tmp_path):
    run = descend("x^2 + y^2 + z^2", (1, 1, 1), 0.1, 5)
    with pytest.raises(ValueError, match="landscape"):
        plots.path_plot(run, tmp_path / "no.png")
    _keep(plots.descent_figure(run, tmp_path / "three_vars.png"))


def test_function_plot_draws_surfaces_and_contours_around_a_point(tmp_path):
    """The bank's figures call this for surfaces and contour maps (drawn by tutor.plots.surfaces)."""
    _keep(functions.function_plot("x^2 - y^2", tmp_path / "fp_surface.png", kind="surface", at=[1, 1], span=2))
    _keep(functions.function_plot("x^2 - y^2", tmp_path / "fp_contour.png", kind="contour"))
    with pytest.raises(ValueError, match="2 variables"):
        functions.function_plot("x^2", tmp_path / "no.png")
