"""surface_kind: bowl, dome, saddle, plane, degenerate, from the Hessian with exact signs."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tutor
from tutor.engine.surface import surface_kind

x, y = sp.symbols("x y")


@pytest.mark.parametrize("f, at, kind", [
    ("x^2 + y^2", None, "bowl"),            # course text 000: the paraboloid
    ("x^2 - y^2", None, "saddle"),          # course text 000: the saddle
    ("-(x^2 + y^2)", None, "dome"),
    ("x + 2y", None, "plane"),              # course text 000: the tilted plane
    ("x^4 + y^4", None, "degenerate"),      # flat to second order at the origin
    ("x^2 + y^4", "x=0, y=0", "degenerate"),
    ("x^4 + y^4 - 4x*y + 1", "x=1, y=1", "bowl"),
    ("x^4 + y^4 - 4x*y + 1", "x=0, y=0", "saddle"),
    ("sin(x)*cos(y)", "x=pi/2, y=0", "dome"),
    ("3x^2 - 4x + 5", None, "bowl"),        # one variable: convex
])
def test_kinds(f, at, kind):
    assert surface_kind(f, at).kind == kind


def test_constant_hessian_means_everywhere():
    s = surface_kind("x^2 - y^2")
    assert s.at is None and "everywhere" in s.to_text()
    t = surface_kind(x**3 + y**2)
    assert t.at == {x: 0, y: 0}  # the Hessian varies: the origin is used and stated


def test_degenerate_says_which_way_and_tilt_is_reported():
    assert surface_kind("x^2 + y^4", "x=0,y=0").flat_kind == "trough"
    assert surface_kind("x^4 + y^4").flat_kind == "flat"
    s = surface_kind("x^4 + y^4 - 4x*y + 1", "x=2, y=0")
    assert s.kind == "saddle" and not s.critical and s.gradient == (32, -8)
    assert "tilted" in s.to_text()


def test_errors_are_specific():
    with pytest.raises(ValueError, match="no value for y"):
        surface_kind("x^2 + y^2", {"x": 1})
    with pytest.raises(ValueError, match="no variables"):
        surface_kind(sp.Integer(4))


@settings(max_examples=40)
@given(st.integers(-5, 5), st.integers(-5, 5), st.integers(-5, 5))
def test_quadratic_forms_follow_the_discriminant(a, b, c):
    assume((a, b, c) != (0, 0, 0))
    disc = 4 * a * c - b * b
    kind = surface_kind(a * x**2 + b * x * y + c * y**2, variables=[x, y]).kind
    if disc > 0:
        assert kind == ("bowl" if a > 0 else "dome")
    elif disc < 0:
        assert kind == "saddle"
    else:
        assert kind == "degenerate"


def test_renders():
    s = tutor.surface_kind("x^2 + y^2", "x=1, y=2")
    for fmt in ("text", "unicode", "latex", "markdown", "html"):
        assert "bowl" in s.render(fmt)
    assert s.to_dict()["kind"] == "bowl"
