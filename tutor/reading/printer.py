"""Printers: SymPy objects -> learner text (parses back), one-line Unicode, 2-D, LaTeX, MathML.

``to_text`` writes the syntax ``tutor.parse`` reads (``^`` for powers, ``ln``,
``|x|``, ``e^x``), so ``parse(to_text(e)) == e`` for expressions, tuples, sets,
equations and DNE built from readable names. ``to_unicode`` is the same text
dressed for a terminal: ``x²``, ``6·x − 4``, ``√x``, ``π``.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.printing.conventions import requires_partial
from sympy.printing.latex import LatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.pretty_symbology import pretty_use_unicode
from sympy.printing.pretty.stringpict import prettyForm
from sympy.printing.str import StrPrinter

from tutor.reading.bignum import abbreviate
from tutor.reading.dne import DoesNotExist
from tutor.reading.names import GLYPHS

_FUNCTION_NAMES = {"log": "ln", "Min": "min", "Max": "max"}


class _SafeOrder:
    """Order a sum's terms without evaluating hard numbers.

    SymPy sorts terms by the complex value of their numeric factors, which evaluates
    e^e^e^e^10 (OverflowError) or ((20000/π)!)^1000 (minutes). A sum holding such a
    number is printed in SymPy's structural order instead, which evaluates nothing.
    """

    def _as_ordered_terms(self, expr, order=None):
        if order != "none" and not all(_cheap(f) for t in expr.args for f in sp.Mul.make_args(t) if f.is_number):
            return sorted(expr.args, key=sp.default_sort_key)
        return super()._as_ordered_terms(expr, order=order)


def _cheap(number, depth: int = 0) -> bool:
    """Can this number be evaluated to a few digits at once? (shallow, short, no factorial)"""
    if number.is_Rational:
        return max(abs(int(number.p)), int(number.q)).bit_length() < 64
    if number.is_NumberSymbol or number is sp.I:
        return True
    if depth >= 3 or isinstance(number, (sp.factorial, sp.gamma)):
        return False
    return all(_cheap(a, depth + 1) for a in number.args)


class LearnerPrinter(_SafeOrder, StrPrinter):
    """StrPrinter with learner syntax; ``juxtapose`` writes 3x rather than 3*x."""

    printmethod = "_learnertext"
    _default_settings = dict(StrPrinter._default_settings, juxtapose=True)

    # -- atoms ----------------------------------------------------------------
    def _print_Exp1(self, expr) -> str:
        return "e"

    def _print_ImaginaryUnit(self, expr) -> str:
        return "sqrt(-1)"

    def _print_ComplexInfinity(self, expr) -> str:
        return "1/0"

    def _print_NaN(self, expr) -> str:
        return "0/0"

    def _print_DoesNotExist(self, expr) -> str:
        return "DNE"

    def _print_Integer(self, expr) -> str:
        short = abbreviate(int(expr.p))
        return super()._print_Integer(expr) if short is None else short.text()

    def _print_Rational(self, expr) -> str:
        short = abbreviate(int(expr.p), int(expr.q))
        return super()._print_Rational(expr) if short is None else short.text()

    def _print_int(self, expr) -> str:
        short = abbreviate(expr)
        return super()._print_int(expr) if short is None else short.text()

    # -- functions and powers ----------------------------------------------------
    def _print_Function(self, expr) -> str:
        name = _FUNCTION_NAMES.get(expr.func.__name__, expr.func.__name__)
        return f"{name}({self.stringify(expr.args, ', ')})"

    _print_Min = _print_Function
    _print_Max = _print_Function

    def _print_Abs(self, expr) -> str:
        return f"|{self._print(expr.args[0])}|"

    def _print_factorial(self, expr) -> str:
        arg = expr.args[0]
        inner = self._print(arg)
        if not (arg.is_Symbol or (arg.is_Integer and arg.is_nonnegative)):
            inner = f"({inner})"
        return f"{inner}!"

    def _print_exp(self, expr) -> str:
        return "e^" + self._exponent(expr.args[0])

    def _exponent(self, e) -> str:
        """An exponent is a single atom or power; anything else gets brackets."""
        text = self._print(e)
        simple = (e.is_Symbol or (e.is_Integer and e.is_nonnegative) or isinstance(e, (sp.Function, sp.Abs))
                  or (e.is_Pow and not _is_fraction_like(e)) or e in (sp.pi, sp.E, sp.oo))
        if isinstance(e, sp.exp) or (e.is_Pow and e.base is sp.E):
            simple = True
        return text if simple else f"({text})"

    def _print_Pow(self, expr, rational: bool = False) -> str:
        base, exp = expr.base, expr.exp
        if exp is sp.S.Half and not rational:
            return f"sqrt({self._print(base)})"
        if expr.is_commutative and not rational:
            if -exp is sp.S.Half:
                return f"1/sqrt({self._print(base)})"
            if exp is sp.S.NegativeOne:
                return "1/" + self.parenthesize(base, PRECEDENCE["Mul"], strict=False)
        return f"{self._base(base)}^{self._exponent(exp)}"

    def _base(self, b) -> str:
        text = self._print(b)
        atomic = (b.is_Symbol or (b.is_Integer and b.is_nonnegative) or b in (sp.pi, sp.E, sp.oo)
                  or isinstance(b, DoesNotExist)
                  or (isinstance(b, (sp.Function, sp.Abs)) and not isinstance(b, (sp.exp, sp.factorial))))
        if isinstance(b, sp.Pow) and b.exp is sp.S.Half:
            atomic = True  # sqrt(x)
        return text if atomic else f"({text})"

    # -- products -------------------------------------------------------------
    def _print_Mul(self, expr) -> str:
        coeff, rest = expr.as_coeff_Mul()
        danger = _number_meets_sum(coeff, rest)
        if danger:
            # SymPy distributes a number over a lone sum, so 2(x + y)/x would be read as
            # (2x + 2y)/x: apply the number last, as in 2*((x + y)/x) or x/(x + y)/2
            p, q = abs(coeff).p, abs(coeff).q
            if danger == "numerator":
                text = f"{p}*({self._print(rest)})"
            elif p == 1:
                text = self._print(rest)
            else:
                text = self._juxtapose(super()._print_Mul(sp.Mul(p, rest)))
            return ("-" if coeff < 0 else "") + text + (f"/{q}" if q != 1 else "")
        return self._juxtapose(super()._print_Mul(expr))

    def _juxtapose(self, text: str) -> str:
        return _JUXTAPOSE.sub(r"\1", text) if self._settings.get("juxtapose") else text

    # -- structures ---------------------------------------------------------------
    def _print_Tuple(self, expr) -> str:
        items = [self._print(i) for i in expr.args]
        if len(items) == 1:
            return f"<{items[0]}>"
        return "(" + ", ".join(items) + ")"

    def _print_FiniteSet(self, expr) -> str:
        return "{" + ", ".join(self._print(i) for i in expr.args) + "}"

    def _print_EmptySet(self, expr) -> str:
        return "{}"

    def _print_MatrixBase(self, expr) -> str:
        rows = ["[" + ", ".join(self._print(c) for c in expr.row(i)) + "]" for i in range(expr.rows)]
        return "[" + ", ".join(rows) + "]"

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase
    _print_ImmutableMatrix = _print_MatrixBase
    _print_Matrix = _print_MatrixBase

    def _print_Equality(self, expr) -> str:
        return f"{self._print(expr.lhs)} = {self._print(expr.rhs)}"


def _number_meets_sum(coeff, rest) -> str | None:
    """Would StrPrinter write the number right before a bracketed sum ('2*(x + y)...')?"""
    if not coeff.is_Rational or abs(coeff) == 1:
        return None
    num, den = [], []
    for item in rest.as_ordered_factors():
        if isinstance(item, sp.Pow) and item.exp.as_coeff_Mul()[0] < 0:  # as StrPrinter splits
            den.append(item.base if item.exp is sp.S.NegativeOne else item)
        else:
            num.append(item)
    if abs(coeff).p != 1 and num and num[0].is_Add:
        return "numerator"
    if abs(coeff).q != 1 and den and den[0].is_Add:
        return "denominator"
    return None


def _is_fraction_like(e) -> bool:
    return e.is_Pow and e.exp.is_negative


# "3*x" -> "3x" when a plain number multiplies something starting with a letter or bracket
# (not e/E, which would read as scientific notation, and not after ^ or inside names)
_JUXTAPOSE = re.compile(r"(?<![\w.^/])(\d+)\*(?=[A-DF-Za-df-z(|√])")
_TEXT = LearnerPrinter()
_SPACED = LearnerPrinter({"juxtapose": False})


class WrittenSum(sp.Add):
    """A sum printed in the order it was written: f(3.1) − f(3), not −f(3) + f(3.1).

    For worked steps only (build it with ``evaluate=False``); every printer's own
    sum printing is used, with SymPy's term sorting turned off.
    """

    def _in_order(self, printer, *args, **kwargs):
        return printer._print_Add(self, order="none")

    _sympystr = _learnertext = _latex = _pretty = _mathml_presentation = _in_order


def to_text(obj: Any) -> str:
    """Canonical learner syntax; ``tutor.parse(to_text(e)) == e`` for readable objects."""
    if isinstance(obj, str):
        return obj
    return _TEXT.doprint(sp.sympify(obj, strict=True) if not isinstance(obj, sp.Basic) else obj)


# -- Unicode ------------------------------------------------------------------------
_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_NAME_GLYPHS = {name: glyph for glyph, name in GLYPHS.items()
                if glyph not in "ϵϑςϕ"} | {"pi": "π", "oo": "∞"}
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def to_unicode(obj: Any) -> str:
    """One line for a terminal: x², 6·x − 4, √x, π, |x|, (1, 2)."""
    if isinstance(obj, str):
        return obj
    text = _SPACED.doprint(obj if isinstance(obj, sp.Basic) else sp.sympify(obj, strict=True))
    text = re.sub(r"\^\((-\d+)\)|\^(\d+)(?![\d.])", lambda m: (m.group(1) or m.group(2)).translate(_SUP), text)
    text = re.sub(r"sqrt\(([A-Za-z]\w*|\d+)\)(?![⁰¹²³⁴⁵⁶⁷⁸⁹⁻^])", r"√\1", text)  # (√x)² is not √x²
    text = text.replace("sqrt(", "√(").replace("...", "…")
    text = _WORD.sub(_unicode_word, text)
    text = text.replace("*", "·").replace(" - ", " − ")
    text = text.replace(" >= ", " ≥ ").replace(" <= ", " ≤ ").replace(" != ", " ≠ ")   # x² ≥ r², not x² >= r²
    text = re.sub(r"(^|[(\[{<,=|/·^ ])-", r"\1−", text)
    return text


def _unicode_word(m: re.Match) -> str:
    word = m.group()
    name, _, sub = word.partition("_")
    glyph = _NAME_GLYPHS.get(name, name)
    if sub.isdigit():
        return glyph + sub.translate(_SUB)
    return glyph + ("_" + sub if sub else "")


class _PrettyPrinter(_SafeOrder, PrettyPrinter):
    """SymPy's 2-D printer with over-long numbers abbreviated."""

    def _print_Rational(self, expr):
        short = abbreviate(int(expr.p), int(expr.q))
        return super()._print_Rational(expr) if short is None else prettyForm(short.unicode())

    _print_Integer = _print_Rational


