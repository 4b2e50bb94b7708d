"""Is a step right? Compare its output with ``sympy.diff`` of its input.

Used by the property tests over every node of every tree, and at run time when
``CALCTUTOR_DEBUG`` is set. Variables are taken as real (the course's setting),
so |u| and the inverse secants compare with SymPy's real-variable derivatives.
"""
from __future__ import annotations

from collections.abc import Iterable

import sympy as sp

from tutor import settings
from tutor.engine.bounded import bounded
from tutor.engine.derivative.rules import HigherOrderRule, Rule

# sample values: small, large, negative, irrational-looking (no accidental symmetry)
_SAMPLES = (0.37, 1.41, -0.53, 2.3, 0.73, -1.3, 3.7, 0.11, -2.9, 5.3, 0.9, -0.17)
_NEEDED = 4


class StepCheckError(AssertionError):
    """A step's output is not the derivative of its input (a bug in a rule)."""


def debug() -> bool:
    return settings.current().debug


def realify(expr: sp.Basic) -> tuple[sp.Basic, dict[sp.Symbol, sp.Symbol]]:
    """``expr`` with every plain symbol replaced by a real one of the same name."""
    table = {s: sp.Symbol(s.name, real=True) for s in expr.free_symbols
             if isinstance(s, sp.Symbol) and s.is_real is None}
    return expr.xreplace(table), table


def _value(e: sp.Expr, point: dict) -> complex | None:
    """The value of ``e`` at ``point`` as a complex number, or None if undefined there."""
    try:
        v = sp.N(e.subs(point), 30)
    except (TypeError, ValueError, ZeroDivisionError, AttributeError):
        return None
    if not v.is_number or v.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        return None
    try:
        return complex(v)
    except TypeError:
        return None


def _real_inside(domain: sp.Expr | None, point: dict) -> bool:
    """Every part of ``domain`` is real at ``point`` (the point is in the real-calculus domain)."""
    if domain is None:
        return True
    for part in sp.preorder_traversal(domain):
        if part.is_Atom or not part.free_symbols:
            continue
        v = _value(part, point)
        if v is None or abs(v.imag) > 1e-20:
            return False
    return True


def same(a: sp.Expr, b: sp.Expr, domain: sp.Expr | None = None) -> bool | None:
    """True if a = b for real values of the variables, False if a real sample tells them apart,
    None if undecided. Numbers first (cheap), exact simplification only as a fallback.

    With ``domain`` (the function being differentiated), only points where every part of it
    is real count as real samples: |√x| has no real derivative to compare at x < 0.
    """
    if a == b:
        return True
    diff = sp.sympify(a - b)
    if diff == 0:
        return True
    free = sp.sympify(a).free_symbols | sp.sympify(b).free_symbols
    symbols = sorted(free | (domain.free_symbols if domain is not None else set()), key=lambda s: s.name)
    real_ok = complex_ok = 0
    for k in range(len(_SAMPLES)):
        point = {s: sp.Float(_SAMPLES[(k + 5 * j) % len(_SAMPLES)] + 0.013 * j, 30)
                 for j, s in enumerate(symbols)}
        try:
            va, vb = (sp.N(e.subs(point), 30) for e in (a, b))
        except (TypeError, ValueError, ZeroDivisionError, AttributeError):
            continue
        if not (va.is_number and vb.is_number) or va.has(sp.zoo, sp.nan, sp.oo, -sp.oo) \
                or vb.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            continue
        ca, cb = complex(va), complex(vb)
        close = abs(ca - cb) <= 1e-12 * (1 + abs(ca))
        if abs(ca.imag) < 1e-20 and abs(cb.imag) < 1e-20 and _real_inside(domain, point):
            if not close:
                return False
            real_ok += 1
        elif close:
            complex_ok += 1
        if real_ok >= _NEEDED:
            return True
    if real_ok + complex_ok >= _NEEDED:
        return True
    try:
        return True if bounded(_is_zero, diff, timeout=2, what="comparing") else None
    except Exception:  # a timeout or simplification trouble is "undecided", not an error
        return None


def _is_zero(e: sp.Expr) -> bool:
    return sp.simplify(e) == 0


def step_is_right(step: Rule) -> bool | None:
    """Does this step's output equal ``sympy.diff`` of its input?"""
    if isinstance(step, HigherOrderRule):
        expr, table = realify(step.expr)
        expected = sp.diff(expr, *(table.get(v, v) for v in step.variables))
    else:
        expr, table = realify(step.expr)
        expected = sp.diff(expr, table.get(step.var, step.var))
    got = step.result.xreplace(table)
    return same(got, expected, domain=expr)


def wrong_steps(tree: Rule) -> list[Rule]:
    """Every step in the tree that does not verify (undecided counts as not verified)."""
    return [s for s in tree.walk() if step_is_right(s) is not True]


def _deepest_first(tree: Rule):
    for sub in tree.substeps:
        yield from _deepest_first(sub)
    yield tree


def check_tree(tree: Rule) -> None:
    """Raise :class:`StepCheckError` naming the deepest step that fails (the rule at fault)."""
    for s in _deepest_first(tree):
        if step_is_right(s) is False:
            raise StepCheckError(f"{type(s).__name__} on {s.expr} (d/d{s.var}) gave {s.result}, "
                                 f"but sympy.diff gives {sp.diff(s.expr, s.var)}")


def all_right(steps: Iterable[Rule]) -> bool:
    return all(step_is_right(s) is True for s in steps)


def agrees_with_sympy(derivation) -> bool:
    """The derivation's final result equals ``sympy.diff`` of its function (variables real)."""
    f, table = realify(derivation.function)
    expected = sp.diff(f, *(table.get(v, v) for v in derivation.variables))
    return same(derivation.result.xreplace(table), expected, domain=f) is True


def problems(derivation) -> list[str]:
    """Everything wrong with a derivation (empty when the result and every step verify)."""
    if derivation.steps is None:
        return ["no steps: " + "; ".join(derivation.notes)]
    out = [f"{type(s).__name__} on {s.expr} gave {s.result}" for s in wrong_steps(derivation.steps)]
    if not agrees_with_sympy(derivation):
        out.append(f"result {derivation.result} differs from sympy.diff")
    return out
