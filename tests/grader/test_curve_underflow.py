"""A product that underflows to 0 in floats is not a root: only a factor's zero is.

x³⁰⁰·(sin x + 2x) is 0 in floats for |x| < 0.09, and x = 1/20 was taken for a point of the right
equation: x(sin x + 2x)/(x − 1) = 0, with the same single solution, was graded incorrect.
"""
from __future__ import annotations

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import grader
from grader import curves
from tutor import parse

x = sp.Symbol("x")
inner = st.sampled_from(["sin(x)+2*x", "x^3+x", "atan(x)+x", "e^x-1"])  # one real root, at 0


@settings(max_examples=20, deadline=None)
@given(inner, st.integers(150, 320), st.sampled_from(["1", "3", "-2"]))
def test_an_underflowing_power_gives_no_false_witness(g, n, pole):
    verdict = grader.check(f"x^{n}*({g})=0", f"x*({g})/(x-{pole})=0")
    assert verdict.status != "incorrect", verdict.feedback


@settings(max_examples=20, deadline=None)
@given(inner, st.integers(150, 320))
def test_points_found_on_an_underflowing_product_are_roots(g, n):
    d = parse(f"x^{n}*({g})")
    points = curves.points_on(d, (x,), b"seed")
    assert all(abs(p[x]) < 1e-9 for p in points)


def test_a_factor_that_is_zero_counts_and_an_exponential_never_does():
    env = {x: curves.SCAN}
    near = np.isclose(curves.SCAN, 1.0)
    assert curves._factor_vanishes((x - 1) * sp.exp(-x ** 4), env)[near].all()
    assert not curves._factor_vanishes(sp.exp(-x ** 4), env).any()
    assert grader.check("(x-1)*e^(-x^4)=0", "x=1").status == "correct"
    assert grader.check("(x-1)*e^(-x^4)=0", "x=2").status == "incorrect"


# -- a root of multiplicity 3, written out --------------------------------------------------------

sides = st.sampled_from(["sin(x)", "e^x", "x*e^x", "atan(x)+x"])


@settings(max_examples=20, deadline=None)
@given(sides, st.sampled_from(["1/2", "2/3", "1/5"]), st.booleans())
def test_a_cube_written_out_is_not_refuted_by_its_blurred_points(g, c, reverse):
    """(g − c)³ = 0 expanded has the solutions of g = c; floats blur its points by ~10⁻³."""
    cube = f"({g})^3 - 3*({c})*({g})^2 + 3*({c})^2*({g}) - ({c})^3 = 0"
    plain = f"{g} = {c}"
    expected, answer = (cube, plain) if reverse else (plain, cube)
    assert grader.check(expected, answer).status != "incorrect"
    off = f"({g})^3 - 3*({c})*({g})^2 + 3*({c})^2*({g}) - ({c})^3 = 1/100"  # g = c + 0.215: other points
    assert grader.check(plain, off).status == "incorrect"


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(["1", "3", "-2"]))
def test_a_cube_of_a_line_written_out_is_the_line(c):
    s = "(x+y)"
    cube = f"{s}^3 - 3*({c})*{s}^2 + 3*({c})^2*{s} - ({c})^3 = 0"
    assert grader.check(f"x + y = {c}", cube).status == "correct"
    assert grader.check(f"x + y = {c}", cube.replace("= 0", "= 1/1000")).status == "incorrect"
