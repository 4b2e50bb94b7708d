"""Declared variables guide letter splitting and name matching; DNE is a well-behaved singleton."""
from __future__ import annotations

import pickle

import pytest
import sympy as sp

import tutor
from tutor.reading.dne import DNE
from tutor.reading.errors import ParseError
from tutor.reading.parser import cache_info, clear_cache, parse, shape_of

x, y, e = sp.symbols("x y e")
lr, eta, w1, w_1 = sp.symbols("lr eta w1 w_1")


def test_without_variables_runs_of_letters_split():
    assert parse("lr") == sp.Symbol("l") * sp.Symbol("r")
    assert parse("lr x") == sp.Symbol("l") * sp.Symbol("r") * x


def test_declared_multi_letter_variables_are_not_split():
    assert parse("lr*x", variables=["lr", "x"]) == lr * x
    assert parse("lrx", variables=["lr", "x"]) == lr * x
    assert parse("2 lr eta", variables=["lr", "eta"]) == 2 * lr * eta


def test_subscript_spellings_match_the_declared_name():
    assert parse("w_1 + w1", variables=["w1"]) == 2 * w1
    assert parse("w1 + w_{1}", variables=["w_1"]) == 2 * w_1
    # undeclared, each spelling keeps its own name (so printing round-trips)
    assert parse("w_1") == w_1 and parse("w1") == w1


def test_e_is_eulers_number_unless_declared():
    assert parse("e^x") == sp.exp(x)
    assert parse("e^x", variables=["e", "x"]) == e**x
    assert parse("2e", variables=["e"]) == 2 * e


def test_greek_glyph_matches_declared_name():
    assert parse("η x", variables=["eta", "x"]) == eta * x
    assert parse("eta", variables=["η"]) == sp.Symbol("η")  # the caller's own spelling


def test_variables_may_be_symbols_or_a_comma_string():
    assert parse("lr x", variables=[lr, x]) == lr * x
    assert parse("lr x", variables="lr, x") == lr * x


def test_strict_refuses_unknown_names_with_a_suggestion():
    assert parse("2x + y", variables=["x", "y"], strict=True) == 2 * x + y
    with pytest.raises(ParseError) as info:
        parse("2x + z", variables=["x", "y"], strict=True)
    assert "unknown name 'z'" in info.value.message
    assert info.value.column == 6
    assert "x, y" in info.value.hint


def test_shape_of():
    assert shape_of(parse("x")) == "expression"
    assert shape_of(parse("x = 1")) == "equation"
    assert shape_of(parse("(1, 2)")) == "vector"
    assert shape_of(parse("{(1, 2)}")) == "set"
    assert shape_of(parse("[[1, 2]]")) == "matrix"


def test_repeated_answers_come_from_the_cache():
    clear_cache()
    first = parse("3x^2 + 2x")
    hits = cache_info().hits
    assert parse("3x^2 + 2x") is first
    assert cache_info().hits == hits + 1


def test_public_api_names():
    assert tutor.parse("x") == x
    assert tutor.DNE is DNE
    assert issubclass(tutor.ParseError, ValueError)
    assert tutor.to_text(x**2) == "x^2"


def test_dne_is_a_printable_picklable_singleton_without_free_symbols():
    assert pickle.loads(pickle.dumps(DNE)) is DNE
    assert type(DNE)() is DNE
    assert DNE == DNE and DNE != sp.Symbol("DNE")
    assert str(DNE) == "DNE" and sp.latex(DNE) == r"\text{DNE}"
    assert DNE.free_symbols == set()
    assert sp.Tuple(DNE, 1).free_symbols == set()
    assert hash(DNE) == hash(pickle.loads(pickle.dumps(DNE)))
