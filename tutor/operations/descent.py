"""Gradient descent and learning-rate sweeps (declarations; the engine imports inside)."""
from __future__ import annotations

from typing import Any

from tutor.engine.descent_methods import METHOD_NAMES
from tutor.operations.catalogue import declare
from tutor.operations.derivatives import VARS
from tutor.operations.errors import OperationError
from tutor.operations.params import Operation, Outcome, Param
from tutor.operations.run import emit

METHODS = METHOD_NAMES  # declared in tutor.engine.descent_methods (light, so --help stays light)
MAX_STEPS = 1_000_000
MAX_RATES = 20

# hyper-parameters: only their --options in the REPL (alpha, eps… are also names of variables)
HYPER = (
    Param("momentum", "number", "momentum μ (momentum, nesterov, rmsprop)", option="--momentum", words=()),
    Param("dampening", "number", "momentum dampening (momentum; torch's default 0)", option="--dampening", words=()),
    Param("alpha", "number", "RMSprop smoothing constant α (default 0.99)", option="--alpha", words=()),
    Param("eps", "number", "the ε (δ) added to the denominator (adagrad, rmsprop, adam)", option="--eps", words=()),
    Param("betas", "numbers", "Adam's β₁,β₂ (default 0.9,0.999)", option="--betas", count=2,
          example="0.9,0.999", words=()),
    Param("weight_decay", "number", "L2 penalty λ added to the gradient as λ·w", option="--weight-decay", words=()),
    Param("lr_decay", "number", "AdaGrad learning-rate decay", option="--lr-decay", words=()),
    Param("initial_accumulator_value", "number", "AdaGrad's starting r", option="--initial-accumulator-value", words=()),
    Param("amsgrad", "flag", "Adam's AMSGrad variant", option="--amsgrad", words=()),
    Param("centered", "flag", "centered RMSprop", option="--centered", words=()),
)


def problem(lr: Param, steps_default: int) -> tuple[Param, ...]:
    """EXPR, the start, the learning rate(s), steps, method, stopping rules, hyper-parameters and data."""
    return (
        Param("expr", "expr", "the function to minimise, e.g. 'x^2' or 'log(x^4 + x^3 + 2)'", metavar="EXPR"),
        Param("start", "points", "where to start: '10', '1, 2', '(1, 2)' or 'x=1, y=2'; several starts: '1, 2; 3, 4'",
              option="--start", metavar="POINT", required=True, words=("from", "start"),
              missing="Say where to start"),
        lr,
        Param("steps", "integer", f"at most this many steps (default {steps_default}; 20 in the tutor)", option="--steps",
              metavar="N", default=steps_default, repl_default=20, low=1, high=MAX_STEPS),
        Param("method", "choice", "the optimizer (default gd)", option="--method", choices=METHODS, default="gd"),
        Param("tol", "number", "stop when |∇f| ≤ T", option="--tol", metavar="T", low=0),
        Param("step_tol", "number", "stop when a step is shorter than S", option="--step-tol", metavar="S", low=0),
        *HYPER,
        Param("data", "text", "a data set (CSV with a header row): f is one sample's term, the loss their sum",
              option="--data", metavar="FILE.csv"),
        Param("batch_size", "integer", "minibatch size (with --data)", option="--batch-size", metavar="B", low=1,
              high=MAX_STEPS),
        Param("seed", "text", "seed for the minibatches (default 0)", option="--seed", default="0"),
        VARS,
    )


