"""The sample's seed is hashed from the reference's tree (not ``srepr``), and nothing the grader
says depends on the luck of the points it draws.

* the points are the same in every process, whatever ``PYTHONHASHSEED`` is;
* a narrow domain is found whatever the seed (a grid after the random points);
* a slip found in floats is checked exactly where an exact check exists, so a slip that
  floats cannot tell apart from the answer (x + 10⁻⁸ against x + 2·10⁻⁸, a polynomial of
  size 10¹³ off by 1) is never named wrongly, at whatever points;
* a difference at a real point of a reference real only at isolated points is shown as such.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from grader import check, diagnose
from grader.equivalence import DEFAULT_TOLERANCE, compare
from grader.numeric import sampling

x, y, z = sp.symbols("x y z")
ROOT = Path(__file__).resolve().parents[2]

_PROGRAM = """
import sympy as sp
from grader.numeric.sampling import sample
x, y, z = sp.symbols("x y z")
refs = [(x + y + z + sp.sin(x) * y, (x, y, z)), (sp.log(x - 3) + sp.sqrt(y), (x, y)),
        (x**3 / 3 - sp.exp(-x) + sp.Rational(1, 7), (x,)), (sp.asin(x - 5), (x,)), (sp.Float(0.5) * x * y, (x, y))]
for e, v in refs:
    s = sample(e, v)
    print(s.seed.hex(), s.points.tobytes().hex(), s.values.tobytes().hex())
"""


def _points_in_a_process(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _PROGRAM], env=env, capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout


def test_the_points_do_not_depend_on_the_hash_seed():
    one, two = _points_in_a_process("1"), _points_in_a_process("4242")
    assert one == two and len(one.splitlines()) == 5


def test_the_seed_is_the_trees_and_the_variables():
    assert sampling.seed_of(x + 1, (x,)) == sampling.seed_of(sp.Integer(1) + x, (x,))
    seeds = {sampling.seed_of(e, v) for e, v in [(x + 1, (x,)), (x + 2, (x,)), (x + 1, (x, y)), (y + 1, (y,))]}
    assert len(seeds) == 4
    assert sampling.seed_of(x + 1, (x,)) != sampling.proof_seed(x + 1, (x,))  # the two draw apart


@settings(max_examples=40, deadline=None)
@given(st.integers(-36, 36), st.sampled_from([1, 2, 4]))
def test_a_narrow_domain_is_found_whatever_the_seed(center, width):
    c = sp.Rational(center, 4)
    s = sampling.sample(sp.asin(width * (x - c)), (x,))  # defined on [c − 1/width, c + 1/width]
    assert s.size >= sampling.ENOUGH
    assert np.all(np.abs(s.points[:, 0] - float(c)) <= 1.0 / width + 1e-12)


tiny = st.integers(1, 99).map(lambda k: sp.Rational(k, 10**8))


def _named(expected, answer, variables=(x,)):
    ref = sampling.sample(expected, variables)
    return diagnose.find(expected, answer, ref, variables, approximate=False, tolerance=DEFAULT_TOLERANCE)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9), tiny, tiny)
def test_a_term_floats_cannot_see_is_never_named_wrongly(k, t, u):
    """kx + u against kx + t (u ≠ t, both tiny): no term is missing, extra or of the wrong sign. In floats
    kx + u agrees with kx at 10⁻⁷ wherever |x| is not small, so only a point near 0 told them apart."""
    if t == u:
        return
    hit = _named(k * x + t, k * x + u)
    assert hit is None or hit.key not in ("missing-term", "extra-term", "term-sign"), hit
    hit = _named(k * x + t, k * x)  # and the term that is missing is still named
    assert hit is not None and hit.key == "missing-term", hit


@settings(max_examples=60, deadline=None)
@given(st.sampled_from([-3, 3]), st.integers(1, 3), st.integers(13, 16), st.integers(-5, 5).filter(bool))
def test_a_constant_offset_is_named_with_its_exact_value(a, b, degree, offset):
    """A product of size 10¹⁵ at the sample points, expanded and off by a small integer: if an offset
    is named, it is the offset (floats alone put it at 0.9995 for 1 at some points)."""
    expected = 512 * (2 * x + a) ** degree * (5 * x - b) ** 3
    hit = _named(expected, sp.expand(expected) + offset)
    if hit is not None and hit.key == "constant-offset":
        assert hit.feedback.endswith(f"by the constant {offset}."), hit.feedback


def test_the_polynomial_off_by_one_of_the_outside_corpus_is_named_exactly():
    v = check("512*(2*x+5)^7*(5*x-1)^5*(70*x+67)", str(sp.expand(512 * (2 * x + 5)**7 * (5 * x - 1)**5
                                                                  * (70 * x + 67)) - 1).replace("**", "^"))
    assert v.status == "incorrect"
    assert v.mistake != "constant-offset" or "by the constant -1." in v.feedback


def test_a_difference_at_a_real_point_is_shown_for_a_reference_real_only_at_isolated_points():
    a, b = sp.symbols("a b")
    verdict = compare((-2) ** (a ** b), (-2) ** a, (a, b))
    assert verdict.equal is False and verdict.witness is not None
    point = {s: sp.Rational(v.numerator, v.denominator) if hasattr(v, "numerator") else v
             for s, v in verdict.witness.point.items()}
    right, got = ((-2) ** (a ** b)).subs(point), ((-2) ** a).subs(point)
    assert right.is_real and got.is_real and right != got  # the witness really tells them apart
    assert float(right) == verdict.witness.expected and float(got) == verdict.witness.answer
