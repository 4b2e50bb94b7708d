"""Heavy SymPy steps of the checker, as module-level functions for the killable worker.

Each is called through :func:`grader.budget.run_bounded`; none is on the fast path.
"""
from __future__ import annotations

import math
from collections import Counter

import sympy as sp

from grader.numeric.radicals import is_radical as is_radical
from grader.numeric.trig_radicals import trig_as_radical as trig_as_radical
from grader.numeric.trig_radicals import trig_radical_is_zero as trig_radical_is_zero


def is_zero(diff: sp.Expr) -> bool | None:
    """True when ``diff`` simplifies to 0; False when SymPy proves it non-zero; else None."""
    from tutor.engine.real_roots import real_form

    if diff == 0:
        return True
    diff = real_form(diff)  # odd roots are real roots, as the sampler reads them
    for step in (sp.cancel, sp.expand, sp.trigsimp, sp.simplify):
        try:
            d = step(diff)
        except Exception:  # a SymPy failure is "no conclusion", not a crash
            continue
        if d == 0:
            return True
        if d.is_number and d.is_zero is False and evalf_nonzero(d):  # SymPy's is_zero trusts evalf's
            return False  # claimed digits, which for atan(u) with u exactly 0 are rounding
    return None


def high_precision_equal(a: sp.Expr, e: sp.Expr, points: list[dict], digits: int = 60) -> bool | None:
    """Is ``a − e`` zero at exact points, to ``digits`` digits of the size of its terms?

    The difference is expanded first, so that a term that is exactly non-zero but
    tiny (10⁻⁹⁹⁹·sin x, e^(−10¹⁰⁰⁰)) stands alone and is seen whatever its size:
    it is measured against the terms it sits among, not against 1. The precision
    grows with the tiniest constant typed (up to 1,500 extra digits). None when no
    point gives real finite values. A constant difference made of radicals and trigonometric
    functions at rational multiples of π is decided by the root-separation bound of
    ``grader.numeric.radicals`` before any digit is computed. Any other constant is proved zero
    by an exact rewrite (:func:`rewritten_is_zero`), or by writing its sines and cosines of
    inverse trigonometric angles as radicals (:func:`trig_radical_is_zero`); else SymPy's adaptive
    evalf refutes it, however deep the cancellation (e^(e^(−200)) − 1), before the digits are
    compared. A radical the bound cannot settle is settled by its minimal polynomial once the
    digits agree (what ``is_zero`` does, once instead of once per sign it asks about).
    """
    from tutor.engine.real_roots import real_form

    d = real_form(difference(a, e))  # odd roots are real roots, as the sampler reads them
    outcome = _zero_to_digits(d, points, digits)
    if outcome is not True:  # a sum inside that evalf finds no digit of can make a zero look non-zero,
        # or not real (√ of a rounding below 0)
        settled = vanishing_settled(d, digits + min(precision_needed(d), 1500))
        if settled is not None:
            again = _zero_to_digits(settled, points, digits)
            return outcome if again is None else again
    return outcome


def _zero_to_digits(d: sp.Expr, points: list[dict], digits: int) -> bool | None:
    """:func:`high_precision_equal` for the difference ``d``."""
    from grader.numeric import radicals

    if d == 0:
        return True
    algebraic = d.is_number and radicals.supported(d)
    if algebraic:  # exact either way, before any digit is computed
        proved = radicals.is_zero(d)
        if proved is not None:
            return proved
    radical = d.is_number and is_radical(d)
    if d.is_number and not radical:
        if rewritten_is_zero(d):
            return True
        proved = None if algebraic else trig_radical_is_zero(d)  # for algebraic d, the bound has spoken
        if proved is not None:
            return proved
        if evalf_nonzero(d):
            return False
    outcome = _digits_agree(d, points, digits)
    if radical and outcome is not False:  # the digits agree: the minimal polynomial proves it, or not
        zero = _minimal_polynomial_is_zero(d)
        if zero is None:
            zero = d.is_zero
        return outcome if zero is None else zero
    if d.is_number and outcome is None:  # no digits to go by: what SymPy can say
        zero = d.is_zero
        return None if zero is None else bool(zero)
    return outcome


