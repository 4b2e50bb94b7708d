"""Questions whose answer the author states: multiple choice, true/false, a computed number.

Conceptual questions (saddle points vs minima, dense level curves, gradient
clipping) have no engine computation; each wrong choice may carry feedback
that names the misconception, and the grader reports it like any mistake.
"""
from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from exercises.errors import BankError
from exercises.schema import ExprText, Field, Flag, Text, TextList, _show
from exercises.tasks.base import Context, Solved, Task, register

LETTERS = string.ascii_lowercase


@dataclass(frozen=True)
class Letter(Field):
    """The correct choice: a letter (a, b, …) or its 1-based number."""

    def check(self, value: Any, name: str) -> str:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 26:
            return LETTERS[value - 1]
        if isinstance(value, str) and len(value.strip()) == 1 and value.strip().lower() in LETTERS:
            return value.strip().lower()
        raise self.fail(name, f"expected the letter of the correct choice (a, b, …), got {_show(value)}")


def _explanation(ctx: Context) -> tuple:
    from exercises.texmath import prose

    text = ctx.raw("explanation")
    return (prose(text),) if text else ()


@register
class MultipleChoice(Task):
    name = "multiple_choice"
    kind = "multiple_choice"
    summary = "pick one of several choices (conceptual questions)"
    fields = {
        "choices": TextList(required=True, help="the options, in order; they are shown as a, b, c, …"),
        "answer": Letter(required=True),
        "feedback": TextList(help="why each choice is right or wrong, in the same order"),
        "explanation": Text(),
        "true_when": ExprText(help="an equation a choice such as \"$(w, b) = (1, 1)$\" is true for, "
                                   "e.g. \"2w + b - 3 = 0\"; bank validate computes every choice with it"),
    }

    @classmethod
    def option_truths(cls, variant: Any) -> dict[str, bool | None]:
        """Each choice that assigns values (``$(w, b) = (1, 1)$``), decided with ``true_when``."""
        claim = variant.exercise.inputs.get("true_when")
        if claim is None:
            return {}
        from exercises.tasks.choices import decide

        choices = variant.grading.get("choices", {})
        return {letter: decide(str(claim), text) for letter, text in choices.items()}

    @classmethod
    def check_inputs(cls, inputs: Mapping[str, Any]) -> None:
        choices = inputs["choices"]
        if not 2 <= len(choices) <= len(LETTERS):
            raise BankError("give between 2 and 26 choices", field="choices")
        if LETTERS.index(inputs["answer"]) >= len(choices):
            raise BankError(f"there is no choice {inputs['answer']!r}", field="answer")
        feedback = inputs.get("feedback")
        if feedback is not None and len(feedback) != len(choices):
            raise BankError(f"give one feedback line per choice ({len(choices)})", field="feedback")

    def solve(self, ctx: Context) -> Solved:
        from exercises.texmath import prose
        from tutor.engine.mistakes import Mistake

        choices = ctx.raw("choices")
        answer = ctx.raw("answer")
        feedback = ctx.raw("feedback") or ()
        letters = LETTERS[:len(choices)]
        mistakes = tuple(
            Mistake(f"choice-{letter}", feedback[i], letter)
            for i, letter in enumerate(letters) if letter != answer and i < len(feedback))
        appendix = "\n\n" + "\n".join(f"{letter}) {text}" for letter, text in zip(letters, choices))
        right = choices[letters.index(answer)]
        steps = [prose(f"The right choice is {answer}): {right}")]
        if feedback:
            steps.append(prose(feedback[letters.index(answer)]))
        steps.extend(_explanation(ctx))
        return Solved(answer=answer, kind="multiple_choice", solution=tuple(steps), answer_text=answer,
                      mistakes=mistakes, options={"choices": dict(zip(letters, choices))}, appendix=appendix)


@register
class TrueFalse(Task):
    name = "true_false"
    kind = "true_false"
    summary = "decide whether a statement is true"
    fields = {"answer": Flag(required=True), "explanation": Text()}

    def solve(self, ctx: Context) -> Solved:
        from tutor.render import Line

        answer = bool(ctx.raw("answer"))
        steps = (Line((f"The statement is {'true' if answer else 'false'}.",)),) + _explanation(ctx)
        return Solved(answer=answer, kind="true_false", solution=steps,
                      answer_text="true" if answer else "false")


@register
class Numeric(Task):
    name = "numeric"
    kind = "number"
    kinds = ("expression", "vector")
    summary = "a number (or vector) the author defines by an exact expression in the parameters"
    fields = {
        "value": ExprText(required=True, help="an exact expression, e.g. \"10*(4/5)^20\""),
        "explanation": Text(),
    }

    def solve(self, ctx: Context) -> Solved:
        import sympy as sp

        from tutor.render import line

        raw = ctx.expr("value")
        value = raw.doit() if hasattr(raw, "doit") else raw
        if isinstance(value, (sp.Tuple, tuple)):
            kind = "vector"
        else:
            kind = "number" if not value.free_symbols else "expression"
        steps = list(_explanation(ctx))
        if value != raw:
            steps.append(line("Compute", raw, "=", value))
        return Solved(answer=value, kind=kind, solution=tuple(steps))
