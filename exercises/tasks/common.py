"""Helpers the tasks share: engine steps as render nodes, float answers, mistake hygiene."""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import sympy as sp

from tutor.render import Step

# fixed sample values for the cheap "is this mistake just the answer again?" test
_SAMPLES = (sp.Rational(37, 100), sp.Rational(-13, 10), sp.Rational(21, 10), sp.Rational(-53, 100),
            sp.Rational(7, 2), sp.Rational(11, 10))


def steps_of(result: Any, title: bool = True) -> tuple:
    """The engine result's worked steps as render nodes (its title becomes the heading step)."""
    if result is None or not hasattr(result, "doc"):
        return ()
    doc = result.doc()
    if title and doc.title is not None:
        return (Step(doc.title, tuple(doc.nodes)),)
    return tuple(doc.nodes)


def one_variable(f: Any, declared: Sequence | None, field: str = "variable") -> sp.Symbol:
    """The variable to differentiate by: declared, or f's only free symbol."""
    from exercises.errors import BankError

    if declared:
        if len(declared) != 1:
            raise BankError("give exactly one variable", field=field)
        return declared[0]
    free = sorted(f.free_symbols, key=lambda s: s.name)
    if len(free) != 1:
        names = ", ".join(s.name for s in free) or "no variables"
        raise BankError(f"the function has {names}; say which to use with {field} = \"x\"", field=field)
    return free[0]


def is_zero(value: Any, seconds: float = 1.0) -> bool:
    """Exactly zero? Rationals are compared directly; anything else is simplified under a time limit."""
    v = sp.sympify(value)
    if v.is_Rational:
        return v == 0
    from tutor.engine.bounded import TimedOut, alarm

    try:
        with alarm(seconds, "a zero test"):
            return sp.simplify(v) == 0
    except TimedOut:
        return False


def rounded(x: float, digits: int = 12) -> sp.Float:
    """A float answer kept to ``digits`` significant digits (rounding noise removed)."""
    return sp.Float(float(f"{x:.{digits}g}"), 15)


def float_text(x: Any, digits: int = 10) -> str:
    return f"{float(x):.{digits}g}"


def point_value(values: Sequence[Any]):
    """One coordinate -> that value; several -> a Tuple."""
    values = list(values)
    return values[0] if len(values) == 1 else sp.Tuple(*values)


def point_text(values: Sequence[Any], digits: int = 10) -> str:
    texts = [float_text(v, digits) for v in values]
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


def same_value(a: Any, b: Any) -> bool:
    """A cheap numeric equality test (sampled), used only to weed out degenerate mistakes."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    if a == b:
        return True
    if isinstance(a, (sp.Tuple, tuple, list)) or isinstance(b, (sp.Tuple, tuple, list)):
        if not (isinstance(a, (sp.Tuple, tuple, list)) and isinstance(b, (sp.Tuple, tuple, list))):
            return False
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        if not (isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)) or a.shape != b.shape:
            return False
        return all(same_value(x, y) for x, y in zip(a, b))
    try:
        a, b = sp.sympify(a), sp.sympify(b)
        diff = a - b
    except (sp.SympifyError, TypeError):
        return False
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    agreed = 0
    for k in range(len(_SAMPLES)):
        point = {s: _SAMPLES[(k + 2 * j) % len(_SAMPLES)] for j, s in enumerate(symbols)}
        try:
            value = complex(sp.N(diff.subs(point), 20))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if not (math.isfinite(value.real) and math.isfinite(value.imag)):
            continue
        try:
            scale = 1 + abs(complex(sp.N(a.subs(point), 20)))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if abs(value) > 1e-9 * scale:
            return False
        agreed += 1
        if agreed >= 3 or not symbols:
            return True
    return agreed > 0


def typeable(obj: Any) -> bool:
    """Whether a learner could type this answer: its learner text reads back (no erf, no fresnels)."""
    if isinstance(obj, (str, bool)):
        return True
    from tutor import ParseError, parse, to_text

    try:
        back = parse(to_text(obj))
    except (ParseError, TypeError, ValueError):
        return False
    return same_value(back, obj)


def distinct_mistakes(answer: Any, mistakes: Iterable[Any]) -> tuple:
    """Drop mistakes that give the right answer anyway, repeats, and answers nobody could type."""
    return tuple(iter_distinct(answer, mistakes))


def iter_distinct(answer: Any, mistakes: Iterable[Any]) -> Iterator[Any]:
    """``distinct_mistakes`` one at a time, pulling from ``mistakes`` only as far as it is read.

    A wrong name is worse than none: a slip whose number is just the negative of the answer is
    dropped, since any sign slip gives that number (the grader's own diagnosis says "check the
    signs"), and so is a sign slip inside a chain that only negates the whole derivative.
    """
    kept: list = []
    negative = _negative(answer)
    for m in mistakes:
        if m.expr is None or same_value(m.expr, answer) or not typeable(m.expr):
            continue
        whole = m.key in WHOLE_SIGN or (answer.is_number and "sign" not in m.key)  # slope-sign means it
        if negative is not None and whole and same_value(m.expr, negative):
            continue
        if any(same_value(m.expr, k.expr) for k in kept):
            continue
        kept.append(m)
        yield m


WHOLE_SIGN = ("chain-rule-inner-sign",)  # slips that, when they negate everything, are just "a sign"


def _negative(answer: Any) -> Any:
    """−answer for a nonzero scalar, else None."""
    if isinstance(answer, sp.Expr) and not isinstance(answer, sp.Tuple) and answer != 0 and \
            type(answer).__name__ != "DoesNotExist":
        return -answer
    return None


def shown(value: Any) -> Any:
    """For worked steps: terminating fractions as decimals (0.1, (1.6, 0.6)), anything else unchanged."""
    from exercises.prompt import typed_form

    if isinstance(value, (list, tuple)):
        value = point_value(value)
    if isinstance(value, sp.Rational) or (isinstance(value, sp.Tuple) and all(isinstance(v, sp.Rational)
                                                                              for v in value)):
        text = typed_form(value)
        from tutor import to_text

        return text if text != to_text(value) else value
    return value


def within_tolerance(answer: Any, guess: Any, tolerance: float) -> bool:
    """Numbers (or tuples of numbers) that the grader's relative tolerance could not tell apart."""
    a = list(answer) if isinstance(answer, (sp.Tuple, tuple)) else [answer]
    g = list(guess) if isinstance(guess, (sp.Tuple, tuple)) else [guess]
    if len(a) != len(g):
        return False
    try:
        pairs = [(complex(x), complex(y)) for x, y in zip(a, g)]
    except (TypeError, ValueError):
        return False
    return all(abs(x - y) <= tolerance * max(abs(x), 1e-12) for x, y in pairs)
