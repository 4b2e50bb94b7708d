"""``grader.check`` (this module is ``grader.checking``): read a learner's answer, grade it by kind, explain the verdict.

Every check has a time limit (``timeout``, default 3 s). Ordinary answers are
graded inline, under an alarm; an answer whose tree is hostile (huge numbers kept
unevaluated, thousands of nodes) is graded in the killable worker instead, so
neither can hang the caller. Nothing escapes as an exception: a failure to read is
*invalid*, running out of time or an internal failure is *undecided*.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any

import sympy as sp

from grader.budget import OutOfTime, budget, run_bounded
from grader.kinds import ALIASES, KINDS, Context, Kind, WrongShape, approximate
from grader.options import Options, options_from
from grader.reading import Unreadable
from grader.verdict import Interpretation, Verdict, invalid, undecided
from tutor import settings

MAX_TEXT = 2000  # characters; longer answers are refused before reading
MAX_NODES = 600  # a bigger tree is graded in the worker (real answers are far smaller)


def check(expected: Any, answer: Any, kind: str | None = None, **options: Any) -> Verdict:
    """Grade ``answer`` (learner text, or a SymPy object) against ``expected``.

    ``kind`` is one of ``grader.kinds.KINDS`` (None: inferred from ``expected``).
    Options: ``variables``, ``tolerance`` (relative) or ``digits`` (significant
    digits, default 4) for decimal answers, ``exact``, ``form``, ``timeout`` (s),
    ``mistakes``, ``choices``, ``classify``, ``labels``, ``functions`` (names the
    exercise defines, ``{"σ(z)": "1/(1 + exp(-z))"}``) and ``asked`` (what the
    answer is, as a left-hand side: ``"g'(x)"``, ``"∂f/∂x"``, ``"∇f"``, ``"(w, b)"``). A problem with ``expected`` or the options is the caller's, and
    raises ``ValueError``/``TypeError``; anything about the answer is a verdict.
    """
    opts = options_from(options)
    if opts.functions and isinstance(expected, str) and kind in (None, *_NAMED_KINDS):
        expected = _defined_expected(expected, opts)
    k, exp, variables = _resolved(kind, expected, opts)
    return grade(k, exp, answer, opts, variables)


def check_variant(variant: Any, answer: Any, **overrides: Any) -> Verdict:
    """Grade ``answer`` to one exercise variant (``exercises.Variant``): its answer, kind and options,
    then ``overrides`` (an assignment's). Grading takes the variant, so the bank never imports the grader.
    A multi-part variant is graded with ``grader.check_parts`` (or ``grader.check_one_cell``)."""
    if variant.kind == "parts":
        raise ValueError(f"{variant.exercise.id} has parts: grade it with grader.check_parts, or "
                         "grader.check_one_cell for the one-cell form")
    return check(variant.answer, answer, kind=variant.kind, **variant.options(**overrides))


_NAMED_KINDS = ("expression", "number", "limit", "vector", "gradient", "point", "function", "derivative",
                "formula", "value", "numeric", "scalar")


def _defined_expected(expected: str, opts: Options) -> Any:
    """Expected text that uses the exercise's defined functions (``σ(z)(1 − σ(z))``), expanded."""
    from grader.defined import expand, names
    from tutor.reading.parser import parse

    variables = [v.name for v in opts.variables] if opts.variables else None
    return expand(parse(expected, variables, functions=names(opts.functions)), opts.functions)


_RESOLVED: dict = {}


def _resolved(kind: str | None, expected: Any, opts: Options) -> tuple[Kind, Any, tuple]:
    """``resolve`` and the variables, remembered per (kind, expected, options) when hashable:
    a class's answers to one exercise share them."""
    try:
        key = (kind, type(expected), expected, opts)
        hit = _RESOLVED.get(key)
    except TypeError:  # unhashable (a dict of classified points, say)
        key, hit = None, None  # type: ignore[assignment]  # (no cache for this one)
    if hit is None:
        k, exp = resolve(kind, expected, opts)
        hit = (k, exp, k.variables(exp, opts))
        if key is not None:
            if len(_RESOLVED) > 2048:
                _RESOLVED.clear()
            _RESOLVED[key] = hit
    return hit


def resolve(kind: str | None, expected: Any, opts: Options) -> tuple[Kind, Any]:
    """The kind to grade with, and the expected value prepared for it."""
    if kind is not None:
        name = ALIASES.get(kind, kind)
        if name not in KINDS:
            close = difflib.get_close_matches(kind, list(KINDS) + list(ALIASES), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; choose one of {', '.join(KINDS)}"
            raise ValueError(f"unknown answer kind {kind!r}{hint}")
        k = KINDS[name]()
        return k, k.prepare(expected, opts)
    if isinstance(expected, str) and opts.choices is None:
        from tutor.engine.inputs import as_expr

        names = [v.name for v in opts.variables] if opts.variables else None
        expected = as_expr(expected, names)
    for cls in _BY_ORDER or _order():
        if cls.claims(expected, opts):
            k = cls()
            return k, k.prepare(expected, opts)
    raise ValueError(f"cannot tell which kind of answer {expected!r} expects; pass kind= "
                     f"(one of {', '.join(KINDS)})")


_BY_ORDER: list = []


def _order() -> list:
    _BY_ORDER[:] = sorted(KINDS.values(), key=lambda c: c.infer_order)
    return _BY_ORDER


def grade(k: Kind, expected: Any, answer: Any, opts: Options, variables: tuple) -> Verdict:
    """Grade with a resolved kind, inside the time limit."""
    text = answer if isinstance(answer, str) else None
    if text is not None and len(text) > MAX_TEXT:
        return invalid(f"Your answer is {len(text):,} characters long; answers are limited to {MAX_TEXT:,}.")
    from tutor.engine.bounded import Unfinished, alarm

    with budget(opts.timeout):
        try:
            with alarm(opts.timeout, "grading the answer"):
                ctx = Context(opts, variables, text, expected=expected)
                obj = k.read(answer, ctx)
                ctx = Context(opts, variables, text, approximate(text, obj, opts), expected)
                if _hostile(obj):
                    return run_bounded(_grade_in_worker, k.name, expected, obj, ctx, what="grading the answer")
                verdict = k.grade(expected, obj, ctx)
                if text is not None and verdict.status in ("incorrect", "partial"):
                    verdict = _ambiguous(k, expected, text, opts, variables) or verdict
                return _as_typed(verdict, k, text, ctx) if opts.functions else verdict
        except WrongShape as exc:
            seen = Interpretation(exc.obj) if exc.obj is not None else None
            return invalid(exc.error, "Your answer is not of the right sort, so nothing was counted. "
                                      "Please check it and try again.", seen)
        except Unreadable as exc:
            return invalid(exc.error, exc.feedback)
        except (Unfinished, OutOfTime):
            return undecided(f"it could not be decided within {opts.timeout:g} s")
        except (RecursionError, MemoryError):
            return undecided("the answer is too large or too deeply nested to compare")
        except Exception as exc:  # noqa: BLE001 - a checker bug must not cost the learner
            if settings.current().debug:
                raise
            return undecided("the checker hit an internal problem")


def _ambiguous(k: Kind, expected: Any, text: str, opts: Options, variables: tuple) -> Verdict | None:
    """An *invalid* verdict asking for brackets when the other reading of 'a/bc' is right.

    ``1/2x^(-1/2)`` is read as 1/(2x^(-1/2)); a student who meant (1/2)x^(-1/2)
    should be asked which they mean, not marked wrong.
    """
    from grader.sides import NAMED, split
    from tutor.reading.ambiguity import slash_alternative

    claim, rhs = split(text) if k.name in NAMED else (None, text)  # f'(x) = 1/2x: the right side
    alt = slash_alternative(rhs, [v.name for v in variables] or None)
    if alt is None:
        return None
    typed = text.rstrip()[:len(text.rstrip()) - len(rhs)] + alt.text if claim is not None else alt.text
    try:
        value = k.read(typed, Context(opts, variables, typed, expected=expected))
    except Unreadable:
        return None
    ctx = Context(opts, variables, typed, approximate(typed, value, opts), expected)
    if k.grade(expected, value, ctx).status != "correct":
        return None
    read = Interpretation(k.read(text, Context(opts, variables, text, expected=expected)))
    meant = Interpretation(value).unicode
    return invalid(
        f"This can be read two ways: a product written after '/' is the whole divisor, so it reads as "
        f"{read.unicode}. If you meant {meant}, type {typed} (or use brackets).",
        f"Your answer can be read two ways, so nothing was counted. As typed it means {read.unicode}, "
        f"which is not right; if you meant {meant}, type {typed} (or use brackets).",
        read,
    )


def _as_typed(verdict: Verdict, k: Kind, text: str | None, ctx: Context) -> Verdict:
    """Show σ(z)·(1 − σ(z)) as read, not the definition it was graded with."""
    if text is None or verdict.interpreted is None or verdict.status == "invalid":
        return verdict
    from dataclasses import replace

    from grader.answers import read_answer
    from grader.kinds.base import interpretation

    try:
        shown = read_answer(text, ctx, k.name if k.name in _NAMED_KINDS else None, expand=False)
    except Unreadable:
        return verdict
    return replace(verdict, interpreted=interpretation(shown, ctx))


def _grade_in_worker(kind_name: str, expected: Any, obj: Any, ctx: Context) -> Verdict:
    return KINDS[kind_name]().grade(expected, obj, ctx)


def _hostile(obj: Any) -> bool:
    """Could comparing ``obj`` run long inside C code (where an alarm cannot stop it)?"""
    if not isinstance(obj, sp.Basic):
        return False
    return _hostile_tree(obj)


@lru_cache(maxsize=8192)
def _hostile_tree(obj: sp.Basic) -> bool:
    count = 0
    for node in sp.preorder_traversal(obj):
        count += 1
        if count > MAX_NODES:
            return True
        if node.is_Integer and abs(int(node)).bit_length() > 2000:
            return True
        if isinstance(node, sp.Pow) and node.base.is_Number and node.exp.is_Integer and abs(node.exp) > 64:
            return True
    return False
