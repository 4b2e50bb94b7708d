"""d/dx written the way the course writes it, in every format.

``Diff`` is an unevaluated SymPy ``Derivative`` (LaTeX, MathML and 2-D pictures come from
tutor.reading.printer, which brackets a sum or product: d/dx (3x^2 - 4x + 5)) that also tells
the learner-syntax printer, through its ``_learnertext`` hook, to write d/dx(f), d^2/dx^2(f)
and d/dy(d/dx(f)) instead of Derivative(f, x).
"""
from __future__ import annotations

import sympy as sp


class Diff(sp.Derivative):
    """An unevaluated derivative that prints as d/dx(f) in text and Unicode."""

    def _learnertext(self, printer) -> str:
        inner = printer._print(self.expr)
        for var, count in self.variable_count:
            name = printer._print(var)
            if count == 1:
                inner = f"d/d{name}({inner})"
            else:
                inner = f"d^{count}/d{name}^{count}({inner})"
        return inner

    def _sympystr(self, printer) -> str:
        return self._learnertext(printer)


def diff_notation(expr: sp.Expr, *variables: sp.Symbol) -> Diff:
    """d/dx expr (repeated variables are grouped: x, x -> d²/dx²)."""
    grouped: list = []
    for v in variables:
        if grouped and grouped[-1][0] == v:
            grouped[-1] = (v, grouped[-1][1] + 1)
        else:
            grouped.append((v, 1))
    args = [v if n == 1 else (v, n) for v, n in grouped]
    return Diff(expr, *args)
