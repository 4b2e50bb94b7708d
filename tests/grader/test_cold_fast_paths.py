"""Fast paths of cold grading (issue 16): each decides only what it proves, and agrees with the slow path.

* a constant difference made of radicals is settled, once the digits agree, by a root-separation
  bound with an interval evaluation, or else by one minimal polynomial (SymPy's ``is_zero``
  computed it once per sign it asked about); any other constant difference
  is refuted by SymPy's adaptive evalf (as ``is_zero`` does) and otherwise judged by the digits;
* a constant of integration inside a logarithm of a line (ln(kx), ln|kx| at the anchor) takes every
  real value, without SymPy's ``function_range``.
"""
from __future__ import annotations

from unittest import mock

import mpmath
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import grader
import tutor
from grader import symbolic
from grader.numeric import radicals as root_bound
from grader.kinds.antiderivative import _derivative
from grader.kinds.constants import _function_range, _log_of_linear, value_set
from grader.kinds.derivatives import chain_rule, real_blind, real_derivative
from grader.numeric.evaluate import free

# -- radicals ---------------------------------------------------------------------------------

X = sp.Dummy("x")

small = st.integers(min_value=-6, max_value=6)
radicands = st.sampled_from([2, 3, 5, 6, 7, 10])


@st.composite
def radicals(draw, depth=2):
    """A constant built from small integers by +, × and square or cube roots of positive numbers."""
    if depth == 0 or draw(st.booleans()):
        return sp.Integer(draw(small)) + draw(small) * sp.sqrt(draw(radicands))
    a, b = draw(radicals(depth - 1)), draw(radicals(depth - 1))
    op = draw(st.sampled_from(["add", "mul", "root"]))
    if op == "add":
        return a + b
    if op == "mul":
        return a * b
    return sp.sqrt(abs(a) + 1) if draw(st.booleans()) else sp.cbrt(abs(a) + 2)


def _before(a: sp.Expr, e: sp.Expr):
    """The path before issue 16: SymPy's is_zero first, the digits when it cannot say."""
    zero = (a - e).is_zero
    return bool(zero) if zero is not None else symbolic._digits_agree(a - e, [{}], 60)


@settings(max_examples=40, deadline=None)
@given(radicals(), radicals())
def test_the_radical_path_agrees_with_sympys_is_zero(a, e):
    assume(symbolic.is_radical(a - e) and (a - e) != 0)
    assert symbolic.high_precision_equal(a, e, [{}]) == _before(a, e)


@settings(max_examples=30, deadline=None)
@given(radicals(), st.sampled_from(["expand", "radsimp", "square-root"]),
       st.fractions(min_value=-3, max_value=3).filter(bool))
def test_an_equal_radical_is_proved_equal_and_a_shifted_one_is_not(a, rewrite, shift):
    same = {"expand": sp.expand, "radsimp": sp.radsimp,
            "square-root": lambda x: sp.sqrt(sp.expand(x ** 2)) * sp.sign(x)}[rewrite](a)
    assert symbolic.high_precision_equal(same, a, [{}]) is True
    assert symbolic.high_precision_equal(same + sp.Rational(shift.numerator, shift.denominator), a, [{}]) is False


@settings(max_examples=60, deadline=None)
@given(st.fractions(min_value=0, max_value=10 ** 9).filter(bool), st.sampled_from([2, 3, 4, 5, 7]),
       st.integers(min_value=20, max_value=600))
def test_a_root_is_rounded_the_way_asked(x, q, prec):
    """The interval's root ends are true lower and upper bounds (mpmath's nthroot ignores the rounding asked)."""
    from fractions import Fraction

    from mpmath.libmp import from_rational

    mpf = from_rational(x.numerator, x.denominator, 300, "n")
    value = Fraction(mpf[1]) * Fraction(2) ** mpf[2]
    low, high = (root_bound.directed_root(mpf, q, prec, up) for up in (False, True))
    low_v, high_v = (Fraction(m[1]) * Fraction(2) ** m[2] for m in (low, high))
    assert low_v ** q <= value <= high_v ** q
    assert high_v - low_v <= high_v * Fraction(2) ** (1 - prec)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.sampled_from([2, 3, 5, 6, 7, 10, 11]), st.sampled_from([1, -1]))
