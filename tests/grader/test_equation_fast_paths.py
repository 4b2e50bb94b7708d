"""Fast paths of cold equation grading (issue 16), each pinned against the slow path it replaces.

* a rational equation over ℚ in one variable is decided by polynomial gcds and Sturm counts
  (``grader.solution_sets``): the same real solution set as ``solveset``, and the same verdict;
"""
from __future__ import annotations

import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import grader
from grader import solution_sets
from tutor.engine.bounded import TimedOut, alarm, shutdown

x = sp.Symbol("x")

# -- rational equations in one variable -------------------------------------------------------

# factors with rational roots, irrational real roots, and none
FACTORS = [x, x - 1, x + 2, 2 * x - 3, 3 * x + 1, x**2 - 2, x**2 - x - 1, x**2 + 1, x**2 + x + 1, x**3 - x + 1]
factors = st.lists(st.tuples(st.sampled_from(FACTORS), st.integers(1, 2)), min_size=1, max_size=2)
scales = st.sampled_from([sp.Integer(1), sp.Integer(-2), sp.Rational(1, 3), sp.Rational(-5, 2)])


def _product(pairs) -> sp.Expr:
    return sp.Mul(*(f**m for f, m in pairs))


@st.composite
def rational_expressions(draw) -> sp.Expr:
    """A rational function of x over ℚ, written as a learner might: factored, expanded, split into
    fractions, or with a fraction inside a fraction; sometimes times a large power of x."""
    form = draw(st.sampled_from(["factored", "expanded", "apart", "nested", "shifted"]))
    # a large power of x only where solveset (the slow path) divides it out in good time
    powers = [0, 0, 1, 5, 60, 300] if form == "factored" else [0, 1, 3]
    numerator = draw(scales) * _product(draw(factors)) * x ** draw(st.sampled_from(powers))
    denominator = _product(draw(st.lists(st.tuples(st.sampled_from(FACTORS[:6]), st.just(1)), max_size=1)))
    if form == "expanded":
        return sp.expand(numerator) / sp.expand(denominator)
    if form == "apart":
        return sp.apart(numerator / denominator, x)
    if form == "nested":  # 1/(1/d + n): undefined where d = 0, whatever the algebra says
        return 1 / (1 / denominator + numerator) - 1
    if form == "shifted":
        return numerator / denominator - sp.Rational(1, 2)
    return numerator / denominator


def _solveset(d: sp.Expr) -> sp.Set:
    """SymPy's real solution set, when it is an explicit finite set found in good time (else the example is skipped)."""
    try:
        with alarm(5, "solveset"):
            found = sp.solveset(d, x, sp.S.Reals)
    except TimedOut:
        found = None
    assume(isinstance(found, (sp.FiniteSet, sp.sets.sets.EmptySet)))
    return found


def _values(s) -> list[sp.Float]:
    return sorted(sp.re(r.evalf(30)) for r in s)


def _same_values(a, b) -> bool:
    return len(a) == len(b) and all(abs(u - v) < 1e-20 for u, v in zip(a, b))


@settings(max_examples=40, deadline=None)
@given(rational_expressions())
def test_rational_solutions_are_solvesets_or_nothing(d):
    found, polynomial = solution_sets.rational_solutions(d, x), solution_sets.solution_polynomial(d, x)
    slow = _solveset(d)
    if found is not None:
        assert found == slow
    if polynomial is not None:
        assert _same_values(_values(slow), _values(polynomial[0].real_roots()))


@settings(max_examples=30, deadline=None)
@given(rational_expressions(), rational_expressions())
def test_the_exact_comparison_agrees_with_the_solution_sets(de, da):
    outcome = solution_sets.compare(de, da, x)
    assume(outcome is not None)
    se, sa = _values(_solveset(de)), _values(_solveset(da))
    assert outcome.same == _same_values(se, sa)
    if not outcome.same:
        has, lacks = (se, sa) if outcome.in_right else (sa, se)
        w = outcome.witness.evalf(30)
        assert any(abs(w - v) < 1e-20 for v in has) and not any(abs(w - v) < 1e-20 for v in lacks)
        # the solutions of the right equation are looked at first, as the slow path does
        assert outcome.in_right or all(any(abs(v - u) < 1e-20 for u in sa) for v in se)


