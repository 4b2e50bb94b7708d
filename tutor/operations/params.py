"""The declaration of an operation: its typed parameters, its engine call, its output.

An :class:`Operation` is declared once (in ``tutor.operations.<area>``); the
``calctutor`` sub-command and the REPL calculator command are both derived
from it. Nothing here imports SymPy: ``calctutor --help`` reads these declarations.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# What a parameter holds, and so how tutor.operations.reader reads it (the same for the CLI and the REPL).
KINDS = {
    "expr": "an expression, kept as text (the engine reads it)",
    "text": "free text (a box, a seed, a file name)",
    "point": "one point: 1, 2 · (1, 2) · [1, 2] · <1, 2> · x=1, y=2",
    "points": "one point or several: 1, 2; 3, 4 · (1, 2), (3, 4)",
    "exact": "a number read exactly by the engine (0.1 is 1/10)",
    "list": "comma-separated exact numbers or expressions",
    "number": "a decimal or a fraction, as a float",
    "numbers": "a fixed count of numbers, such as 0.9,0.999",
    "integer": "a whole number, within declared caps",
    "variable": "one variable name",
    "variables": "variable names: x,y · x y · (x, y)",
    "choice": "one word from a declared list",
    "flag": "on when given",
}

SAME = object()  # the REPL uses the CLI's default / requirement


@dataclass(frozen=True)
class Param:
    """One typed parameter. ``option=None`` makes it the positional head (EXPR, TEXT)."""

    name: str
    kind: str
    help: str
    option: str | None = None
    metavar: str | None = None
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    low: float | None = None          # integers, numbers: the smallest allowed (a cap on sizes)
    high: float | None = None         # the largest allowed; lists: the most items
    positive: bool = False            # numbers: > 0
    count: int | None = None          # numbers: exactly this many
    what: str = ""                    # lists: what one item is ("level", "learning rate")
    example: str = ""                 # a value to show in messages
    words: tuple[str, ...] | None = None   # REPL keywords; None: the option without dashes (2+ letters)
    trailing: bool = False            # REPL: may be the last word of the head (diff x^2*y y)
    repl_default: Any = SAME
    repl_required: Any = SAME
    missing: str = ""                 # REPL: what to say when a required parameter is missing

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown parameter kind {self.kind!r}")

    @property
    def keywords(self) -> tuple[str, ...]:
        """The REPL's words for this parameter (``--option`` is accepted too, as on the command line)."""
        if self.option is None:
            return ()
        if self.words is not None:
            return self.words
        bare = self.option.lstrip("-")
        return (bare,) if len(bare) > 1 else ()

    def label(self, front: str) -> str:
        """How messages name the parameter: ``--order`` on the command line, ``order`` in the REPL."""
        if self.option is None:
            return self.metavar or self.name.upper()
        if front == "cli":
            return self.option
        words = self.keywords
        return words[0] if words and words[0] != "=" else self.option.lstrip("-")

    def default_for(self, front: str) -> Any:
        return self.repl_default if front == "repl" and self.repl_default is not SAME else self.default

    def required_for(self, front: str) -> bool:
        return self.repl_required if front == "repl" and self.repl_required is not SAME else self.required


@dataclass(frozen=True)
class Outcome:
    """What one run of an operation says: stdout text, stderr notes, exit status."""

    out: str
    notes: tuple[str, ...] = ()
    status: int = 0


@dataclass(frozen=True)
class Operation:
    """One computing command. ``compute(values)`` calls the engine (imports inside);
    ``show(result, values, fmt)`` renders it; ``figure(result, values)`` saves the figure
    named by the ``plot`` parameter. ``seconds`` is the overall time limit."""

    name: str
    summary: str
    params: tuple[Param, ...]
    compute: Callable[[dict[str, Any]], Any]
    example: str
    show: Callable[[Any, dict[str, Any], str], str | Outcome] | None = None
    figure: Callable[[Any, dict[str, Any]], Any] | None = None
    figure_note: str = "stdout"       # where "figure saved to …" goes: stdout (not with --json) or stderr
    formats: bool = True              # takes --format/--json
    seconds: float = 20.0
    slow_hint: str = "try a simpler function"

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    @property
    def head(self) -> Param | None:
        return next((p for p in self.params if p.option is None), None)