def vanishing_settled(d: sp.Expr, digits: int) -> sp.Expr | None:
    """``d`` with each constant sum inside it that SymPy's adaptive evalf finds no digit of, to
    ``digits`` digits or more, put to 0; None when there is none.

    Why: evalf's rules for atan, asin, sinh, tan, tanh, √, |·| … do not carry their argument's
    accuracy. atan(acos(1/3) + asin(1/3) − π/2), exactly 0, comes back as −9.6·10⁻²⁴⁰ claiming
    full precision, so the right answer 0 was "off by a tiny amount". A sum with no digit to
    that many places is zero by the same rule that calls a difference zero at the top
    (``_digits_agree``), and SymPy then evaluates atan(0) exactly. Only asked when a difference
    looks non-zero, so it costs nothing on a right answer.
    """
    found: dict[sp.Expr, sp.Expr] = {}
    stack = list(d.args)
    while stack:
        node = stack.pop()
        if node.is_Add and not node.free_symbols and node not in found and _no_digits(node, digits):
            found[node] = sp.S.Zero
            continue
        stack.extend(a for a in node.args if not a.is_Atom)
    return d.xreplace(found) if found else None


def _no_digits(s: sp.Expr, digits: int) -> bool:
    """Does SymPy's adaptive evalf, allowed ``digits`` digits, find no digit of the constant ``s``?"""
    try:
        n = s.evalf(2, maxn=max(digits, 110))
    except Exception:  # noqa: BLE001 - an evaluation SymPy refuses proves nothing
        return False
    parts = _parts(n)
    return bool(parts) and all(p.is_zero or (p.is_Float and p._prec == 1) for p in parts)


def difference(a: sp.Expr, e: sp.Expr) -> sp.Expr:
    """``a − e``, the terms the two sums share left out before SymPy builds it.

    They cancel in ``a − e`` anyway; building −t for each (−e^(10x)) and combining it with t
    costs more than the rest of the comparison of e^(10x) + sin 10x + 10⁻⁷ with e^(10x) + sin 10x.
    Sums with an infinite or undefined term are subtracted as they are (∞ − ∞ is not 0).
    """
    if not (a.is_Add and e.is_Add) or any(t.has(*_UNBOUNDED) for t in (*a.args, *e.args)):
        return a - e
    left, right = Counter(a.args), []
    for t in e.args:
        if left[t] > 0:
            left[t] -= 1
        else:
            right.append(t)
    return sp.Add(*left.elements(), *(-t for t in right))


_UNBOUNDED = (sp.S.NaN, sp.S.ComplexInfinity, sp.S.Infinity, sp.S.NegativeInfinity)
_HYPERBOLIC = (sp.sinh, sp.cosh, sp.tanh, sp.coth, sp.sech, sp.csch)
SMALL = 10 ** 12  # rationals below this are factored into primes


def rewritten_is_zero(d: sp.Expr) -> bool:
    """Does the constant ``d`` vanish as SymPy builds it once each logarithm of a positive rational is
    written over primes (log 26 = log 2 + log 13) and each hyperbolic function by exponentials?

    A proof of zero only (each rewrite is an identity); False says nothing. SymPy's evalf finds no
    digit of such a zero (log 26 − log 2 − log 13) before its precision limit.
    """
    forms = {}
    for f in d.atoms(sp.log, *_HYPERBOLIC):
        if f.func is not sp.log:
            forms[f] = f.rewrite(sp.exp)
            continue
        q = f.args[0]
        if q.is_Rational and q > 0 and max(int(q.p), int(q.q)) < SMALL:
            primes = sp.factorint(int(q.p)), sp.factorint(int(q.q))
            if sum(primes[0].values()) + sum(primes[1].values()) > 1:
                forms[f] = (sp.Add(*(m * sp.log(p) for p, m in primes[0].items()))
                            - sp.Add(*(m * sp.log(p) for p, m in primes[1].items())))
    return bool(forms) and d.xreplace(forms) == 0


