"""The ``calctutor`` sub-command of an operation, derived from its declaration.

Options are strings on the command line; the shared reader (``tutor.operations.reader``)
turns them into values inside the bounded run, so the REPL and the CLI accept the same spellings.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from tutor.operations.params import Operation

FORMATS = ("text", "unicode", "latex", "markdown", "html", "json")


def add_arguments(parser: argparse.ArgumentParser, op: Operation) -> None:
    """One argparse argument per parameter (plus --format/--json when the operation prints a result)."""
    for p in op.params:
        if p.option is None:
            parser.add_argument(p.name, metavar=p.metavar or p.name.upper(), help=p.help)
        elif p.kind == "flag":
            parser.add_argument(p.option, dest=p.name, action="store_true", help=p.help)
        else:
            extra: dict[str, Any] = {"choices": p.choices} if p.kind == "choice" else {"metavar": p.metavar}
            parser.add_argument(p.option, dest=p.name, required=p.required, default=None, help=p.help, **extra)
    if op.formats:
        parser.add_argument("--format", choices=FORMATS, default="unicode", help="output format (default: unicode)")
        parser.add_argument("--json", dest="format", action="store_const", const="json",
                            help="print one JSON object (same as --format json)")


def run(args: argparse.Namespace, op: Operation) -> int:
    """Print the outcome; errors (exit 2, or 4 when the time limit is reached) reach tutor.cli as OperationError."""
    from tutor.operations.run import perform

    raw = {p.name: getattr(args, p.name) for p in op.params}
    outcome = perform(op, raw, getattr(args, "format", "unicode"), "cli")
    if outcome.out:
        print(outcome.out)
    for note in outcome.notes:
        print(note, file=sys.stderr)
    return outcome.status
