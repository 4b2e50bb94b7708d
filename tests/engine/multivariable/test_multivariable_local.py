"""Tangent lines and planes, Taylor models, directional derivatives, difference quotients, evaluation."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from tutor.engine.multivariable import difference_quotient, directional_derivative, evaluate, tangent, taylor

x, y, z = sp.symbols("x y z")


def test_tangent_to_the_course_parabola_at_minus_two():
    t = tangent(3 * x**2 - 4 * x + 5, -2)
    assert t.slope == -16 and t.value == 25
    assert t.linear == -16 * x - 7
    assert t.kind == "line" and t.dependent == sp.Symbol("y")
    assert "tangent line" in t.to_text()


def test_tangent_plane_and_hyperplane():
    t = tangent(x**2 + y**2, "x=1, y=2")
    assert t.kind == "plane" and t.slopes == (2, 4) and t.linear == 2 * x + 4 * y - 5
    assert t.dependent == sp.Symbol("z") and t.normal == sp.Tuple(2, 4, -1)
    h = tangent(x * y * z, {"x": 1, "y": 1, "z": 1})
    assert h.kind == "hyperplane" and h.linear == x + y + z - 2


def test_tangent_refuses_a_corner_and_an_undefined_point():
    with pytest.raises(ValueError, match="not differentiable"):
        tangent(sp.Abs(x), 0)
    with pytest.raises(ValueError, match="not defined"):
        tangent(sp.log(x), 0)


def test_taylor_one_variable_matches_series():
    for f, a in ((sp.exp(x), 0), (sp.log(x), 1), (sp.sin(x), sp.pi / 4)):
        t = taylor(f, a, order=4)
        expected = sp.series(f, x, a, 5).removeO()
        assert sp.simplify(t.polynomial - expected) == 0


def test_taylor_quadratic_model_two_variables():
    f = sp.exp(x) * sp.cos(y)
    t = taylor(f, "x=0, y=0", order=2)
    assert sp.expand(t.polynomial - (1 + x + x**2 / 2 - y**2 / 2)) == 0
    assert t.gradient == sp.Tuple(1, 0) and t.hessian == sp.ImmutableMatrix([[1, 0], [0, -1]])


def test_taylor_of_a_quadratic_is_itself_and_order_zero_is_the_value():
    q = 3 * x**2 - 2 * x * y + y**2 + x - 7
    assert sp.expand(taylor(q, "x=1, y=-2", 2).polynomial - q) == 0
    assert taylor(q, "x=0, y=0", 0).polynomial == -7


def test_directional_derivative_normalises_and_reports_steepest_ascent():
    d = directional_derivative(x**2 + y**2, (3, 4), at="x=1, y=1")
    assert d.unit == sp.Tuple(sp.Rational(3, 5), sp.Rational(4, 5))
    assert d.value == sp.Rational(14, 5)
    assert d.max_rate == 2 * sp.sqrt(2)
    assert d.steepest == sp.Tuple(sp.sqrt(2) / 2, sp.sqrt(2) / 2)
    # the rate along the steepest direction is the maximal rate
    along = directional_derivative(x**2 + y**2, d.steepest, at="x=1, y=1")
    assert sp.simplify(along.value - d.max_rate) == 0


def test_directional_derivative_where_the_gradient_vanishes_and_bad_directions():
    d = directional_derivative(x**2 + y**2, (1, 0), at="x=0, y=0")
    assert d.value == 0 and d.steepest is None
    with pytest.raises(ValueError, match="zero vector"):
        directional_derivative(x * y, (0, 0))
    with pytest.raises(ValueError, match="components"):
        directional_derivative(x * y, (1, 2, 3))


def test_difference_quotient_of_x_squared_at_three():
    central = difference_quotient(x**2, 3, 0.1, kind="central")
    assert central.value == 6 and central.error == 0 and central.derivative == 6
    forward = difference_quotient(x**2, 3, "0.1")
    assert forward.value == sp.Rational(61, 10) and forward.error == sp.Rational(1, 10)
    backward = difference_quotient(x**2, 3, sp.Rational(1, 10), kind="backward")
    assert backward.value == sp.Rational(59, 10) and backward.error == sp.Rational(-1, 10)
    text = central.to_text()
    assert "9.61" in text and "8.41" in text and "forward" in text and "backward" in text


def test_central_quotient_error_shrinks_like_h_squared():
    errors = [abs(float(difference_quotient(sp.exp(x), 0, sp.Rational(1, 10**k), "central").error)) for k in (1, 2)]
    assert errors[1] < errors[0] / 50


def test_difference_quotient_bad_input():
    with pytest.raises(ValueError, match="non-zero"):
        difference_quotient(x**2, 3, 0)
    with pytest.raises(ValueError, match="unknown kind"):
        difference_quotient(x**2, 3, 0.1, kind="sideways")
    with pytest.raises(ValueError, match="several variables"):
        difference_quotient(x * y, "x=1, y=2", 0.1)
    assert difference_quotient(x * y, "x=1, y=2", 0.1, var="x").value == 2


def test_evaluate_exact_values_vectors_and_undefined_points():
    assert evaluate(x**2 + y**2, "x=1, y=1").value == 2
    assert evaluate(x**2 + y**2, {"x": 0, "y": 2}).value == 4
    e = evaluate(sp.sqrt(x), 2)
    assert e.value == sp.sqrt(2) and abs(e.approx - 1.41421356) < 1e-8
    assert evaluate(sp.Tuple(x, x**2), 3).value == sp.Tuple(3, 9)
    assert evaluate(1 / x, 0).value is None


def test_every_result_renders_and_serialises():
    results = [tangent(x**2, 1), taylor(sp.exp(x), 0, 3), directional_derivative(x * y, (1, 1), "x=1, y=2"),
               difference_quotient(x**2, 3, 0.1), evaluate(x + 1, 2)]
    for r in results:
        for fmt in ("text", "unicode", "latex", "markdown", "html"):
            assert r.render(fmt)
        json.dumps(r.to_dict())
        assert r._repr_latex_() and r._repr_markdown_()


def test_quotient_sentence_keeps_the_numerator_in_the_order_written():
    """The course's ratio of intervals: (f(3.1) − f(2.9))/0.2, not (−f(2.9) + f(3.1))/0.2."""
    from tutor import difference_quotient

    central = difference_quotient("x^2", 3, "0.1", kind="central")
    assert "(f(3.1) − f(2.9))/0.2 = 1.2/0.2 = 6" in central.to_unicode()
    assert "(f(3.1) - f(2.9))/0.2" in central.to_text()
    assert r"f{\left(3.1 \right)} - f{\left(2.9 \right)}" in central.to_latex()
    backward = difference_quotient("x^2", 3, "0.1", kind="backward")
    assert "(f(3) − f(2.9))/0.1" in backward.to_unicode()