def pretty(obj: Any) -> str:
    """SymPy's 2-D Unicode picture (fractions stacked, exponents raised)."""
    previous = pretty_use_unicode(True)
    try:
        return _PrettyPrinter({"use_unicode": True}).doprint(obj)
    finally:
        pretty_use_unicode(previous)


def _compound(arg) -> bool:
    """Would d/dx written before ``arg`` seem to act on its first term or factor only?"""
    if isinstance(arg, sp.UnevaluatedExpr):
        arg = arg.args[0]
    return bool(arg.is_Add or arg.is_Mul or arg.is_Relational or (arg.is_Number and arg.is_negative))


class _LatexPrinter(_SafeOrder, LatexPrinter):
    """SymPy's LaTeX, except that d/dx brackets a compound argument: d/dx (3x^2), not d/dx 3x^2,
    and over-long numbers are abbreviated."""

    def _print_Rational(self, expr) -> str:
        short = abbreviate(int(expr.p), int(expr.q))
        return super()._print_Rational(expr) if short is None else short.latex()

    _print_Integer = _print_Rational

    def _print_int(self, expr) -> str:
        short = abbreviate(expr)
        return super()._print_int(expr) if short is None else short.latex()

    def _print_Pow(self, expr) -> str:
        e = expr.exp
        if e.is_Rational and abbreviate(int(e.p), int(e.q)) is not None:  # not as a root of index 10^5000
            return f"{self.parenthesize(expr.base, PRECEDENCE['Pow'])}^{{{self._print(e)}}}"
        return super()._print_Pow(expr)

    def _print_Derivative(self, expr) -> str:
        if not _compound(expr.expr):
            return super()._print_Derivative(expr)
        d = r"\partial" if requires_partial(expr.expr) else self._settings["diff_operator_latex"]
        below = "".join(f"{d} {self._print(v)}" if n == 1
                        else f"{d} {self.parenthesize_super(self._print(v))}^{{{self._print(n)}}}"
                        for v, n in reversed(expr.variable_count))
        order = sum(n for _, n in expr.variable_count)
        top = d if order == 1 else f"{d}^{{{self._print(order)}}}"
        return rf"\frac{{{top}}}{{{below}}} \left({self._print(expr.expr)}\right)"


