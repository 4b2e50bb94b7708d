"""critical_points as an API: the sequence it returns, inputs, domains, timeouts, renderers."""
from __future__ import annotations

import json

import pytest
import sympy as sp

from tutor.engine.critical import CriticalPoint, CriticalPoints, critical_points

x, y, z, w = sp.symbols("x y z w")


def test_result_behaves_as_a_list_of_points():
    r = critical_points(x**4 + y**4 - 4 * x * y + 1)
    assert isinstance(r, CriticalPoints)
    assert len(r) == 3
    assert all(isinstance(p, CriticalPoint) for p in r)
    assert r[0].point == {x: -1, y: -1} and r[-1].point == {x: 1, y: 1}
    assert [p.kind for p in r[1:]] == ["saddle", "minimum"]
    assert r[1] in r and list(reversed(r))[0] is r[2]
    assert [p.coordinates for p in r.of_kind("minimum")] == [(-1, -1), (1, 1)]
    assert r.complete and r.domain.is_everything()


def test_point_fields():
    p = critical_points(x**2 + x * y + y**2 - 3 * x)[0]
    assert p.point == {x: 2, y: -1} and p.value == -3
    assert p.hessian == sp.Matrix([[2, 1], [1, 2]])
    assert p.kind == p.conclusion == "minimum" and p.is_global is True
    names = [q.name for q in p.test.quantities]
    assert names == ["D", "f_xx"] and [q.value for q in p.test.quantities] == [3, 2]


def test_text_and_sympy_inputs_agree():
    a = critical_points("x^3 + y^3 - 3xy")
    b = critical_points(x**3 + y**3 - 3 * x * y)
    assert [(p.point, p.kind) for p in a] == [(p.point, p.kind) for p in b]
    assert critical_points("t^2 - 2t", ["t"])[0].point == {sp.Symbol("t"): 1}


def test_floats_become_exact():
    r = critical_points(sp.Float(0.5) * x**2 - sp.Float(1.5) * x)
    assert r[0].point[x] == sp.Rational(3, 2) and not r[0].value.has(sp.Float)


def test_polynomial_domain_filters_and_is_stated():
    r = critical_points(x**3 - 3 * x + y**3 - 3 * y, domain={x: (0, 2), y: (0, 2)})
    assert [p.point for p in r] == [{x: 1, y: 1}]
    assert r.domain.given and r.complete
    assert "0 < x < 2" in r.to_text()
    assert critical_points("x^3 - 3x + y^3 - 3y", domain="x=0..2, y=-2..0")[0].kind == "saddle"


def test_transcendental_default_box_is_stated():
    r = critical_points("x + sin(x)")
    assert [float(p.point[x]) for p in r] == pytest.approx([-3 * 3.14159265, -3.14159265, 3.14159265, 3 * 3.14159265])
    assert r.domain.bounds[0][1:] == (-10, 10) and not r.domain.given
    assert "the default" in r.to_text()
    assert any(n.key == "periodic" for n in r.notes) and dict(r.periods)[x] == 2 * sp.pi


@pytest.mark.parametrize("bad, message", [
    ("x^2 + y^2", "not a variable"),
])
def test_domain_errors_are_specific(bad, message):
    with pytest.raises(ValueError, match=message):
        critical_points(bad, domain={"q": (0, 1)})


@pytest.mark.parametrize("domain, message", [
    ("x=0..", "write it like"),
    ("x=2..1", "empty"),
    ("x 0..1", "write it like"),
])
def test_domain_text_errors(domain, message):
    with pytest.raises(ValueError, match=message):
        critical_points("x^2", domain=domain)


def test_inputs_that_are_not_one_function():
    with pytest.raises(ValueError, match="no variables"):
        critical_points(sp.Integer(3))
    with pytest.raises(ValueError, match="one real-valued function"):
        critical_points(sp.Tuple(x, y))


