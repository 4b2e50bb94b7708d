"""Names an exercise defines as functions, the reader's gaps (acoth, binomial), words for DNE,
and the letter runs the grader needs to see (issue 12, items 7, 9, 10 and 12)."""
from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.reading.dne import DNE
from tutor.reading.errors import ParseError
from tutor.reading.runs import letter_runs
from tutor.reading.parser import parse

x, z, n, k = sp.symbols("x z n k")
sigma, f, g = sp.Function("sigma"), sp.Function("f"), sp.Function("g")


# -- declared functions ---------------------------------------------------------------------
@pytest.mark.parametrize("text", ["σ(z)(1-σ(z))", "sigma(z)*(1-sigma(z))", "σ(z)·(1 − σ(z))",
                                  r"\sigma(z)\,(1 - \sigma(z))", "sigma(z) (1 - sigma z)"])
def test_a_declared_function_is_applied_not_multiplied(text):
    assert parse(text, ["z"], functions=("sigma",)) == sigma(z) * (1 - sigma(z))


def test_a_glyph_and_its_name_declare_the_same_function():
    assert parse("σ(2z+1)", ["z"], functions=("σ",)) == sigma(2 * z + 1)
    assert parse("sigma(2z+1)", ["z"], functions=("σ",)) == sigma(2 * z + 1)


def test_declared_f_and_g_compose_and_leave_other_letters_alone():
    assert parse("f(g(x)) g(x)", ["x"], functions=("f", "g")) == f(g(x)) * g(x)
    assert parse("x(x+1)", ["x"], functions=("f", "g")) == x * (x + 1)   # x is still a variable
    # without the declaration the same text is a product, as before
    assert parse("f(x)", ["x"]) == sp.Symbol("f") * x


def test_a_declared_function_inside_a_letter_run_is_found():
    assert parse("2xf(x)", ["x"], functions=("f",)) == 2 * x * f(x)


def test_a_declared_function_needs_an_argument():
    with pytest.raises(ParseError, match="needs an argument"):
        parse("f + 1", ["x"], functions=("f",))


@given(st.sampled_from(["f", "g", "h", "sigma", "phi"]), st.integers(-9, 9), st.integers(1, 9))
@settings(max_examples=40, deadline=None)
def test_any_declared_name_applies_to_any_argument(name, a, b):
    fn = sp.Function(name)
    assert parse(f"{name}({a}x + {b})", ["x"], functions=(name,)) == fn(a * x + b)
    assert parse(f"{b}{name}(x)^2", ["x"], functions=(name,)) == b * fn(x) ** 2


# -- reader gaps ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("acoth(x)", sp.acoth(x)), ("arcoth(x)", sp.acoth(x)), ("arccoth(x)", sp.acoth(x)),
    ("asech(x)", sp.asech(x)), ("arsech(x)", sp.asech(x)), ("arcsech(x)", sp.asech(x)),
    ("acsch(x)", sp.acsch(x)), ("arcsch(x)", sp.acsch(x)), ("arccsch(x)", sp.acsch(x)),
    ("acoth x + 1", sp.acoth(x) + 1), ("coth^-1(x)", sp.acoth(x)), ("sech^-1(x)", sp.asech(x)),
    ("csch^-1(x)", sp.acsch(x)),
    ("binomial(5, 2)", sp.Integer(10)), ("binomial(n, k)", sp.binomial(n, k)),
    ("binomial(n, 2)", sp.binomial(n, 2)),
])
def test_gaps_are_read(text, expected):
    assert parse(text) == expected


def test_binomial_takes_two_arguments():
    with pytest.raises(ParseError, match="binomial takes 2 arguments"):
        parse("binomial(5)")


@pytest.mark.parametrize("text,name", [("gcd(4, 6)", "gcd"), ("choose(n, k)", "choose"),
                                       ("hypot(x, y)", "hypot"), ("foo(1, 2)", "foo")])
def test_an_unknown_function_of_several_arguments_is_named(text, name):
    with pytest.raises(ParseError) as err:
        parse(text)
    assert f"unknown function '{name}'" in str(err.value)
    assert "operator" not in (err.value.hint or "")


# -- words for "does not exist" ---------------------------------------------------------------
@pytest.mark.parametrize("text", ["DNE", "D.N.E.", "d.n.e.", "D.N.E", "dne", "no limit", "No limit",
                                  "does not exist", "limit does not exist", "The limit does not exist",
                                  "doesn't exist", "undefined"])
def test_words_for_does_not_exist(text):
    assert parse(text) is DNE


def test_no_limit_is_not_a_product_of_letters():
    assert parse("no limit") is DNE
    assert parse("n o") == sp.Symbol("n") * sp.Symbol("o")


# -- letter runs, for the grader's check of names ---------------------------------------------
def test_letter_runs_report_splits_and_suffixed_names():
    runs = {r.text: r.names for r in letter_runs("asdfgh + x6cos(x) + xy + sin x", ("x",))}
    assert runs["asdfgh"] == ("a", "s", "d", "f", "g", "h")
    assert runs["x6"] == ("x6",)
    assert runs["xy"] == ("x", "y")
    assert "sin" not in runs and "cos" not in runs   # functions and single known names are not listed


def test_letter_runs_know_declared_names_and_functions():
    assert letter_runs("lr*x + sigma(z)", ("lr", "x", "z"), ("sigma",)) == ()
