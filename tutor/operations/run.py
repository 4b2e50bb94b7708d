"""Run an operation under its one overall time limit, the same way for the CLI and the REPL.

The whole operation (reading values, the engine call, rendering, the figure)
runs in the killable worker of ``tutor.engine.bounded``, so nested time limits
cannot add up past the operation's own, and a computation stuck in C code is
stopped too. A timeout becomes an :class:`OperationError` with status 4.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Any

from tutor.operations.catalogue import find
from tutor.operations.errors import UNFINISHED, InternalError, OperationError
from tutor.operations.params import Operation, Outcome
from tutor.operations.reader import read, read_values


def perform(op: Operation, raw: dict[str, Any], fmt: str, front: str) -> Outcome:
    """The outcome of ``op`` on raw values, within its time limit (``--time-limit`` overrides it)."""
    from tutor.engine.bounded import Unfinished, bounded

    seconds = _seconds(op, raw, front)
    read_values(op, raw, front)  # a value that cannot be read is refused here, before any worker starts
    try:
        return bounded(execute, op.name, raw, fmt, front, os.getcwd(), timeout=seconds,
                       what=f"the {op.name} command")
    except Unfinished as exc:
        raise OperationError(
            f"could not finish {op.name} in {seconds:g} s ({exc.reason}): {op.slow_hint}, "
            f"or allow more time with {'--time-limit' if front == 'cli' else 'time-limit'} S",
            UNFINISHED) from None


def _seconds(op: Operation, raw: dict[str, Any], front: str) -> float:
    """--time-limit if given; else the declared limit, stretched to cover an engine --timeout asked for."""
    from tutor.operations.catalogue import MAX_SECONDS

    limit = op.param("time_limit")
    if raw.get("time_limit") is not None:
        return read(limit, raw["time_limit"], limit.label(front))
    budget = next((p for p in op.params if p.name == "timeout"), None)
    if budget is not None and raw.get("timeout") is not None:
        return min(max(op.seconds, read(budget, raw["timeout"], budget.label(front)) + 10), MAX_SECONDS)
    return op.seconds


def execute(name: str, raw: dict[str, Any], fmt: str, front: str, cwd: str | None = None) -> Outcome:
    """Read, compute, render and draw (in the worker, in the caller's directory, so relative
    file names mean what they say). Engine complaints become OperationError."""
    if cwd is not None and cwd != os.getcwd():
        os.chdir(cwd)
    op = find(name)
    if op is None:
        raise OperationError(f"there is no operation {name!r}")
    try:
        values = read_values(op, raw, front)
        result = op.compute(values)
        shown = (op.show or emit)(result, values, fmt)
        outcome = shown if isinstance(shown, Outcome) else Outcome(shown)
        if op.figure is not None and values.get("plot"):
            outcome = _with_figure(op, outcome, op.figure(result, values), fmt)
        return outcome
    except OperationError:
        raise
    except (ValueError, TypeError) as exc:
        from tutor.engine.bounded import Unfinished

        if isinstance(exc.__context__, Unfinished):  # the reader wraps what interrupts it (issue 18.8)
            raise exc.__context__ from None
        errors = sys.modules.get("tutor.reading.errors")
        if errors is not None and isinstance(exc, errors.ParseError):  # a fresh copy: plain fields only
            hint = None if exc.hint is None else str(exc.hint)
            raise errors.ParseError(str(exc.message), str(exc.text), int(exc.column), hint) from None
        raise OperationError(str(exc)) from None
    except Exception as exc:
        from tutor.engine.bounded import Unfinished

        if isinstance(exc, Unfinished):
            raise
        import traceback

        raise InternalError(type(exc).__name__, str(exc), traceback.format_exc()) from None


def _with_figure(op: Operation, outcome: Outcome, saved: Any, fmt: str) -> Outcome:
    note = f"figure saved to {saved}"
    if op.figure_note == "stderr":
        return Outcome(outcome.out, (*outcome.notes, note), outcome.status)
    if fmt == "json":
        return outcome
    if fmt == "latex":  # the note is words in the LaTeX: a file name's _ must not start maths
        from tutor.render.latex import tex_text

        note = "\n\n" + tex_text(note)
    return Outcome("\n".join(filter(None, (outcome.out, note))), outcome.notes, outcome.status)


def emit(result: Any, values: dict[str, Any], fmt: str) -> str:
    """A result in the chosen format: one JSON object (its ``to_dict()``) or its rendering."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    return result.render(fmt)


def summary_unless(flag: str, **doc_options: Any):
    """A view: the whole worked result with ``flag`` on (or in JSON), else ``result.doc(**doc_options)``."""
    def show(result: Any, values: dict[str, Any], fmt: str) -> str:
        if fmt == "json" or values.get(flag):
            return emit(result, values, fmt)
        from tutor.render import render

        return render(result.doc(**doc_options), fmt)

    return show


def brief_when(flag: str, **doc_options: Any):
    """A view: ``result.doc(**doc_options)`` with ``flag`` on (not in JSON), else the whole result."""
    def show(result: Any, values: dict[str, Any], fmt: str) -> str:
        if fmt != "json" and values.get(flag):
            from tutor.render import render

            return render(result.doc(**doc_options), fmt)
        return emit(result, values, fmt)

    return show


def refusing(draw):
    """A figure function whose ValueError ("cannot draw this") becomes the operation's "no figure: …"."""
    import functools

    @functools.wraps(draw)
    def wrapped(result: Any, values: dict[str, Any]) -> Any:
        try:
            return draw(result, values)
        except ValueError as exc:
            raise refuse_figure(exc) from None

    return wrapped


def refuse_figure(exc: ValueError) -> OperationError:
    return OperationError(f"no figure: {exc}")
