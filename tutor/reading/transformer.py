"""Build SymPy objects node by node from the grammar's rules (never sympify or eval).

Numbers become exact (0.25 -> 1/4). Powers, roots and factorials that would
compute a huge exact number are refused, so no input can make the reader hang.
"""
from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp
from lark import Token

from tutor.reading import sizes
from tutor.reading.evaluation import absolute, drops_domain, power, risky_power
from tutor.reading import steady  # noqa: F401 - SymPy's assumption queries in a fixed order
from tutor.reading.dne import DNE
from tutor.reading.limits import Limits
from tutor.reading.printer import to_text


class SemanticError(Exception):
    """Raised inside the transformer; the parser adds the text and makes a ParseError."""

    def __init__(self, message: str, pos: int | None, hint: str | None = None):
        super().__init__(message)
        self.message, self.pos, self.hint = message, pos, hint


class Bracketed(tuple):
    """A ``[a, b]`` list before we know whether it is a vector or a matrix row."""


_UNARY = {
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "sec": sp.sec, "csc": sp.csc, "cot": sp.cot,
    "asin": sp.asin, "acos": sp.acos, "atan": sp.atan, "asec": sp.asec, "acsc": sp.acsc,
    "acot": sp.acot, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "sech": sp.sech,
    "csch": sp.csch, "coth": sp.coth, "asinh": sp.asinh, "acosh": sp.acosh, "atanh": sp.atanh,
    "acoth": sp.acoth, "asech": sp.asech, "acsch": sp.acsch,
    "exp": sp.exp, "ln": sp.log, "abs": absolute, "sign": sp.sign,
    "log10": lambda x: sp.log(x, 10), "log2": lambda x: sp.log(x, 2),
}
_CONSTANTS = {"pi": sp.pi, "E": sp.E, "oo": sp.oo}
_INVERSES = {"sin": "asin", "cos": "acos", "tan": "atan", "sec": "asec", "csc": "acsc",
             "cot": "acot", "sinh": "asinh", "cosh": "acosh", "tanh": "atanh",
             "coth": "acoth", "sech": "asech", "csch": "acsch"}


def _pos(tok: object) -> int | None:
    return getattr(tok, "start_pos", None)


def _display(name: str) -> str:
    return name.split("_")[0] if name.startswith("log_") else name.lstrip("@")