def test_a_denested_root_is_proved_equal(a, b, c, sign):
    """√(a² + b²c ± 2ab√c) = |a ± b√c| exactly: the interval of an exact zero must hold 0 at every precision."""
    nested = sp.sqrt(a ** 2 + b ** 2 * c + sign * 2 * a * b * sp.sqrt(c))
    plain = sp.Abs(a + sign * b * sp.sqrt(c))
    assume(nested != plain)  # SymPy denests some at once
    assert symbolic.high_precision_equal(-nested, -plain, [{}]) is True
    assert root_bound.is_zero(nested - plain) is True
    assert symbolic.high_precision_equal(nested + sp.Rational(1, 10 ** 30), plain, [{}]) is False


def test_the_denesting_row_that_an_undirected_root_refuted():
    assert grader.check("-2+sqrt(3)", "-sqrt(7-4*sqrt(3))", kind="number").status == "correct"
    assert grader.check("sqrt(3)-2", "-sqrt(7-4*sqrt(3))").status == "correct"


def test_a_radical_a_hair_away_is_refuted_exactly():
    """The digits cannot see a difference of 10⁻⁸⁰ hidden in a root; the minimal polynomial can."""
    e = sp.sqrt(2) + sp.sqrt(3)
    a = sp.sqrt(5 + 2 * sp.sqrt(6) + sp.Rational(1, 10 ** 80))
    assert symbolic.is_radical(a - e)
    assert symbolic.radical_is_zero(a - e) is False
    assert symbolic.high_precision_equal(a, e, [{}]) is False


@st.composite
def constants(draw, depth=2):
    """A constant with functions in it: exp, log, sin, cos, π, roots."""
    if depth == 0 or draw(st.booleans()):
        return draw(st.sampled_from([sp.pi, sp.E, sp.sqrt(2), sp.log(3), sp.Integer(2), sp.Rational(1, 3)]))
    a = draw(constants(depth - 1))
    op = draw(st.sampled_from(["exp", "log", "sin", "cos", "add", "mul"]))
    if op in ("add", "mul"):
        b = draw(constants(depth - 1))
        return a + b if op == "add" else a * b
    return {"exp": sp.exp(-a), "log": sp.log(1 + a ** 2), "sin": sp.sin(a), "cos": sp.cos(a)}[op]


@settings(max_examples=40, deadline=None)
@given(constants(), st.sampled_from(["same", "expanded", "shifted", "tiny", "deep"]))
def test_a_constant_with_functions_is_judged_as_before(a, change):
    e = {"same": a, "expanded": sp.expand(sp.expand_trig(a)), "shifted": a + sp.Rational(1, 7),
         "tiny": a + sp.exp(-sp.Integer(90)), "deep": a + sp.exp(sp.exp(-sp.Integer(150))) - 1}[change]
    assume((a - e) != 0)
    assert symbolic.high_precision_equal(a, e, [{}]) == _before(a, e)


def test_deep_cancellation_is_seen_by_the_adaptive_evaluation():
    """e^(e^(−200)) − 1 ≈ 10⁻⁸⁷: invisible to 60 digits, seen by SymPy's adaptive evalf."""
    assert symbolic.evalf_nonzero(sp.exp(sp.exp(-200)) - 1)
    assert symbolic.high_precision_equal(sp.exp(sp.exp(-200)), sp.Integer(1), [{}]) is False
    assert not symbolic.evalf_nonzero(sp.sin(1) ** 2 + sp.cos(1) ** 2 - 1)
    assert symbolic.high_precision_equal(sp.sin(1) ** 2 + sp.cos(1) ** 2, sp.Integer(1), [{}]) is True


# -- sines and cosines of inverse-trigonometric angles, written as radicals ---------------------------

inverse = st.builds(lambda f, q: f(q), st.sampled_from([sp.acos, sp.asin, sp.atan]),
                    st.sampled_from([sp.Rational(1, 3), sp.Rational(-2, 5), sp.sqrt(2) / 3, sp.Rational(11, 3)]))


@st.composite
def trig_constants(draw):
    """sin or cos of (±u ± v)/k for inverse-trigonometric u, v: a radical, or ± a root for k = 2."""
    u, v = draw(inverse), draw(inverse)
    angle = (u + draw(st.sampled_from([1, -1])) * v) / draw(st.sampled_from([1, 2, -2]))
    f = draw(st.sampled_from([sp.sin, sp.cos]))(angle)
    return draw(st.sampled_from([sp.Integer(1), sp.sqrt(3), -2 * sp.sqrt(3)])) * f + draw(st.sampled_from([0, 1]))


def _before_trig(a: sp.Expr, e: sp.Expr):
    """The path before sines and cosines were written as radicals: the same function without it."""
    with mock.patch.object(symbolic, "trig_radical_is_zero", lambda d: None):
        return symbolic.high_precision_equal(a, e, [{}])