def _slow_check(expected, answer):
    """The verdict with the exact fast paths switched off (solveset and the numbers decide).

    The bounded worker is a fork: it is stopped before (so that the one this check starts has the
    paths switched off too) and after (so that no later check meets a worker that has them off)."""
    compare, rational = solution_sets.compare, solution_sets.rational_solutions
    shutdown()
    solution_sets.compare = solution_sets.rational_solutions = lambda *args: None
    try:
        return grader.check(expected, answer)
    finally:
        solution_sets.compare, solution_sets.rational_solutions = compare, rational
        shutdown()


@settings(max_examples=25, deadline=None)
@given(rational_expressions(), rational_expressions())
def test_verdicts_are_the_slow_paths(de, da):
    """Where the slow path decides, the fast one decides the same; it may decide where solveset gave up."""
    expected, answer = sp.Eq(de, 0), sp.Eq(da, 0)
    fast, slow = grader.check(expected, answer), _slow_check(expected, answer)
    assert fast.status != "undecided"
    if slow.status == "undecided":
        return
    if fast.status != slow.status and "satisfies your equation" in slow.feedback:
        # solveset ran out of time on the slow path and points found on the answer refuted it: at a
        # root of multiplicity 3 such points are off by ~10⁻⁵, so the numbers can be wrong there
        # (x(x³ − x + 1)³ = 0 against x(x³ − x + 1)/(2x − 3) = 0): the solution sets decide
        assert (fast.status == "correct") == _same_values(_values(_solveset(de)), _values(_solveset(da)))
        return
    assert fast.status == slow.status
    # the same side is named, when both were decided exactly (under load a bounded exact step can
    # run out of time and leave the witness to the sampled points, which say "satisfies")
    if fast.status == "incorrect" and "solves" in slow.feedback and "solves" in fast.feedback:
        assert ("solves the right equation" in fast.feedback) == ("solves the right equation" in slow.feedback)
        if slow.feedback.split("For example, x = ")[1].split()[0].replace("/", "").lstrip("-").isdigit():
            assert fast.feedback == slow.feedback  # a rational witness: the very same one


def test_a_huge_power_of_the_variable_is_divided_out():
    """x⁵⁹⁹⁹(1 − x + x³) = 0 is x(1 − x + x³) = 0: no degree-6001 polynomial is solved."""
    right = x**5999 * (1 - x + x**3)
    polynomial, poles = solution_sets.solution_polynomial(right, x)
    assert polynomial.as_expr() == sp.expand(x * (1 - x + x**3)) and not poles
    outcome = solution_sets.compare(right, x**6000 - x**6001 - x**5999, x)
    assert not outcome.same and outcome.in_right and outcome.witness == sp.CRootOf(x**3 - x + 1, 0)
    assert solution_sets.compare(x**5999 * (1 - x + x**2), x**6000 - x**6001 - x**5999, x).same
    verdict = grader.check("x^5999*(1-x+x^3)=0", "x^6000-x^6001=x^5999")
    assert verdict.status == "incorrect" and "x = -1.325 solves the right equation" in verdict.feedback


def test_a_zero_of_a_denominator_is_no_solution():
    assert solution_sets.rational_solutions((x**2 - 1) / (x - 1), x) == sp.FiniteSet(-1)
    assert solution_sets.rational_solutions(1 / (1 / x + 1), x) == sp.S.EmptySet  # x/(x+1), but not at x = 0
    assert grader.check("w(12.5-w)=25", "2w+50/w=25").status == "correct"
    verdict = grader.check("x(x-2)=0", "(x^2-2x)/x=0")
    assert verdict.status == "incorrect" and "x = 0 solves the right equation but not yours" in verdict.feedback


def test_what_is_not_a_rational_equation_over_q_is_left_to_solveset():
    y = sp.Symbol("y")
    for d in (sp.sqrt(2) * x - 1, sp.exp(x) - 1, x * y - 1, sp.sqrt(x) - 2, x - sp.Float(0.5), 1 / sp.sqrt(x)):
        assert solution_sets.rational_solutions(d, x) is None
        assert solution_sets.compare(d, x - 1, x) is None
    assert solution_sets.solution_polynomial((x - 1)**6000, x) is None  # not expanded
    assert solution_sets.solution_polynomial(x**2 - 1 - (x - 1) * (x + 1), x) is None  # ≡ 0: every x