def test_constant_in_some_variable_gives_a_family_of_everything():
    r = critical_points(sp.Integer(2), [x, y])
    assert len(r) == 0 and len(r.families) == 1 and r.families[0].conclusion == "constant"


def test_timeout_is_a_result_not_an_exception():
    # a sextic used by no other test (the worker caches solved systems) that needs about 2 s
    r = critical_points(x**6 + y**6 - 5 * x**3 * y**2 + 3 * x * y + x - 2 * y, timeout=0.01)
    assert r.complete is False and r.timed_out
    assert "cut short" in r.to_text()


def test_sympy_24185_lagrangian_in_four_variables():
    # sympy#24185: solve(real=True) returns a wrong answer for this Lagrange system
    L = w * (x**2 + y**2 + z**2 - 1) + x**2 - y**2 - z**2
    r = critical_points(L, [w, x, y, z])
    assert sorted(p.coordinates for p in r) == [(-1, -1, 0, 0), (-1, 1, 0, 0)]
    assert all(p.kind == "saddle" for p in r)
    (fam,) = r.families
    assert set(fam.equations) == {w - 1, x, y**2 + z**2 - 1} and fam.value == -1


def test_course_text_002_is_corrected():
    r = critical_points("ln(x^4 + x^3 + 2)")
    zero = next(p for p in r if p.point[x] == 0)
    assert zero.kind == "inconclusive" and zero.conclusion == "not an extremum"
    text = zero.to_text()
    assert "stationary inflection point" in text and "order 3" in text
    low = next(p for p in r if p.point[x] == sp.Rational(-3, 4))
    assert low.is_global and float(low.value) == pytest.approx(0.638971, abs=1e-6)


def test_issue_example_wording_for_x4_plus_y4():
    text = critical_points("x^4 + y^4").to_text()
    assert "inconclusive" in text and "along every line" in text and ">= 0" not in text
    assert "x^4 + y^4 ≥ 0" in text and "a global minimum" in text


def test_every_format_renders_and_json_is_serialisable():
    for f, dom in [("x^4 + y^4 - 4x*y + 1", None), ("x^2*y", None), ("25 sin(x) - x^2", None),
                   ("sin(x)*cos(y)", "x=0..6.3, y=0..6.3"), ("x^6/6 - 2x^2 + 2x", None)]:
        r = critical_points(f, domain=dom)
        for fmt in ("text", "unicode", "latex", "markdown", "html"):
            assert r.render(fmt)
        data = json.loads(json.dumps(r.to_dict()))
        assert data["type"] == "CriticalPoints" and data["complete"] == r.complete
        assert len(data["points"]) == len(r)
        for p in r:
            assert p.to_markdown() and p._repr_latex_()


def test_numeric_points_have_many_digits_and_say_so():
    r = critical_points("25 sin(x) - x^2")
    assert not r.complete and r.method == "numeric"
    p = r[0]
    assert not p.exact and float(p.point[x]) == pytest.approx(-8.614287320684729, rel=1e-14)
    assert "numerically" in p.to_text()


def test_families_in_three_variables():
    # a sum of squares vanishing on two lines: both are lines of (non-strict) minima
    r = critical_points("(x - 1)^2*(y + 2)^2 + z^2")
    assert len(r) == 0 and sorted(f.conclusion for f in r.families) == ["minimum", "minimum"]
    # f = xyz: the three axes; at a generic point of each the Hessian is indefinite
    r = critical_points("x*y*z")
    assert len(r.families) == 3 and {f.conclusion for f in r.families} == {"not an extremum"}


def test_functions_numpy_cannot_evaluate_do_not_crash():
    # |x| has one critical point, where its derivative does not exist (it used to come back incomplete)
    r = critical_points("abs(x)")
    assert [(p.coordinates, p.kind, p.conclusion, p.is_global) for p in r] == [((0,), "singular", "minimum", True)]
    assert r.complete is True and "no gradient" in r.to_text()
