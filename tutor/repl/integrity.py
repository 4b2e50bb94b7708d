"""Homework integrity: while a student works on an assignment, the calculator does not do an
assignment exercise's own task for them (issue 13).

A calculator command is refused when its operation computes (or gives away) what an exercise of
the assignment asks, and its expression is that exercise's function *up to equivalence* (the
grader's comparison: ``3x^2 - 4x + 5`` and ``5 - 4x + 3x^2`` are the same function). A teacher
can also switch the calculator off for an assignment (``calculator = false``). Outside an
assignment, the calculator is never limited.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# which calculator operations compute (or give away) each task's answer; every task of
# exercises.tasks has a row (tests/repl/test_repl_integrity.py), so a new task cannot slip past
_DERIVATIVES = frozenset({"diff", "grad", "hessian", "tangent", "taylor"})
SOLVED_BY: dict[str, frozenset[str]] = {
    "derivative": _DERIVATIVES | {"quotient"},
    "antiderivative": frozenset(),          # no operation integrates
    "evaluate": frozenset({"level", "tangent", "taylor", "surface"}),
    "partial": _DERIVATIVES,
    "gradient": _DERIVATIVES,
    "directional": _DERIVATIVES,
    "tangent": _DERIVATIVES,
    "hessian": _DERIVATIVES,
    "taylor": _DERIVATIVES,
    "difference_quotient": frozenset({"quotient"}),
    "critical_points": frozenset({"critical", "surface", "hessian"}),
    "classify": frozenset({"critical", "surface", "hessian"}),
    "surface_kind": frozenset({"critical", "surface", "hessian"}),
    "level_curve": frozenset({"level", "plot"}),
    "limit": frozenset({"limit"}),
    "gd_step": frozenset({"descend", "sweep", "grad", "diff"}),
    "gd_run": frozenset({"descend", "sweep"}),
    "optimizer_step": frozenset({"descend", "sweep"}),
    "sgd_estimate": frozenset({"grad", "diff"}),
    "least_squares": frozenset(),           # data, not a function: no operation takes it
    "multiple_choice": frozenset(),
    "true_false": frozenset(),
    "numeric": frozenset(),
    "zeros": frozenset(),                   # given equations, not a function: no operation takes them
}


@dataclass(frozen=True)
class Guarded:
    """One assignment exercise the calculator must not solve: its task and its function."""

    exercise: str
    task: str
    function: Any


class Integrity:
    """The calculator's limits during one student's assignment work (functions read once, lazily)."""

    def __init__(self, work: Any, student: str):
        self.work = work
        self.student = student
        self._guarded: list[Guarded] | None = None

    def refusal(self, op: Any, arg: str) -> str | None:
        """Why the calculator command ``op`` on ``arg`` is refused here (None: it may run)."""
        if not self.work.calculator_allowed:
            return (f"The calculator is switched off for {self.work.title} (your teacher's choice). "
                    "Work the exercises out yourself; :hint may help where hints are allowed.")
        asked = _expression(op, arg)
        if asked is None:
            return None
        for g in self.guarded():
            if op.name in SOLVED_BY.get(g.task, frozenset()) and _same_function(g.function, asked):
                return (f"Not during {self.work.title}: {op.name} would do the task of {g.exercise}, "
                        "an exercise of the assignment, for you. Work it out yourself (:hint may help), or "
                        "use the calculator on another function.")
        return None

    def guarded(self) -> list[Guarded]:
        if self._guarded is None:
            found = []
            for ex_id in self.work.ids:
                whole = self.work.bank[ex_id]
                for ex in [p.exercise for p in getattr(whole, "parts", ())] or [whole]:  # each part's own task
                    if not SOLVED_BY.get(ex.task, frozenset()):
                        continue
                    try:
                        f = ex.function_for(self.student)
                    except Exception:  # noqa: BLE001 - an exercise that cannot be set up guards nothing
                        f = None
                    if f is not None:
                        found.append(Guarded(ex_id, ex.task, f))
            self._guarded = found
        return self._guarded


def _expression(op: Any, arg: str) -> Any:
    """The command's expression as a SymPy object (None when it has none or cannot be read:
    the operation itself then says what is wrong)."""
    from tutor import ParseError, parse
    from tutor.operations.errors import OperationError
    from tutor.operations.words import split_words

    head = op.head
    if head is None or head.kind != "expr" or op.name == "parse":
        return None
    try:
        raw = split_words(op, arg)
        return parse(str(raw.get(head.name, "")))
    except (OperationError, ParseError, ValueError, TypeError):
        return None


def _same_function(function: Any, asked: Any) -> bool:
    """Equal as functions, by the grader's comparison; an undecided comparison does not refuse."""
    from grader.equivalence import compare

    try:
        variables = tuple(sorted(function.free_symbols, key=lambda s: s.name))
        if not variables or {s.name for s in variables} != {s.name for s in asked.free_symbols}:
            return False
        asked = asked.subs({s: v for s in asked.free_symbols for v in variables if s.name == v.name})
        return compare(function, asked, variables).equal is True
    except Exception:  # noqa: BLE001 - a comparison that fails must not block the calculator
        return False
