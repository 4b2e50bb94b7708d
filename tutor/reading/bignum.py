"""Print numbers too long to show as an abbreviation: 1.2346…×10^5000.

Python refuses to turn an integer of more than 4,300 digits into text, and a page of
digits helps nobody. Every printer asks :func:`abbreviate` first; a number the reader
could read back (up to its ``max_digits``) is printed in full, so ``parse(to_text(e))``
still round-trips, and anything longer is shown by its leading digits and its size.
The abbreviation is deliberately not readable as input.
"""
from __future__ import annotations

from dataclasses import dataclass

import mpmath

from tutor.reading import limits

PYTHON_LIMIT = 4000  # digits; Python's own limit for int -> str is 4300


@dataclass(frozen=True)
class Abbreviated:
    """``sign · mantissa… × 10^exponent`` with a 5-digit mantissa."""

    negative: bool
    mantissa: str
    exponent: int

    def text(self) -> str:
        power = f"*10^{self.exponent}" if self.exponent else ""
        return f"{'-' if self.negative else ''}({self.mantissa}...{power})"

    def unicode(self) -> str:
        sup = str(self.exponent).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
        return f"{'−' if self.negative else ''}{self.mantissa}…" + (f"×10{sup}" if self.exponent else "")

    def latex(self) -> str:
        power = f" \\times 10^{{{self.exponent}}}" if self.exponent else ""
        return f"{'-' if self.negative else ''}{self.mantissa}\\ldots{power}"


def _threshold() -> int:
    return min(limits.current().max_digits + 1, PYTHON_LIMIT)


def too_long(p: int, q: int = 1) -> bool:
    """More digits than the reader reads back (checked from bit lengths, never by printing)."""
    bits = max(abs(p), q).bit_length()
    return bits * 0.30103 > _threshold()


def abbreviate(p: int, q: int = 1) -> Abbreviated | None:
    """The abbreviation of p/q, or None when it is short enough to print in full."""
    if not too_long(p, q):
        return None
    with mpmath.workprec(80):
        value = abs(mpmath.mpf(p) / mpmath.mpf(q))
        exponent = int(mpmath.floor(mpmath.log10(value)))
        mantissa = float(value / mpmath.mpf(10) ** exponent)
    if mantissa >= 9.99995:  # rounding 9.99999 up to 10.0000
        mantissa, exponent = 1.0, exponent + 1
    return Abbreviated(p < 0, f"{mantissa:.4f}", exponent)


def safe_int_text(n: int) -> str:
    """``str(n)``, or its abbreviation when it is too long for that."""
    short = abbreviate(n)
    return str(n) if short is None else short.text()


__all__ = ["Abbreviated", "abbreviate", "safe_int_text", "too_long"]