class ToSymPy:
    """Callbacks named after the grammar's rules and aliases; each takes the rule's children as
    arguments and returns a SymPy object (``parser.callbacks`` hands them to Lark)."""

    def __init__(self, limits: Limits):
        self.limits = limits

    # -- leaves -----------------------------------------------------------
    def number(self, tok: Token) -> sp.Expr:
        s = str(tok)
        if "/" in s:  # a vulgar fraction such as ½
            return sp.Rational(s)
        if "." in s or "e" in s or "E" in s:
            return sp.Rational(Fraction(s))
        return sp.Integer(int(s))

    def name(self, tok: Token) -> sp.Symbol:
        return sp.Symbol(tok.value)

    def const(self, tok: Token) -> sp.Expr:
        return _CONSTANTS[tok.value]

    def dne(self, tok: Token):
        return DNE

    # -- arithmetic -------------------------------------------------------
    def add(self, *terms):
        self._check_size(sizes.sum_digits(terms, self.limits.max_digits), "this sum", None)
        return self._defined(sp.Add(*terms), terms, lambda: _text(sp.Add(*terms, evaluate=False)), None)

    def minus(self, a):
        return sp.Mul(sp.S.NegativeOne, a)

    def mul(self, *factors):
        if len(factors) == 1:  # a juxtaposition of one: nothing is multiplied
            return factors[0]
        self._check_size(sizes.product_digits(factors), "this product", None)
        return self._defined(sp.Mul(*factors), factors, lambda: "*".join(_text(f) for f in factors), None)

    head = tail = fhead = chain = mul  # juxtapositions (a rule of one factor is its factor: Lark skips the call)

    def over(self, a):
        self._divisor(a, None)
        return power(a, sp.S.NegativeOne)

    def div(self, a, b):  # \frac{a}{b}
        self._divisor(b, None)
        return self.mul(a, power(b, sp.S.NegativeOne))

    def neg(self, a):
        return sp.Mul(sp.S.NegativeOne, a)

    def pow(self, base, op: Token, exp):
        return self._power(base, exp, _pos(op))

    def pow_sup(self, base, sup: Token):
        return self._power(base, sp.Integer(int(sup.value)), _pos(sup))

    def factorial(self, x, bang: Token):
        if x.is_number and not x.free_symbols and sizes.magnitude(sp.factorial(x, evaluate=False)) > sizes.MAX_MAGNITUDE:
            raise SemanticError("this factorial is too large to work with (a number with more than 10^300 digits)",
                                _pos(bang), "use a smaller number")
        if x.is_Integer and x > self.limits.max_factorial:
            raise SemanticError(f"{x}! is too large to work with (the limit is {self.limits.max_factorial}!)",
                                _pos(bang), "use a smaller number")
        return self._defined(sp.factorial(x), (x,), lambda: f"({_text(x)})!", _pos(bang))

    def abs(self, x):
        return absolute(x)

    # -- roots --------------------------------------------------------------
    def root(self, tok: Token, x):
        return self._root(x, int(tok.value), _pos(tok))

    def sqrt(self, x):
        return self._root(x, 2, None)

    def nroot(self, n, x):
        if not (n.is_Integer and n >= 2):
            return self._power(x, sp.Pow(n, -1), None)
        return self._root(x, int(n), None)

    def _root(self, x, n: int, pos):
        if n > self.limits.max_exponent:
            raise SemanticError(f"a root of index {n} is too large (the limit is {self.limits.max_exponent})", pos)
        if x.is_Rational and x.is_negative and n % 2 == 1:
            return -self._power(-x, sp.Rational(1, n), pos)  # the real root: cbrt(-8) = -2
        return self._power(x, sp.Rational(1, n), pos)

    # -- functions ----------------------------------------------------------
    def call(self, func: Token, *args):
        return self._apply(func, list(args))

    def call_pow(self, func: Token, power, arg):
        return self._apply_pow(func, power, arg)

    def bare(self, func: Token, arg):
        return self._apply(func, [arg])

    def bare_pow(self, func: Token, power, arg):
        return self._apply_pow(func, power, arg)

    def fpow(self, *children):
        if len(children) == 1:  # a superscript
            return (sp.Integer(int(children[0].value)), _pos(children[0]))
        op, value = children
        return (value, _pos(op))

    def _apply_pow(self, func: Token, power, arg):
        value, pos = power
        name = func.value
        if value == -1:
            if name not in _INVERSES:
                raise SemanticError(f"{_display(name)}^-1 is ambiguous here", pos,
                                    f"write 1/{_display(name)}(x) or ({_display(name)}(x))^-1")
            return _UNARY[_INVERSES[name]](arg)
        if value.is_number and value.is_negative:
            raise SemanticError(f"a negative power written on {_display(name)} is ambiguous", pos,
                                f"write ({_display(name)}(x))^{value} or 1/{_display(name)}(x)^{-value}")
        return self._power(self._apply(func, [arg]), value, pos)

    def _apply(self, func: Token, args: list):
        name = func.value
        pos = _pos(func)
        if name.startswith("log_"):
            base_text = name[4:]
            if base_text == "~E":
                base = sp.E
            else:
                base = sp.Integer(int(base_text)) if base_text.isdigit() else sp.Symbol(base_text)
            self._arity("log", args, 1, 1, pos)
            return self._defined(sp.log(args[0], base), args, lambda: f"log({_text(args[0])})", pos)
        if name == "log":
            self._arity(name, args, 1, 2, pos)
            value = sp.log(args[0]) if len(args) == 1 else sp.log(args[1], args[0])
            return self._defined(value, args, lambda: f"log({', '.join(_text(a) for a in args)})", pos)
        if name.startswith("@"):  # a function the exercise defines: kept applied, expanded by the grader
            return sp.Function(name[1:])(*args)
        if name in ("min", "max"):
            self._arity(name, args, 1, 64, pos)
            return (sp.Min if name == "min" else sp.Max)(*args)
        if name == "binomial":
            self._arity(name, args, 2, 2, pos)
            return self._binomial(args[0], args[1], pos)
        if name == "sqrt":
            self._arity(name, args, 1, 1, pos)
            return self._root(args[0], 2, pos)
        if name == "cbrt":
            self._arity(name, args, 1, 1, pos)
            return self._root(args[0], 3, pos)
        if name == "nthroot":  # nthroot(x, n): the real n-th root, as cbrt
            self._arity(name, args, 2, 2, pos)
            if args[1].is_Integer and args[1] > 0:
                return self._root(args[0], int(args[1]), pos)
            return self._power(args[0], 1 / args[1], pos)
        if name == "atan2":  # atan2(y, x): the angle of the point (x, y), in (-pi, pi]
            self._arity(name, args, 2, 2, pos)
            return self._defined(sp.atan2(*args), args, lambda: f"atan2({_text(args[0])}, {_text(args[1])})", pos)
        if name == "factorial":
            self._arity(name, args, 1, 1, pos)
            return self.factorial(args[0], func)
        self._arity(name, args, 1, 1, pos)
        if name == "exp":
            return self._power(sp.E, args[0], pos)
        return self._defined(_UNARY[name](args[0]), args, lambda: f"{_display(name)}({_text(args[0])})", pos)

    def _binomial(self, n, k, pos):
        """binomial(n, k); a huge exact value is refused like a huge factorial."""
        if n.is_Integer and k.is_Integer and min(k, n - k) > self.limits.max_factorial:
            raise SemanticError(f"binomial({n}, {k}) is too large to work with", pos, "use smaller numbers")
        return sp.binomial(n, k)

    @staticmethod
    def _arity(name: str, args: list, low: int, high: int, pos) -> None:
        if not low <= len(args) <= high:
            want = "one argument" if high == 1 else (f"{low} arguments" if low == high else f"{low} to {high} arguments")
            example = {"log": "log(x) or log(b, x) for base b", "binomial": "binomial(n, k)",
                       "nthroot": "nthroot(x, n)", "atan2": "atan2(y, x)"}.get(name, f"{name}(x)")
            raise SemanticError(f"{name} takes {want}, not {len(args)}", pos, f"write {example}")

    # -- powers, guarded ------------------------------------------------------
    def _power(self, base, exp, pos):
        if type(base) is sp.Symbol and exp.is_Integer:  # x^2: no guard of _guarded_power refuses it or keeps it as typed
            return self._defined(sp.Pow(base, exp), (base, exp), lambda: f"{_group(base)}^{_group(exp)}", pos)
        return self._guarded_power(base, exp, pos)

    def _guarded_power(self, base, exp, pos):
        if exp.is_Rational:
            self._check_power(base, exp, pos)
            if not base.is_Rational:
                self._check_size(sizes.size(exp) * sizes.coefficient_digits(base), "this power", pos)
        else:
            grows = sizes.log_power_digits(exp) * max(sizes.coefficient_digits(base), 1.0)
            self._check_size(grows, "this power", pos)
        if base is sp.S.Zero and exp is sp.S.Zero:  # SymPy says 0^0 = 1; as typed by a learner it is undefined
            raise SemanticError("0^0 is undefined", pos, _UNDEFINED_HINT)
        base_free = base.free_symbols  # one walk each for the checks below
        symbolic = bool(base_free or exp.free_symbols)
        if not symbolic:
            self._check_magnitude(base, exp, pos)
        # unsure_constant is False for a base with free symbols: that case needs no walk of its own
        if not exp.is_Integer and not base_free and exp.is_number and sizes.unsure_constant(base):
            raise SemanticError(f"a power such as ({_short(base)})^({_short(exp)}) of a number that is not known "
                                "to be real cannot be worked out reliably", pos,
                                "check the value inside: acos and asin take -1 to 1, ln takes positive numbers")
        evaluate = not risky_power(base, exp) and not (symbolic and drops_domain(base, exp))
        return self._defined(power(base, exp, evaluate), (base, exp),
                             lambda: f"{_group(base)}^{_group(exp)}", pos)

    def _check_magnitude(self, base, exp, pos) -> None:
        """Refuse a constant with more than 10^300 digits (e^e^(9^9)): SymPy evaluates constants
        to compare them, and no working precision is enough for such a number. Asked only when
        neither ``base`` nor ``exp`` has free symbols."""
        if not (base.is_number and exp.is_number):
            return
        if sizes.has_infinity(base) or sizes.has_infinity(exp):
            return  # 2^oo is oo, not a number too long to evaluate
        if sizes.magnitude(sp.Pow(base, exp, evaluate=False)) > sizes.MAX_MAGNITUDE:
            raise SemanticError("this power is too large to work with (a number with more than "
                                "10^300 digits, or as many zeros after the point)", pos, "use smaller numbers")

    def _check_size(self, digits: float, what: str, pos) -> None:
        """Refuse before SymPy computes an exact number longer than ``max_digits``."""
        if digits > self.limits.max_digits:
            raise SemanticError(f"{what} is too large to work with exactly (it would be a number of "
                                f"{sizes.about(digits)} digits; the limit is {self.limits.max_digits})",
                                pos, "use smaller numbers")

    def _check_power(self, base, exp, pos) -> None:
        lim = self.limits
        p, q = abs(int(exp.p)), int(exp.q)
        if base.is_Rational:
            if base in (sp.S.Zero, sp.S.One, sp.S.NegativeOne):
                return
            if q > lim.max_exponent:
                raise SemanticError(f"a root of index {q} is too large (the limit is {lim.max_exponent})",
                                    pos, "use a smaller root")
            size = max(abs(int(base.p)), int(base.q))
            if q > 1 and len(str(size)) > lim.max_root_digits:
                raise SemanticError(f"a root of a {len(str(size))}-digit number is too costly to work out "
                                    f"exactly (the limit is {lim.max_root_digits} digits)", pos, "use a shorter number")
            digits = p * math.log10(size) / q
            if digits > lim.max_digits:
                raise SemanticError(f"{base}^{exp} is too large to work with exactly "
                                    f"(it has {_about(digits)} digits; the limit is {lim.max_digits})",
                                    pos, "use smaller numbers")
            return
        if max(p, q) <= lim.max_exponent or base.is_Symbol or base in (sp.E, sp.pi, sp.oo, DNE):
            return
        raise SemanticError(f"the exponent {exp} is too large here (the limit is {lim.max_exponent})",
                            pos, "use a smaller exponent")

    def _defined(self, value, parts, describe, pos):
        return _defined(value, parts, describe, pos, self.limits.refuse_undefined)

    def _divisor(self, b, pos) -> None:
        _divisor(b, pos, self.limits.refuse_undefined)

    # -- structures -----------------------------------------------------------
    def paren_list(self, *items):
        return sp.Tuple(*(finish(i) for i in items))

    def angle_list(self, *items):
        return sp.Tuple(*(finish(i) for i in items if i is not None))

    def bracket_list(self, *items):
        return Bracketed(items)

    def set_list(self, *items):
        return sp.FiniteSet(*(finish(i) for i in items if i is not None))

    def equation(self, lhs, eq: Token, rhs):
        return sp.Eq(lhs, rhs, evaluate=False)

    def start(self, item):
        return finish(item)


