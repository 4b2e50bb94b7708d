"""``DNE``: the answer "does not exist" as a SymPy object.

An atom (not a Symbol) so that it never shows up among an expression's
free variables; a singleton so that ``is`` and ``==`` both work, also after
pickling (grading runs in worker processes).
"""
from __future__ import annotations

from sympy.core.basic import Atom
from sympy.core.expr import Expr


class DoesNotExist(Expr, Atom):
    """The single value meaning "does not exist" (a limit, a derivative, a point)."""

    is_number = False
    is_comparable = False
    is_commutative = True
    _instance: "DoesNotExist | None" = None

    def __new__(cls) -> "DoesNotExist":
        if cls._instance is None:
            cls._instance = Atom.__new__(cls)
        return cls._instance

    def __reduce__(self):
        return (DoesNotExist, ())

    def __getnewargs__(self):
        return ()

    @property
    def free_symbols(self) -> set:
        return set()

    def _hashable_content(self) -> tuple:
        return ("DNE",)

    def _sympystr(self, printer) -> str:
        return "DNE"

    def _latex(self, printer) -> str:
        return r"\text{DNE}"

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm("DNE")

    def _mathml_presentation(self, printer):
        el = printer.dom.createElement("mi")
        el.setAttribute("mathvariant", "normal")
        el.appendChild(printer.dom.createTextNode("DNE"))
        return el

    def __repr__(self) -> str:
        return "DNE"

    __str__ = __repr__


DNE = DoesNotExist()

__all__ = ["DNE", "DoesNotExist"]