class _MathMLPrinter(_SafeOrder, MathMLPresentationPrinter):
    """SymPy's presentation MathML, with d/dx(f) bracketed for a compound f and
    UnevaluatedExpr(x + 2) shown as its argument (brackets come from the precedence)."""

    def _print_Derivative(self, e):
        mrow = super()._print_Derivative(e)
        for mo in mrow.getElementsByTagName("mo"):  # d/dx with a plain upright d, not SymPy's double-struck ⅆ
            if mo.firstChild is not None and mo.firstChild.data == "&dd;":
                d = self.dom.createElement("mi")
                d.setAttribute("mathvariant", "normal")
                d.appendChild(self.dom.createTextNode("d"))
                mo.parentNode.replaceChild(d, mo)
        _power_on_the_variable(mrow.firstChild.lastChild)
        if _compound(e.expr):
            bracketed = self.dom.createElement("mrow")
            bracketed.appendChild(self._l_paren())
            bracketed.appendChild(self._print(e.expr))
            bracketed.appendChild(self._r_paren())
            mrow.replaceChild(bracketed, mrow.lastChild)
        return mrow

    def _print_UnevaluatedExpr(self, e):
        return self._print(e.args[0])

    def _print_Rational(self, e):
        short = abbreviate(int(e.p), int(e.q))
        if short is None:
            return super()._print_Rational(e)
        mn = self.dom.createElement("mn")
        mn.appendChild(self.dom.createTextNode(short.unicode()))
        return mn

    _print_Integer = _print_Rational

    def _print_Pow(self, e):
        if e.exp.is_Rational and abbreviate(int(e.exp.p), int(e.exp.q)) is not None:  # not as a root
            sup = self.dom.createElement("msup")
            sup.appendChild(self.parenthesize(e.base, PRECEDENCE["Pow"]))
            sup.appendChild(self._print(e.exp))
            return sup
        return super()._print_Pow(e)
    def _print_MatrixBase(self, m):
        """Brackets that grow with the rows (MathML Core stretches an mo only when told to)."""
        mrow = super()._print_MatrixBase(m)
        if mrow.tagName == "mrow":
            for mo in (mrow.firstChild, mrow.lastChild):
                for name, value in (("stretchy", "true"), ("fence", "true"), ("symmetric", "true")):
                    mo.setAttribute(name, value)
        return mrow


