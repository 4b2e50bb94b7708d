"""Heavy SymPy steps of the checker, as module-level functions for the killable worker.

Each is called through :func:`grader.budget.run_bounded`; none is on the fast path.
"""
from __future__ import annotations

import math

import sympy as sp


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
        if d.is_number and d.is_zero is False:
            return False
    return None


def high_precision_equal(a: sp.Expr, e: sp.Expr, points: list[dict], digits: int = 60) -> bool | None:
    """Is ``a − e`` zero at exact points, to ``digits`` digits of the size of its terms?

    The difference is expanded first, so that a term that is exactly non-zero but
    tiny (10⁻⁹⁹⁹·sin x, e^(−10¹⁰⁰⁰)) stands alone and is seen whatever its size:
    it is measured against the terms it sits among, not against 1. The precision
    grows with the tiniest constant typed (up to 1,500 extra digits). None when no
    point gives real finite values. A constant difference is first evaluated by SymPy's
    adaptive evalf, which sees a non-zero value however deep the cancellation (e^(e^(−200))
    − 1); a radical one that the digits cannot tell from 0 is settled by its minimal
    polynomial (what ``is_zero`` does, once instead of once per sign it asks about).
    Sines and cosines of angles built from inverse trigonometric functions of radicals
    are first written as radicals (see :func:`trig_radical_is_zero`), which proves such
    a difference either way before evalf re-evaluates the tree up to its precision limit.
    """
    from tutor.engine.real_roots import real_form

    d = real_form(a - e)  # odd roots are real roots, as the sampler reads them
    if d == 0:
        return True
    radical = d.is_number and is_radical(d)
    if d.is_number and not radical:
        proved = trig_radical_is_zero(d)
        if proved is not None:
            return proved
        if evalf_nonzero(d):
            return False
    outcome = _digits_agree(d, points, digits)
    if radical and outcome is not False:  # the digits agree: the minimal polynomial proves it, or not
        zero = radical_is_zero(d)
        if zero is None:
            zero = d.is_zero
        return outcome if zero is None else zero
    if d.is_number and outcome is None:  # no digits to go by: what SymPy can say
        zero = d.is_zero
        return None if zero is None else bool(zero)
    return outcome


def evalf_nonzero(d: sp.Expr) -> bool:
    """Does SymPy's adaptive evaluation of the constant ``d`` show it non-zero (a value with precision)?

    This is how ``d.is_zero`` finds a constant non-zero; when the evaluation finds no digit,
    ``is_zero`` can only prove a radical zero (its minimal polynomial), for which see above.
    """
    from sympy.core.numbers import pure_complex

    try:
        n = d.evalf(2)
    except Exception:  # noqa: BLE001 - an evaluation SymPy refuses shows nothing
        return False
    parts = (n,) if n.is_Float else (pure_complex(n) or ())
    return any(p.is_Float and p._prec != 1 and p != 0 for p in parts)


def trig_radical_is_zero(d: sp.Expr) -> bool | None:
    """Exactly: is ``d`` zero, once each of its sines and cosines is written as a radical?

    Only when every outermost function in ``d`` is a sine or a cosine that
    :func:`trig_as_radical` writes as a real radical; the root-separation bound of
    ``grader.numeric.radicals`` then decides. None otherwise, or when the bound decides nothing.
    """
    from grader.numeric import radicals

    functions = d.atoms(sp.Function)
    outer = [f for f in functions if not any(f != g and g.has(f) for g in functions)]
    if not outer or any(f.func not in (sp.sin, sp.cos) for f in outer):
        return None
    forms = {f: trig_as_radical(f) for f in outer}
    if any(r is None or not _real_radical(r) for r in forms.values()):
        return None  # a complex value (acos 2) is left to the path that reads it
    r = d.xreplace(forms)
    return radicals.is_zero(r) if is_radical(r) else None


def _real_radical(r: sp.Expr, within_one: bool = False) -> bool:
    """Is the radical ``r`` shown real (every root of a number shown positive), and in [−1, 1] if asked?"""
    import mpmath

    from grader.numeric import radicals

    iv = mpmath.iv.__class__()
    iv.prec = 64
    try:
        value = radicals.interval(r, iv)
    except (ValueError, ZeroDivisionError):
        return False
    return not within_one or (-1 <= value.a and value.b <= 1)


def _real_angle(angle: sp.Expr) -> bool:
    """Is ``angle`` built from inverse trigonometric functions of real radicals, each in its real domain?"""
    for g in angle.atoms(sp.Function):
        if g.func not in (sp.acos, sp.asin, sp.atan) or not is_radical(g.args[0]):
            return False
        if not _real_radical(g.args[0], within_one=g.func is not sp.atan):
            return False
    return True


def trig_as_radical(f: sp.Expr) -> sp.Expr | None:
    """``f`` = sin φ or cos φ (φ constant) as a radical, when its angle allows; else None.

    SymPy's ``expand_trig`` writes the sine or cosine of a sum of inverse functions of
    radicals as radicals (cos(acos a − atan b) = a/√(1+b²) + b·√(1−a²)/√(1+b²)). For a half
    angle, cos²φ = (1 + cos 2φ)/2 and sin²φ = (1 − cos 2φ)/2 are identities, so f is ± the
    principal root; the sign is the one within a quarter of |f| of f's 15-digit value (the
    other is 1¾ |f| away), and a value too close to 0 to tell decides nothing.
    """
    if not _real_angle(f.args[0]):  # acos 2 is complex: left to the path that reads it
        return None
    try:
        direct = sp.expand_trig(f)
        if is_radical(direct):
            return direct
        double = sp.expand_trig(sp.cos(2 * f.args[0]))
        if not is_radical(double):
            return None
        root = sp.sqrt((1 + double) / 2 if f.func is sp.cos else (1 - double) / 2)
        if not is_radical(root):  # √ of a negative number is i·√: no radical here
            return None
        value, size = complex(f.evalf(15)), complex(root.evalf(15))
    except (TypeError, ValueError, ArithmeticError, NotImplementedError):  # no value: no sign to choose
        return None
    if abs(size) < 1e-6:
        return None
    if abs(value - size) < abs(size) / 4:
        return root
    return -root if abs(value + size) < abs(size) / 4 else None


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
        if abs(sum(values, sp.Integer(0))) > scale * sp.Float(10, digits) ** (-(digits - 15)):
            return False
        checked += 1
    return True if checked else None


def is_radical(e: sp.Basic) -> bool:
    """Is ``e`` built from rationals by +, ×, ÷ and rational powers (an algebraic number SymPy writes in radicals)?"""
    if e.is_Rational:
        return True
    if e.is_Pow:
        return bool(e.exp.is_Rational) and is_radical(e.base)
    return isinstance(e, (sp.Add, sp.Mul)) and all(is_radical(t) for t in e.args)


_X = sp.Dummy("x")


def radical_is_zero(d: sp.Expr) -> bool | None:
    """Exactly: is the radical expression ``d`` zero?

    First a root-separation bound with an interval evaluation (``grader.numeric.radicals``,
    milliseconds); when that decides nothing, the minimal polynomial, which is x exactly when
    d = 0 (computed once, where SymPy's ``is_zero`` computes it once per sign it asks about).
    None when neither settles it.
    """
    from sympy.polys.polyerrors import NotAlgebraic

    from grader.numeric import radicals

    proved = radicals.is_zero(d)
    if proved is not None:
        return proved
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
