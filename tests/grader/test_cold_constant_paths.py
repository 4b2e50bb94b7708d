"""Fast paths of constant differences (issue 16): each proves what it decides, and agrees with the slow path.

* a difference made of radicals and of trigonometric functions at rational multiples of π
  (cos(2π/17)) is decided by the root-separation bound before any digit is computed; the slow
  path computed the digits first, then the bound or SymPy's adaptive evalf;
* logarithms of positive rationals over primes, and hyperbolic functions by exponentials, prove
  a difference zero as SymPy builds it, before SymPy's evalf looks for a digit it cannot find;
* the sine and cosine of a sum of inverse functions are written out by the addition formulas
  (``cos_sin``), with the value ``expand_trig`` gives.
"""
from __future__ import annotations

from unittest import mock

import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from grader import symbolic
from grader.numeric import radicals, trig_radicals

pi = sp.pi


def _slow(a: sp.Expr, e: sp.Expr):
    """The path before: no bound before the digits, no trigonometric leaves, no rewriting."""
    with mock.patch.object(radicals, "supported", lambda e: False), \
            mock.patch.object(symbolic, "rewritten_is_zero", lambda d: False):
        return symbolic.high_precision_equal(a, e, [{}])


# -- radicals and trigonometric leaves --------------------------------------------------------

small = st.integers(min_value=-5, max_value=5)


@st.composite
def radicals_(draw, depth=2):
    if depth == 0 or draw(st.booleans()):
        return sp.Integer(draw(small)) + draw(small) * sp.sqrt(draw(st.sampled_from([2, 3, 5, 7])))
    a, b = draw(radicals_(depth - 1)), draw(radicals_(depth - 1))
    op = draw(st.sampled_from(["add", "mul", "root"]))
    return {"add": a + b, "mul": a * b, "root": sp.sqrt(abs(a) + 1)}[op]


NEAR = {  # how the second side differs from the first: not at all, or by a little
    "radsimp": lambda a: sp.radsimp(a),
    "expanded": lambda a: sp.expand(a),
    "shifted": lambda a: a + sp.Rational(1, 7),
    "tiny": lambda a: a + sp.sqrt(1 + sp.Rational(1, 10 ** 40)) - 1,  # 5·10⁻⁴¹, in a root
    "tiny-rational": lambda a: a + sp.Rational(1, 10 ** 20),
}


@settings(max_examples=40, deadline=None)
@given(radicals_(), radicals_(), st.sampled_from(sorted(NEAR)))
def test_a_radical_difference_is_decided_by_the_bound_as_by_the_digits_first(a, b, change):
    e = NEAR[change](a * b)
    expected = a * b if change in ("radsimp", "expanded") else sp.expand(a * b)
    assume((expected - e) != 0)
    assert symbolic.high_precision_equal(expected, e, [{}]) == _slow(expected, e) == (change in ("radsimp", "expanded"))


IDENTITIES = {  # (left, right) at angles x, y: equal
    "double": lambda x, y: (sp.cos(2 * x), 2 * sp.cos(x) ** 2 - 1),
    "pythagoras": lambda x, y: (sp.sin(x) ** 2 + sp.cos(x) ** 2, sp.Integer(1)),
    "tangent": lambda x, y: (sp.tan(x), sp.sin(x) / sp.cos(x)),
    "secant": lambda x, y: (sp.sec(x) ** 2, 1 + sp.tan(x) ** 2),
    "cosecant": lambda x, y: (sp.csc(x) * sp.sin(y), sp.sin(y) / sp.sin(x)),
    "cotangent": lambda x, y: (sp.cot(x) * sp.tan(x), sp.Integer(1)),
    "product": lambda x, y: (2 * sp.cos(x) * sp.cos(y), sp.cos(x + y) + sp.cos(x - y)),
    "sum": lambda x, y: (sp.sin(x + y), sp.sin(x) * sp.cos(y) + sp.cos(x) * sp.sin(y)),
}
OFF = {
    "equal": sp.Integer(0),
    "shifted": sp.Rational(1, 7),
    "tiny": sp.sqrt(2) / 10 ** 30,
    "tiny-trig": sp.cos(pi / 7) / 10 ** 25,
}


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(IDENTITIES)), st.sampled_from([5, 7, 9, 11, 13, 17]),
       st.integers(1, 8), st.integers(1, 8), st.sampled_from(sorted(OFF)))
def test_trigonometric_functions_at_rational_multiples_of_pi_agree_with_the_digits(name, n, j, k, off):
    left, right = IDENTITIES[name](j * pi / n, k * pi / n)
    e = right + OFF[off]
    assume((left - e) != 0 and (left - e).is_finite)
    assert symbolic.high_precision_equal(left, e, [{}]) == _slow(left, e) == (off == "equal")


def test_the_heptagon_and_seventeen_gon_are_proved_without_digits():
    """tan(π/7)·tan(2π/7)·tan(3π/7) = √7, Gauss's cos(2π/17); a hair away is refuted, exactly."""
    heptagon = sp.tan(pi / 7) * sp.tan(2 * pi / 7) * sp.tan(3 * pi / 7) - sp.sqrt(7)
    gauss = sp.cos(2 * pi / 17) - sp.cos(2 * pi / 17).rewrite(sp.sqrt)
    for zero in (heptagon, gauss):
        assert radicals.supported(zero) and radicals.is_zero(zero) is True
        assert radicals.is_zero(zero + sp.sqrt(2) / 10 ** 40) is False
    assert radicals.is_zero(sp.sec(pi / 9) + sp.sec(5 * pi / 9) + sp.sec(7 * pi / 9) + 6) is True
    assert radicals.is_zero(sp.sec(pi / 9) + sp.sec(5 * pi / 9) + sp.sec(7 * pi / 9) - 6) is False
    assert not radicals.supported(sp.cos(sp.Integer(1)) - sp.Rational(1, 2))  # cos 1 is not algebraic


