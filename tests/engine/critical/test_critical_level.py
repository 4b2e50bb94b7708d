"""level_curve: shapes per level in the course's words, solved forms, and grad f perpendicular to the curve."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import tutor
from tutor.engine.level import C, level_curve

x, y = sp.symbols("x y")


def test_course_circles_of_radius_sqrt_c():
    # course text 000: x^2 + y^2 = c is a circle of radius sqrt(c); c = 1, 4, 9 give radii 1, 2, 3
    for c, r in ((1, 1), (4, 2), (9, 3)):
        L = level_curve("x^2 + y^2", c)
        assert L.shape == "circle" and L.cases[0].fact("radius") == r and L.cases[0].fact("centre") == (0, 0)
    general = level_curve("x^2 + y^2")
    assert [(str(k.condition), k.shape) for k in general.cases] == [("c > 0", "circle"), ("Eq(c, 0)", "point"),
                                                                   ("c < 0", "empty")]
    assert general.cases[0].fact("radius") == sp.sqrt(C)
    text = general.to_text()
    assert "circle of radius sqrt(c) centred at (0, 0)" in text.replace("√c", "sqrt(c)") and "empty" in text


def test_course_parallel_lines_with_slope_minus_half():
    # course text 000: x + 2y = c is the line y = (c - x)/2, slope -1/2, gradient (1, 2)
    L = level_curve("x + 2y")
    case = L.cases[0]
    assert case.shape == "line" and case.fact("slope") == sp.Rational(-1, 2) and case.fact("normal") == (1, 2)
    assert L.solved == (sp.Eq(y, (C - x) / 2),) or sp.simplify(L.solved[0].rhs - (C - x) / 2) == 0
    for c, intercept in ((0, 0), (2, 1), (-2, -1)):
        assert level_curve("x + 2y", c).cases[0].fact("intercept") == intercept


@pytest.mark.parametrize("f, c, shape", [
    ("x^2 + 4y^2", 1, "ellipse"),
    ("x^2 - y^2", 1, "hyperbola"),
    ("x^2 - y^2", 0, "pair of crossing lines"),
    ("x*y", 3, "hyperbola"),
    ("(x + y)^2", 4, "parallel lines"),
    ("(x + y)^2", 0, "line"),
    ("(x + y)^2", -1, "empty"),
    ("x^2 - y", 2, "parabola"),
    ("x^2 + y^2", 0, "point"),
    ("x^2 + 2x + y^2", 3, "circle"),
    ("x^4 + y^4", 1, "curve"),
])
def test_shapes(f, c, shape):
    assert level_curve(f, c).shape == shape


def test_shifted_circle_centre_and_radius():
    case = level_curve("x^2 + 2x + y^2", 3).cases[0]
    assert case.fact("centre") == (-1, 0) and case.fact("radius") == 2


def test_crossing_lines_are_both_named():
    lines = level_curve("x*y", 0).cases[0].fact("lines")
    assert set(lines) == {sp.Eq(x, 0), sp.Eq(y, 0)}


@settings(max_examples=30)
@given(st.integers(-3, 3).filter(bool), st.integers(-3, 3))
def test_gradient_is_perpendicular_to_the_level_curve(a, b):
    f = x**2 + a * y**2 + b * x * y
    L = level_curve(f, None, at={x: 1, y: 1})
    assert L.c == f.subs({x: 1, y: 1})
    p = L.perpendicular
    assert p.dot == 0 and p.gradient == (2 + b, 2 * a + b)


def test_point_not_on_the_curve_is_refused():
    with pytest.raises(ValueError, match="not on the level curve"):
        level_curve("x^2 + y^2", 4, at="x=1, y=1")


def test_input_errors():
    with pytest.raises(ValueError, match="two variables"):
        level_curve("x + y + z", 1)
    with pytest.raises(ValueError, match="must be a number"):
        level_curve("x + y", "x")


def test_renders_in_every_format():
    L = tutor.level_curve("x^2 + y^2", 4, at="x=0, y=2")
    for fmt in ("text", "unicode", "latex", "markdown", "html"):
        assert L.render(fmt)
    assert "perpendicular" in L.to_text()
    assert L.to_dict()["type"] == "LevelCurve"
