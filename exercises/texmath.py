"""Author-written ``$math$`` inside prose, carried into rendered documents.

A hint or an explanation is prose with LaTeX between dollars. :func:`prose`
splits it into words and :class:`TeX` pieces; the printers then show the
LaTeX in LaTeX/Markdown output and a Unicode reading of it in a terminal.
"""
from __future__ import annotations

from tutor.render import Line, Math


def _tex_class():
    """Built on first use, so importing this module does not import SymPy."""
    global _TeX
    if _TeX is not None:
        return _TeX
    from sympy.core.basic import Atom
    from sympy.core.expr import Expr

    class TeX(Expr, Atom):
        """LaTeX source an author wrote, as a SymPy atom the printers dispatch on."""

        is_number = False
        is_commutative = True

        def __new__(cls, source: str, text: str | None = None):
            obj = Atom.__new__(cls)
            obj.source = source.strip()
            obj.text = None if text is None else text.strip()
            return obj

        def __reduce__(self):
            return (make_tex, (self.source, self.text))

        def _hashable_content(self) -> tuple:
            return ("TeX", self.source, self.text)

        @property
        def free_symbols(self) -> set:
            return set()

        def unicode(self) -> str:
            if self.text is not None:
                return self.text
            from exercises.prompt import latex_to_unicode

            return latex_to_unicode(self.source)

        def _learnertext(self, printer) -> str:
            return self.unicode()

        _sympystr = _learnertext

        def _latex(self, printer) -> str:
            return self.source

        def _pretty(self, printer):
            from sympy.printing.pretty.stringpict import prettyForm

            return prettyForm(self.unicode())

        def _mathml_presentation(self, printer):
            from tutor.render.texmathml import tex_to_mathml

            converted = tex_to_mathml(self.source, printer.dom)
            if converted is not None:
                return converted
            el = printer.dom.createElement("mtext")
            el.appendChild(printer.dom.createTextNode(self.unicode()))
            return el

        def __repr__(self) -> str:
            return f"TeX({self.source!r})"

        __str__ = unicode

    _TeX = TeX
    return TeX


_TeX = None


def make_tex(source: str, text: str | None = None):
    """LaTeX an author wrote (``text``: its terminal form, when known), shown suitably by every renderer."""
    return _tex_class()(source, text)


def prose(text: str, *extra) -> Line:
    """A sentence of words and ``$…$`` formulas; ``extra`` parts are appended."""
    from exercises.prompt import segments

    parts: list = []
    for is_math, piece in segments(text):
        if is_math:
            display = piece.startswith("$$")
            parts.append(Math(make_tex(piece.strip("$")), display=display))
        elif piece.strip():
            parts.append(piece.strip(" \t"))
    parts.extend(p if isinstance(p, (str, Math)) else Math(p) for p in extra)
    return Line(tuple(parts))


def prompt_line(segments: list[tuple[bool, str, str]]) -> Line:
    """A filled prompt as a sentence: formulas keep both their LaTeX and their terminal form."""
    parts: list = []
    for is_math, markdown, terminal in segments:
        if is_math:
            parts.append(Math(make_tex(markdown.strip("$"), terminal), display=markdown.startswith("$$")))
        elif markdown.strip():
            parts.append(markdown.strip(" \t"))
    return Line(tuple(parts))
