"""Intervals (the learning rates for which gradient descent converges, say).

Accepted spellings: ``(0, 1/2)``, ``[0, 0.5)``, ``(0, 1/2]``, ``]0, 2[``,
``0 < lr < 2``, ``0 < η ≤ 1/2``, ``lr < 2`` (one-sided), ``(-∞, 3]``. Endpoints are
read with ``tutor.parse``; only the brackets and inequality signs are read here.
Each end is worth half: its value, then whether it is included.
"""
from __future__ import annotations

import re

import sympy as sp

from grader.equivalence import compare
from grader.kinds.base import Context, Kind, interpretation, read_math, register
from grader.reading import Unreadable, has_decimals
from grader.verdict import ComponentVerdict, correct, incorrect, partial
from grader import words

_BRACKETS = re.compile(r"^\s*([\[\(\]])\s*(.+?)\s*,\s*(.+?)\s*([\]\)\[])\s*$", re.DOTALL)
_INEQ = re.compile(r"(<=|>=|≤|≥|=<|=>|<|>)")
_LE = {"<=", "≤", "=<"}
_GE = {">=", "≥", "=>"}


def _endpoint(text: str, ctx: Context) -> sp.Expr:
    value = read_math(text, ctx)
    if not isinstance(value, sp.Expr) or isinstance(value, sp.Tuple) or value.free_symbols:
        raise Unreadable(f"“{text}” is not a number: an interval's ends are numbers (or ∞).")
    return value


def read_interval(text: str, ctx: Context) -> sp.Interval:
    m = _BRACKETS.match(text)
    if m:
        left, a, b, right = m.groups()
        lo, hi = _endpoint(a, ctx), _endpoint(b, ctx)
        return _make(lo, hi, left != "[", right != "]")
    parts = [p.strip() for p in _INEQ.split(text)]
    if len(parts) == 5:  # a < v < b   (or a > v > b)
        a, op1, _, op2, b = parts
        lo, hi = _endpoint(a, ctx), _endpoint(b, ctx)
        if op1 in ("<",) + tuple(_LE) and op2 in ("<",) + tuple(_LE):
            return _make(lo, hi, op1 not in _LE, op2 not in _LE)
        if op1 in (">",) + tuple(_GE) and op2 in (">",) + tuple(_GE):
            return _make(hi, lo, op2 not in _GE, op1 not in _GE)
        raise Unreadable("Write the inequalities in one direction, for example 0 < lr < 2.")
    if len(parts) == 3:  # v < b, v > a, a < v, b > v
        left, op, right = parts
        var_left = not _is_number(left, ctx)
        bound = _endpoint(right if var_left else left, ctx)
        upper = (op in ("<",) + tuple(_LE)) == var_left
        closed = op in _LE or op in _GE
        if upper:
            return _make(-sp.oo, bound, True, not closed)
        return _make(bound, sp.oo, not closed, True)
    try:
        obj = read_math(text, ctx)
    except Unreadable:
        obj = None
    if isinstance(obj, sp.Tuple) and len(obj) == 2:
        return _make(obj[0], obj[1], True, True)
    raise Unreadable("Write an interval such as (0, 2), [0, 1/2) or 0 < lr < 2.")


def _is_number(text: str, ctx: Context) -> bool:
    try:
        v = read_math(text, ctx)
    except Unreadable:
        return False
    return isinstance(v, sp.Expr) and not v.free_symbols


def _make(lo, hi, left_open: bool, right_open: bool) -> sp.Interval:
    if lo.is_infinite:
        left_open = True
    if hi.is_infinite:
        right_open = True
    if (lo > hi) is sp.true:
        raise Unreadable("The left end of the interval is bigger than the right end.")
    return sp.Interval(lo, hi, left_open, right_open)


@register
class IntervalKind(Kind):
    name = "interval"
    aliases = ("range",)
    noun = "an interval such as (0, 2)"
    infer_order = 15

    @classmethod
    def claims(cls, expected, options):
        return isinstance(expected, sp.Interval)

    def prepare(self, expected, options):
        if isinstance(expected, str):
            return read_interval(expected, _trusted())
        if isinstance(expected, (tuple, list)) and len(expected) == 2:
            from tutor.engine.inputs import as_expr

            return sp.Interval.open(as_expr(expected[0]), as_expr(expected[1]))
        if not isinstance(expected, sp.Interval):
            raise ValueError(f"the expected answer of an interval exercise must be an interval, got {expected!r}")
        return expected

    def variables(self, expected, options):
        return ()

    def read(self, answer, ctx):
        if isinstance(answer, sp.Interval):
            return answer
        if not isinstance(answer, str):
            raise Unreadable("Write an interval such as (0, 2).")
        if not answer.strip():
            raise Unreadable("Your answer is empty.")
        return read_interval(answer, ctx)

    def grade(self, expected, answer, ctx):
        seen = interpretation(answer, ctx)
        approx = has_decimals(ctx.text) and not ctx.options.exact
        ends = [("the left end", expected.start, answer.start, expected.left_open, answer.left_open),
                ("the right end", expected.end, answer.end, expected.right_open, answer.right_open)]
        details, score = [], 0.0
        for label, e, a, e_open, a_open in ends:
            same = e == a or (not e.is_infinite and not a.is_infinite and
                              compare(e, a, (), approximate=approx, tolerance=ctx.options.tolerance,
                                      literals=ctx.literals).equal is True)
            if not same:
                details.append(ComponentVerdict(label, "incorrect", f"{words.math_text(a)} is not the right value."))
            elif e_open != a_open and not e.is_infinite:
                score += 0.25
                should = "excluded" if e_open else "included"
                details.append(ComponentVerdict(label, "partial",
                                                f"The value is right, but {words.math_text(e)} should be {should}."))
            else:
                score += 0.5
                details.append(ComponentVerdict(label, "correct", "Right."))
        details_t = tuple(details)
        if score == 1.0:
            return correct("Correct.", seen, details_t)
        wrong = [d for d in details if d.status != "correct"]
        text = " ".join(f"For {d.label}: {d.feedback[:1].lower()}{d.feedback[1:]}" for d in wrong)
        if all(d.status == "partial" for d in wrong):
            return partial(score, "Almost: the ends are right, but check which ends are included. " + text,
                           seen, "endpoint-inclusion", details_t)
        if score > 0:
            return partial(score, text, seen, None, details_t)
        return incorrect(text, seen, None, details_t)


def _trusted() -> Context:
    from grader.options import Options

    return Context(Options(), (), None)
