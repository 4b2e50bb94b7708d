"""Deciding an author's multiple-choice options with the engine: ``true_when`` at each choice's values.

A choice such as "$(w, b) = (1, 1)$" or "$x = 2$" assigns values; the exercise's
``true_when`` equation (``2w + b - 3 = 0``) is decided exactly at them. A choice
that assigns nothing, or an equation that cannot be decided, gives None (unknown).
"""
from __future__ import annotations

import re
from typing import Any

_MATH = re.compile(r"\$([^$]+)\$")


def assignment(text: str) -> dict | None:
    """The values a choice assigns ({Symbol: value}), or None when it assigns none."""
    import sympy as sp

    from exercises.prompt import latex_to_unicode
    from tutor import ParseError, parse

    for tex in _MATH.findall(text):
        left, eq, right = latex_to_unicode(tex).partition("=")
        if not eq or "=" in right:
            continue
        try:
            names, values = parse(left.strip()), parse(right.strip())
        except ParseError:
            continue
        names = tuple(names) if isinstance(names, sp.Tuple) else (names,)
        values = tuple(values) if isinstance(values, sp.Tuple) else (values,)
        if len(names) == len(values) and all(isinstance(n, sp.Symbol) for n in names) \
                and not any(getattr(v, "free_symbols", None) for v in values):
            return dict(zip(names, values))
    return None


def decide(claim: str, choice: str) -> bool | None:
    """Whether ``claim`` (an equation in learner syntax) holds at the values ``choice`` assigns."""
    import sympy as sp

    from tutor import ParseError, parse

    values = assignment(choice)
    if values is None:
        return None
    try:
        eq = parse(claim, [s.name for s in values])
    except ParseError:
        return None
    if not isinstance(eq, sp.Eq):
        return None
    difference = (eq.lhs - eq.rhs).subs(values)
    if difference.free_symbols:
        return None
    return None if difference.is_zero is None else bool(difference.is_zero)
