"""``bank validate``'s checks of what an exercise is about (no grading needed).

- a multiple-choice question has exactly one true choice, and it is the marked one,
  wherever the engine can decide the choices (the task's ``option_truths``);
- no choice of parameters makes the exercise degenerate for its point (the variant
  guards of ``exercises.conditions``: a zero gradient at the start, a step that leaves
  the loss unchanged);
- a critical-points figure marks every critical point, each inside its window and
  away from the edge.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from exercises.errors import BankError

Finding = tuple[str, str]  # (field, message): validate adds the file, the exercise and the seed

GUARD_LIMIT = 400  # parameter choices checked one by one; past it, only the validated seeds
EDGE = 0.05  # a marked point must lie this fraction of the window's width inside each edge


def variant_problems(variant: Any) -> list[Finding]:
    """The choice and figure problems of one variant."""
    return check_options(variant) + check_figure(variant)


def check_options(variant: Any) -> list[Finding]:
    from exercises.tasks import load_all

    ex = variant.exercise
    truths = load_all()[ex.task].option_truths(variant) if variant.kind == "multiple_choice" else {}
    true = sorted(k for k, t in truths.items() if t)
    answer = str(variant.answer)
    if len(true) > 1:
        message = (f"more than one choice is true ({', '.join(true)}), computed by the engine; "
                   f"the answer is {answer}: reword the other choices")
    elif truths.get(answer) is False:
        message = (f"the marked answer {answer} is false, computed by the engine"
                   + (f"; {true[0]} is true" if true else ""))
    else:
        return []
    return [("choices", message)]


def check_figure(variant: Any) -> list[Finding]:
    from exercises.figures import window

    try:
        shown = window(variant)
    except ImportError:
        return []
    if shown is None:
        return []
    found = variant.plot[3]
    out = []
    unmarked = [p for p in found if p.approx() not in shown.marked]
    if unmarked:
        out.append(f"the figure does not mark the critical point {_point(unmarked[0].approx())}")
    for point in shown.marked:
        where = _placement(point, shown.box)
        if where:
            out.append(f"the critical point {_point(point)} lies {where} of the figure's window "
                       f"{_box(shown.box)}")
    return [("figure", m) for m in out]


def _placement(point: Sequence[float], box) -> str | None:
    for x, (lo, hi) in zip(point, box):
        if not lo <= x <= hi:
            return "outside"
        if min(x - lo, hi - x) < EDGE * (hi - lo):
            return "on the edge"
    return None


def _point(p: Sequence[float]) -> str:
    return "(" + ", ".join(f"{c:g}" for c in p) + ")"


def _box(box) -> str:
    return " × ".join(f"[{lo:g}, {hi:g}]" for lo, hi in box)


def degenerate_choices(ex: Any, seeds: Sequence[Any]) -> list[Finding]:
    """Every parameter choice (or, for a large space, the seeds') that a variant guard rejects."""
    from exercises.conditions import DescentStart, guards_for
    from exercises.params import sympy_values
    from exercises.tasks import load_all
    from exercises.tasks.base import Context

    guards = guards_for(ex.task, ex.inputs)
    if not guards:
        return []
    found: dict[str, tuple[str, list[str]]] = {}
    for chosen in _choices(ex, seeds):
        try:
            ctx = Context(ex.inputs, sympy_values(chosen))
            f, variables, x0, lr = cast(Any, load_all()[ex.task]()).setup(ctx)
        except BankError:
            continue  # reported by the variant checks
        start = DescentStart(f, tuple(variables), tuple(x0), lr)
        for guard in guards:
            try:
                why = guard.violation(start)
            except (ArithmeticError, TypeError, ValueError):
                continue  # a guard that cannot decide rejects nothing
            if why:
                found.setdefault(guard.key, (why, []))[1].append(_choice(chosen))
    return [("conditions", f"{key}: {why} (parameters {'; '.join(where)})") for key, (why, where) in found.items()]


def _choices(ex: Any, seeds: Sequence[Any]) -> list[dict]:
    """Every valid choice of parameters, or the seeds' choices when there are too many to try."""
    valid = ex.space.valid
    if valid is not None and len(valid) <= GUARD_LIMIT:
        return [dict(zip(ex.space.names, combo)) for combo in valid] or [{}]
    try:
        return [ex.space.choose(ex.id, s) for s in seeds]
    except BankError:
        return []  # reported by the variant checks


def _choice(chosen: dict) -> str:
    return ", ".join(f"{k} = {v}" for k, v in chosen.items()) or "none"
