"""Reading one typed answer in the light of its exercise: the one place every front-end goes through.

Order: a left-hand side is split off and checked (``grader.sides``); the rest is
read with the exercise's variables and defined functions; letter runs that split
into names foreign to the exercise make the answer *invalid*; defined functions
are expanded; ``(w, b) = …`` is put in the exercise's order.
"""
from __future__ import annotations

import re
from typing import Any

import sympy as sp

from grader import defined, sides
from grader.reading import foreign_names, read
from tutor.reading.split import split_top_level


def read_answer(text: str, ctx: Any, kind: str | None = None, *, expand: bool = True) -> Any:
    """``text`` as a SymPy object, or :class:`Unreadable` saying what could not be read as meant.

    ``expand=False`` keeps defined functions applied (``σ(z)``), for showing how it was read.
    """
    opts = ctx.options
    claim, rhs = sides.split(text) if kind in sides.NAMED else (None, text)
    if claim is not None and kind in sides.POINTS and len(split_top_level(rhs, ",")) > 1:
        rhs = "{" + rhs + "}"  # (x, y) = (0, 0), (1, 1): several points under one name
    functions = defined.names(opts.functions)
    obj = read(rhs, ctx.names, functions)
    if opts.variables is None:
        obj = _as_spelt(obj, rhs)
    variables = tuple(v.name for v in ctx.variables)
    if claim is not None:
        sides.check(claim, kind, variables, opts.asked)
    known = variables + _expected_names(ctx.expected)
    if kind == "antiderivative" or opts.constant is not None:
        from grader.kinds.constants import CONVENTIONAL

        known += CONVENTIONAL  # K(x - 1) is the constant times x - 1, not an unknown function K
    problem = foreign_names(rhs, known, functions)
    if problem is not None:
        raise problem
    if expand:
        obj = defined.expand(obj, opts.functions)
    if claim is not None and claim.what == "names":
        obj = _in_order(obj, claim, variables, opts.asked)
    return obj


_SUBSCRIPTED = re.compile(r"[^\W\d_](?:\d|_)")  # a letter with digits or an underscore after it


def _as_spelt(obj: Any, text: str) -> Any:
    """Names the exercise did not declare keep the spelling typed: ``x1`` is not ``x_1``.

    The reader identifies x1, x_1 and x_{1} of the variables it is given; for variables
    only inferred from the expected answer that would make a different name right
    (README of tests/data/outside, decision 2; docs/syntax.md).
    """
    if not isinstance(obj, sp.Basic) or not _SUBSCRIPTED.search(text):
        return obj
    from tutor.reading.lexer import _TOKEN_RE
    from tutor.reading.names import GLYPHS, normalize

    typed: dict[Any, Any] = {}
    for m in _TOKEN_RE.finditer(text):
        if m.group("word") and m.group("suffix"):
            raw = "".join(GLYPHS.get(c, c) for c in m.group("word")) + m.group("suffix").replace("{", "").replace("}", "")
            typed.setdefault(normalize(raw), raw)
    swap = {s: sp.Symbol(typed[normalize(s.name)]) for s in obj.free_symbols
            if isinstance(s, sp.Symbol) and typed.get(normalize(s.name), s.name) != s.name}
    return obj.xreplace(swap) if swap else obj


def _expected_names(expected: Any) -> tuple[str, ...]:
    free = getattr(expected, "free_symbols", None)
    if not free:
        return ()
    return tuple(sorted(s.name for s in free if isinstance(s, sp.Symbol)))


def _in_order(obj: Any, claim: sides.Claim, variables: tuple[str, ...], asked: Any) -> Any:
    """The components of ``(w, b) = (…)`` in the exercise's order (asked names, else its variables)."""
    order = asked.names if asked is not None and asked.what == "names" else variables
    if isinstance(obj, sp.FiniteSet) and all(isinstance(p, sp.Tuple) for p in obj):
        return sp.FiniteSet(*(_in_order(p, claim, variables, asked) for p in obj))
    if not isinstance(obj, sp.Tuple):
        return obj
    if len(obj) != len(claim.names):
        raise sides.WrongSide(f"The left-hand side {claim.describe()} names {len(claim.names)} values, but the "
                         f"right-hand side has {len(obj)}.")
    if not order or sorted(order) != sorted(claim.names):
        return obj
    value = dict(zip(claim.names, obj.args))
    return sp.Tuple(*(value[n] for n in order))
