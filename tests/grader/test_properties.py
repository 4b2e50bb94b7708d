"""Laws of the checker: an equivalent rewrite is right, a mutated answer is wrong.

Random expressions are built from polynomials and functions defined on the whole
line (sin, cos, exp, ln(1 + u²), √(1 + u²)), rewritten by SymPy (expand, factor,
trigsimp, expand_trig, together) or mutated (a coefficient changed, a term's sign
flipped, a term dropped) and graded, as SymPy objects and as printed text.
"""
from __future__ import annotations

import sympy as sp
from hypothesis import assume, given
from hypothesis import strategies as st

import grader
from tutor import to_text

x, y = sp.symbols("x y")


def _poly(draw_coeffs, var):
    a, b, c = draw_coeffs
    return a * var**2 + b * var + c


@st.composite
def inner(draw):
    var = draw(st.sampled_from([x, y]))
    coeffs = draw(st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3)))
    u = _poly(coeffs, var)
    assume(u.free_symbols)
    return u


@st.composite
def term(draw):
    u = draw(inner())
    kind = draw(st.sampled_from(["poly", "sin", "cos", "exp", "log", "sqrt", "product"]))
    coeff = draw(st.integers(1, 4)) * draw(st.sampled_from([1, -1]))
    if kind == "poly":
        body = u
    elif kind == "sin":
        body = sp.sin(u)
    elif kind == "cos":
        body = sp.cos(u)
    elif kind == "exp":
        body = sp.exp(u / 4)
    elif kind == "log":
        body = sp.log(1 + u**2)
    elif kind == "sqrt":
        body = sp.sqrt(1 + u**2)
    else:
        body = draw(inner()) * sp.sin(u)
    return coeff * body


@st.composite
def expression(draw):
    terms = draw(st.lists(term(), min_size=2, max_size=3))
    e = sp.Add(*terms)
    assume(len(sp.Add.make_args(e)) >= 2 and e.free_symbols)
    return e


REWRITES = [sp.expand, sp.factor, sp.trigsimp, lambda e: sp.expand_trig(e), sp.together,
            lambda e: sp.expand(e, power_base=False, log=False)]


@given(expression(), st.sampled_from(range(len(REWRITES))), st.booleans())
def test_an_equivalent_rewrite_is_correct(e, which, as_text):
    rewritten = REWRITES[which](e)
    answer = to_text(rewritten) if as_text else rewritten
    v = grader.check(e, answer)
    assert v.status == "correct", (e, answer, v.feedback)


@given(expression(), st.data())
def test_a_mutated_answer_is_incorrect(e, data):
    terms = sp.Add.make_args(e)
    t = data.draw(st.sampled_from(terms))
    mutation = data.draw(st.sampled_from(["coefficient", "sign", "drop"]))
    if mutation == "coefficient":
        mutated = e + t / abs(t.as_coeff_Mul()[0])  # one more (or less) of that term
    elif mutation == "sign":
        mutated = e - 2 * t
    else:
        mutated = e - t
    assume(mutated != e)
    as_text = data.draw(st.booleans())
    v = grader.check(e, to_text(mutated) if as_text else mutated)
    assert v.status == "incorrect", (e, mutated, v.feedback)


@given(st.integers(-999, 999), st.integers(1, 99))
def test_decimals_to_six_places_are_right_and_a_one_percent_error_is_not(p, q):
    value = sp.Rational(p, q)
    assume(value != 0)
    good = f"{float(value):.6g}"
    assert grader.check(value, good).status == "correct", good
    bad = f"{float(value) * 1.01:.6g}"
    assert grader.check(value, bad).status == "incorrect", bad


@given(expression())
def test_grading_is_deterministic(e):
    answer = to_text(sp.expand(e) + 1)
    a, b = grader.check(e, answer), grader.check(e, answer)
    assert (a.status, a.feedback, a.mistake) == (b.status, b.feedback, b.mistake)
