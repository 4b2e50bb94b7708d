"""Which nodes the reader lets SymPy evaluate as it builds them.

Powers whose evaluation would run unboundedly or forget where they are defined are kept as
typed. The other way round, a node whose evaluation is known to leave it as it is may be built
without asking SymPy: ``Abs`` of a linear form such as x + 3 costs about a millisecond of
assumption queries, each of which cannot be answered True, before SymPy keeps it unchanged.
"""
from __future__ import annotations

import sympy as sp

from tutor.reading import sizes

_PLAIN = {"commutative": True}  # the assumptions of a Symbol the reader makes


def _plain_symbol(node) -> bool:
    return type(node) is sp.Symbol and node.assumptions0 == _PLAIN


def linear_form(arg) -> bool:
    """Is ``arg`` a sum of rationals and rational multiples of plain symbols (x + 3, 2x - y + 1),
    written the way round SymPy keeps it (no minus sign can be taken out: 3 - x is not)?"""
    if not isinstance(arg, sp.Add):
        return False
    for term in arg.args:
        if term.is_Rational or _plain_symbol(term):
            continue
        if not (isinstance(term, sp.Mul) and len(term.args) == 2 and term.args[0].is_Rational
                and _plain_symbol(term.args[1])):
            return False
    return not arg.could_extract_minus_sign()


def absolute(arg):
    """``Abs(arg)``, built without evaluation when SymPy's would keep it as it is.

    For a linear form (``linear_form``), ``Abs.eval`` finds: no pre-existing sign to simplify
    (``signsimp`` keeps a sum from which no minus sign can be taken), a numeric denominator, no
    product, power, exp or infinity; then it asks whether the sum is zero, nonnegative,
    nonpositive, imaginary or real, none of which can be True for a sum with a symbol of any
    complex value; and the conjugate only wraps symbols the sum has, so it returns None and
    ``Abs(arg)`` is the same node ``Abs(arg, evaluate=False)`` builds
    (tests/reading/test_evaluation.py pins both against each other).
    """
    if linear_form(arg):
        return sp.Abs(arg, evaluate=False)
    return sp.Abs(arg)


def power(base, exp, evaluate: bool = True):
    """``Pow(base, exp, evaluate=evaluate)``, built without evaluation when SymPy's would keep it.

    Two such cases, both with a rational exponent other than 0 and 1 (``Pow.__new__`` then goes
    straight to ``base._eval_power``):

    - a sum that is not a number and has no imaginary unit ((x + 1)², 1/(2x + 1), √(x² + 1)):
      ``Add._eval_power`` changes only a number, or a two-term sum with an infinite term and a
      multiple of i; it asks every term whether it is infinite first, hundreds of microseconds
      on new terms, to return None;
    - a non-integer power of an integer power of a plain symbol ((x²)^(1/2), (1/x)^(1/3)):
      ``Pow._eval_power`` takes no shortcut (x is not known to be real, nonnegative or polar),
      and builds ``exp(2πi·p·floor(1/2 - n·arg(x)/(2π)))``, milliseconds of work, only to find it
      not known to be real and return None.
    """
    if evaluate and exp.is_Rational and exp is not sp.S.Zero and exp is not sp.S.One:
        if base.is_Add and not base.is_number and not base.has(sp.S.ImaginaryUnit):
            return sp.Pow(base, exp, evaluate=False)
        if not exp.is_Integer and base.is_Pow and base.exp.is_Integer and _plain_symbol(base.base):
            return sp.Pow(base, exp, evaluate=False)
    return sp.Pow(base, exp, evaluate=evaluate)


def risky_power(base, exp) -> bool:
    """Would SymPy's evaluation of base^exp run unboundedly? Then the power is kept as written.

    Infinity in a compound power makes SymPy expand (re x + i im x)^640 to decide
    whether the exponent is infinite.
    """
    if not (exp.is_Number or exp.is_Symbol) and sizes.has_infinity(base):  # the cheap test first
        return True
    return not exp.is_Atom and sizes.has_infinity(exp)


def restrictions(expr) -> set:
    """The parts of ``expr`` that restrict its real domain: logs and even roots of what may be <= 0.

    The nodes are visited in the order of ``preorder_traversal``, so SymPy is asked the same
    questions in the same order.
    """
    out = set()
    for node in sizes.preorder(expr):
        if isinstance(node, sp.log):
            if node.args[0].free_symbols and not node.args[0].is_positive:
                out.add(node)
        elif (node.is_Pow and node.exp.is_Rational and node.exp.q % 2 == 0 and node.base.free_symbols
              and not node.base.is_nonnegative):
            out.add(node)
    return out


def drops_domain(base, exp) -> bool:
    """Would SymPy's evaluation of base^exp forget a domain restriction (e^(ln x) = x, √x² = x)?

    Then the power is kept as typed: e^(ln x) is undefined for x <= 0, and the grader
    must see that (an answer undefined on part of the reference's domain is wrong).
    Asked only for a power with free symbols (a constant restricts no domain).
    """
    before = restrictions(base) | restrictions(exp)
    if not before:
        return False
    return not before <= restrictions(power(base, exp))
