"""Split typed text at separators outside brackets, without reading it (no SymPy needed).

``x=1, y=f(2,3)`` is two assignments, ``level x+y = 1, 4`` is a function and
levels: front-ends split such lines before any mathematics is read.
"""
from __future__ import annotations


def split_top_level(text: str, seps: str = ",;") -> list[str]:
    """Split at any of ``seps`` outside brackets: ``x=1, y=f(2,3)`` -> ``["x=1", "y=f(2,3)"]``.

    Parts are stripped; empty parts are kept, so callers can tell ``a =`` from ``a``.
    """
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]
