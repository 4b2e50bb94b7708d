"""The catalogue: every computing operation, declared once, in the order ``--help`` lists them.

Adding an operation is one ``declare(Operation(...))`` in a module of
``tutor.operations`` (listed in MODULES) plus its engine code; the ``calctutor``
sub-command and the REPL command follow from the declaration.
"""
from __future__ import annotations

import importlib
from dataclasses import replace

from tutor.operations.params import Operation, Param

# the declaring modules, in the order their operations appear in --help and :help
MODULES = ("tutor.operations.reading", "tutor.operations.derivatives", "tutor.operations.analysis",
           "tutor.operations.descent", "tutor.operations.figures")

MAX_SECONDS = 600.0

TIME_LIMIT = Param("time_limit", "number", "the overall time limit in seconds (default: the command's own)",
                   option="--time-limit", metavar="S", positive=True, high=MAX_SECONDS, words=("time-limit",))

_OPERATIONS: dict[str, Operation] = {}


def declare(op: Operation) -> Operation:
    """Register an operation; every one also takes --time-limit (its overall limit, within a cap)."""
    if op.name in _OPERATIONS:
        raise ValueError(f"the operation {op.name!r} is declared twice")
    names = [p.name for p in op.params]
    if len(set(names)) != len(names) or sum(p.option is None for p in op.params) > 1:
        raise ValueError(f"{op.name}: parameter names must be unique, with at most one positional")
    limit = replace(TIME_LIMIT, help=f"the overall time limit in seconds (default {op.seconds:g}, "
                                     f"at most {MAX_SECONDS:g}); past it the command says it could not finish")
    op = replace(op, params=(*op.params, limit))
    _OPERATIONS[op.name] = op
    return op


def operations() -> dict[str, Operation]:
    """name -> Operation, for every declared operation (imports the declarations, never SymPy)."""
    for module in MODULES:
        importlib.import_module(module)
    order = {module: i for i, module in enumerate(MODULES)}
    ranked = sorted(_OPERATIONS.values(), key=lambda op: order.get(op.compute.__module__, len(order)))
    return {op.name: op for op in ranked}  # a stable sort keeps declaration order within a module


def find(name: str) -> Operation | None:
    return operations().get(name)
