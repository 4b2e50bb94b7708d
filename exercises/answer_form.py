"""The form an exercise shows its answer in (``answer_form``): the course's, not SymPy's.

The engine's answer is what grading compares with; the author's form is what the
learner sees as the answer and in the worked solution (σ(z)(1 − σ(z)) for the
sigmoid's slope). ``bank validate`` grades the form against the engine's answer.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from exercises.errors import BankError

FIELD = "answer_form"


def defined_names(options: Mapping[str, Any]) -> list[str]:
    """The names of the functions the exercise defines (``σ`` for ``"σ(z)"``)."""
    return [key.split("(")[0].strip().lstrip("\\") for key in (options.get("functions") or {})]


def preferred(text: str, ctx: Any, options: Mapping[str, Any], variables: Any = ()) -> tuple[Any, str]:
    """(the form as a SymPy object, its typed text) for one variant, parameters substituted.

    Without parameters the author's text is kept as written (spaces tidied), so the
    order of factors stays the course's; with them, the substituted form is printed.
    """
    from tutor import ParseError, parse, to_text

    names = [str(v) for v in variables] + list(ctx.params)
    try:
        parsed = parse(text, list(dict.fromkeys(names)) or None, functions=defined_names(options))
    except ParseError as exc:
        raise BankError(f"cannot read {text!r}: {getattr(exc, 'message', str(exc))}", field=FIELD) from None
    used = {s.name for s in getattr(parsed, "free_symbols", ())} & set(ctx.params)
    if not used:
        return parsed, re.sub(r"\s+", " ", text.strip())
    shown = ctx.substitute(parsed)
    return shown, to_text(shown)