@settings(max_examples=40, deadline=None)
@given(trig_constants(), st.sampled_from(["radical", "shifted", "tiny", "negated", "other"]), trig_constants())
def test_a_trigonometric_constant_is_judged_as_before(a, change, other):
    atoms = a.atoms(sp.sin, sp.cos)  # sin(acos q) and the like are radicals already
    assume(atoms)
    f = next(iter(atoms))
    form = symbolic.trig_as_radical(f)
    assume(form is not None)
    r = a.xreplace({f: form})
    e = {"radical": r, "shifted": r + sp.Rational(1, 7), "tiny": r + sp.sqrt(1 + sp.Rational(1, 10 ** 30)) - 1,
         "negated": a.xreplace({f: -form}), "other": other}[change]
    assume((a - e) != 0 and not symbolic.is_radical(a - e))
    assert symbolic.high_precision_equal(a, e, [{}]) == _before_trig(a, e)


def test_stacks_half_angle_row_is_proved_and_a_neighbour_refuted():
    phi = (sp.acos(sp.Rational(61, 1040) * sp.sqrt(130)) - sp.atan(sp.Rational(11, 3))) / 2
    ref = (sp.sqrt(4 * sp.cos(phi) ** 2 + 21) - 2 * sp.cos(phi)) ** 2
    answer = (41 - sp.sqrt(511)) / 2
    assert symbolic.trig_radical_is_zero(answer - ref) is True
    assert symbolic.trig_radical_is_zero(answer + sp.Rational(1, 10 ** 40) - ref) is False
    assert symbolic.high_precision_equal(answer, ref, [{}]) is True


def test_the_sign_of_a_half_angle_is_the_numeric_one():
    """Half angles whose sine or cosine is negative get the negative root, and positive ones the positive."""
    big = sp.acos(sp.Rational(-1, 3)) + sp.acos(-sp.sqrt(2) / 4)  # > π: its half has a negative cosine
    halves = [sp.cos(big / 2), sp.sin(big / 2), sp.sin((sp.atan(3) - 2 * sp.acos(sp.Rational(1, 3))) / 2),
              sp.cos((sp.atan(3) - 2 * sp.acos(sp.Rational(1, 3))) / 2)]
    for expr in halves:
        f = next(iter(expr.atoms(sp.sin, sp.cos)))
        form = symbolic.trig_as_radical(f)
        assert symbolic.is_radical(form)
        assert abs(form.evalf(30) - f.evalf(30)) < 1e-25
    assert (sp.cos(big / 2).evalf() < 0) and symbolic.trig_as_radical(sp.cos(big / 2)).evalf() < 0
    right = (sp.acos(sp.Rational(-1, 3)) + sp.acos(sp.Rational(1, 3))) / 2  # π/2, which SymPy does not see
    assert symbolic.trig_as_radical(sp.cos(right)) is None  # a value of 0 has no sign to choose
    assert symbolic.trig_as_radical(sp.cos(sp.Integer(1))) is None  # no radical form
    assert symbolic.trig_radical_is_zero(sp.exp(1) - sp.cos(sp.atan(2) / 2)) is None  # another function


# -- the root-separation bound (grader.numeric.radicals) ---------------------------------------------

@settings(max_examples=30, deadline=None)
@given(radicals())
def test_remembered_roots_give_the_interval_of_a_fresh_evaluation(a):
    """A radical written out repeats its roots; evaluating each once gives the same interval."""
    root = sp.sqrt(abs(a) + 1)
    e = sp.Add(a * root, root ** 3, sp.cbrt(root + 1) * root, evaluate=False)
    iv = mpmath.iv.__class__()
    iv.prec = 200
    fresh = sum((root_bound.interval(t, iv) for t in e.args), iv.mpf(0))  # each term on its own
    assert root_bound.interval(e, iv)._mpi_ == fresh._mpi_


@settings(max_examples=30, deadline=None)
@given(radicals(1), radicals(1))
def test_the_interval_proof_never_contradicts_the_minimal_polynomial(a, e):
    d = a - e
    assume(symbolic.is_radical(d) and d != 0)
    proved = root_bound.is_zero(d)
    if proved is not None:
        assert proved == (sp.minimal_polynomial(d, X) == X)


