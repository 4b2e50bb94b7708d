"""Numbers too long to print are abbreviated by every printer and renderer (issue 18.1).

Python refuses ``str()`` of an integer over 4,300 digits, which crashed to_unicode,
to_html and to_dict of a verdict, and the class report. A number the reader can read
back is printed in full (the round trip holds); a longer one as 1.2345…×10^5000.
"""
from __future__ import annotations

import json

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import grader
from tutor.reading import printer
from tutor.reading.bignum import abbreviate
from tutor.reading.errors import ParseError
from tutor.reading.parser import parse_uncached
from tutor.reading.sizes import largest_number
from tutor.render import jsonable

x = sp.Symbol("x")
PRINTERS = [printer.to_text, printer.to_unicode, printer.to_latex, printer.to_mathml, printer.pretty]
SHAPES = [lambda n: n, lambda n: -n, lambda n: 1 / n, lambda n: sp.Rational(3, 7) * n, lambda n: x * n,
          lambda n: x / n, lambda n: n + x, lambda n: (x + 1) ** n, lambda n: x ** (1 / n),
          lambda n: sp.Tuple(n, 1), lambda n: sp.ImmutableMatrix([[n, 1], [2, 3]]), lambda n: sp.Eq(x, n),
          lambda n: -3 * n * x**2, lambda n: sp.sqrt(n), lambda n: n * sp.pi, lambda n: sp.exp(n * x),
          lambda n: (n + 1) / n]


def _exponent_shown(text: str, n: int) -> bool:
    digits = len(str(abs(n))) - 1 if abs(n).bit_length() < 14000 else None
    return digits is None or str(digits) in text.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))


@given(st.integers(1001, 12000), st.integers(1, 9), st.sampled_from(SHAPES), st.sampled_from(PRINTERS))
def test_every_printer_abbreviates_long_numbers(digits, lead, shape, show):
    with_limit = 10 ** 4290  # build below Python's str limit, then grow past it
    n = sp.Integer(lead * with_limit) * sp.Integer(10) ** (digits - 4290)
    obj = shape(n)
    text = show(obj)
    assert len(text) < 2500  # a 1,001-digit number the reader accepts is printed whole
    if largest_number(obj) > 1001.5:
        assert "…" in text or "..." in text or r"\ldots" in text or "&#8230;" in text


def test_the_abbreviation_says_the_leading_digits_and_the_size():
    n = sp.Integer(123456) * sp.Integer(10) ** 5000
    assert printer.to_text(n) == "(1.2346...*10^5005)"
    assert printer.to_unicode(n) == "(1.2346…·10⁵⁰⁰⁵)"
    assert printer.to_latex(n) == r"1.2346\ldots \times 10^{5005}"
    assert printer.to_text(-n * x) == "-(1.2346...*10^5005)*x"
    assert printer.to_text(1 / n) == "(8.1001...*10^-5006)"
    assert printer.to_text((10 * n - 1) / n) == "(1.0000...*10^1)"


def test_an_abbreviation_is_never_read_back_as_a_number():
    with pytest.raises(ParseError):
        parse_uncached(printer.to_text(sp.Integer(10) ** 5000))


@given(st.integers(-(10**1000) + 1, 10**1000 - 1), st.integers(1, 10**50))
def test_numbers_the_reader_accepts_print_in_full_and_round_trip(p, q):
    value = sp.Rational(p, q)
    assert abbreviate(int(value.p), int(value.q)) is None
    assert parse_uncached(printer.to_text(value)) == value


def test_jsonable_abbreviates_a_long_python_int():
    out = jsonable({"n": 10**5000 * 7, "small": 12})
    assert out["small"] == 12 and out["n"] == "(7.0000...*10^5000)"
    assert json.loads(json.dumps(out)) == out


@pytest.mark.parametrize("answer", [sp.Integer(10) ** 5000, x * sp.Integer(10) ** 6000 + 1,
                                    sp.Tuple(sp.Integer(10) ** 4500, 2)])
def test_every_verdict_renderer_survives_a_huge_answer(answer):
    verdict = grader.check("2x", answer)
    assert verdict.status in ("incorrect", "invalid", "undecided")
    outputs = [verdict.to_text(), verdict.to_unicode(), verdict.to_latex(), verdict.to_markdown(),
               verdict.to_html(), json.dumps(verdict.to_dict())]
    for out in outputs:
        assert len(out) < 5000
    assert any("10^" in out or "10⁴" in out or "10⁵" in out or "10⁶" in out for out in outputs)


E = sp.E
HARD = [x + sp.exp(sp.exp(sp.exp(sp.exp(10)))), x + sp.factorial(20000 / sp.pi) ** 1000,
        1 + sp.exp(sp.exp(sp.exp(sp.exp(sp.exp(2))))), x - sp.pi ** sp.pi ** sp.pi ** sp.pi ** sp.pi]


@pytest.mark.parametrize("value", HARD, ids=["e-tower", "factorial", "e-tower-2", "pi-tower"])
def test_sums_of_hard_numbers_print_without_evaluating_them(value):
    """Sorting a sum's terms evaluated its numbers: e^e^e^e^10 overflowed, (20000/π)!^1000 ran for
    minutes. The reader refuses such numbers now, but code can still build them."""
    text = printer.to_text(value)
    assert text.count("e^") + text.count("pi^") + text.count("!") >= 1
    for show in PRINTERS[1:]:
        assert any(mark in show(value) for mark in ("e", "ℯ", "π", "pi", "!"))
