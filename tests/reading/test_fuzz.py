"""Whatever is typed, ``parse`` returns a SymPy object or raises ParseError: nothing else escapes.

Hostile inputs (huge numbers, towers, deep nesting) are refused or built without evaluating;
the Hypothesis deadline bounds each example's time without a timing assert.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
import sympy as sp
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tutor.reading.dne import DoesNotExist
from tutor.reading.errors import ParseError
from tutor.reading.parser import parse, parse_uncached

ALPHABET = "0123456789xyzte.+-*/^()[]{}|<>,=! _\\√²⁻πθ∞·×÷−abcdfgilnopqrsuw'\":;%$&~@#`\n\t"
SEEDS = ["3xe^(2x)", "sin^2 x + cos^2 x", "(1, 2)", "{(0,0),(1,2)}", r"\frac{1}{\sqrt{x}}", "|x - 1|",
         "log_2(x)", "x + 2y = 3", "√(t+1)", "[[1,2],[3,4]]", "e^-x^2", "DNE", "2^3^2", "ln|x|"]
HOSTILE = ["9^9^9^9", "10^10^10", "(10^10)!", "1000!", "2^(10^6)", "(2x)^(10^9)", "sqrt(2)^(10^10)",
           "10^-10^10", "(1/3)^(-10^9)", "x^" * 50 + "x", "(" * 45 + "x" + ")" * 45, "sin " * 60 + "x",
           "1e99999999", "9" * 5000, "x" * 3000, "√" * 100 + "x", "-" * 1500 + "x", "|" * 200,
           "2^(1/10^9)", r"\sqrt[100000]{2}", "e^(10^10)", "log(10^999, 10^998)", "(-1)^(10^20)",
           "0^(-10^9)", "((x+1)^10000)^10000", "x^(1/0)", "1/0", "0/0", "oo - oo", "max(" * 30 + "x" + ")" * 30]


def _check(text: str) -> None:
    try:
        result = parse_uncached(text)
    except ParseError as err:
        assert err.message and 1 <= err.column <= len(text) + 1
        return
    assert isinstance(result, (sp.Basic, sp.MatrixBase, DoesNotExist))


@settings(deadline=timedelta(seconds=5))
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_random_strings_raise_only_parse_error(text):
    _check(text)


@settings(deadline=timedelta(seconds=5))
@given(st.text(max_size=30))
def test_arbitrary_unicode_raises_only_parse_error(text):
    _check(text)


@st.composite
def mutated(draw):
    """A realistic answer with a few characters inserted, deleted or replaced."""
    text = list(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace"]))
        i = draw(st.integers(0, len(text)))
        ch = draw(st.sampled_from(ALPHABET))
        if op == "insert":
            text.insert(i, ch)
        elif text and i < len(text):
            if op == "delete":
                del text[i]
            else:
                text[i] = ch
    return "".join(text)


@settings(deadline=timedelta(seconds=5))
@given(mutated())
@example("x^^2")
@example("((x)")
def test_mutated_answers_raise_only_parse_error(text):
    _check(text)


@pytest.mark.parametrize("text", HOSTILE, ids=[h[:20] for h in HOSTILE])
def test_hostile_inputs_are_refused_or_built_unevaluated(text):
    _check(text)


def test_huge_powers_are_refused_with_a_clear_message():
    for text in ["9^9^9^9", "10^10^10", "2^(10^6)"]:
        with pytest.raises(ParseError) as info:
            parse(text)
        assert "too large" in info.value.message


def test_symbolic_towers_are_kept_symbolic():
    x = sp.Symbol("x")
    assert parse("x^(10^10)") == sp.Pow(x, 10**10)
    assert parse("e^(10^10)") == sp.exp(10**10)


@settings(deadline=timedelta(seconds=5))
@given(mutated(), st.sampled_from([None, ["x"], ["lr", "x", "w_1"], ["e", "theta"]]), st.booleans(),
       st.sampled_from([None, "expression", "equation", "vector", "set", "matrix"]))
def test_options_never_let_other_exceptions_out(text, variables, strict, expect):
    try:
        parse_uncached(text, variables, strict=strict, expect=expect)
    except ParseError:
        pass
