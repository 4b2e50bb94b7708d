"""Calculator commands that work at any time and print worked steps.

``diff EXPR [VAR]``, ``limit EXPR at x=0,y=0``, ``descend EXPR from 10 lr 0.1 steps 20``…
Each is an operation of the catalogue (``tutor.operations``): its words, usage and
help are derived from the declaration the ``calctutor`` sub-command comes from,
and it runs under the operation's own time limit.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tutor.operations.catalogue import operations
from tutor.operations.errors import OperationError as UsageError
from tutor.operations.params import Operation
from tutor.operations.words import split_keywords, split_words, trailing_variable, usage, words_help

__all__ = ["CALCULATOR", "Calc", "UsageError", "command_words", "find", "split_keywords", "trailing_variable"]


class Calc:
    """A REPL command made from one operation."""

    def __init__(self, op: Operation):
        self.op = op
        self.name, self.summary, self.example = op.name, op.summary, op.example
        self.usage = usage(op)

    def words(self) -> list[str]:
        return words_help(self.op)

    def run(self, arg: str, fmt: str = "unicode") -> list[str]:
        """What to print: the result in ``fmt``, then any notes (a figure saved)."""
        from tutor.operations.run import perform

        outcome = perform(self.op, split_words(self.op, arg), fmt, "repl")
        return [text for text in (outcome.out, *outcome.notes) if text]


CALCULATOR: dict[str, Calc] = {name: Calc(op) for name, op in operations().items()}


def command_words() -> list[str]:
    return sorted(CALCULATOR)


def find(word: str) -> Callable[..., list[Any]] | None:
    cmd = CALCULATOR.get(word)
    return cmd.run if cmd else None


_D_DX = re.compile(r"^\s*d\s*/\s*d\s*([A-Za-z])\s*(?:of\s+)?(.+?)\s*$")


def idle_note(text: str) -> str:
    """What to say to text typed when no exercise is open: where it reads as mathematics, the calculator
    command that works with it (a newcomer types ``d/dx x^2 sin x`` and expects a derivative)."""
    base = "No exercise is open, so that was not graded. Press Enter for the suggested one, :open ID, or :help."
    m = _D_DX.match(text)
    if m:
        return f"{base}\nTo differentiate, use the calculator: diff {m.group(2)} {m.group(1)}"
    from tutor import ParseError, parse
    from tutor.reading.names import FUNCTIONS

    if any(len(w) > 1 and w not in FUNCTIONS for w in re.findall(r"[A-Za-z]+", text)):
        return base  # words, not mathematics: "hello there" is not h·e·l·l·o
    try:
        expr = parse(text)
    except (ParseError, ValueError):
        return base
    names = sorted(str(s) for s in getattr(expr, "free_symbols", ()))
    if not names:
        return base
    return (f"{base}\nTo work with it, use a calculator command, for example: diff {text.strip()} {names[0]} "
            f"(or plot, grad, limit, critical; :help lists them).")
