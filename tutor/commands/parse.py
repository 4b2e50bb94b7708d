"""``calctutor parse TEXT [--vars x,y] [--json]``: show how calctutor reads a piece of mathematics.

The echo is the student's safeguard against a misreading: it shows the canonical
text, the Unicode and LaTeX forms, the kind of answer and its variables, and how
runs of letters were split. Unreadable input prints the error with a caret (exit 2).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Any

from tutor.commands.common import add_format_options, add_vars_option, variables_from
from tutor.render.mixin import Rendered

EXPECT = ("expression", "equation", "vector", "set", "matrix")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", metavar="TEXT", help="the mathematics to read, e.g. '3xe^(2x)' (quote it)")
    add_vars_option(parser)
    parser.add_argument("--expect", choices=EXPECT, default=None,
                        help="the kind of answer expected; anything else is an error")
    add_format_options(parser)


@dataclass(frozen=True)
class Reading(Rendered):
    """How a text was read: its canonical forms, kind, variables and splitting notes."""

    input: str
    text: str
    unicode: str
    latex: str
    kind: str
    variables: tuple[str, ...]
    notes: tuple[str, ...]
    _obj: Any = None

    def doc(self):
        from tutor.render.doc import Doc, Table, display, line

        rows = (("text", self.text), ("unicode", self.unicode), ("latex", self.latex),
                ("kind", self.kind), ("variables", ", ".join(self.variables) or "none"))
        nodes: list = [Table(("form", "how it was read"), rows)]
        nodes += [line(note) for note in self.notes]
        if self._obj is not None and self.kind != "set" and "\n" in _pretty(self._obj):
            nodes.append(display(self._obj))  # only when the 2-D picture adds something
        return Doc(line("Read", repr(self.input), "as", self._obj if self._obj is not None else self.text), tuple(nodes))


def _pretty(obj: Any) -> str:
    from tutor.reading.printer import pretty

    return pretty(obj)


def read(text: str, variables: list[str] | None = None, expect: str | None = None) -> Reading:
    """Parse and describe (raises ParseError for unreadable text)."""
    from tutor.engine.inputs import ordered_variables
    from tutor.reading.lexer import reading_notes
    from tutor.reading.parser import parse, shape_of
    from tutor.reading.printer import to_latex, to_text, to_unicode

    obj = parse(text, variables, expect=expect)
    names = tuple(str(v) for v in ordered_variables(obj))
    return Reading(text, to_text(obj), to_unicode(obj), to_latex(obj), shape_of(obj), names,
                   tuple(reading_notes(text, tuple(variables or ()))), obj)


def run(args: argparse.Namespace) -> int:
    import json

    from tutor.reading.errors import ParseError

    try:
        reading = read(args.text, variables_from(args), args.expect)
    except ParseError as err:
        if args.format == "json":
            print(json.dumps(err.to_dict(), ensure_ascii=False, indent=2))
        print(str(err), file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(reading.render(args.format))
    return 0
