"""``parse``: show how calctutor reads a piece of mathematics.

The echo is the student's safeguard against a misreading: it shows the canonical
text, the Unicode and LaTeX forms, the kind of answer and its variables, and how
runs of letters were split. Unreadable input is the reader's error with a caret (exit 2).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tutor.operations.catalogue import declare
from tutor.operations.derivatives import VARS
from tutor.operations.params import Operation, Outcome, Param
from tutor.render.mixin import Rendered

EXPECT = ("expression", "equation", "vector", "set", "matrix")


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

    def echo(self, fmt: str) -> str:
        """One line, as the REPL says it."""
        return f"I read it as: {self.text if fmt == 'text' else self.unicode}   (typed: {self.text})"


def _pretty(obj: Any) -> str:
    from tutor.reading.printer import pretty

    return pretty(obj)


def read(text: str, variables: list[str] | None = None, expect: str | None = None) -> Reading:
    """Parse and describe (raises ParseError for unreadable text)."""
    from tutor.engine.inputs import ordered_variables
    from tutor.reading.ambiguity import reading_notes
    from tutor.reading.parser import parse, shape_of
    from tutor.reading.printer import to_latex, to_text, to_unicode

    obj = parse(text, variables, expect=expect)
    names = tuple(str(v) for v in ordered_variables(obj))
    return Reading(text, to_text(obj), to_unicode(obj), to_latex(obj), shape_of(obj), names,
                   tuple(reading_notes(text, tuple(variables or ()))), obj)


def _parse(v: dict[str, Any]) -> Any:
    from tutor.reading.errors import ParseError

    try:
        return read(v["text"], v["vars"], v["expect"])
    except ParseError as err:
        return err  # shown below: as JSON with --json, else raised for the caret display


def _show(reading: Any, v: dict[str, Any], fmt: str) -> str | Outcome:
    if isinstance(reading, Exception):
        if fmt != "json":
            raise reading
        return Outcome(json.dumps(getattr(reading, "to_dict")(), ensure_ascii=False, indent=2), (str(reading),), 2)
    if fmt == "json":
        return json.dumps(reading.to_dict(), ensure_ascii=False, indent=2)
    return reading.echo(fmt) if v["brief"] else reading.render(fmt)


PARSE = declare(Operation(
    "parse", "show how calctutor reads a piece of mathematics",
    (Param("text", "expr", "the mathematics to read, e.g. '3xe^(2x)' (quote it)", metavar="TEXT"),
     VARS,
     Param("expect", "choice", "the kind of answer expected; anything else is an error", option="--expect",
           choices=EXPECT),
     Param("brief", "flag", "one line: what it was read as", option="--brief", repl_default=True)),
    _parse, example="parse 3xe^(2x)", show=_show, seconds=10.0))
