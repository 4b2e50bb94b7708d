"""Fast paths of cold grading in the numeric core (issue 16): each gives what the slow path gives.

* the candidate pool draws each random block as one array: the same points, in the same
  order, as the row-by-row draws it replaced (kept here as the slow path);
* ``compare`` asks the modular fingerprint before it samples the reference: a proof needs no
  sample points, and its seed is hashed from the tree (``proof_seed``, from which the sample's
  seed is derived); whatever it proves equal the sampled values agree with.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from grader import diagnose, equivalence
from grader.numeric import Fingerprint, sampling
from grader.numeric.sampling import FARTHER, LARGE, NICE

x, y = sp.symbols("x y")


def _pool_row_by_row(n: int, rng: np.random.Generator) -> list:
    """The pool as it was drawn before issue 16, one point per call."""
    out: list = []
    for i in range(8):
        exact = tuple(NICE[(i + 5 * j) % len(NICE)] for j in range(n))
        out.append(("nice", np.array([float(c) for c in exact]), exact))
    for _ in range(10):
        out.append(("moderate", rng.uniform(-3.0, 3.0, n), None))
    for _ in range(4):
        out.append(("moderate", rng.uniform(-10.0, 10.0, n), None))
    for lo, hi, count in ((0.05, 1.0, 3), (0.1, 4.0, 4), (1.0, 10.0, 2)):
        for _ in range(count):
            out.append(("positive", rng.uniform(lo, hi, n), None))
    for m in LARGE + FARTHER if n == 1 else ():  # (several variables: drawn, see the next test)
        out.append(("large", np.array([m]), (Fraction(int(m)),)))
        out.append(("large", np.array([-m]), (Fraction(-int(m)),)))
    return out


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=16), st.integers(1, 6))
def test_the_pool_draws_the_same_points_as_row_by_row_draws(seed, n):
    cats, points, exact = sampling._pool(n, sampling._rng(seed))
    slow = _pool_row_by_row(n, sampling._rng(seed))
    k = len(slow)  # all of it for one variable; for several, all but the far-out points drawn last
    assert list(zip(cats, exact))[:k] == [(c, e) for c, _, e in slow]
    assert np.array_equal(points[:k], np.array([p for _, p, _ in slow]))


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=16), st.integers(2, 6))
def test_the_far_out_points_of_several_variables_are_the_five_kinds_for_each_scale(seed, n):
    cats, points, exact = sampling._pool(n, sampling._rng(seed))
    far = points[[c == "large" for c in cats]]
    assert far.shape == (5 * len(LARGE), n) and all(e is None for c, e in zip(cats, exact) if c == "large")
    for block, m in zip(far.reshape(len(LARGE), 5, n), LARGE):
        about_m = (np.abs(block) >= 0.9 * m) & (np.abs(block) <= 1.1 * m)
        assert about_m[:2].all() and about_m[4].all() and (block[4] > 0).all()  # ±m everywhere; +m
        for row in block[2:4]:  # one coordinate exactly ±m, the others moderate
            assert np.count_nonzero(np.abs(row) == m) == 1 and np.count_nonzero(np.abs(row) < 3.0) == n - 1
    signs = np.sign(far.reshape(len(LARGE), 5, n)[:, :2])
    assert n < 4 or len(np.unique(signs)) == 2  # random signs (both show up in 6n draws)


def _search_more_row_by_row(n: int, rng: np.random.Generator, found: np.ndarray) -> list:
    """The search for more points as it was drawn before, one point per call."""
    out = []
    for p in found:
        for _ in range(4):
            out.append(p + rng.uniform(-0.5, 0.5, n) * np.maximum(np.abs(p) * 0.2, 0.05))
    for lo, hi in ((-1.0, 1.0), (0.0, 0.25), (0.9, 1.1), (-0.25, 0.0), (2.5, 3.5), (-10, 10)):
        for _ in range(6):
            out.append(rng.uniform(lo, hi, n))
    return out


@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=16), st.integers(1, 4), st.integers(0, 6))
def test_the_search_for_more_draws_the_same_points_as_row_by_row_draws(seed, n, k):
    found = np.random.default_rng(k).uniform(-20.0, 20.0, (k, n))
    fast = sampling._search_more(n, sampling._rng(seed), found)
    slow = _search_more_row_by_row(n, sampling._rng(seed), found)
    assert np.array_equal(fast, np.array(slow))


def test_the_pool_has_every_category_for_one_and_for_several_variables():
    for n in (1, 3):
        cats = list(sampling._pool(n, sampling._rng(b"seed"))[0])
        assert cats.count("nice") == 8 and cats.count("moderate") == 14 and cats.count("positive") == 9
        assert cats.count("large") == (8 if n == 1 else 15)


coefficients = st.integers(-4, 4)


@st.composite
def rational_pairs(draw):
    """A rational function and an answer: the same one rewritten, or one changed by a hair."""
    v = draw(st.sampled_from([x, y]))
    p = sum(draw(coefficients) * v ** k for k in range(3)) + x * y * draw(coefficients)
    q = v ** 2 + draw(st.integers(1, 3))
    e = p / q + draw(st.sampled_from([sp.Integer(0), sp.sin(x), sp.sqrt(1 + y ** 2)]))
    change = draw(st.sampled_from(["expand", "together", "apart", "shift", "scale"]))
    a = {"expand": lambda: sp.expand(e), "together": lambda: sp.together(e),
         "apart": lambda: sp.apart(p / q, v) + (e - p / q),
         "shift": lambda: e + sp.Rational(1, 10 ** 6), "scale": lambda: e * sp.Rational(1001, 1000)}[change]()
    return e, a


@settings(max_examples=60, deadline=None)
@given(rational_pairs())
def test_a_fingerprint_proof_before_sampling_agrees_with_the_sampled_values(pair):
    e, a = pair
    variables = (x, y)
    outcome = equivalence.compare(e, a, variables)
    numeric = equivalence._numeric(equivalence.reference(e, variables), a, None)
    if outcome.method == "exact":
        assert numeric.equal is True or outcome.equal is False
    if outcome.equal is True:
        assert numeric.equal is True


@settings(max_examples=60, deadline=None)
@given(rational_pairs())
def test_the_proof_seed_proves_what_the_sample_seed_proves(pair):
    """The fingerprint's outcome does not depend on its points: the cheap seed gives the same proof."""
    e, a = pair
    variables = (x, y)
    fast = Fingerprint(e, sampling.proof_seed(e, variables)).compare(a)
    slow = Fingerprint(e, sampling.seed_of(e, variables)).compare(a)
    assert fast == slow


