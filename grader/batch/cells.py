"""Spreadsheet-safe CSV cells: no formula runs and no terminal escape acts when a file is opened.

OWASP's guidance on CSV injection: a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return may be run as a formula by Excel, LibreOffice
or Google Sheets, so such a cell is written with a leading ``'`` (which the
spreadsheet reads as "this is text"). A plain number (``-3``, ``+0.5``,
``-1e3``) cannot be a formula and is written as it is, so points and legitimate
negative numbers keep their meaning. Control characters (ESC, BEL, CR, C1
codes such as CSI) are written as visible symbols, so a ``cat`` of the file in a
terminal cannot recolour or rewrite the screen.

The readers of this project undo the ``'`` (:func:`from_cell`), so a review
file or a gradebook read back gives the text that was written: an answer
``-2x + 1`` stays ``-2x + 1`` on import, and a text that itself starts with
``'=`` gets one more quote, so it too reads back as it was (a review comment
given back with ``--overrides`` is the teacher's, character for character).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")  # quotes, then a trigger: what to_cell writes for a trigger
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is the one-byte CSI)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def visible_controls(text: str) -> str:
    """Control characters as visible symbols: ESC -> ␛ (U+241B), DEL -> ␡, C1 code 0x9b -> <U+009B>."""
    def show(m: re.Match) -> str:
        c = ord(m.group())
        if c < 0x20:
            return chr(0x2400 + c)
        if c == 0x7F:
            return "\u2421"
        return f"<U+{c:04X}>"

    return _CONTROL.sub(show, text)


def to_cell(value: Any) -> Any:
    """A value as a safe CSV cell; numbers (int, float) and numeric text are left as they are."""
    if not isinstance(value, str):
        return value
    text = visible_controls(value)  # a leading CR becomes ␍, which no spreadsheet runs
    if (text.startswith(TRIGGERS) and not _NUMBER.fullmatch(text)) or _QUOTED.match(text):
        text = "'" + text  # a text that already looks quoted ('=x) gets one more, so it reads back as it was
    return text


CELL_LIMIT = 32_767  # the most characters a spreadsheet cell holds (Excel, LibreOffice)


def fit(value: Any, limit: int = CELL_LIMIT) -> Any:
    """Text cut to what a spreadsheet cell holds, ending with a note that says it was cut and how long it was."""
    if not isinstance(value, str) or len(value) <= limit:
        return value
    note = f" … [cut here: {len(value):,} characters in all, more than a spreadsheet cell holds]"
    return value[:limit - len(note)] + note if len(note) < limit else value[:limit]


def to_row(values: Iterable[Any]) -> list[Any]:
    return [to_cell(v) for v in values]


def from_cell(text: str) -> str:
    """Undo :func:`to_cell`'s quote: ``'-2x`` read back is ``-2x``, and ``''=x`` is ``'=x``."""
    return text[1:] if _QUOTED.match(text) else text
