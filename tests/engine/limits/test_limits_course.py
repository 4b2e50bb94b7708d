"""The course's examples (seed text 000): path dependence, a parabola witness, a proof."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from tutor.engine.limits import LimitResult, limit

x, y, z = sp.symbols("x y z")
O2 = {x: 0, y: 0}


def _paths(res: LimitResult) -> list[tuple]:
    return [tuple(e for e in w.path.equations) for w in res.witnesses]


def test_xy_over_r2_does_not_exist_with_axis_and_diagonal():
    res = limit(x * y / (x**2 + y**2), O2)
    assert res.exists is False
    assert [w.value for w in res.witnesses] == [0, sp.Rational(1, 2)]
    assert res.witnesses[0].path.name == "the x-axis"
    assert _paths(res)[1] == (sp.Eq(y, x),)
    assert res.proof is None
    assert "along y = x the values tend to 1/2" in res.witnesses[1].to_text().lower()


def test_difference_of_squares_over_r2_does_not_exist():
    res = limit((x**2 - y**2) / (x**2 + y**2), O2)
    assert res.exists is False
    values = {w.value for w in res.witnesses}
    assert values == {1, 0}
    assert res.witnesses[0].path.name == "the x-axis" and _paths(res)[1] == (sp.Eq(y, x),)


def test_parabola_witness_although_every_line_gives_zero():
    res = limit(x**2 * y / (x**4 + y**2), O2)
    assert res.exists is False
    assert _paths(res)[1] == (sp.Eq(y, x**2),) and res.witnesses[1].value == sp.Rational(1, 2)
    lines = [s for s in res.steps if s.kind == "family" and s.data["kind"] == "line"]
    assert lines and lines[0].data["value"] == 0 and lines[0].data["depends"] is False
    assert "y = x^2 the values tend to 1/2" in res.to_text()


def test_sin_r2_over_r2_tends_to_one_with_a_proof():
    res = limit(sp.sin(x**2 + y**2) / (x**2 + y**2), O2)
    assert res.exists is True and res.value == 1
    assert res.proof is not None and res.proof.kind in ("composition", "squeeze")
    assert res.witnesses == ()


def test_squeeze_proof_carries_a_bound_that_really_bounds():
    f = x**2 * y / (x**2 + y**2)
    res = limit(f, O2)
    assert res.exists is True and res.value == 0 and res.proof.kind == "squeeze"
    g, rho = res.proof.bound, res.proof.radius
    r = next(iter(g.free_symbols))
    # check the bound at points on a circle of radius 1/10 (independent of the engine)
    for k in range(12):
        th = sp.pi * k / 6
        pt = {x: sp.Rational(1, 10) * sp.cos(th), y: sp.Rational(1, 10) * sp.sin(th)}
        assert abs(float(f.subs(pt))) <= float(g.subs(r, sp.Rational(1, 10))) + 1e-15
    assert rho > 0


def test_hugging_path_for_xy_over_x_plus_y():
    res = limit(x * y / (x + y), O2)
    assert res.exists is False
    hug = res.witnesses[1]
    (eq,) = hug.path.equations
    # the witness path is y = -x + c x^2: it stays inside the domain x + y != 0
    assert sp.expand(eq.rhs + x).as_poly(x).degree() == 2
    along = (x * y / (x + y)).subs(y, eq.rhs)
    assert sp.limit(along, x, 0) == hug.value != 0


def test_unbounded_function_tends_to_infinity():
    res = limit(1 / (x**2 + y**2), O2)
    assert res.exists is True and res.value == sp.oo


def test_unbounded_with_signs_does_not_exist():
    res = limit(x / (x**2 + y**2), O2)
    assert res.exists is False
    assert {w.value for w in res.witnesses} <= {sp.oo, -sp.oo, 0}
    assert any(w.value.is_infinite for w in res.witnesses)


def test_renders_in_every_format_and_json():
    res = limit(x * y / (x**2 + y**2), O2)
    for fmt in ("text", "unicode", "latex", "markdown", "html"):
        assert "does not exist" in res.render(fmt)
    data = json.loads(res.render("json"))
    assert data["exists"] is False and len(data["witnesses"]) == 2
    assert data["witnesses"][1]["value"] == "1/2"


def test_point_away_from_origin_is_translated():
    res = limit((x - 1) ** 2 * (y - 2) / ((x - 1) ** 2 + (y - 2) ** 2), {x: 1, y: 2})
    assert res.exists is True and res.value == 0
    assert any(s.kind == "translate" for s in res.steps)


def test_continuous_function_by_substitution():
    res = limit(sp.exp(x * y) * sp.cos(x + y), {x: 0, y: sp.pi})
    assert res.exists is True and res.value == -1 and res.proof.kind == "continuity"


def test_three_variables():
    assert limit(x * y * z / (x**2 + y**2 + z**2), {x: 0, y: 0, z: 0}).value == 0
    res = limit((x * y + y * z + z * x) / (x**2 + y**2 + z**2), {x: 0, y: 0, z: 0})
    assert res.exists is False and len(res.witnesses) == 2


@pytest.mark.parametrize("f, side, value", [(sp.Abs(x) / x, "+", 1), (sp.Abs(x) / x, "-", -1),
                                            (1 / x, "+", sp.oo)])
def test_one_variable_one_sided(f, side, value):
    res = limit(f, {x: 0}, direction=side)
    assert res.exists is True and res.value == value


def test_one_variable_two_sided_jump_does_not_exist():
    res = limit(sp.Abs(x) / x, {x: 0})
    assert res.exists is False and {w.value for w in res.witnesses} == {1, -1}


@pytest.mark.parametrize("f, at, message", [
    (x * y, {x: 0}, "no value for y"),
    (x * y, {x: 0, y: sp.oo}, "finite real"),
    (x + y, {x: 0, y: 0, z: 0, sp.Symbol("w"): 0}, "more than three"),
])
def test_bad_requests_are_clear_errors(f, at, message):
    with pytest.raises(ValueError, match=message):
        limit(f, at)


def test_direction_needs_one_variable():
    with pytest.raises(ValueError, match="one variable"):
        limit(x * y, O2, direction="+")
