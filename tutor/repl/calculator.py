"""Calculator commands that work at any time and print worked steps.

``diff EXPR [VAR]``, ``limit EXPR at x=0,y=0``, ``descend EXPR from 10 lr 0.1 steps 20``…
Each is an operation of the catalogue (``tutor.operations``): its words, usage and
help are derived from the declaration the ``calctutor`` sub-command comes from,
and it runs under the operation's own time limit.
"""
from __future__ import annotations

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
