"""``derivative``: pick rules for each part of f, stage by stage, under a time limit."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from tutor.engine.bounded import DEFAULT_TIMEOUT, TimedOut, alarm
from tutor.engine.derivative.check import check_tree, debug
from tutor.engine.derivative.result import Derivation
from tutor.engine.derivative.rules import Context, HigherOrderRule, Rule
from tutor.engine.derivative.tidy import tidy
from tutor.engine.inputs import as_expr, ordered_variables

# beyond this many nodes a step-by-step derivation is unreadable: give SymPy's answer
MAX_NODES = 1500


def derivative(f: Any, var: Any = None, order: int = 1, *, simplify: bool = True,
               timeout: float | None = None) -> Derivation:
    """The ``order``-th derivative of ``f`` with respect to ``var``, with worked steps.

    ``f`` is learner text or a SymPy expression; ``var`` may be omitted when f has one
    variable. Other variables are held constant (a partial derivative).
    """
    expr = function_expr(f)
    x = resolve_variable(expr, var)
    return differentiate(expr, (x,) * whole_order(order), simplify=simplify, timeout=timeout)


def function_expr(f: Any, variables: Sequence[Any] | None = None) -> sp.Expr:
    """``f`` as a SymPy expression, or a ValueError that says what was given instead."""
    expr = as_expr(f, variables)
    if isinstance(expr, (sp.Tuple, sp.MatrixBase)):
        raise ValueError("that is a vector or matrix; differentiate one component at a time, "
                         "or use jacobian() for a vector of functions")
    if isinstance(expr, sp.Basic) and not isinstance(expr, sp.Expr):
        raise ValueError(f"only expressions can be differentiated, not {_kind(expr)}")
    if expr.has(sp.zoo, sp.nan):
        raise ValueError("the expression is undefined (it contains a division by zero)")
    return expr


def _kind(obj: sp.Basic) -> str:
    if isinstance(obj, sp.Eq):
        return "an equation (give one side, or move everything to one side)"
    if isinstance(obj, sp.FiniteSet):
        return "a set of points"
    if type(obj).__name__ == "DNE":
        return "'does not exist'"
    return f"a {type(obj).__name__}"


def named_symbol(expr: sp.Basic, var: Any) -> sp.Symbol:
    """The symbol of ``expr`` named like ``var`` (keeps the parser's assumptions), else a new one."""
    if isinstance(var, sp.Symbol):
        name = var.name
    elif isinstance(var, str) and var.strip().isidentifier():
        name = var.strip()
    else:
        raise ValueError(f"{var!r} is not a variable name")
    for s in expr.free_symbols:
        if isinstance(s, sp.Symbol) and s.name == name:
            return s
    return var if isinstance(var, sp.Symbol) else sp.Symbol(name)


def resolve_variable(expr: sp.Expr, var: Any) -> sp.Symbol:
    if var is not None:
        return named_symbol(expr, var)
    free = ordered_variables(expr)
    if len(free) == 1:
        return free[0]
    if not free:
        return sp.Symbol("x")
    names = ", ".join(s.name for s in free)
    raise ValueError(f"the function has several variables ({names}); say which one to differentiate "
                     f"with respect to (for example {free[0].name})")


def whole_order(order: Any) -> int:
    if isinstance(order, bool) or not isinstance(order, int) or order < 1:
        raise ValueError(f"the order must be a whole number 1, 2, 3, ...; got {order!r}")
    return order


def size(expr: sp.Basic) -> int:
    return sum(1 for _ in sp.preorder_traversal(expr))


def differentiate(expr: sp.Expr, variables: Sequence[sp.Symbol], *, simplify: bool = True,
                  timeout: float | None = None) -> Derivation:
    """Differentiate by each of ``variables`` in turn, each stage from the simplified previous one."""
    variables = tuple(variables)
    seconds = DEFAULT_TIMEOUT if timeout is None else timeout
    notes = [f"{v} does not occur in the function, so the derivative is 0."
             for v in dict.fromkeys(variables) if not expr.has(v)]
    n = size(expr)
    if n > MAX_NODES:
        return _plain(expr, variables, seconds, notes,
                      f"too large to differentiate step by step ({n} nodes; the limit is {MAX_NODES})")
    reserved = {s.name for s in expr.free_symbols if isinstance(s, sp.Symbol)} | {v.name for v in variables}
    stages: list[Rule] = []
    current = expr
    for v in variables:
        try:
            with alarm(seconds, "differentiating step by step"):
                tree = Context(reserved).solve(current, v)
                raw = tree.result  # evaluates (and caches) every step inside the time limit
        except TimedOut:
            return _plain(expr, variables, seconds, notes,
                          f"too large to differentiate step by step in {seconds:g} s")
        stages.append(tree)
        current = raw
        if simplify:
            tidied = tidy(raw, seconds, like=expr)
            current = tidied.expr
            if tidied.unfinished is not None:
                notes.append(f"too large to simplify in {seconds:g} s; the result is shown as the rules give it.")
    steps = stages[0] if len(stages) == 1 else HigherOrderRule(
        expr=expr, var=variables[0], variables=variables, substeps=tuple(stages))
    if debug():
        check_tree(steps)
    return Derivation(function=expr, variables=variables, result=current, steps=steps,
                      raw=stages[-1].result, notes=tuple(notes))


def _plain(expr, variables, seconds, notes, reason) -> Derivation:
    """SymPy's plain derivative (no steps) after the step-by-step work was refused or ran out."""
    try:
        with alarm(seconds, "differentiating"):
            plain = sp.diff(expr, *variables)
        notes = [*notes, f"{reason}; SymPy's plain result is shown."]
    except TimedOut:
        plain = None
        notes = [*notes, f"{reason}, and SymPy's plain differentiation did not finish in {seconds:g} s either."]
    return Derivation(function=expr, variables=tuple(variables), result=plain, steps=None, raw=plain,
                      notes=tuple(notes))
