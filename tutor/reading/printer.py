"""Printers (stub: the parser work replaces this with a round-tripping printer)."""
from __future__ import annotations

from typing import Any

import sympy as sp


def to_text(obj: Any) -> str:
    return sp.sstr(obj)


def to_unicode(obj: Any) -> str:
    return sp.sstr(obj).replace("**", "^").replace("*", "·")


def pretty(obj: Any) -> str:
    return sp.pretty(obj, use_unicode=True)


def to_latex(obj: Any) -> str:
    return sp.latex(obj)


def to_mathml(obj: Any, display: bool = False) -> str:
    from sympy.printing.mathml import mathml

    inner = mathml(obj, printer="presentation")
    mode = "block" if display else "inline"
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="{mode}">{inner}</math>'