# -- points on a curve: brackets refined together, points checked together --------------------------

import numpy as np  # noqa: E402

from grader import curves  # noqa: E402
from grader.numeric.evaluate import evaluate  # noqa: E402
from grader.numeric.magnitude import evaluate_with_magnitude  # noqa: E402

y, a = sp.symbols("y a")


def _bisect_one(d, v, fixed, lo, hi, edge=np.inf):
    """The slow path: one bracket at a time, as before issue 16 (and, since, a final |d| above
    its value at the bracket's ends is a pole: see test_curve_poles.py)."""
    for _ in range(8):
        grid = np.linspace(lo, hi, 65)
        env = {k: np.full(65, val) for k, val in fixed.items()}
        env[v] = grid
        vals = np.broadcast_to(np.asarray(evaluate(d, env), dtype=float), grid.shape)
        if not np.all(np.isfinite(vals)):
            return None
        zero = np.nonzero(vals == 0)[0]
        if len(zero):
            lo = hi = grid[zero[0]]
            break
        flips = np.nonzero(np.sign(vals[:-1]) != np.sign(vals[1:]))[0]
        if not len(flips):
            return None
        lo, hi = grid[flips[0]], grid[flips[0] + 1]
        if hi - lo <= 1e-13 * max(1.0, abs(lo)):
            break
    root = 0.5 * (lo + hi)
    env = {k: np.array([val]) for k, val in fixed.items()}
    env[v] = np.array([root])
    values, mags = evaluate_with_magnitude(d, env)
    value, mag = float(np.ravel(values)[0]), float(np.ravel(mags)[0])
    return None if not np.isfinite(value) or abs(value) > 1e-6 * max(mag, 1.0) or abs(value) > edge else root


def _points_one_at_a_time(d, variables, seed, count=8):
    rng, found, attempts, scan = curves._rng(seed), [], 0, curves.SCAN
    while len(found) < count and attempts < 6 * count:
        attempts += 1
        solve_for = variables[attempts % len(variables)]
        fixed = {v: float(rng.uniform(-3.0, 3.0)) for v in variables if v != solve_for}
        env = {v: np.full(scan.shape, val) for v, val in fixed.items()}
        env[solve_for] = scan
        vals = np.broadcast_to(np.asarray(evaluate(d, env), dtype=float), scan.shape)
        with np.errstate(invalid="ignore"):
            sign = np.sign(vals)
            flips = np.nonzero((sign[:-1] * sign[1:] < 0) & np.isfinite(vals[:-1]) & np.isfinite(vals[1:]))[0]
            zeros = np.nonzero((vals == 0) & (np.abs(scan) <= 12.0))[0]
        if len(flips) + len(zeros) == 0:
            continue
        i = int(rng.integers(len(flips) + len(zeros)))
        if i >= len(flips):
            root = float(scan[zeros[i - len(flips)]])
        else:
            j = flips[i]
            root = _bisect_one(d, solve_for, fixed, scan[j], scan[j + 1], min(abs(vals[j]), abs(vals[j + 1])))
        if root is not None:
            found.append({v: {**fixed, solve_for: root}[v] for v in variables})
    return found


CURVES = [x**2 + y**2 - 1, y - sp.sqrt(1 - x**2), x * y - 1, y - 1 / x, sp.exp(x + y) - 5, a * x - a * y,
          sp.sqrt(x) - sp.sqrt(y), y - (x - a)**5999, 1 / x + 1 / y - 2, sp.Abs(x) - sp.Abs(y), sp.tan(x) - y,
          y - sp.log(x), x**2 - a, a * (x - y) * (x + y), sp.exp(10 * x) + a, (x - 1) * (y - 2) / (x - 1)]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CURVES), st.binary(min_size=1, max_size=8), st.integers(1, 12))
def test_points_are_those_of_refining_one_bracket_at_a_time(d, seed, count):
    variables = tuple(sorted(d.free_symbols, key=lambda s: s.name))
    assert curves.points_on(d, variables, seed, count) == _points_one_at_a_time(d, variables, seed, count)


