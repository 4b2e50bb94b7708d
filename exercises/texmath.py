"""Author-written ``$math$`` inside prose, carried into rendered documents.

A hint or an explanation is prose with LaTeX between dollars. :func:`prose`
splits it into words and :class:`TeX` pieces; the printers then show the
LaTeX in LaTeX/Markdown output and a Unicode reading of it in a terminal.
"""
from __future__ import annotations

from tutor.render import Line, Math


class TeX:
    """LaTeX source an author wrote; printers dispatch to these methods."""

    def __init__(self, source: str):
        self.source = source.strip()

    def unicode(self) -> str:
        from exercises.prompt import latex_to_unicode

        return latex_to_unicode(self.source)

    def _sympystr(self, printer) -> str:
        return self.unicode()

    def _latex(self, printer) -> str:
        return self.source

    def _pretty(self, printer):
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(self.unicode())

    def _mathml_presentation(self, printer):
        el = printer.dom.createElement("mtext")
        el.appendChild(printer.dom.createTextNode(self.unicode()))
        return el

    def __str__(self) -> str:
        return self.unicode()

    def __repr__(self) -> str:
        return f"TeX({self.source!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TeX) and other.source == self.source

    def __hash__(self) -> int:
        return hash(("TeX", self.source))


def prose(text: str, *extra) -> Line:
    """A sentence of words and ``$…$`` formulas; ``extra`` parts are appended."""
    from exercises.prompt import segments

    parts: list = []
    for is_math, piece in segments(text):
        if is_math:
            display = piece.startswith("$$")
            parts.append(Math(TeX(piece.strip("$")), display=display))
        elif piece.strip():
            parts.append(piece.strip(" \t"))
    parts.extend(p if isinstance(p, (str, Math)) else Math(p) for p in extra)
    return Line(tuple(parts))