def _parts(n: sp.Expr) -> tuple:
    """The real and imaginary parts of an evalf result (the number itself when real or 0; none when
    it is not a plain complex number)."""
    from sympy.core.numbers import pure_complex

    return (n,) if n.is_Float or n.is_zero else (pure_complex(n) or ())


def evalf_nonzero(d: sp.Expr) -> bool:
    """Does SymPy's adaptive evaluation of the constant ``d`` show it non-zero (a value with precision)?

    This is how ``d.is_zero`` finds a constant non-zero; when the evaluation finds no digit,
    ``is_zero`` can only prove a radical zero (its minimal polynomial), for which see above.
    """
    try:
        n = d.evalf(2)
    except Exception:  # noqa: BLE001 - an evaluation SymPy refuses shows nothing
        return False
    if not any(p.is_Float and p._prec != 1 and p != 0 for p in _parts(n)):
        return False
    # evalf's rules for tan, cot, atan … claim full precision for a value that is only rounding
    # (cot(asin(1/3) + acos(1/3)) is −6.4·10⁻⁷ at 2 digits, 8.3·10⁻²⁰ at 15): a true value stays put
    try:
        m = complex(d.evalf(30))
    except Exception:  # noqa: BLE001 - no second value: no proof
        return False
    return m != 0 and abs(complex(n) - m) <= abs(m) / 4


def _digits_agree(d: sp.Expr, points: list[dict], digits: int) -> bool | None:
    """Is ``d`` zero at ``points`` to ``digits`` digits of the size of its expanded terms?"""
    try:
        d = sp.expand(d)
    except Exception:  # an expansion SymPy refuses: compare as written
        pass
    if d == 0:
        return True
    terms = sp.Add.make_args(d)
    digits += min(precision_needed(d), 1500)
    checked = 0
    for point in points:
        values = [t.evalf(digits, subs=point) for t in terms]
        if not all(v.is_real and v.is_finite for v in values):
            continue
        scale = sum((abs(v) for v in values), sp.Integer(0))
        total = abs(sum(values, sp.Integer(0)))
        if total > scale * sp.Float(10, digits) ** (-(digits - 15)) and _stays(terms, point, digits, total, scale):
            return False
        checked += 1
    return True if checked else None


def _stays(terms: tuple, point: dict, digits: int, total: sp.Expr, scale: sp.Expr) -> bool:
    """Is the difference ``total`` found at ``digits`` digits there again at twice the digits?

    evalf's rules for tan, cot, atan, sinh … claim full precision for what is only the rounding of
    their argument (cot(asin(1/3) + acos(1/3)), exactly 0, is 4·10⁻³⁵ at 30 digits and 10⁻⁶⁵ at
    60), and a single term is its own scale. A value that moves is rounding: the difference is
    then zero when, at twice the digits, it is below that rounding as ``digits`` digits rule it.
    """
    values = [t.evalf(2 * digits, subs=point) for t in terms]
    if not all(v.is_real and v.is_finite for v in values):
        return True
    again = abs(sum(values, sp.Integer(0)))
    if abs(again - total) <= again / 10**6:
        return True
    size = max(scale, total, sum((abs(v) for v in values), sp.Integer(0)))
    return bool(again > size * sp.Float(10, digits) ** (-(digits - 15)))


_X = sp.Dummy("x")


def radical_is_zero(d: sp.Expr) -> bool | None:
    """Exactly: is the radical expression ``d`` zero?

    First a root-separation bound with an interval evaluation (``grader.numeric.radicals``,
    milliseconds); when that decides nothing, the minimal polynomial, which is x exactly when
    d = 0 (computed once, where SymPy's ``is_zero`` computes it once per sign it asks about).
    None when neither settles it.
    """
    from grader.numeric import radicals

    proved = radicals.is_zero(d)
    return proved if proved is not None else _minimal_polynomial_is_zero(d)


