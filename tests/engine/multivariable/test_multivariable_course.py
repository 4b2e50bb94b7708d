"""Partials, gradient, Hessian, Jacobian, Clairaut: the course's examples and the laws they obey."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.derivative.check import problems
from tutor.engine.multivariable import clairaut, gradient, hessian, jacobian, partial

x, y, z = sp.symbols("x y z")
w2, w10 = sp.symbols("w2 w10")


def test_partials_of_3x2_plus_2y():
    assert partial(3 * x**2 + 2 * y, x).result == 6 * x
    assert partial(3 * x**2 + 2 * y, "y").result == 2


def test_mixed_partial_order_is_x_first_then_y():
    d = partial(x**2 * y**3, x, y)
    assert d.variables == (x, y) and d.result == 6 * x * y**2
    assert problems(d) == []


def test_gradient_of_x4_plus_y2():
    g = gradient(x**4 + y**2)
    assert g.variables == (x, y)
    assert g.result == sp.Tuple(4 * x**3, 2 * y)
    assert g.vector == sp.ImmutableMatrix([4 * x**3, 2 * y])
    for d in g.partials:
        assert problems(d) == []
    assert "Treat y as a constant" in g.to_text()


def test_gradient_order_is_alphabetical_with_numeric_suffixes():
    g = gradient(w10 * w2 + w2**2)
    assert g.variables == (w2, w10)
    assert gradient(x * y, variables=["y", "x"]).result == sp.Tuple(x, y)


def test_gradient_at_a_point():
    g = gradient(x**4 + y**2, at={"x": 1, "y": 3})
    assert g.value == sp.Tuple(4, 6)
    # a variable that only the point names is a variable the function does not depend on
    assert gradient(x * y, at="x=1, y=2, q=3").value == sp.Tuple(0, 2, 1)


def test_hessian_and_its_symmetry():
    h = hessian(x**2 * y + y**3, at="x=1, y=2")
    assert h.result == sp.ImmutableMatrix([[2 * y, 2 * x], [2 * x, 6 * y]])
    assert h.value == sp.ImmutableMatrix([[4, 2], [2, 12]])
    assert h.symmetric is True
    assert h.gradient.value == sp.Tuple(4, 13)


def test_jacobian_rows_are_gradients():
    j = jacobian([x * y, x + y, sp.sin(x)])
    assert j.result == sp.ImmutableMatrix([[y, x], [1, 1], [sp.cos(x), 0]])
    assert j.result.shape == (3, 2)
    assert jacobian("(x*y, x + y)", at="x=2, y=3").value == sp.ImmutableMatrix([[3, 2], [1, 1]])


def test_clairaut_mixed_partials_agree_for_smooth_functions():
    c = clairaut(sp.exp(x * y) + x**3 * z**2 * y)
    assert c.holds is True and len(c.pairs) == 3
    assert "Clairaut" in c.to_text()


SMOOTH = st.sampled_from([x * y, x**2 * y**3, sp.sin(x * y), sp.exp(x + 2 * y), x * sp.cos(y) + y * sp.log(x),
                          (x + y) ** 3, x / (1 + y**2), sp.atan(x * y)])


@settings(max_examples=20)
@given(SMOOTH, SMOOTH)
def test_laws_gradient_is_linear_and_hessian_is_symmetric(f, g):
    a, b = gradient(f + 2 * g, variables=[x, y]).result, gradient(f, variables=[x, y]).result
    c = gradient(g, variables=[x, y]).result
    assert all(sp.simplify(p - (q + 2 * r)) == 0 for p, q, r in zip(a, b, c))
    assert hessian(f, variables=[x, y]).symmetric is True


@pytest.mark.parametrize("call, message", [
    (lambda: gradient(sp.Integer(3)), "no variables"),
    (lambda: gradient(x * y, at="x=1"), "no value for y"),
    (lambda: gradient(x * y, variables=["x", "y"], at="x=1, y=2, q=3"), "not one of the variables"),
    (lambda: hessian(sp.log(x) + y, at="x=0, y=1"), "not defined"),
    (lambda: jacobian([]), "list of functions"),
    (lambda: partial(x * y, "2x"), "not a variable name"),
])
def test_bad_requests_get_specific_messages(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_renderers_and_json_for_every_result():
    for r in (gradient(x**4 + y**2), hessian(x * y), jacobian([x * y, x]), clairaut(x * y)):
        for fmt in ("text", "unicode", "latex", "markdown", "html"):
            assert r.render(fmt)
        data = r.to_dict()
        assert data["type"] == type(r).__name__