_UNDEFINED_HINT = "check the numbers you typed: this value does not exist"
_NOT_A_NUMBER = (sp.S.ComplexInfinity, sp.S.NaN)


def _text(obj) -> str:
    return to_text(obj)


def _defined(value, parts, describe, pos, refuse: bool):
    """``value``, unless it became undefined (1/0, log(0), tan(π/2), ∞ − ∞) from defined parts.

    SymPy turns such a node into zoo or nan, which would then be graded as a number; a
    learner who typed it gets a message naming the part instead.
    """
    if refuse and isinstance(value, sp.Basic) and value.has(*_NOT_A_NUMBER) and not any(
            isinstance(p, sp.Basic) and p.has(*_NOT_A_NUMBER) for p in parts):
        raise SemanticError(f"{describe()} is undefined", pos, _UNDEFINED_HINT)
    return value


def _group(obj) -> str:
    text = _text(obj)
    return text if text.isalnum() else f"({text})"


def _divisor(b, pos, refuse: bool) -> None:
    if refuse and isinstance(b, sp.Expr) and b.is_number and b.is_zero:
        raise SemanticError(f"division by {_text(b)} is undefined", pos,
                            "a denominator cannot be 0: check the numbers you typed")


def _short(obj) -> str:
    text = to_text(obj)
    return text if len(text) <= 30 else text[:27] + "..."


def _about(digits: float) -> str:
    return sizes.about(digits)


def finish(item):
    """Turn a pending ``[...]`` list into a Tuple, or a Matrix when its items are equal rows."""
    if not isinstance(item, Bracketed):
        return item
    rows = list(item)
    if rows and all(isinstance(r, Bracketed) for r in rows) and len({len(r) for r in rows}) == 1:
        cells = [[finish(c) for c in r] for r in rows]
        if all(isinstance(c, sp.Expr) and not isinstance(c, sp.Tuple) for row in cells for c in row):
            return sp.ImmutableMatrix(cells)
    return sp.Tuple(*(finish(r) for r in rows))

