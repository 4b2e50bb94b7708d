"""Laws behind the issue-19 methods: real roots, quotient reductions, oscillation witnesses."""
from __future__ import annotations

import math

import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tutor
from tutor.engine.limits import limit
from tutor.engine.limits.oscillate import N
from tutor.engine.real_roots import has_odd_root, real_form

X, Y = sp.symbols("x y")


@given(st.integers(-7, 7).filter(lambda p: p != 0), st.sampled_from([3, 5, 7]),
       st.fractions(-50, 50).filter(lambda v: v != 0))
@settings(max_examples=60, deadline=None)
def test_real_form_is_the_real_root(p, q, v):
    """b^(p/q), q odd, is sign(b)^p·|b|^(p/q): its q-th power is b^p, and it is real."""
    e = real_form(X ** sp.Rational(p, q)).subs(X, sp.Rational(v))
    assert e.is_extended_real
    assert sp.simplify(e**q - sp.Rational(v) ** p) == 0


@given(st.integers(-9, 9).filter(lambda a: a != 0))
@settings(max_examples=20, deadline=None)
def test_cbrt_evaluation_limit_and_derivative_agree(a):
    value = tutor.evaluate("cbrt(x)", f"x={a}").value
    assert value.is_extended_real and sp.simplify(value**3 - a) == 0
    assert sp.simplify(tutor.limit("cbrt(x)", f"x={a}").value - value) == 0
    slope = tutor.evaluate(tutor.derivative("cbrt(x)", "x").result, f"x={a}").value
    assert sp.simplify(slope - 1 / (3 * value**2)) == 0  # the real root's slope, also for a < 0


def test_real_form_leaves_even_roots_and_nonnegative_bases():
    assert real_form(sp.sqrt(X)) == sp.sqrt(X)
    assert real_form((X**2 + Y**2) ** sp.Rational(1, 3)) == (X**2 + Y**2) ** sp.Rational(1, 3)
    assert has_odd_root(X ** sp.Rational(2, 3)) and not has_odd_root(sp.sqrt(X))


_INNER = st.sampled_from([X, X * Y, X**2 * Y, X * Y**2])
_OUTER = st.sampled_from([(sp.sin, 1), (sp.tan, 1), (lambda u: sp.exp(u) - 1, 1), (lambda u: sp.log(1 + u), 1)])


@given(_INNER, _OUTER, st.integers(-3, 3), st.integers(1, 3))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_factor_reduction_finds_the_one_variable_limit(w, outer, c, b):
    """f = G·φ(w)/w at (0, b): the limit is G(0, b)·φ′(0); proved, and the value is right."""
    phi, slope = outer
    G = c + Y
    f = G * phi(w) / w
    res = limit(f, {X: 0, Y: b}, timeout=20)
    assert res.exists is True and res.proof is not None
    assert sp.simplify(res.value - (c + b) * slope) == 0


@given(st.sampled_from([sp.sin, sp.exp, sp.atan, sp.sinh]), st.integers(-2, 2))
@settings(max_examples=12, deadline=None)
def test_mean_value_reduction_is_the_derivative(g, a):
    res = limit((g(X) - g(Y)) / (X - Y), {X: a, Y: a}, timeout=20)
    assert res.exists is True and res.proof.kind == "mean-value"
    assert sp.simplify(res.value - sp.diff(g(X), X).subs(X, a)) == 0


def test_oscillation_witnesses_are_sequences_in_the_domain_tending_to_the_point():
    res = limit("sin(1/(x^2 + y^2))", "x=0, y=0")
    assert res.exists is False
    for w in res.witnesses:
        assert w.path.approach == sp.oo and w.path.parameter == N
        for c in w.path.coords:
            assert sp.limit(c, N, sp.oo) == 0
        f = sp.sin(1 / (X**2 + Y**2)).xreplace(dict(zip((X, Y), w.path.coords)))
        assert sp.limit(f, N, sp.oo) == w.value
    assert "n = 1, 2, 3, …" in res.to_text()


def test_one_sided_oscillation_keeps_its_side():
    res = limit("sin(1/x)", "x=0", direction="-")
    assert res.exists is False
    for w in res.witnesses:
        x1 = w.path.coords[0].subs(N, 1)
        assert x1 < 0


def test_squeeze_still_proves_a_vanishing_factor_times_an_oscillating_one():
    for f in ("x*sin(1/y)", "(x^2 + y^2)*sin(1/(x*y))", "y*cos(1/x)"):
        res = limit(f, "x=0, y=0")
        assert res.exists is True and res.value == 0 and res.proof.kind == "squeeze"


def test_reduction_proof_says_what_was_checked():
    res = limit("sin(x*y)/x", "x=0, y=1")
    text = res.to_unicode()
    assert res.proof.kind == "reduction" and "U = x·y" in text and "|1 − sin(U)/U| ≤ U²/6" in text
    assert "The factor y is continuous at (0, 1)" in text
    d = res.to_dict()
    assert d["proof"]["kind"] == "reduction" and "substituting back" in " ".join(d["proof"]["checks"])


def test_plot_draws_witness_sequences(tmp_path):
    import numpy as np

    from tutor.plots.limits import _witness_points, is_sequence, limit_figure

    res = limit("sin(1/(x^2 + y^2))", "x=0, y=0")
    assert all(is_sequence(w) for w in res.witnesses)
    pts = _witness_points(res.witnesses[0], (0.0, 0.0), 1.0)
    inside = pts[~np.isnan(pts[:, 0])]
    assert len(inside) > 10 and np.all(np.abs(inside) <= 1.0001) and math.isclose(inside[-1, 1], 0.0)
    out = limit_figure(res, tmp_path / "osc.png")
    assert out.stat().st_size > 10_000