def test_the_degree_counts_one_cyclotomic_field_for_every_leaf():
    assert radicals.degree(sp.cos(2 * pi / 17)) == 8  # in ℚ(ζ₃₄)⁺, of degree φ(34)/2
    assert radicals.degree(sp.cos(2 * pi / 7) + sp.cos(4 * pi / 7)) == 3
    assert radicals.degree(sp.sin(pi / 7)) == 6  # sin(π/7) = cos(5π/14), in ℚ(ζ₂₈)⁺
    assert radicals.degree(sp.cos(2 * pi / 7) * sp.sqrt(2)) == 6


# -- logarithms of rationals and hyperbolic functions -------------------------------------------

positive = st.builds(sp.Rational, st.integers(1, 400), st.integers(1, 60)).filter(lambda q: q != 1)


@settings(max_examples=40, deadline=None)
@given(positive, positive, st.sampled_from(["equal", "shifted", "tiny", "inside"]))
def test_logarithms_of_rationals_are_proved_as_the_slow_path_judges_them(p, q, off):
    a = sp.sqrt(2 * sp.log(p * q) + 4)
    e = {"equal": sp.sqrt(2 * sp.log(p) + 4 + 2 * sp.log(q)),
         "shifted": sp.sqrt(2 * sp.log(p) + 4 + 2 * sp.log(q)) + sp.Rational(1, 7),
         "tiny": sp.sqrt(2 * sp.log(p) + 4 + 2 * sp.log(q) + sp.Rational(1, 10 ** 30)),
         "inside": sp.sqrt(2 * sp.log(p * q + sp.Rational(1, 10 ** 25)) + 4)}[off]
    assume((a - e) != 0 and (a - e).is_real)
    assert symbolic.high_precision_equal(a, e, [{}]) == _slow(a, e) == (off == "equal")
    if off == "equal":
        assert symbolic.rewritten_is_zero(a - e)


@settings(max_examples=30, deadline=None)
@given(st.fractions(min_value=-5, max_value=5).filter(bool),
       st.sampled_from([sp.sinh, sp.cosh, sp.tanh, sp.coth, sp.sech, sp.csch]), st.booleans())
def test_hyperbolic_functions_are_proved_by_exponentials_as_the_slow_path_judges_them(c, f, tiny):
    c = sp.Rational(c.numerator, c.denominator)
    a = 2 * f(c)
    e = 2 * f(c).rewrite(sp.exp) + (sp.exp(-sp.Integer(80)) if tiny else 0)
    assume((a - e) != 0)
    assert symbolic.high_precision_equal(a, e, [{}]) == _slow(a, e) == (not tiny)


def test_a_rewrite_proves_only_zero():
    assert symbolic.rewritten_is_zero(sp.log(26) - sp.log(2) - sp.log(13))
    assert not symbolic.rewritten_is_zero(sp.log(26) - sp.log(2) - sp.log(12))  # says nothing
    assert not symbolic.rewritten_is_zero(sp.log(3) - sp.Rational(11, 10))  # nothing to rewrite


# -- sine and cosine of a sum of inverse functions ------------------------------------------

inside = st.builds(sp.Rational, st.integers(-19, 19), st.just(20))


@st.composite
def angles(draw):
    terms = []
    for g in draw(st.lists(st.sampled_from([sp.acos, sp.asin, sp.atan]), min_size=1, max_size=3)):
        x = draw(inside) * (draw(st.sampled_from([1, sp.sqrt(2) / 2, sp.sqrt(3) / 2])))
        terms.append(draw(st.integers(-2, 2).filter(bool)) * g(x if g is not sp.atan else 3 * x))
    return sp.Add(*terms) + draw(st.sampled_from([0, pi / 3, -pi / 4, pi / 7]))


@settings(max_examples=40, deadline=None)
@given(angles())
def test_the_addition_formulas_give_the_values_of_expand_trig(angle):
    pair = trig_radicals.cos_sin(angle)
    assume(pair is not None)
    for mine, f in zip(pair, (sp.cos, sp.sin)):
        assert abs(sp.N(mine - f(angle), 50)) < sp.Float(10) ** -40
        assert abs(sp.N(mine - sp.expand_trig(f(angle)), 50)) < sp.Float(10) ** -40


@given(st.fractions(min_value=sp.Rational(1, 10 ** 6), max_value=10 ** 6))
def test_a_square_root_of_a_rational_is_the_one_sympy_writes(q):
    q = sp.Rational(q.numerator, q.denominator)
    assert trig_radicals._sqrt(q) == sp.sqrt(q)


# -- the difference of two sums ------------------------------------------------------------------

x = sp.Symbol("x")
TERMS = [x, 2 * x, -x, sp.exp(10 * x), -sp.exp(10 * x), sp.sin(10 * x), sp.Rational(1, 10 ** 7), sp.Float("1e-7"),
         sp.Float("0.5"), sp.sqrt(2), x ** 2, sp.log(x), 3 * sp.cos(x) ** 2, sp.oo, sp.zoo, sp.nan, sp.I]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TERMS), max_size=5), st.lists(st.sampled_from(TERMS), max_size=5))
def test_the_difference_without_the_shared_terms_is_the_one_sympy_builds(a, e):
    a, e = sp.Add(*a), sp.Add(*e)
    assert symbolic.difference(a, e) == a - e
