"""How a number is shown in a table or a sentence: exact where that is short, else a rounded decimal.

The engine keeps numbers as it found them (exact SymPy values, or Floats polished
to 30 digits); ``to_dict``/``--json`` carries them in full. Only the display
shortens them, here, so a table never mixes ``1 + 4·√6/9`` with
``−3.51390503893478902140946768805``: :func:`short_column` shows a whole column
one way (exact when every value is short, else decimals at the same digits;
integers stay integers).
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp

DIGITS = 10      # significant digits of a rounded decimal
MAX_OPS = 6      # an exact value with more operations than this is shown as a decimal
MAX_CHARS = 14   # ... and so is one whose learner text is longer than this

_MANTISSA = re.compile(r"^-?([0-9.]+)")


def decimal(value: Any, digits: int = DIGITS) -> sp.Float:
    """``value`` rounded to ``digits`` significant digits, printed without padding zeros."""
    text = f"{float(sp.N(value, digits + 5)):.{digits}g}"
    found = _MANTISSA.match(text)
    assert found is not None  # every decimal text has a mantissa
    mantissa = found.group(1)
    if "." in mantissa:
        sig = len(mantissa.replace(".", "").lstrip("0")) or 1   # 0.5, −3.513905039
    else:
        sig = len(mantissa) + 1   # 12.0 and 1.0e+20, not 12. and 1.e+20
    return sp.Float(text, sig)


def short(value: Any, digits: int = DIGITS) -> Any:
    """Exact if short, otherwise a rounded decimal; vectors and matrices entry by entry."""
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.rows, value.cols, [short(v, digits) for v in value])
    if isinstance(value, (sp.Tuple, tuple, list)):
        return sp.Tuple(*(short(v, digits) for v in value))
    if not isinstance(value, sp.Basic) or not value.is_number:
        return value
    if isinstance(value, sp.Float):
        return decimal(value, digits)
    if value.is_Integer and len(str(value)) <= MAX_CHARS:
        return value
    if value.is_real is False or value.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        return value
    from tutor.reading.printer import to_text

    if sp.count_ops(value) > MAX_OPS or len(to_text(value)) > MAX_CHARS:
        return decimal(value, digits)
    return value


def short_column(values: list[Any], digits: int = DIGITS) -> list[Any]:
    """A table column: :func:`short` of each value, but once one is a decimal, every exact
    non-integer of the column is a decimal too (points: coordinate by coordinate)."""
    if values and all(isinstance(v, (sp.Tuple, tuple, list)) for v in values) and len({len(v) for v in values}) == 1:
        columns = [short_column([v[i] for v in values], digits) for i in range(len(values[0]))]
        return [sp.Tuple(*row) for row in zip(*columns)]
    shown = [short(v, digits) for v in values]
    if not any(isinstance(v, sp.Basic) and v.has(sp.Float) for v in shown):
        return shown
    return [decimal(v, digits) if _exact_fraction(v) else v for v in shown]


def _exact_fraction(v: Any) -> bool:
    """An exact real number that is not an integer (√2, 1/3, 16 − 4·√2)."""
    return (isinstance(v, sp.Basic) and v.is_number and not v.is_Integer and not v.has(sp.Float)
            and v.is_real is not False and not v.has(sp.oo, -sp.oo, sp.zoo, sp.nan))
