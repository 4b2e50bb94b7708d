"""The numeric core: tree evaluation over arrays, exact modular fingerprints, seeded sampling."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from grader.numeric import Fingerprint, Unsupported, evaluate, fingerprint_equal
from grader.numeric.magnitude import decimal_magnitude, evaluate_with_magnitude
from grader.numeric.sampling import sample, seed_of

x, y = sp.symbols("x y")
R = sp.Rational
POINTS = np.array([-2.0, -0.5, 0.5, 1.5, 3.0])


@pytest.mark.parametrize("expr", [
    2 * x * sp.cos(x**2) + 3 * x**2 - 1,
    sp.exp(x) / (1 + x**2),
    sp.atan(x) + sp.sinh(x) - sp.Abs(x - 1),
    sp.sec(x) ** 2 - sp.cot(x + 5),
    sp.Max(0, x) + sp.Min(x, 1) + sp.sign(x),
    sp.Piecewise((x**2, x < 0), (sp.sin(x), True)),
])
def test_evaluate_agrees_with_sympy_at_each_point(expr):
    got = evaluate(expr, {x: POINTS})
    want = [float(expr.subs(x, sp.nsimplify(p))) for p in POINTS]
    assert np.allclose(got, want, rtol=1e-12, atol=1e-12)


def test_values_outside_the_real_domain_are_nan_or_infinite():
    got = evaluate(sp.log(x) + sp.sqrt(x) + x ** R(1, 3), {x: np.array([-1.0, 4.0])})
    assert np.isnan(got[0]) and np.isfinite(got[1])
    assert not np.isfinite(evaluate(1 / x, {x: np.array([0.0])})[0])


def test_unknown_functions_and_imaginary_numbers_are_unsupported():
    f = sp.Function("f")
    with pytest.raises(Unsupported):
        evaluate(f(x), {x: POINTS})
    with pytest.raises(Unsupported):
        evaluate(x + sp.I, {x: POINTS})


def test_rounding_magnitude_sees_cancellation():
    # x - 1/3 near 1/3: the value is tiny but the terms are not
    v, m = evaluate_with_magnitude(x - R(1, 3), {x: np.array([0.3333])})
    assert abs(v[0]) < 1e-4 and m[0] > 0.6


def test_decimal_magnitude_counts_only_typed_decimals():
    env = {x: np.array([2.0])}
    assert decimal_magnitude(R(2, 3) * x + 5, env)[0] == 0
    assert decimal_magnitude(R(3333, 10000) * x, env)[0] == pytest.approx(0.2)  # 0.1 per unit of x
    assert decimal_magnitude(R(3333, 10000) * x, env, per_digit=False)[0] == pytest.approx(0.6666)


def test_fingerprint_proves_rational_identities_and_sees_tiny_changes():
    assert fingerprint_equal((x + 1) ** 2, x**2 + 2 * x + 1) is True
    assert fingerprint_equal((x**2 - y**2) / (x - y), x + y) is True
    assert fingerprint_equal(x**2, x**2 + x / 10**20) is False


def test_fingerprint_with_opaque_subtrees_proves_but_never_refutes():
    assert fingerprint_equal(sp.sin(x) * (x + 1), x * sp.sin(x) + sp.sin(x)) is True
    assert fingerprint_equal(sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x)) is None
    assert Fingerprint(x + sp.Float(0.5)).compare(x) is None


def test_sampling_is_deterministic_and_stays_on_the_domain():
    a = sample(sp.log(x - 3), (x,))
    sample.cache_clear()
    b = sample(sp.log(x - 3), (x,))
    assert np.array_equal(a.points, b.points) and a.seed == b.seed == seed_of(sp.log(x - 3), (x,))
    assert a.size >= 8 and np.all(a.points[:, 0] > 3)


def test_sampling_includes_large_magnitudes_and_adapts_to_narrow_domains():
    wide = sample(x**3 - x, (x,))
    assert {10.0, -10.0, 100.0, -100.0, 1000.0, -1000.0} <= set(wide.points[:, 0])
    narrow = sample(sp.asin(x - 5), (x,))
    assert narrow.size >= 8 and np.all(np.abs(narrow.points[:, 0] - 5) <= 1)


def test_two_variable_points_do_not_put_x_equal_to_y():
    s = sample(x * y + x, (x, y))
    assert not np.any(np.isclose(s.points[:, 0], s.points[:, 1]))


def test_an_expression_with_no_real_values_gives_an_empty_sample():
    assert sample(sp.sqrt(-1 - x**2), (x,)).size == 0
