"""``calctutor descend EXPR --start 10 --lr 0.1 --steps 20 [--method adam] [--table] [--plot out.png]``.

Runs an optimizer on f and explains the run. ``sweep`` and ``plot`` share the
option helpers defined here. SymPy and the engine are imported inside ``run``.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from tutor.commands.common import CommandError, engine_call, add_format_options, add_vars_option, emit, variables_from

# kept in step with tutor.engine.descent.optimizers.METHODS (a test checks); listed here so --help stays light
METHODS = ("gd", "ascent", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
HYPER = (  # option, engine name, type, help
    ("--momentum", "momentum", float, "momentum μ (momentum, nesterov, rmsprop)"),
    ("--dampening", "dampening", float, "momentum dampening (momentum; torch's default 0)"),
    ("--alpha", "alpha", float, "RMSprop smoothing constant α (default 0.99)"),
    ("--eps", "eps", float, "the ε (δ) added to the denominator (adagrad, rmsprop, adam)"),
    ("--betas", "betas", str, "Adam's β₁,β₂ (default 0.9,0.999)"),
    ("--weight-decay", "weight_decay", float, "L2 penalty λ added to the gradient as λ·w"),
    ("--lr-decay", "lr_decay", float, "AdaGrad learning-rate decay"),
    ("--initial-accumulator-value", "initial_accumulator_value", float, "AdaGrad's starting r"),
)


def add_problem_options(parser: argparse.ArgumentParser, lr_help: str) -> None:
    """EXPR, --start, --lr, --steps, --method, stopping and hyper-parameter options."""
    parser.add_argument("expr", metavar="EXPR", help="the function to minimise, e.g. 'x^2' or 'log(x^4 + x^3 + 2)'")
    parser.add_argument("--start", required=True, metavar="POINT",
                        help="where to start: '10', '1, 2' or 'x=1, y=2'; several starts: '1, 2; 3, 4'")
    parser.add_argument("--lr", required=True, metavar="ETA", help=lr_help)
    parser.add_argument("--steps", type=int, default=100, metavar="N", help="at most this many steps (default 100)")
    parser.add_argument("--method", choices=METHODS, default="gd", help="the optimizer (default gd)")
    parser.add_argument("--tol", type=float, default=None, metavar="T", help="stop when |∇f| ≤ T")
    parser.add_argument("--step-tol", type=float, default=None, metavar="S", help="stop when a step is shorter than S")
    for option, _name, kind, text in HYPER:
        parser.add_argument(option, type=kind, default=None, help=text)
    parser.add_argument("--amsgrad", action="store_true", help="Adam's AMSGrad variant")
    parser.add_argument("--centered", action="store_true", help="centered RMSprop")
    parser.add_argument("--data", metavar="FILE.csv", default=None,
                        help="a data set (CSV with a header row): f is one sample's term, the loss their sum")
    parser.add_argument("--batch-size", type=int, default=None, metavar="B", help="minibatch size (with --data)")
    parser.add_argument("--seed", default="0", help="seed for the minibatches (default 0)")
    add_vars_option(parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_problem_options(parser, "the learning rate η, e.g. 0.1 or 1/1000")
    parser.add_argument("--table", action="store_true",
                        help="print the epochs the way the course's loops do ('Epoch 1: x = 8.0, f(x) = 64.0')")
    parser.add_argument("--every", type=int, default=1, metavar="K", help="with --table, every K-th epoch")
    parser.add_argument("--plot", metavar="FILE", default=None, help="save the path and loss figure (PNG or SVG)")
    parser.add_argument("--animate", metavar="FILE.gif", default=None, help="save an animation of the path")
    add_format_options(parser)


def starts_from(text: str) -> Any:
    """'1, 2' -> ['1', '2']; '1, 2; 3, 4' -> [['1', '2'], ['3', '4']]; 'x=1, y=2' stays text."""
    text = text.strip()
    if not text:
        raise CommandError("--start is empty: give a point such as '1, 2' or 'x=1, y=2'")
    pieces = [p.strip() for p in text.split(";") if p.strip()]
    if len(pieces) == 1:
        return pieces[0] if "=" in pieces[0] else _coords(pieces[0])
    if any("=" in p for p in pieces):
        raise CommandError("give several starts as plain coordinates in the variables' order, e.g. '1, 2; 3, 4'")
    rows = [_coords(p) for p in pieces]
    if len({len(r) for r in rows}) != 1:
        raise CommandError("every start needs the same number of coordinates")
    return rows


def _coords(piece: str) -> list[str]:
    parts = [c.strip() for c in piece.strip("()[] ").split(",")]
    if any(not c for c in parts):
        raise CommandError(f"the start {piece!r} has an empty coordinate")
    return parts


def hyper_from(args: argparse.Namespace) -> dict[str, Any]:
    """Only the hyper-parameters the user gave: the engine supplies torch's defaults for the rest."""
    out: dict[str, Any] = {}
    for option, name, _kind, _text in HYPER:
        value = getattr(args, name)
        if value is None:
            continue
        if name == "betas":
            try:
                b = tuple(float(v) for v in value.split(","))
            except ValueError:
                raise CommandError(f"--betas takes two numbers such as 0.9,0.999, not {value!r}") from None
            if len(b) != 2:
                raise CommandError(f"--betas takes two numbers such as 0.9,0.999, not {value!r}")
            value = b
        out[name] = value
    if args.amsgrad:
        out["amsgrad"] = True
    if args.centered:
        out["centered"] = True
    return out


def data_from(args: argparse.Namespace) -> dict[str, Any] | None:
    """Columns of a CSV file with a header row, as {name: values}."""
    if args.data is None:
        if args.batch_size is not None:
            raise CommandError("--batch-size needs --data FILE.csv")
        return None
    import numpy as np

    try:
        table = np.genfromtxt(args.data, delimiter=",", names=True, dtype=float, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot read the data file {args.data}: {exc}") from None
    except ValueError as exc:
        raise CommandError(f"the data file {args.data} is not a CSV of numbers with a header row: {exc}") from None
    if table.dtype.names is None or table.size == 0:
        raise CommandError(f"the data file {args.data} needs a header row naming its columns, and some rows")
    table = np.atleast_1d(table)
    return {name: table[name] for name in table.dtype.names}


def options_from(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments descend and lr_sweep share."""
    data = data_from(args)
    opts: dict[str, Any] = dict(method=args.method, tol=args.tol, step_tol=args.step_tol,
                                variables=variables_from(args), **hyper_from(args))
    if data is not None:
        opts.update(data=data, batch_size=args.batch_size, seed=args.seed)
        if opts["variables"] is None:
            raise CommandError("with --data, name the parameters to optimise with --vars (the other names are data)")
    return opts


def save_figure(draw: Any, result: Any, path: str) -> None:
    out = engine_call(draw, result, path)
    print(f"figure saved to {out}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from tutor.engine.descent import descend

    result = engine_call(descend, args.expr, starts_from(args.start), args.lr, args.steps, **options_from(args))
    if args.table and args.format != "json":
        runs = getattr(result, "runs", (result,))
        for i, r in enumerate(runs):
            if len(runs) > 1:
                print(f"Start {i + 1}:")
            print(r.to_table(every=args.every))
            print(f"Result ({r.status}): {r.stopped_reason}.")
    else:
        emit(result, args.format)
    if args.plot:
        from tutor.plots.descent import descent_figure

        save_figure(descent_figure, result, args.plot)
    if args.animate:
        from tutor.plots.descent import animate

        save_figure(animate, result, args.animate)
    return 0
