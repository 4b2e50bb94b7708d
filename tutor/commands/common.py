"""What the command modules share: output formats, error reporting, exit codes.

Exit codes: 0 success (or a correct answer), 1 a definite negative result
(an incorrect answer), 2 the input could not be read or used, 3 an internal error,
4 a computing command that did not finish within its time limit (tutor.operations).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

OUTPUT_FORMATS = ("text", "unicode", "latex", "markdown", "html", "json", "pdf")


class CommandError(Exception):
    """A problem with what the user asked for: shown as one clear message, never a traceback."""

    def __init__(self, message: str, status: int = 2):
        super().__init__(message)
        self.status = status


def add_format_options(parser: argparse.ArgumentParser, default: str = "unicode") -> None:
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default=default,
                        help=f"output format (default: {default}); pdf is the LaTeX made into a PDF "
                             "(needs a LaTeX engine; redirect it to a file: > out.pdf)")
    parser.add_argument("--json", dest="format", action="store_const", const="json",
                        help="print one JSON object (same as --format json)")
    parser.add_argument("--fragment", dest="html_page", action="store_false",
                        help="with --format html: print only the HTML fragment, to embed in a page of your own "
                             "(by default a whole page)")


def add_vars_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vars", metavar="x,y", default=None,
                        help="the variables, comma-separated (otherwise every free name)")


def variables_from(args: argparse.Namespace) -> list[str] | None:
    text = getattr(args, "vars", None)
    if not text:
        return None
    return [v.strip() for v in text.split(",") if v.strip()]


def engine_call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call the engine; its ValueError/TypeError about the request becomes exit status 2.

    A ParseError (a ValueError too) passes through: ``tutor.cli`` prints it with its caret.
    """
    try:
        return fn(*args, **kwargs)
    except (ValueError, TypeError) as exc:
        errors = sys.modules.get("tutor.reading.errors")
        if errors is not None and isinstance(exc, errors.ParseError):
            raise
        raise CommandError(str(exc)) from None


def emit(result: Any, fmt: str) -> None:
    """Print a result (anything with ``render``/``to_dict``) in the chosen format."""
    if fmt == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(result.render(fmt))


def require_latex() -> None:
    """Refuse a PDF before any work when no LaTeX engine is installed (what to install, exit 2)."""
    from tutor.render.pdf import PdfError, require_engine

    try:
        require_engine()
    except PdfError as exc:
        raise CommandError(str(exc), exc.status) from None


def error(message: str) -> None:
    print(f"calctutor: {message}", file=sys.stderr)


def internal_error(exc: BaseException) -> int:
    """Report a bug without a traceback (set CALCTUTOR_DEBUG=1 to see it)."""
    from tutor import settings

    if settings.current().debug:
        import traceback

        traceback.print_exception(exc)
        print(getattr(exc, "details", ""), file=sys.stderr, end="")  # a worker's own traceback
    said = str(exc) if type(exc).__name__ == "InternalError" else f"{type(exc).__name__}: {exc}"
    error(f"internal error ({said}). "
          "This is a bug in calctutor; set CALCTUTOR_DEBUG=1 to see details.")
    return 3