@settings(max_examples=40, deadline=None)
@given(radicals(), st.sampled_from(["expand", "radsimp", "square-root"]))
def test_equal_radicals_are_proved_zero_by_the_bound(a, rewrite):
    same = {"expand": sp.expand, "radsimp": sp.radsimp,
            "square-root": lambda x: sp.sqrt(sp.expand(x ** 2)) * sp.sign(x)}[rewrite](a)
    d = same - a
    assume(d != 0 and symbolic.is_radical(d))
    assert root_bound.is_zero(d) in (True, None)
    assert root_bound.is_zero(d + sp.Rational(1, 10 ** 30)) in (False, None)


@settings(max_examples=40, deadline=None)
@given(radicals())
def test_the_separation_bound_holds_for_non_zero_radicals(a):
    """The law the proof rests on: a non-zero α is at least 2^−(D·log L + (D−1)·log U) in size."""
    assume(a != 0 and symbolic.is_radical(a) and not (sp.minimal_polynomial(a, X) == X))
    b, d = root_bound.bound(a), root_bound.degree(a)
    need = d * b.log_l + (d - 1) * max(b.log_u, 0.0)
    digits = int(need * 0.302) + 30
    assert abs(a.evalf(digits)) >= sp.Float(2, digits) ** (-need)


def test_the_degree_bound_uses_primes_and_shared_roots():
    assert root_bound.degree(sp.sqrt(2) + sp.sqrt(3) + sp.sqrt(6)) == 4  # √6 lies in ℚ(√2, √3)
    assert root_bound.degree(sp.sqrt(2) + sp.cbrt(2)) == 6  # both lie in ℚ(2^(1/6))
    assert root_bound.degree(sp.sqrt(1 + sp.sqrt(2))) == 4


def test_the_bound_gives_up_rather_than_guess():
    """A root of a negative number, or more bits than allowed: no conclusion, the minimal polynomial decides."""
    assert root_bound.is_zero(sp.Pow(-2, sp.Rational(1, 3)) + 1) is None
    huge = sum(sp.sqrt(p) for p in sp.primerange(2, 80))
    assert root_bound.is_zero(sp.sqrt(sp.expand(huge ** 2)) - huge) is None


def test_radical_means_rationals_and_rational_powers_only():
    assert symbolic.is_radical(sp.sqrt(2) + sp.cbrt(3) / 7 - sp.Rational(1, 2))
    assert not symbolic.is_radical(sp.cos(sp.pi / 17))
    assert not symbolic.is_radical(sp.pi + sp.sqrt(2))
    assert not symbolic.is_radical(sp.I * sp.sqrt(2))
    assert not symbolic.is_radical(sp.Pow(2, sp.sqrt(2)))


def test_stacks_nested_radicals_are_still_graded_by_proof():
    """The outside corpus's rows that needed the minimal polynomial (STACK's known failures)."""
    for reference, answer in [("sqrt(sqrt(2)+2)/2", "(sqrt(2+sqrt(2))+sqrt(2-sqrt(2)))/(2*sqrt(2))"),
                              ("2", "(sqrt(108)+10)^(1/3)-(sqrt(108)-10)^(1/3)"),
                              ("3+sqrt(2)", "sqrt(11+6*sqrt(2))")]:
        assert grader.check(reference, answer).status == "correct"
    assert grader.check("3+sqrt(2)", "sqrt(11+6*sqrt(2)+10^(-70))").status == "incorrect"


# -- a constant inside the logarithm of a line ------------------------------------------------------

k = sp.Symbol("k")
rationals = st.fractions(min_value=-5, max_value=5, max_denominator=4).map(lambda f: sp.Rational(f.numerator, f.denominator))
nonzero = rationals.filter(lambda r: r != 0)


@settings(max_examples=10, deadline=None)
@given(nonzero, rationals, nonzero, rationals, st.booleans(), st.sampled_from([sp.Integer(1), sp.Integer(3), sp.sqrt(2)]))
def test_ln_of_a_line_takes_every_value_as_function_range_says(a, b, p, q, absolute, m):
    inner = m * sp.Abs(p * k + q) if absolute else m * (p * k + q)
    g = b + a * sp.log(inner)
    assert _log_of_linear(g, k)
    assert _function_range(g, k) == sp.S.Reals
    assert value_set(g, k) == sp.S.Reals


@settings(max_examples=12, deadline=None)
@given(nonzero, st.sampled_from(["square", "log squared", "abs of a complex line", "negative abs", "quadratic"]))
def test_other_logarithms_are_left_to_function_range(a, shape):
    g = {"square": sp.log(k ** 2 + 1), "log squared": sp.log(2 * k) ** 2,
         "abs of a complex line": sp.log(sp.Abs((1 + sp.I) * k + 1)), "negative abs": sp.log(-2 * sp.Abs(k)),
         "quadratic": sp.log(k ** 2 + k)}[shape] * a
    assert not _log_of_linear(g, k)
    if shape in ("square", "log squared", "abs of a complex line"):
        assert _function_range(g, k) != sp.S.Reals  # the fast path would have been wrong to claim these