def test_the_proof_seed_is_the_trees_and_the_variables():
    assert sampling.proof_seed(x + 1, (x,)) == sampling.proof_seed(sp.Integer(1) + x, (x,))
    seeds = {sampling.proof_seed(e, v) for e, v in [(x + 1, (x,)), (x + 2, (x,)), (x + 1, (x, y)),
                                                     (y + 1, (y,)), (x + sp.Float(1.0), (x,)), (x + sp.pi, (x,))]}
    assert len(seeds) == 6


# -- diagnosis: the same arithmetic with less NumPy overhead ------------------------------------------

floats = st.floats(allow_nan=False, width=64) | st.sampled_from([np.inf, -np.inf, 0.0, -0.0, 1e308, -1e308])


@settings(max_examples=300, deadline=None)
@given(st.lists(floats, min_size=1, max_size=40))
def test_the_median_is_numpys(values):
    a = np.array(values)
    with np.errstate(all="ignore"):
        expected = float(np.median(a))
    got = diagnose.median(a)
    assert got == expected or (np.isnan(got) and np.isnan(expected))


def _same_with_nan_to_num(ev, u, v) -> bool:
    """``Evidence.same`` as it was written before issue 16."""
    with np.errstate(all="ignore"):
        gap = np.abs(u - v)
        ok = np.isfinite(gap)
        n = int(np.count_nonzero(ok))
        if n < min(2, len(u)):
            return False
        scale = np.nan_to_num(ev.slack + 1e-7 * np.maximum(np.abs(u), np.abs(v)), nan=0.0)
        return bool((gap[ok] <= scale[ok]).all())


values = st.floats(-1e6, 1e6) | st.sampled_from([np.nan, np.inf, -np.inf, 0.0])


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 12).flatmap(lambda n: st.tuples(*[st.lists(values, min_size=n, max_size=n)] * 2,
                                                      st.lists(st.floats(0, 1e3) | st.sampled_from([np.nan, np.inf]),
                                                               min_size=n, max_size=n))))
def test_same_agrees_with_the_nan_to_num_version(arrays):
    u, v, slack = (np.array(a) for a in arrays)
    ev = diagnose.Evidence(sp.Integer(0), sp.Integer(0), None, u, slack, (), False)
    with np.errstate(all="ignore"):
        near = u + 1e-12 * np.abs(u)
    assert ev.same(u, v) == _same_with_nan_to_num(ev, u, v)
    assert ev.same(u, near) == _same_with_nan_to_num(ev, u, near)
