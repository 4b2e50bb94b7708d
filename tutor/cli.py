"""The ``calctutor`` command line.

Sub-commands live in ``tutor.commands.<name>`` and are imported only when
chosen, so ``calctutor --help`` stays fast and never imports SymPy. Each
command module provides ``add_arguments(parser)`` and ``run(args) -> int``.
"""
from __future__ import annotations

import argparse
import importlib
import shlex
import sys

# name -> (module, one-line help); the order is the order of --help
COMMANDS: dict[str, tuple[str, str]] = {
    "practice": ("tutor.commands.practice", "practise exercises in the interactive tutor (the default)"),
    "parse": ("tutor.commands.parse", "show how calctutor reads a piece of mathematics"),
    "diff": ("tutor.commands.diff", "differentiate, with worked steps"),
    "grad": ("tutor.commands.grad", "the gradient, with each partial derivative worked"),
    "hessian": ("tutor.commands.hessian", "the Hessian matrix of second partial derivatives"),
    "tangent": ("tutor.commands.tangent", "the tangent line or plane at a point"),
    "taylor": ("tutor.commands.taylor", "the Taylor polynomial at a point"),
    "quotient": ("tutor.commands.quotient", "a difference quotient (the derivative as a ratio of intervals)"),
    "critical": ("tutor.commands.critical", "critical points and their classification"),
    "level": ("tutor.commands.level", "level curves f = c"),
    "surface": ("tutor.commands.surface", "the shape of a surface near a point"),
    "limit": ("tutor.commands.limit", "a limit, decided along paths and proved"),
    "descend": ("tutor.commands.descend", "run gradient descent or another optimizer"),
    "sweep": ("tutor.commands.sweep", "compare learning rates on one problem"),
    "plot": ("tutor.commands.plot", "draw a surface, contour map, tangent or loss landscape"),
    "check": ("tutor.commands.check", "grade one answer against the expected one"),
    "bank": ("tutor.commands.bank", "list, show and validate the exercise bank"),
    "assign": ("tutor.commands.assign", "write per-student assignment sheets"),
    "grade": ("tutor.commands.grade", "grade a class's submissions in batch"),
    "solutions": ("tutor.commands.solutions", "write worked solutions"),
    "progress": ("tutor.commands.progress", "a student's progress, or export it"),
}

EPILOG = "Run 'calctutor COMMAND --help' for a command's options. With no command, the tutor starts."


def available() -> dict[str, tuple[str, str]]:
    """Commands whose module exists in this installation."""
    from importlib.util import find_spec

    return {name: entry for name, entry in COMMANDS.items() if find_spec(entry[0]) is not None}


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    from tutor import __version__

    parser = argparse.ArgumentParser(
        prog="calctutor",
        description="A calculus tutor and auto-grader for machine-learning courses.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"calctutor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, (module, help_text) in available().items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if name == selected:
            importlib.import_module(module).add_arguments(sp)
    return parser


def _selected(argv: list[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
        if arg in ("-h", "--help", "--version"):
            return None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = available()
    if argv and argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version") and "practice" in commands:
        argv = ["practice", *argv]  # `calctutor --user ana` = `calctutor practice --user ana`
    name = _selected(argv)
    if name is None and not any(a in ("-h", "--help", "--version") for a in argv) and "practice" in commands:
        argv = ["practice", *argv]
        name = "practice"
    parser = build_parser(name if name in commands else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    module = importlib.import_module(commands[args.command][0])
    try:
        if getattr(args, "html_page", False) and getattr(args, "format", None) == "html":
            from tutor.render.page import as_page

            return as_page(lambda: int(module.run(args) or 0), "calctutor " + shlex.join(argv))
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: a person never sees a traceback
        status = _known_error(exc)
        if status is None:
            from tutor.commands.common import internal_error

            return internal_error(exc)
        return status


def _known_error(exc: Exception) -> int | None:
    """Exit status for errors that are the user's input, after printing them; else None."""
    from tutor.commands.common import CommandError, error

    if isinstance(exc, CommandError):
        error(str(exc))
        return exc.status
    errors = sys.modules.get("tutor.reading.errors")
    if errors is not None and isinstance(exc, errors.ParseError):
        print(str(exc), file=sys.stderr)
        return 2
    return None


if __name__ == "__main__":
    sys.exit(main())