def options(v: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments descend and lr_sweep share: only the hyper-parameters given."""
    opts: dict[str, Any] = dict(method=v["method"], tol=v["tol"], step_tol=v["step_tol"], variables=v["vars"])
    for p in HYPER:
        if v[p.name] not in (None, False):
            opts[p.name] = v[p.name]
    data = _data(v)
    if data is not None:
        opts.update(data=data, batch_size=v["batch_size"], seed=v["seed"])
        if opts["variables"] is None:
            raise OperationError("with --data, name the parameters to optimise with --vars (the other names are data)")
    return opts


def _data(v: dict[str, Any]) -> dict[str, Any] | None:
    """Columns of a CSV file with a header row, as {name: values}."""
    path = v["data"]
    if path is None:
        if v["batch_size"] is not None:
            raise OperationError("--batch-size needs --data FILE.csv")
        return None
    import numpy as np

    try:
        table = np.genfromtxt(path, delimiter=",", names=True, dtype=float, encoding="utf-8")
    except OSError as exc:
        raise OperationError(f"cannot read the data file {path}: {exc}") from None
    except ValueError as exc:
        raise OperationError(f"the data file {path} is not a CSV of numbers with a header row: {exc}") from None
    if table.dtype.names is None or table.size == 0:
        raise OperationError(f"the data file {path} needs a header row naming its columns, and some rows")
    table = np.atleast_1d(table)
    return {name: table[name] for name in table.dtype.names or ()}


def _saved(draw: Any, result: Any, path: str) -> str:
    try:
        return f"figure saved to {draw(result, path)}"
    except ValueError as exc:
        raise OperationError(str(exc)) from None


def _descend(v: dict[str, Any]) -> Any:
    from tutor.engine.descent import descend

    return descend(v["expr"], v["start"], v["lr"], v["steps"], **options(v))


def _show_descent(result: Any, v: dict[str, Any], fmt: str) -> Outcome:
    """The run (or its epochs, with --table), then the figure and the animation on stderr."""
    if v["table"] and fmt != "json":
        runs = getattr(result, "runs", (result,))
        lines: list[str] = []
        for i, r in enumerate(runs):
            if len(runs) > 1:
                lines.append(f"Start {i + 1}:")
            lines += [r.to_table(every=v["every"]), f"Result ({r.status}): {r.stopped_reason}."]
        text = "\n".join(lines)
    else:
        text = emit(result, v, fmt)
    notes = []
    if v["plot"]:
        from tutor.plots.descent import descent_figure

        notes.append(_saved(descent_figure, result, v["plot"]))
    if v.get("animate"):
        from tutor.plots.descent import animate

        notes.append(_saved(animate, result, v["animate"]))
    return Outcome(text, tuple(notes))


DESCEND = declare(Operation(
    "descend", "run gradient descent or another optimizer",
    (*problem(Param("lr", "exact", "the learning rate η, e.g. 0.1 or 1/1000 (the tutor takes 0.1 when none is given)", option="--lr", metavar="ETA",
                    required=True, repl_required=False, repl_default="0.1", example="0.1"), 100),
     Param("table", "flag", "print the epochs the way the course's loops do ('Epoch 1: x = 8.0, f(x) = 64.0')",
           option="--table"),
     Param("every", "integer", "with --table, every K-th epoch", option="--every", metavar="K", default=1, low=1,
           high=MAX_STEPS),
     Param("plot", "text", "save the path and loss figure (PNG or SVG)", option="--plot", metavar="FILE"),
     Param("animate", "text", "save an animation of the path", option="--animate", metavar="FILE.gif")),
    _descend, example="descend x^2 from 10 lr 0.1 steps 20", show=_show_descent, seconds=60.0,
    slow_hint="try fewer steps"))


def _sweep(v: dict[str, Any]) -> Any:
    from tutor.engine.descent import lr_sweep

    start = v["start"]
    if start and isinstance(start, list) and isinstance(start[0], list):
        raise OperationError("a sweep runs from one start; give a single point")
    return lr_sweep(v["expr"], start, v["lr"], v["steps"], **options(v))


def _show_sweep(result: Any, v: dict[str, Any], fmt: str) -> Outcome:
    notes: tuple[str, ...] = ()
    if v["plot"]:
        from tutor.plots.descent import descent_figure

        notes = (_saved(descent_figure, result, v["plot"]),)
    return Outcome(emit(result, v, fmt), notes)


SWEEP = declare(Operation(
    "sweep", "compare learning rates on one problem",
    (*problem(Param("lr", "list", "the learning rates to compare, comma-separated, e.g. 1,0.1,0.01", option="--lr",
                    metavar="ETA", required=True, what="learning rate", example="1,0.1,0.01", high=MAX_RATES), 100),
     Param("plot", "text", "save the paths and losses (PNG or SVG)", option="--plot", metavar="FILE")),
    _sweep, example="sweep x^2 from 10 lr 1, 0.1, 0.01 steps 50", show=_show_sweep, seconds=60.0,
    slow_hint="try fewer steps or fewer learning rates"))
