"""Input coercion: variable order, points, and exact numbers."""
from __future__ import annotations

import pytest
import sympy as sp

from tutor.engine.inputs import as_expr, as_point, ordered_variables

x, y = sp.symbols("x y")


def test_variables_sort_alphabetically_with_numeric_suffixes_numerically():
    w1, w2, w10, b = sp.symbols("w1 w2 w10 b")
    assert ordered_variables(w10 + w2 + w1 + b) == (b, w1, w2, w10)


def test_given_variables_keep_their_order():
    assert ordered_variables(x + y, ["y", "x"]) == (y, x)


def test_floats_become_exact_rationals():
    assert as_expr(0.25) == sp.Rational(1, 4)
    assert as_expr(3) == sp.Integer(3)


def test_points_from_sequences_and_mappings():
    assert as_point((1, 2), (x, y)) == {x: 1, y: 2}
    assert as_point({"x": 0.5}) == {x: sp.Rational(1, 2)}


def test_point_with_wrong_dimension_names_the_problem():
    with pytest.raises(ValueError, match="2 coordinate"):
        as_point((1, 2), (x,))