def test_ln_k_x_families_grade_as_before():
    check = lambda ref, ans: grader.check(ref, ans, kind="antiderivative", constant="optional", variables=["x"])  # noqa: E731
    assert check("ln(abs(x))+c", "ln(k*abs(x))").status == "correct"
    assert check("ln(abs(x))+c", "ln(abs(k*x))").status == "correct"
    assert check("ln(abs(x))+c", "ln(k*x)").status == "incorrect"  # k > 0 serves x > 0 only
    assert check("ln(abs(x))+c", "ln(abs(x))+k^2").status == "incorrect"  # k² never negative


# -- antiderivatives that differ from the reference by a constant --------------------------------

from grader.kinds import antiderivative as anti  # noqa: E402

x, a, C, k = sp.symbols("x a C k")  # noqa: E741
pieces = st.sampled_from([x**3 / 3, sp.log(sp.Abs(x + 3)) / 2, sp.sin(2 * x), sp.exp(a * x) / a, sp.atan(x / 3),
                          sp.sqrt(x**2 + 1), (x - a)**7 / 7, x * sp.log(x) - x, -sp.acoth(x / 3) / 3, sp.Abs(x)])
added_constants = st.sampled_from([sp.Integer(0), C, 2 * k, sp.log(C), sp.sqrt(2), C**2, sp.exp(k), -a, sp.Rational(7, 3)])


@settings(max_examples=60, deadline=None)
@given(st.lists(pieces, min_size=1, max_size=3), st.integers(-3, 3).filter(bool), added_constants,
       st.sampled_from([sp.Integer(0), x, x**2, sp.cos(x), a * x]))
def test_an_answer_off_by_a_constant_has_the_references_derivative(terms, m, constant, slip):
    """The fast path returns exactly what differentiating the answer returns, and fires only when
    answer − reference is free of x; the verdict is the full path's."""
    expected = sum(terms[1:], m * terms[0])
    answer = expected + constant + slip
    variables = (x,)
    d_ref = tuple(anti._derivative(expected, v, variables) for v in variables)
    full = tuple(anti._derivative(answer, v, variables) for v in variables)
    fast = anti.derivatives_of(answer, expected, variables, d_ref)
    assert fast == full
    assert (fast is d_ref) == (slip == 0)
    options = dict(kind="antiderivative", constant="optional", variables=["x"])
    verdict = grader.check(expected, answer, **options)
    original = anti.derivatives_of
    try:
        anti.derivatives_of = lambda ans, exp, vs, _: tuple(anti._derivative(ans, v, vs) for v in vs)
        anti._derivative.cache_clear()
        slow = grader.check(expected, answer, **options)
    finally:
        anti.derivatives_of = original
    assert verdict == slow


# -- differentiation without real names (antiderivatives) ---------------------------------------------

x, y, a = sp.symbols("x y a")
BLIND_HEADS = [sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc, sp.asin, sp.acos, sp.atan, sp.acot, sp.asec, sp.acsc,
               sp.sinh, sp.cosh, sp.tanh, sp.coth, sp.sech, sp.csch, sp.asinh, sp.acosh, sp.atanh, sp.acoth,
               sp.exp, sp.log, sp.sqrt, sp.cbrt]
OTHER_HEADS = [sp.Abs, sp.sign, lambda u: sp.log(sp.exp(u)), lambda u: sp.sqrt(u ** 2), lambda u: sp.sqrt(sp.exp(u)),
               lambda u: (a * u ** 2) ** sp.Rational(1, 3), lambda u: sp.exp(u) ** a, lambda u: sp.Abs(u) ** 2,
               lambda u: sp.atan(sp.Abs(u)), lambda u: sp.log(sp.Abs(u ** 2 + 1)), lambda u: u / sp.Abs(x + 1),
               lambda u: sp.log(sp.Abs((x - 1) ** 2)), lambda u: sp.log(sp.Abs(x ** 2 - 2 * x + 1)) * u]
exponents = st.sampled_from([sp.Integer(2), sp.Integer(-1), sp.Integer(3), sp.Rational(1, 2), sp.Rational(-3, 2),
                             sp.Rational(2, 3), a, x])
