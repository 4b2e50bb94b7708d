"""The fields every bank entry has, and the readers of its hints and grading options.

Shared by the one-part reader (``exercises.bank_loader``) and the multi-part one
(``exercises.part_schema``).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exercises.attempts import ATTEMPT_KEYS
from exercises.errors import BankError
from exercises.exercise import Hint
from exercises.schema import (FEEDBACK_LEVELS, FORMS, KINDS, Field, Flag, FunctionTable, Integer, Number, OneOf, Text,
                              TextList, check_fields, did_you_mean)

FIGURES = ("surface", "contour", "descent", "tangent", "level", "none")

# fields every exercise has; a task adds its own inputs
COMMON: dict[str, Field] = {
    "id": Text(required=True, help="a stable kebab-case name such as \"chain-rule-log\""),
    "topic": Text(),
    "title": Text(required=True),
    "prompt": Text(required=True),
    "task": Text(required=True),
    "kind": OneOf(options=KINDS),
    "points": Number(positive=True),
    "difficulty": Integer(low=1, high=5),
    "tags": TextList(),
    "figure": OneOf(options=FIGURES),
    "answer_form": Text(help="the form the answer is shown in, in learner syntax, e.g. \"σ(z)(1 - σ(z))\""),
    "feedback_level": OneOf(options=FEEDBACK_LEVELS, help="guided (default), full or verdict: how much feedback "
                                                     "may say about the right answer"),
}
EXTRA = ("answer", "hints", "grading", "parameters", "conditions", *ATTEMPT_KEYS)
GRADING: dict[str, Field] = {
    "tolerance": Number(positive=True),
    "exact": Flag(),
    "form": OneOf(options=FORMS),
    "timeout": Number(positive=True),
    "functions": FunctionTable(help="functions the exercise defines, such as σ(z)"),
    "asked": Text(help="what the answer is, as a left-hand side: g'(x), dy/dx, ∂f/∂x, ∇f or (w, b)"),
}


def _points(value: Any) -> float:
    if isinstance(value, str):
        raise BankError("points is a number such as 3", field="points")
    return value


def _hints(raw: Any) -> tuple[Hint, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise BankError("write hints as [[exercise.hints]] tables with text and cost", field="hints")
    hints = []
    for i, h in enumerate(raw):
        field = f"hints[{i}]"
        if isinstance(h, str):
            h = {"text": h}
        if not isinstance(h, Mapping):
            raise BankError("a hint is a table with text and cost", field=field)
        unknown = set(h) - {"text", "cost"}
        if unknown:
            raise BankError(f"unknown key {sorted(unknown)[0]!r}; a hint has text and cost", field=field)
        text = h.get("text")
        if not isinstance(text, str) or not text.strip():
            raise BankError("a hint needs its text", field=f"{field}.text")
        cost = h.get("cost", 0)
        if isinstance(cost, bool) or not isinstance(cost, (int, float)) or cost < 0:
            raise BankError("the cost is a number of points >= 0", field=f"{field}.cost")
        hints.append(Hint(text.strip(), cost))
    return tuple(hints)


def _grading(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise BankError("grading is a table such as { tolerance = 1e-3 }", field="grading")
    unknown = set(raw) - set(GRADING)
    if unknown:
        key = sorted(unknown)[0]
        raise BankError(f"unknown grading option{did_you_mean(key, GRADING)}; options: "
                        f"{', '.join(GRADING)}", field=f"grading.{key}")
    try:
        out = check_fields(raw, GRADING)
    except BankError as exc:
        raise exc.located(field="grading") from None
    if "tolerance" in out and not isinstance(out["tolerance"], (int, float)):
        raise BankError("the tolerance is a number such as 1e-3", field="grading.tolerance")
    return out
