"""The ``calctutor`` command line.

The computing commands (parse, diff, …, plot) are operations declared once in
``tutor.operations`` and derived by ``tutor.operations.command``; the others live in
``tutor.commands.<name>`` and provide ``add_arguments(parser)`` and ``run(args) -> int``.
Modules are imported only when chosen, so ``calctutor --help`` never imports SymPy.

Exit codes: 0 success, 1 a definite negative result (an incorrect answer), 2 the input
could not be read or used, 3 an internal error, 4 the command did not finish within its time limit.
"""
from __future__ import annotations

import argparse
import importlib
import shlex
import sys

# name -> (module, one-line help) for the commands that are not operations; the computing
# commands (parse, diff, …, plot) come from the catalogue, tutor.operations, between practice and check
COMMANDS: dict[str, tuple[str, str]] = {
    "practice": ("tutor.commands.practice", "practise exercises in the interactive tutor (the default)"),
    "check": ("tutor.commands.check", "grade one answer against the expected one"),
    "bank": ("tutor.commands.bank", "list, show and validate the exercise bank"),
    "assign": ("tutor.commands.assign", "write per-student assignment sheets"),
    "grade": ("tutor.commands.grade", "grade a class's submissions in batch"),
    "solutions": ("tutor.commands.solutions", "write worked solutions"),
    "progress": ("tutor.commands.progress", "a student's progress, or export it"),
}
OPERATION_MODULE = "tutor.operations.command"

EPILOG = "Run 'calctutor COMMAND --help' for a command's options. With no command, the tutor starts."


def available() -> dict[str, tuple[str, str]]:
    """Commands whose module exists in this installation, in --help order."""
    from importlib.util import find_spec

    from tutor.operations.catalogue import operations

    ordered = {"practice": COMMANDS["practice"]}
    ordered.update({name: (OPERATION_MODULE, op.summary) for name, op in operations().items()})
    ordered.update(COMMANDS)
    return {name: entry for name, entry in ordered.items() if find_spec(entry[0]) is not None}


def _operation(name: str):
    from tutor.operations.catalogue import find

    return find(name)


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
        if name == selected and module == OPERATION_MODULE:
            importlib.import_module(module).add_arguments(sp, _operation(name))
        elif name == selected:
            importlib.import_module(module).add_arguments(sp)
    return parser


def _selected(argv: list[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg
        if arg in ("-h", "--help", "--version"):
            return None
    return None


def startup_problem() -> str | None:
    """Why calctutor cannot start here (an unsupported system, a bad ``CALCTUTOR_*`` value), or None."""
    from tutor import settings, system

    problem = system.unsupported()
    if problem:
        return problem
    try:
        settings.current()
        importlib.import_module("tutor.reading.limits")  # checks the CALCTUTOR_PARSE_* names
    except settings.SettingsError as exc:
        return str(exc)
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    problem = startup_problem()
    if problem:
        print(f"calctutor: {problem}", file=sys.stderr)
        return 2
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
    op = _operation(args.command) if commands[args.command][0] == OPERATION_MODULE else None
    try:
        def run() -> int:
            return int((module.run(args, op) if op is not None else module.run(args)) or 0)

        if getattr(args, "html_page", False) and getattr(args, "format", None) == "html":
            from tutor.render.page import as_page

            return as_page(run, "calctutor " + shlex.join(argv))
        if getattr(args, "format", None) == "pdf" and args.command not in ("solutions", "assign"):
            from tutor.render.pdf import as_pdf

            args.format = "latex"  # the command prints LaTeX; as_pdf makes the PDF of it
            return as_pdf(run, "calctutor " + shlex.join(argv))
        return run()
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
    from tutor.operations.errors import OperationError

    if isinstance(exc, (CommandError, OperationError)):
        error(str(exc))
        return exc.status
    paths = sys.modules.get("tutor.repl.paths")
    if paths is not None and isinstance(exc, paths.HomeError):
        error(str(exc))
        return 2
    errors = sys.modules.get("tutor.reading.errors")
    if errors is not None and isinstance(exc, errors.ParseError):
        print(str(exc), file=sys.stderr)
        return 2
    pdf = sys.modules.get("tutor.render.pdf")
    if pdf is not None and isinstance(exc, pdf.PdfError):
        error(str(exc))
        return exc.status
    return None


if __name__ == "__main__":
    sys.exit(main())
