"""Refuse TOML nested too deeply before ``tomllib`` reads it.

``tomllib`` reads arrays and inline tables recursively, so a file with 3,000 nested
``[`` ends in a RecursionError (an internal error, exit 3). Bank and assignment files
are checked first by a small scanner that skips strings and comments and reports the
line, the key and the exercise where the nesting goes too deep.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_NESTING = 20  # arrays and inline tables inside one another (real files use 3)

_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\-]+)\s*=""")
_ID = re.compile(r"""^\s*id\s*=\s*["']([^"']*)["']""")
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)")


@dataclass(frozen=True)
class TooDeep:
    """Where the nesting first goes past the limit."""

    line: int  # 1-based
    key: str | None
    exercise: str | None

    def message(self) -> str:
        return (f"line {self.line}: arrays or tables are nested more than {MAX_NESTING} deep; "
                "a value is a number, a string, or a short list")


def find_too_deep(text: str, limit: int = MAX_NESTING) -> TooDeep | None:
    """The first place ``text`` nests ``[``/``{`` values more than ``limit`` deep, or None."""
    depth, i, n, line = 0, 0, len(text), 1
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif ch in "\"'":
            end = _string_end(text, i)
            line += text.count("\n", i, end)
            i = end
            continue
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return _locate(text, line)
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _string_end(text: str, i: int) -> int:
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        return len(text) if end < 0 else end + 3
    j = i + 1
    while j < len(text) and text[j] not in (quote, "\n"):
        j += 2 if quote == '"' and text[j] == "\\" else 1
    return j + 1


def _locate(text: str, line: int) -> TooDeep:
    lines = text.split("\n")
    key = None
    for k in range(line - 1, -1, -1):
        m = _KEY.match(lines[k])
        if m:
            key = m.group(1).strip("\"'")
            break
    start = next((k for k in range(line - 1, -1, -1) if _HEADER.match(lines[k])), 0)
    exercise = None
    for row in lines[start:]:
        if row is not lines[start] and _HEADER.match(row):
            break
        m = _ID.match(row)
        if m:
            exercise = m.group(1)
            break
    return TooDeep(line, key, exercise)