def _minimal_polynomial_is_zero(d: sp.Expr) -> bool | None:
    """Is the algebraic ``d`` zero, by its minimal polynomial (x exactly when d = 0)? None when SymPy cannot say."""
    from sympy.polys.polyerrors import NotAlgebraic

    try:
        return bool(sp.minimal_polynomial(d, _X) == _X)
    except (NotAlgebraic, NotImplementedError):
        return None


def complex_differs(a: sp.Expr, e: sp.Expr, points: list[dict], digits: int = 30) -> bool:
    """Do ``a`` and ``e`` differ at one of ``points``, comparing principal complex values?

    For a reference real only at isolated points ((−1)^x), where the real values
    prove little.
    """
    for point in points:
        try:
            va, ve = complex(a.evalf(digits, subs=point)), complex(e.evalf(digits, subs=point))
        except (TypeError, ValueError, OverflowError, ZeroDivisionError):
            continue
        if not all(map(math.isfinite, (va.real, va.imag, ve.real, ve.imag))):
            continue
        if abs(va - ve) > 1e-12 * max(1.0, abs(va), abs(ve)):
            return True
    return False


def precision_needed(expr: sp.Expr) -> int:
    """Decimal digits needed to see the tiniest (or largest) exact constant in ``expr``."""
    need = 0
    for n in expr.atoms(sp.Rational):
        need = max(need, abs(len(str(abs(int(n.p)))) - len(str(int(n.q)))))
    return need


def expanded(expr: sp.Expr) -> bool:
    """Is ``expr`` already in expanded form (a sum of monomial-like terms)?"""
    return sp.expand(expr) == expr


def factored(expr: sp.Expr, variables: tuple) -> bool:
    """Is every polynomial factor of ``expr`` irreducible over the rationals?"""
    _, factors = sp.factor_list(sp.factor(expr), *variables)
    reference = sum(m for f, m in factors if f.free_symbols)
    count = 0
    for term in sp.Mul.make_args(expr):
        base, mult = term.as_base_exp()
        if not base.free_symbols:
            continue
        if not mult.is_Integer:
            return sp.factor(expr) == expr
        if base.is_polynomial(*variables):
            poly = sp.Poly(base, *variables)
            if poly.total_degree() > 1 and not poly.is_irreducible:
                return False
        count += int(mult)
    return count >= reference


def operation_count(expr: sp.Expr) -> int:
    return int(sp.count_ops(expr))


def simplified_size(expr: sp.Expr) -> int:
    """Size of SymPy's simplest form of ``expr`` (what "simplified" is measured against)."""
    return int(sp.count_ops(sp.simplify(expr)))


def cancel_ratio(a: sp.Expr, e: sp.Expr) -> sp.Expr:
    """``a / e`` with common factors cancelled (equation comparison)."""
    return sp.cancel(sp.together(a / e))


def real_solutions(d: sp.Expr, v: sp.Symbol) -> sp.Set:
    """The real solutions of ``d = 0`` in one variable (a FiniteSet when SymPy finds them all).

    A rational equation over ℚ whose real solutions are all rational is solved by factoring
    (``grader.solution_sets``), to the FiniteSet ``solveset`` gives, without ``solveset``.
    """
    from grader.solution_sets import rational_solutions

    found = rational_solutions(d, v)
    if found is None and _one_sign(d, v):
        return sp.S.EmptySet
    return found if found is not None else sp.solveset(d, v, sp.S.Reals)


def _one_sign(d: sp.Expr, v: sp.Symbol) -> bool:
    """Is ``d`` positive for every real ``v``, or negative for every one? Then ``d = 0`` has no real
    solution: ``e^(10x) + 10⁻⁷ = 0``, whose ``solveset`` takes milliseconds. Its terms are asked one by
    one (SymPy's assumptions): all ≥ 0 and one > 0, or the other way round; else False (not known)."""
    terms = sp.Add.make_args(d.xreplace({v: sp.Dummy(real=True)}))
    return (all(t.is_nonnegative for t in terms) and any(t.is_positive for t in terms)) or \
        (all(t.is_nonpositive for t in terms) and any(t.is_negative for t in terms))