def _power_on_the_variable(below) -> None:
    """SymPy writes the denominator of d²/dx² as (d)² x; the order belongs on the variable: d x²."""
    for power in [c for c in below.childNodes if c.tagName == "msup"]:
        var = power.nextSibling
        if var is None:
            continue
        op, order = power.firstChild, power.lastChild
        below.insertBefore(op, power)
        below.removeChild(var)
        power.insertBefore(var, order)


def to_latex(obj: Any) -> str:
    """LaTeX with ln for the natural logarithm."""
    return _LatexPrinter({"ln_notation": True, "inv_trig_style": "full"}).doprint(obj)


def to_mathml(obj: Any, display: bool = False) -> str:
    """Presentation MathML wrapped in <math> (renders offline in browsers)."""
    try:
        inner = _MathMLPrinter({"ln_notation": True}).doprint(obj)
    except Exception:  # an object MathML cannot draw: show its text form
        from html import escape

        inner = f"<mtext>{escape(to_unicode(obj))}</mtext>"
    inner = inner.replace("<mo>-</mo>", "<mo>&#8722;</mo>").replace("<mn>-", "<mo>&#8722;</mo><mn>")   # −, not -
    mode = "block" if display else "inline"
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="{mode}">{inner}</math>'


__all__ = ["LearnerPrinter", "pretty", "to_latex", "to_mathml", "to_text", "to_unicode"]
