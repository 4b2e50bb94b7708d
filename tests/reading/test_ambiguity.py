"""'a/bc' has two readings; calctutor reads 1/(bc) and offers (a/b)·c as the alternative."""
from __future__ import annotations

import pytest
import sympy as sp

from tutor.reading.ambiguity import reading_notes, slash_alternative, slash_note
from tutor.reading.parser import parse

x, y = sp.symbols("x y")


@pytest.mark.parametrize(
    "text, rewritten, other",
    [
        ("1/2x^(-1/2)", "1/2*x^(-1/2)", x ** sp.Rational(-1, 2) / 2),
        ("1/2x", "1/2*x", x / 2),
        ("3/4x^(-1/4)", "3/4*x^(-1/4)", sp.Rational(3, 4) * x ** sp.Rational(-1, 4)),
        ("1/2(x+1)", "1/2*(x+1)", (x + 1) / 2),
        ("2/x^2y", "2/x^2*y", 2 * y / x**2),
        ("e^x/2x", "e^x/2*x", x * sp.exp(x) / 2),
    ],
)
def test_the_other_reading_divides_by_the_first_factor_only(text, rewritten, other):
    alt = slash_alternative(text)
    assert alt is not None and alt.text == rewritten
    assert sp.simplify(alt.value - other) == 0
    assert sp.simplify(parse(text) - other) != 0  # the main reading really differs


@pytest.mark.parametrize("text", ["1/(2x)", "a/b/c", "x/2", "(x+1)/(2x)", "2x/3", "1/2 + x", "sin(x)/x"])
def test_unambiguous_divisions_have_no_alternative(text):
    assert slash_alternative(text) is None


def test_unreadable_text_has_no_alternative():
    assert slash_alternative("1/2x+") is None


def test_the_echo_notes_mention_the_alternative_and_how_to_type_it():
    notes = reading_notes("1/2x^(-1/2)")
    assert any("1/2*x^(-1/2)" in n for n in notes)
    assert slash_note("x/2") is None