def _satisfies(d, point, tolerance=1e-7):
    """The slow path: one point at a time."""
    env = {k: np.array([val]) for k, val in point.items()}
    values, mags = evaluate_with_magnitude(d, env)
    value, mag = float(np.ravel(values)[0]), float(np.ravel(mags)[0])
    return np.isfinite(value) and abs(value) <= tolerance * max(mag, 1e-12)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CURVES), st.sampled_from(CURVES), st.binary(min_size=1, max_size=8))
def test_the_first_point_off_a_curve_is_the_one_found_point_by_point(d, other, seed):
    variables = tuple(sorted(d.free_symbols | other.free_symbols, key=lambda s: s.name))
    points = curves.points_on(d, variables, seed)
    expected = next((p for p in points if not _satisfies(other, p)), None)
    assert curves.first_unsatisfied(other, points) == expected


# -- two polynomials, one a constant times the other ------------------------------------------------

CURVE_FACTORS = [x, y, x - y, x + 2 * y - 3, x**2 + y**2 - 1, a * x - 1, y - x**2, 2 * a + 1, x - 2]
curve_factors = st.lists(st.tuples(st.sampled_from(CURVE_FACTORS), st.integers(1, 2)), min_size=1, max_size=3)


@st.composite
def polynomial_pairs(draw) -> tuple[sp.Expr, sp.Expr]:
    """A polynomial and another: a constant times it (factored or expanded, as a learner might write
    it), or a different product of the same factors."""
    de = draw(scales) * _product(draw(curve_factors))
    if draw(st.booleans()):
        da = draw(scales) * de
        return de, (sp.expand(da) if draw(st.booleans()) else da)
    return de, draw(scales) * _product(draw(curve_factors))


def _without_polynomials(expected, answer):
    """The verdict with both sides never read as polynomials (the ratio of samples, gcds and points decide)."""
    polynomials = solution_sets.polynomials
    solution_sets.polynomials = lambda *args: None
    try:
        return grader.check(expected, answer)
    finally:
        solution_sets.polynomials = polynomials


@settings(max_examples=40, deadline=None)
@given(polynomial_pairs())
def test_proportional_polynomials_are_the_slow_paths_verdicts(pair):
    de, da = pair
    variables = tuple(sorted(de.free_symbols | da.free_symbols, key=lambda s: s.name))
    fast, slow = grader.check(sp.Eq(de, 0), sp.Eq(da, 0)), _without_polynomials(sp.Eq(de, 0), sp.Eq(da, 0))
    assert solution_sets.proportional(*solution_sets.polynomials(de, da, variables)) == sp.simplify(da / de).is_number
    if slow.status != "undecided":
        assert (fast.status, fast.feedback) == (slow.status, slow.feedback)


rationals = st.fractions(min_value=-20, max_value=20, max_denominator=12).map(sp.Rational)


@settings(max_examples=60, deadline=None)
@given(rationals.filter(bool), rationals, rationals.filter(bool), rationals, st.booleans())
def test_two_lines_are_compared_as_the_gcds_compare_them(a1, a0, b1, b0, same):
    """Two linear equations in one variable: the same outcome (and witness) as the bounded comparison."""
    de = a1 * x + a0
    da = b1 * (x + a0 / a1) if same else b1 * x + b0
    assert solution_sets.linear(*solution_sets.polynomials(de, da, (x,))) == solution_sets.compare(de, da, x)
    fast, slow = grader.check(sp.Eq(de, 0), sp.Eq(da, 0)), _without_polynomials(sp.Eq(de, 0), sp.Eq(da, 0))
    assert (fast.status, fast.feedback) == (slow.status, slow.feedback)


@settings(max_examples=60, deadline=None)
@given(polynomial_pairs(), st.integers(1, 12))
def test_the_term_bound_bounds_the_expanded_terms(pair, k):
    e = pair[0] ** k
    variables = frozenset(e.free_symbols)
    bound = solution_sets._terms(e, variables)
    expanded = len(sp.Add.make_args(sp.expand(e)))
    assert bound >= min(expanded, solution_sets.MAX_TERMS + 1)
    polynomial = solution_sets.polynomial(e, tuple(sorted(variables, key=lambda s: s.name)))
    assert (polynomial is None) == (bound > solution_sets.MAX_TERMS)
    if polynomial is not None:
        assert sp.expand(polynomial.as_expr() - e) == 0


