"""Values, gradients, tangents and Taylor models at points where an odd root's argument is negative."""
from __future__ import annotations

import sympy as sp

import tutor


def test_gradient_and_directional_derivative_at_a_negative_argument():
    assert tuple(tutor.gradient("cbrt(x*y)", at="x=-8, y=1").value) == (sp.Rational(1, 12), sp.Rational(-2, 3))
    assert tutor.directional_derivative("cbrt(x*y)", (1, 0), "x=-8, y=1").value == sp.Rational(1, 12)


def test_tangent_and_taylor_of_the_real_cube_root():
    x = sp.Symbol("x")
    assert sp.expand(tutor.tangent("cbrt(x)", "x=-8").linear - (x / 12 - sp.Rational(4, 3))) == 0
    t = tutor.taylor("cbrt(x)", "x=-8", 2)
    # f(-8) = -2, f'(-8) = 1/12, f''(-8) = -2/(9·(-8)^(5/3)) = 1/144 with the real root
    expected = (-2, (x + 8) / 12, (x + 8) ** 2 / 288)
    assert all(sp.simplify(a.doit() - b) == 0 for a, b in zip(t.terms, expected)) and len(t.terms) == 3


def test_vectors_are_evaluated_entry_by_entry_with_real_roots():
    assert tuple(tutor.evaluate("(cbrt(x), x^(2/3))", "x=-8").value) == (-2, 4)
