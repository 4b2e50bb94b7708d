"""Numbers in tables: exact where short, otherwise rounded decimals; --json keeps every digit."""
from __future__ import annotations

import json
import re

import pytest
import sympy as sp
from hypothesis import given, strategies as st

import tutor
from tutor.reading.printer import to_text
from tutor.render.numbers import DIGITS, decimal, short

_DECIMAL = re.compile(r"\d+\.\d+(?:e[+-]?\d+)?")


def table_of(result) -> str:
    from tutor.render import Doc, Table, render

    tables = [n for n in result.doc().nodes if isinstance(n, Table)]
    assert len(tables) == 1
    return render(Doc(None, tuple(tables)), "unicode")


def significant(text: str) -> int:
    mantissa = text.split("e")[0].removesuffix(".0").replace(".", "").lstrip("0")   # 12.0 has two
    return len(mantissa)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).filter(lambda v: abs(v) > 1e-12))
def test_decimal_rounds_to_the_digits_and_no_further(v):
    shown = decimal(sp.Float(v, 30))
    text = to_text(shown)
    assert float(text) == pytest.approx(v, rel=10 ** (1 - DIGITS))
    assert significant(text.lstrip("-")) <= DIGITS


@given(st.fractions(min_value=-100, max_value=100, max_denominator=50))
def test_short_exact_values_stay_exact(q):
    value = sp.Rational(q.numerator, q.denominator)
    assert short(value) == value


@pytest.mark.parametrize("value", [1 + 4 * sp.sqrt(6) / 9, -sp.sqrt(6) / 3, sp.pi / 2, sp.Rational(-7, 3)])
def test_short_closed_forms_stay(value):
    assert short(value) == value


def test_long_closed_forms_become_decimals():
    long = sp.sqrt(2) / 2 + sp.sqrt(3) / 7 - sp.Rational(5, 11) + sp.sqrt(5)
    assert isinstance(short(long), sp.Float) and float(short(long)) == pytest.approx(float(long))


@pytest.mark.parametrize("f", ["x^4 - 3x^2 + x", "x^4 + y^4 - 4x y + x", "sin(x) + x^2/10", "x^3 - 2x + 1"])
def test_critical_table_has_no_long_decimals(f):
    result = tutor.critical_points(f)
    table = table_of(result)
    decimals = _DECIMAL.findall(table)
    assert all(significant(d) <= DIGITS for d in decimals), table
    data = result.to_dict()
    full = json.dumps(data)
    if decimals:   # the decimals shown are rounded; the JSON holds the values in full (30 digits)
        assert re.search(r"\d\.\d{25,}", full), full[:400]


def test_exact_values_are_shown_exactly_in_the_table():
    table = table_of(tutor.critical_points("x^3 - 2x + 1"))
    assert "1 + 4·√6/9" in table and "−√6/3" in table and not _DECIMAL.search(table)
