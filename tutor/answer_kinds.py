"""The answer kinds, declared once: each kind's name and how a learner types such an answer.

``grader.kinds`` registers one class per name here (and refuses a class whose name is
not declared); the bank's schema, the answer tips, ``calctutor check --kind`` and the
docs read this table. It sits in the base layer, free of SymPy, because the bank
(``exercises``) may not import the grader and ``--help`` must stay light.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AnswerKind:
    name: str
    tip: str  # how to type an answer of this kind (Markdown; examples in `code`)
    refines: str | None = None  # graded like this kind, with its own words (a gradient is a vector)


ANSWER_KINDS: tuple[AnswerKind, ...] = (
    AnswerKind("expression", "an expression on one line, e.g. `3x^2 - 4` or `sin(2x)*e^x`"),
    AnswerKind("number", "a number: exact (`2/3`, `sqrt(2)`, `pi/4`) or a decimal with 4 significant digits"),
    AnswerKind("vector", "a vector on one line, e.g. `(2, -3)`"),
    AnswerKind("gradient", "the gradient as a vector on one line, e.g. `(2x, -3y^2)`", refines="vector"),
    AnswerKind("matrix", "a matrix on one line, row by row, e.g. `[[2, 0], [0, 6]]`"),
    AnswerKind("hessian", "the Hessian as a matrix on one line, row by row, e.g. `[[2, 1], [1, 6y]]`", refines="matrix"),
    AnswerKind("point_set", "the set of points on one line, e.g. `{(0, 0), (1, -2)}`"),
    AnswerKind("equation", "an equation, e.g. `y = 2x + 1`"),
    AnswerKind("limit", "the value of the limit, `oo` or `-oo`, or `DNE` if it does not exist"),
    AnswerKind("multiple_choice", "the letter of your choice, e.g. `b`"),
    AnswerKind("true_false", "`true` or `false`"),
    AnswerKind("interval", "an interval, e.g. `(0, 0.5]`"),
    AnswerKind("antiderivative", "an antiderivative on one line, e.g. `x^3/3 + C`"),
)

KIND_NAMES: tuple[str, ...] = tuple(k.name for k in ANSWER_KINDS)
_REFINES = {k.name: k.refines for k in ANSWER_KINDS if k.refines}


def refined(chosen: str, produced: str) -> str:
    """The kind to grade with: the author's ``chosen`` kind when it refines the kind a task
    ``produced`` (``gradient`` for a ``vector``), else ``produced``."""
    return chosen if _REFINES.get(chosen) == produced else produced
