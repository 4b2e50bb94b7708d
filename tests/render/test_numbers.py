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


def _kinds(shown) -> tuple[bool, bool]:
    """(has a decimal, has an exact non-integer) among the shown values."""
    flat = [c for v in shown for c in (v if isinstance(v, sp.Tuple) else (v,))]
    return (any(isinstance(c, sp.Float) for c in flat),
            any(isinstance(c, sp.Basic) and c.is_number and not c.is_Integer and not c.has(sp.Float) for c in flat))


_EXACT = st.sampled_from([sp.sqrt(2), -sp.sqrt(2), 16 - 4 * sp.sqrt(2), sp.Rational(1, 3), sp.Integer(0),
                          sp.Integer(-7), sp.pi / 4])
_FLOAT = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False).map(lambda v: sp.Float(v, 30))


@given(st.lists(st.one_of(_EXACT, _FLOAT), min_size=1, max_size=6))
def test_a_column_never_mixes_exact_irrationals_with_decimals(values):
    from tutor.render.numbers import short_column

    shown = short_column(values)
    has_decimal, has_exact = _kinds(shown)
    assert not (has_decimal and has_exact)
    for v, s in zip(values, shown):  # same number, whichever way it is shown
        value = float(str(s)) if isinstance(s, sp.Float) else float(s)  # a decimal: as printed
        assert value == pytest.approx(float(v), rel=10 ** (1 - DIGITS), abs=1e-12)
        if v.is_Integer:
            assert s == v  # integers stay as they are


def test_a_column_of_short_exact_values_stays_exact():
    from tutor.render.numbers import short_column

    assert short_column([sp.sqrt(2), sp.Rational(1, 3), sp.Integer(2)]) == [sp.sqrt(2), sp.Rational(1, 3), 2]
    points = short_column([sp.Tuple(-sp.sqrt(2), 0), sp.Tuple(sp.Float("-1.30083956594158", 30), sp.Float(0, 30))])
    assert points[0] == sp.Tuple(decimal(-sp.sqrt(2)), 0)


def test_the_critical_point_table_is_consistent_per_column():
    table = table_of(tutor.critical_points("2x^6/3 - 7x^4/2 + x^3/3 + 6x^2 - 2x + y^2"))
    assert "√" not in table and "1.414213562" in table and "−8.807368436" in table