def test_what_is_not_a_polynomial_over_q_is_not_read_as_one():
    for d in (sp.sqrt(2) * x - y, sp.pi * x, sp.exp(x) - y, sp.sqrt(x) - y, 1 / x - y, x * sp.Float(0.5) - y,
              sp.Abs(x) - y, sp.I * x - y, (x - y)**300, y - (x - a)**5999):
        assert solution_sets.polynomial(d, (a, x, y)) is None
        assert solution_sets.polynomials(d, 2 * d, (a, x, y)) is None
    assert solution_sets.proportional(*solution_sets.polynomials(y - x**6000, 3 * y - 3 * x**6000, (x, y)))
    assert not solution_sets.proportional(*solution_sets.polynomials(x - y, x + y, (x, y)))
    assert solution_sets.linear(*solution_sets.polynomials(x**2 - 1, x - 1, (x,))) is None  # a square: the gcds decide


# -- an equation whose side has one sign for every real x --------------------------------------------

SIGNED_TERMS = [sp.exp(10 * x), sp.exp(-x**2), x**2, x**4, sp.cosh(x), sp.Abs(x), sp.Float(1e-7), sp.Integer(2),
                sp.sin(x), x, x**3, sp.exp(x) - 1, sp.sqrt(x), 1 / x**2, sp.log(x)**2, sp.cos(x)**2]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SIGNED_TERMS), st.sampled_from([1, 3, sp.Rational(1, 2)])),
                min_size=1, max_size=3), st.booleans())
def test_one_sign_means_what_solveset_finds(terms, negate):
    """Where a side is known positive (or negative) for every real x, solveset finds no real solution either."""
    from grader import symbolic

    d = sp.Add(*(c * t for t, c in terms)) * (-1 if negate else 1)
    if symbolic._one_sign(d, x):
        assert _solveset(d) is sp.S.EmptySet
        assert symbolic.real_solutions(d, x) is sp.S.EmptySet
    assert not symbolic._one_sign(d * (x - 1), x)  # a real root at x = 1


def test_an_exponential_and_a_tiny_constant_have_no_real_solution():
    from grader import symbolic

    assert symbolic._one_sign(sp.exp(10 * x) + sp.Float(1e-7), x) and symbolic._one_sign(-sp.exp(10 * x), x)
    assert not symbolic._one_sign(sp.exp(10 * x) - sp.Float(1e-7), x)
    assert grader.check("e^(10x)+0.0000001=0", "e^(10x)=0").status == "correct"
    verdict = grader.check("e^(10x)=1", "e^(10x)+1=0")
    assert verdict.status == "incorrect" and "x = 0 solves the right equation but not yours" in verdict.feedback


def test_an_equation_typed_with_decimals_is_shown_as_an_equation():
    """The decimals of each side are shown; the relation itself is not decided (it was shown as False)."""
    from grader.kinds.base import as_decimals

    verdict = grader.check("110.304=23^1.5", "23^1.5=110.304")
    assert isinstance(verdict.interpreted.obj, sp.Equality) and str(verdict.interpreted.obj.rhs) == "110.304"
    shown = as_decimals(sp.Eq(x, sp.Rational(36, 25)))
    assert isinstance(shown, sp.Equality) and shown.lhs == x and str(shown.rhs) == "1.44"
    assert isinstance(as_decimals(sp.Eq(sp.Rational(1, 2), sp.Rational(1, 2), evaluate=False)), sp.Equality)


finite = st.floats(-1e6, 1e6, allow_nan=False)
widths = st.sampled_from([0.0, 5e-324, 1e-300, 1e-13, 1e-6, 0.05, 3.0])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(finite, widths), min_size=1, max_size=8))
def test_the_bisection_grid_is_linspace_bit_for_bit(ends):
    """Row k of the grid is np.linspace(lo[k], hi[k], 65), to the last bit (also where a step underflows to 0)."""
    lo = np.array([a for a, _ in ends])
    hi = np.array([a + w * max(1.0, abs(a)) for a, w in ends])
    assert np.array_equal(curves._grid(lo, hi, 65), np.linspace(lo, hi, 65, axis=1))