lines = st.sampled_from([x, x - 3, 2 * x + 6, x + a, 3 - x, x + y, sp.Rational(1, 2) * x - y + 1, x * a,
                         (x - 3) * (x + 3), x ** 2 - 9, x ** 3 - x + 1, (y ** 2 - 2) * (x + 1), x ** 2 - 9 * y,
                         sp.sin(x), sp.cos(2 * x) + sp.Rational(1, 3), sp.exp(x) - 2, sp.sin(x) * sp.cos(x),
                         sp.atan(x) - 1, sp.tan(x), sp.exp(x), sp.sin(x) ** 2 + 1, sp.sinh(x) - x ** 3, sp.log(x) - 1,
                         sp.sqrt(x) - 5, sp.pi * x - 1, sp.cosh(y) - 2])
scales = st.sampled_from([sp.Integer(1), sp.Integer(2), a, x, sp.sqrt(x), sp.exp(y), -1])


@st.composite
def functions(draw, depth=3):
    """A function of x (and y, a) built from the heads a learner can type, some of them realness-sensitive."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from([x, y, a, x + 1, 2 * x - 3, x * y, sp.pi * x, sp.E, sp.Rational(3, 2)]))
    op = draw(st.sampled_from(["add", "mul", "pow", "head", "head", "bar", "other"]))
    if op == "bar":  # ln(m·|u|), the logarithm the fast path admits with bars when u takes both signs
        return sp.log(draw(scales) * sp.Abs(draw(lines)))
    u = draw(functions(depth - 1))
    if op == "add":
        return u + draw(functions(depth - 1))
    if op == "mul":
        return u * draw(functions(depth - 1))
    if op == "pow":
        return u ** draw(exponents)
    return draw(st.sampled_from(BLIND_HEADS if op == "head" else OTHER_HEADS))(u)


@settings(max_examples=200, deadline=None)
@given(functions(), st.sampled_from([x, y, a]))
def test_the_derivative_of_an_antiderivative_is_the_real_paths_expression(f, v):
    """Every fast path of ``_derivative`` (plain names; plain names with |line| held) gives the very
    expression the real path gives, node for node."""
    assert _derivative.__wrapped__(f, v, (x, y, a)) == real_derivative(f, v, (x, y, a))
    if real_blind(f):  # the chain rule builds what SymPy's own driver builds
        assert chain_rule(f, v) == sp.diff(f, v)


@pytest.mark.parametrize("f", [sp.Abs(x), sp.log(sp.Abs(x - 3)), sp.sqrt(x ** 2), sp.sqrt(sp.exp(x)),
                               x * sp.log(sp.exp(x)), (x ** 2 * y) ** sp.Rational(1, 2), sp.exp(x) ** y, sp.sign(x)])
def test_realness_sensitive_functions_take_the_real_path(f):
    """Each of these is built or differentiated otherwise with real names: the gate must send it to the real path."""
    assert not real_blind(f)
    assert sp.diff(f, x) != real_derivative(f, x, (x, y))


def test_the_outside_corpus_derivatives_agree_on_both_paths():
    from grader.corpus import load_outside
    from grader.numeric.evaluate import free
    from pathlib import Path

    rows = load_outside(*sorted((Path(__file__).parents[1] / "data" / "outside").glob("*.toml")))
    fast = 0
    for row in (r for r in rows if r.options.get("constant")):
        for text in (row.reference, row.answer):
            try:
                f = tutor.parse(text)
            except tutor.ParseError:
                continue
            names = tuple(sorted(free(f), key=str))
            fast += real_blind(f, bars=True)
            assert all(_derivative.__wrapped__(f, v, names) == real_derivative(f, v, names) for v in names), f
    assert fast >= 150  # most of the rows take a fast path


@pytest.mark.parametrize("u, expected", [(x - 3, True), (x * a, True), ((x - 3) * (x + 3), True), (x ** 2 - 9, True),
                                         (x ** 2 + 1, False), (x ** 2 - 2 * x + 1, False), ((x - 1) ** 2, False),
                                         (sp.sin(x), True), (sp.sin(x) + sp.Rational(1, 2), True), (sp.sin(x) ** 3, False),
                                         (sp.exp(x) - 2, True), (sp.exp(x) + 2, False), (sp.cos(x) ** 2 + 1, False),
                                         (sp.log(x) - 1, False), (sp.tan(x) - 1, False), (sp.pi * x - 1, True),
                                         ((x - 3) * sp.sqrt(x), False), (sp.sqrt(x) - 5, False), (x ** 2 - 9 * y, False)])
def test_indefinite_means_real_and_of_both_signs(u, expected):
    """Only then does SymPy leave |u| and sign(u) alone with real names, as with plain ones."""
    from grader.kinds.derivatives import indefinite

    assert indefinite(u) is expected


# -- the reference's particular antiderivative: no search past a sample that holds every point ---------

def _particular_before(expr, constants, space):
    from grader.kinds.constants import TRIALS
    from grader.numeric.evaluate import Unsupported
    from grader.numeric.sampling import sample

    best = None
    for v in TRIALS if constants else TRIALS[:1]:
        try:
            s = sample(expr.xreplace({c: v for c in constants}), space)
        except (Unsupported, RecursionError):
            continue
        if best is None or s.size > best.size:
            best = s
    return best


C = sp.Symbol("C")
domains = st.sampled_from([x ** 3 / 3, sp.log(x), sp.sqrt(x - 1), 1 / x, sp.asin(x / 4), sp.log(x * y),
                           sp.sqrt(4 - x ** 2 - y ** 2), x ** y, sp.sin(x) * y])
with_constant = st.sampled_from([lambda f: f + C, lambda f: f * C, lambda f: sp.log(C * f), lambda f: f + sp.sqrt(C),
                                 lambda f: f + sp.log(C), lambda f: (f + C) ** 2])


@settings(max_examples=40, deadline=None)
@given(domains, with_constant)
def test_the_particular_antiderivative_is_the_one_the_full_search_finds(f, family_of):
    from grader.kinds.constants import _particular
    from grader.numeric.sampling import most_points, sample

    expr = family_of(f)
    space = tuple(sorted(free(f), key=str))
    found = _particular(expr, (C,), space)
    assert found is _particular_before(expr, (C,), space)
    assert found is None or found.size <= most_points(len(space))
    assert sample(f, space).size <= most_points(len(space))


# -- a constant that only shifts: its range is read off the form ---------------------------------------

@settings(max_examples=40, deadline=None)
@given(rationals, st.sampled_from([sp.Integer(0), sp.Rational(8, 3), sp.sin(2), sp.log(3) + sp.sqrt(2), k, k ** 2]),
       st.sampled_from(["shift", "square", "log", "scaled log", "times k"]))
def test_a_shifting_constant_is_read_off_the_form_as_diff_would_say(a, b, shape):
    from grader.kinds.constants import _shift

    g = b + {"shift": a * C, "square": a * C ** 2, "log": a * sp.log(C), "scaled log": sp.log(2 * C) * a,
             "times k": a * k * C}[shape]
    slope = sp.diff(g, C)
    assert _shift(g, C) == bool(slope.is_number and slope.is_nonzero and slope.is_Rational)
    if _shift(g, C):
        assert value_set(g, C) == sp.S.Reals


# -- the checks on F itself, skipped when its terms show that neither can fail ---------------------------

cores = st.sampled_from([x ** 3 / 3, sp.log(sp.Abs(x + 3)) / 2, sp.log(x), sp.sqrt(x - 1), sp.sin(2 * x), sp.atan(x / 3),
                         (x - a) ** 7 / 7, 1 / x, sp.asin(x / 4), x * sp.log(x) - x, sp.log(sp.Abs(C * x)), C * x])
on_the_reference = st.sampled_from([sp.Integer(0), C, k, sp.log(C), C ** 2])
on_the_answer = st.sampled_from([sp.Integer(0), C, -3 * k, sp.log(C), C ** 2, sp.sqrt(C), sp.exp(k), 1 / (C - 1),
                                 sp.log(C - 1), sp.sqrt(2), sp.log(-C), C * k, -a, sp.sqrt(C) - C, sp.sqrt(-2)])


@settings(max_examples=80, deadline=None)
@given(st.lists(cores, min_size=1, max_size=2), on_the_reference, on_the_answer, st.booleans(), st.booleans())
def test_a_family_read_off_its_terms_is_flawless_as_the_full_checks_say(terms, ref_constant, constant, bars, fewer):
    """When the answer's terms with x are the reference's and its constant shifts it, the domain comparison
    and the range of the constant (run in full here) find nothing; and every verdict is the full path's."""
    from grader.kinds import constants as K

    expected = sum(terms, ref_constant)
    core = sum(terms[:1] if fewer else terms, sp.Integer(0))
    answer = (core if bars else core.replace(sp.Abs, lambda u: u)) + constant
    variables = (x,)
    ref = K.family(expected, tuple(anti._derivative(expected, v, variables) for v in variables), variables)
    mine = K.family(answer, tuple(anti._derivative(answer, v, variables) for v in variables), variables,
                    ref.parameters)
    space = variables + ref.parameters
    fast = (not mine.constants or K.shifts(answer, mine.constants)) and \
        K.plainly_defined(expected, ref.constants, answer, mine.constants, space)
    options = dict(kind="antiderivative", constant="optional", variables=["x"])
    verdict = grader.check(expected, answer, **options)
    with mock.patch.object(anti, "plainly_defined", lambda *_: False), mock.patch.object(K, "shifts", lambda *_: False):
        if fast:
            domain = K.compare_domains(expected, ref.constants, answer, mine.constants, space)
            assert domain.missing is None
            assert K.restricted_constant(answer, mine.constants, domain) is None
        assert grader.check(expected, answer, **options) == verdict


