"""The pieces of the limit engine: continuity, lemmas, AM-GM, squeeze soundness, paths, budget."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.engine.limits import limit
from tutor.engine.limits.continuity import NotCertified, continuity_facts, is_continuous
from tutor.engine.limits.frame import Frame
from tutor.engine.limits.lemmas import U, all_lemmas
from tutor.engine.limits.newton import newton_exponents
from tutor.engine.limits.paths import T, Probe, Rational_
from tutor.engine.limits.pseudo import amgm
from tutor.engine.limits.squeeze import prove_squeeze

x, y, z = sp.symbols("x y z", real=True)
X, Y = sp.symbols("x y")
ZERO = {x: sp.Integer(0), y: sp.Integer(0)}


# ---- continuity ----------------------------------------------------------------------------

def test_continuity_records_the_denominator_and_log_facts():
    facts = continuity_facts(sp.log(1 + x) / (x**2 + 3), {x: sp.Integer(1)})
    kinds = {(f.what, f.value) for f in facts}
    assert ("denominator", 4) in kinds and ("log argument", 2) in kinds


@pytest.mark.parametrize("f", [x * y / (x**2 + y**2), sp.log(x**2 + y**2), sp.sign(x), sp.floor(x),
                               sp.tan(x + sp.pi / 2), (x + y) ** sp.Rational(1, 2) / x])
def test_discontinuities_are_not_certified(f):
    with pytest.raises(NotCertified):
        continuity_facts(f, ZERO)


def test_root_of_zero_is_continuous_on_its_domain():
    assert is_continuous(sp.sqrt(x**2 + y**2), ZERO)


# ---- lemmas ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lem", all_lemmas(), ids=lambda lem: lem.key)
def test_every_lemma_holds_on_a_fine_grid(lem):
    """|F(u) − T(u)| ≤ C|u|^m wherever the lemma says (|u| ≤ δ, or |u| ≤ 5 when unrestricted)."""
    f = sp.lambdify(U, lem.head(U) - lem.taylor, "mpmath")
    top = float(lem.delta) if lem.delta is not None else 5.0
    with mpmath.workdps(30):
        for i in range(1, 301):
            for sign in (1, -1):
                u = mpmath.mpf(sign * top * i) / 300
                assert abs(f(u)) <= float(lem.C) * abs(u) ** float(lem.m) * (1 + 1e-12), (lem.key, u)


# ---- AM–GM ------------------------------------------------------------------------------------

even = st.integers(0, 3).map(lambda k: 2 * k)


@settings(max_examples=60)
@given(a=st.tuples(st.integers(0, 6), st.integers(0, 6)),
       support=st.lists(st.tuples(st.integers(1, 3), even, even).filter(lambda t: t[1] + t[2] > 0),
                        min_size=1, max_size=4),
       pt=st.tuples(st.floats(-1, 1), st.floats(-1, 1)))
def test_amgm_certificate_is_a_true_inequality(a, support, pt):
    sup = [(sp.Integer(c), (Fraction(i), Fraction(j))) for c, i, j in support]
    cert = amgm(tuple(Fraction(v) for v in a), sup)
    if cert is None:
        return
    K, slack, _ = cert
    px, py = pt
    E = sum(c * abs(px) ** i * abs(py) ** j for c, i, j in support)
    lhs = abs(px) ** a[0] * abs(py) ** a[1]
    rhs = float(K) * E * abs(px) ** float(slack[0]) * abs(py) ** float(slack[1])
    assert lhs <= rhs * (1 + 1e-9) + 1e-12


# ---- the squeeze never proves a wrong value ----------------------------------------------------

@pytest.mark.parametrize("f, L", [(x * y / (x**2 + y**2), 0), (x**2 / (x**2 + y**2), 0), (x**2 / (x**2 + y**2), 1),
                                  (x**2 * y / (x**4 + y**2), 0), (sp.sin(x**2 + y**2) / (x**2 + y**2), 0)])
def test_squeeze_refuses_false_claims(f, L):
    assert prove_squeeze(f, sp.Integer(L), (x, y)) is None


@settings(max_examples=40)
@given(coeffs=st.lists(st.integers(-3, 3), min_size=4, max_size=4), m=st.integers(1, 2),
       L=st.integers(-2, 2), pt=st.tuples(st.floats(-0.5, 0.5), st.floats(-0.5, 0.5)))
def test_squeeze_bounds_are_sound_for_random_quotients(coeffs, m, L, pt):
    """If a bound is returned it holds at an independent random point (and the value is right)."""
    P = coeffs[0] * x**3 + coeffs[1] * x * y**2 + coeffs[2] * x**2 * y**2 + coeffs[3] * y**5
    f = P / (x**2 + 2 * y**2) ** m + L
    sq = prove_squeeze(f, sp.Integer(L), (x, y))
    if sq is None:
        return
    r = sp.sqrt(pt[0] ** 2 + pt[1] ** 2)
    if r == 0 or r > sq.radius:
        return
    val = abs(float((f - L).subs({x: pt[0], y: pt[1]})))
    bound = float(sq.bound.subs(next(iter(sq.bound.free_symbols)), r)) if sq.bound.free_symbols else float(sq.bound)
    assert val <= bound * (1 + 1e-9) + 1e-12


# ---- paths and Newton polygons -----------------------------------------------------------------

def test_leading_terms_along_paths():
    rat = Rational_.of(x**2 * y / (x**4 + y**2), (x, y))
    k = sp.Symbol("k", real=True)
    lead = rat.leading((T, k * T**2))
    assert lead.order == 0 and sp.simplify(lead.ratio - k / (k**2 + 1)) == 0
    assert rat.leading((T, k * T)).value() == 0
    assert Rational_.of(x / (x + y), (x, y)).leading((T, -T)) is None  # outside the domain


def test_newton_exponents_find_the_parabola():
    assert 2 in newton_exponents(Rational_.of(x**2 * y / (x**4 + y**2), (x, y)))
    assert sp.Rational(1, 2) in newton_exponents(Rational_.of(x * y**2 / (x**2 + y**4), (x, y)))


def test_paths_are_written_in_the_learners_coordinates():
    fr = Frame.make((X, Y), (sp.Integer(1), sp.Integer(2)))
    u, v = fr.xs
    path = fr.path(Probe((T, T**2)), None)
    assert path.equations == (sp.Eq(Y, 2 + (X - 1) ** 2),) and path.parameter == X and path.approach == 1
    assert Frame.make((X, Y), (0, 0)).path(Probe((0, T)), "+").name == "the y-axis"


# ---- budget, input, honesty ------------------------------------------------------------------------

def test_running_out_of_time_is_an_honest_undecided():
    # proved by a squeeze with the default budget (the mean value test now decides (e^x − e^y)/(x − y)
    # within 0.05 s, so it no longer serves here)
    res = limit(X**2 * sp.sin(Y) / (X**2 + Y**2), {X: 0, Y: 0}, timeout=0.05)
    assert res.exists is None and res.value is None
    assert res.steps[-1].kind == "undecided"
    assert "Undecided" in res.to_text()


def test_undecided_says_what_was_tried():
    # (cos x − cos y)/(x² − y²): k(t) = t² has k′(0) = 0, so no mean value reduction applies (a known gap)
    res = limit((sp.cos(X) - sp.cos(Y)) / (X**2 - Y**2), {X: 0, Y: 0}, timeout=10)
    assert res.exists is None
    last = res.steps[-1]
    assert last.kind == "undecided" and last.data["candidate"] == sp.Rational(-1, 2)
    assert any(s.kind == "path" for s in res.steps)


def test_text_input_and_point_forms():
    a = limit("x^2 y/(x^4 + y^2)", "x=0, y=0")
    b = limit("x^2 y/(x^4 + y^2)", "0, 0")
    assert a.exists is False and b.exists is False
    assert [w.value for w in a.witnesses] == [w.value for w in b.witnesses]
    assert limit("sin(x)/x", "x=0").value == 1


def test_translation_law_on_examples():
    """The limit of f(x − a, y − b) at (a, b) is the limit of f at the origin."""
    for f in (X**2 * Y / (X**2 + Y**2), X * Y / (X**2 + Y**2), sp.sin(X**2 + Y**2) / (X**2 + Y**2)):
        here = limit(f, {X: 0, Y: 0})
        there = limit(f.subs({X: X - 3, Y: Y + 1}, simultaneous=True), {X: 3, Y: -1})
        assert (here.exists, here.value) == (there.exists, there.value)


def test_critical_curve_branches_carry_the_extreme_values():
    from tutor.engine.limits.critical import critical_curve
    from tutor.engine.limits.explore import Exploration
    from tutor.engine.limits.work import Budget

    fr = Frame.make((X, Y), (0, 0))
    h = (x**2 - y**2) / (x**2 + y**2)
    rat = Rational_.of(h, (x, y))
    ex = Exploration(fr, h, Budget(10), rat)
    pair, curve = critical_curve(ex, h, rat)
    assert pair is not None and {pair[0].value, pair[1].value} == {1, -1}
    assert curve.branches and all(w.value in (1, -1) for w in curve.branches)


def test_cross_terms_in_the_denominator_are_dominated():
    """x⁴ − 2x²y + 2y² ≥ (1 − 1/√2)(x⁴ + 2y²): scaled AM–GM, then the squeeze."""
    res = limit(X**2 * Y**2 / (X**4 - 2 * X**2 * Y + 2 * Y**2), {X: 0, Y: 0})
    assert res.exists is True and res.value == 0 and res.proof.kind == "squeeze"


def test_unsupported_pieces_are_clear_errors():
    with pytest.raises(ValueError, match="Piecewise"):
        limit(sp.Piecewise((1, X > 0), (0, True)) * Y, {X: 0, Y: 0})


def test_large_powers_stay_within_the_budget():
    """Orders are read from the terms, not from expanding f along the path."""
    res = limit((X + Y) ** 41 / (X**2 + Y**2) ** 20, {X: 0, Y: 0}, timeout=10)
    assert res.exists is True and res.value == 0
    res = limit((X + Y) ** 40 / (X**2 + Y**2) ** 20, {X: 0, Y: 0}, timeout=10)
    assert res.exists is False and {w.value for w in res.witnesses} == {1, 2**20}
