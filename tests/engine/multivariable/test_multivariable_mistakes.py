"""Gradient mistakes: swapped components and one component done wrongly."""
from __future__ import annotations

import sympy as sp

from tutor.engine.multivariable.mistakes import gradient_mistakes

x, y, z = sp.symbols("x y z")


def test_swapped_components_of_the_course_gradient():
    ms = gradient_mistakes(x**4 + y**2)
    swapped = [m for m in ms if m.key == "gradient-swapped"]
    assert [m.expr for m in swapped] == [sp.Tuple(2 * y, 4 * x**3)]
    assert "order (x, y)" in swapped[0].description


def test_one_component_wrong_names_the_component():
    ms = gradient_mistakes(x**4 + y**2)
    lowered = [m for m in ms if m.key == "power-rule-exponent-not-lowered"]
    assert sp.Tuple(4 * x**4, 2 * y) in [m.expr for m in lowered]
    assert any(m.description.startswith("In ∂f/∂x:") for m in lowered)


def test_no_mistake_is_the_right_gradient():
    right = sp.Tuple(y * z, x * z, x * y)
    for m in gradient_mistakes(x * y * z):
        assert m.expr != right


def test_equal_components_give_no_swap_mistake():
    # ∇(x + y)² = (2x + 2y, 2x + 2y): swapping changes nothing, so it is no mistake
    assert all(m.key != "gradient-swapped" for m in gradient_mistakes((x + y) ** 2))