@pytest.mark.parametrize("expected, answer, plain", [
    (x ** 3 / 3, x ** 3 / 3 + C, True), (sp.log(sp.Abs(x)) + C, sp.log(sp.Abs(x)) + 2, True),
    (sp.log(sp.Abs(x)) + C, sp.log(x) + C, False), (x ** 3 / 3, x ** 3 / 3 + sp.log(C - 1), False),
    (x ** 3 / 3, x ** 3 / 3 + sp.sqrt(-C), False), (sp.log(sp.Abs(C * x)), sp.log(sp.Abs(C * x)), False),
    (x ** 3 / 3 + a, x ** 3 / 3 + a * x, False), (x ** 2 + sp.log(C * x), x ** 2 + C, False)])
def test_plainly_defined_needs_the_references_terms_and_a_finite_rest(expected, answer, plain):
    from grader.kinds.constants import plainly_defined

    names = free(expected) | free(answer)
    ref_constants = tuple(n for n in free(expected) if n in (C,))
    constants = tuple(n for n in free(answer) - {x, a})
    assert plainly_defined(expected, ref_constants, answer, constants, (x, a) if a in names else (x,)) is plain


# -- the range of a constant: diff's slope test after the exact ones ---------------------------------------

def _value_set_before(g, c):
    """``value_set`` as it was: the slope by ``diff`` right after the form's shift."""
    from grader.kinds import constants as K

    if K._shift(g, c):
        return sp.S.Reals
    slope = sp.diff(g, c)
    if slope.is_number and slope.is_nonzero:
        return sp.S.Reals
    poly = K._real_polynomial(g, c)
    if poly is not None and poly.degree() % 2 == 1:
        return sp.S.Reals
    if poly is not None and 0 < poly.degree() <= 4:
        extremes = [poly.eval(r) for r in poly.diff().real_roots()]
        return sp.Interval(sp.Min(*extremes), sp.oo) if poly.LC() > 0 else sp.Interval(-sp.oo, sp.Max(*extremes))
    if K._log_of_linear(g, c):
        return sp.S.Reals
    return K._function_range(g, c)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([sp.Integer(0), sp.Rational(8, 3), sp.sin(2), sp.log(3) + sp.sqrt(2)]),
       st.sampled_from([sp.Integer(1), sp.Integer(-2), sp.sqrt(2), sp.pi]),
       st.sampled_from([C, C ** 2, C ** 3 - C, -C ** 4 + C, sp.log(2 * C), sp.log(2 * sp.Abs(C - 1)), sp.exp(C),
                        sp.atan(C), sp.log(sp.exp(C)), C + 1, sp.sqrt(2) * (C + 1), C ** 2 + C * sp.sqrt(2)]))
def test_the_range_of_a_constant_is_what_the_slope_first_order_gave(b, m, shape):
    g = b + m * shape
    assert value_set(g, C) == _value_set_before(g, C)


def _shift_before(g, c):
    """``_shift`` as it was, by SymPy's ``as_independent``."""
    rest = g.as_independent(c, as_Add=True)[1]
    a, term = rest.as_independent(c, as_Add=False)
    return term == c and a.is_Rational and a != 0


@settings(max_examples=150, deadline=None)
@given(functions(), st.sampled_from([sp.Integer(0), C, -C, 3 * C, sp.Rational(2, 3) * C, sp.sqrt(2) * C, 0.5 * C, x * C,
                                     C ** 2, C + C ** 2, C * a]))
def test_a_shift_is_read_off_the_terms_as_as_independent_reads_it(f, shift):
    from grader.kinds.constants import _shift

    g = f + shift
    assert _shift(g, C) == _shift_before(g, C)
    assert _shift(g, a) == _shift_before(g, a)
