"""The figures of issue 4: surface, contour map with gradient arrows, level curves (headless)."""
from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest

import tutor
from tutor.engine.critical import critical_points
from tutor.plots import surfaces

LOOK = Path("/tmp/calctutor-figs")  # copies for a person to look at

FIGURES = [
    ("paraboloid", "x^2 + y^2", None),
    ("saddle", "x^2 - y^2", None),
    ("quartic", "x^4 + y^4 - 4x*y + 1", None),
    ("sincos", "sin(x)*cos(y)", "x=0..6.3, y=0..6.3"),
]


def _looks_drawn(path: Path) -> None:
    img = mpimg.imread(path)
    assert img.shape[0] > 300 and img.shape[1] > 300
    assert float(np.std(img[..., :3])) > 0.05  # not a blank canvas


def _keep(path: Path) -> None:
    try:
        LOOK.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, LOOK / path.name)
    except OSError:  # pragma: no cover - a read-only /tmp must not fail the test
        pass


@pytest.mark.parametrize("name, f, domain", FIGURES, ids=[n for n, _, _ in FIGURES])
def test_issue_figures(tmp_path, name, f, domain):
    result = critical_points(f, domain=domain)
    made = [
        surfaces.plot_critical(result, tmp_path / f"{name}-critical.png"),
        surfaces.plot_surface(result.function, result.variables, None, result, tmp_path / f"{name}-surface.png"),
        surfaces.plot_contour(result.function, result.variables, None, result, tmp_path / f"{name}-contour.png"),
    ]
    for path in made:
        assert path.exists()
        _looks_drawn(path)
        _keep(path)


def test_box_is_chosen_from_the_points():
    box = surfaces.choose_box(critical_points("x^4 + y^4 - 4x*y + 1"))
    (x0, x1), (y0, y1) = box
    assert x0 < -1 < 1 < x1 and y0 < -1 < 1 < y1 and x1 - x0 == y1 - y0
    assert surfaces.choose_box([]) == ((-2.0, 2.0), (-2.0, 2.0))


def test_level_curves_for_several_c_and_svg(tmp_path):
    png = surfaces.plot_level_curves("x^2 + y^2", None, [1, 4, 9], path=tmp_path / "circles.png")
    _looks_drawn(png)
    _keep(png)
    box = surfaces.level_box("x^2 + y^2", None, [1, 4, 9])
    assert 3 < box[0][1] < 4.5  # the radius-3 circle fits with a margin
    svg = surfaces.plot_level_curves("x + 2y", None, [-2, 0, 2], path=tmp_path / "lines.svg")
    text = svg.read_text()
    assert svg.suffix == ".svg" and "<svg" in text and "f = 2" in text


def test_one_variable_and_shape_figures(tmp_path):
    path = surfaces.plot_critical(critical_points("ln(x^4 + x^3 + 2)"), tmp_path / "log.png")
    _looks_drawn(path)
    _keep(path)
    shape = surfaces.plot_shape(tutor.surface_kind("x^2 - y^2", "x=0, y=0"), tmp_path / "shape.png")
    _looks_drawn(shape)


def test_draw_functions_accept_an_axes_and_plain_marks(tmp_path):
    from tutor.plots.common import new_figure, save

    fig, ax = new_figure()
    surfaces.draw_contour(ax, "x^2 - y^2", None, ((-1, 1), (-1, 1)), [((0, 0), "saddle")], arrows=False)
    ax.plot([0.5, 0.2], [0.5, 0.1], color="k")  # another module adds its path on top
    _looks_drawn(save(fig, tmp_path / "shared.png"))
