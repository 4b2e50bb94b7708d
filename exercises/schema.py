"""The schema of a bank entry: small explicit field checkers, no SymPy.

Each checker takes the raw TOML value and returns it normalised, or raises
:class:`BankError` naming the field. Expressions stay text here; they are read
with ``tutor.parse`` when a variant is built (and all of them by ``validate``).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from exercises.errors import BankError
from tutor.answer_kinds import KIND_NAMES

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

KINDS = KIND_NAMES  # the answer kinds grader.check understands (declared in tutor.answer_kinds)
CONSTANT_POLICIES = ("optional", "required", "forbidden")  # antiderivatives: what a missing + C costs
FORMS = ("simplified", "expanded", "factored")
# how much feedback says about the right answer (grader.feedback): the default first
FEEDBACK_LEVELS = ("guided", "full", "verdict")

_MISSING = object()


@dataclass(frozen=True)
class Field:
    """One input field: its checker, whether it is required, its default and a line of help."""

    required: bool = False
    default: Any = None
    help: str = ""

    def check(self, value: Any, name: str) -> Any:  # pragma: no cover - subclasses
        return value

    def fail(self, name: str, message: str) -> BankError:
        return BankError(message, field=name)


@dataclass(frozen=True)
class Text(Field):
    def check(self, value: Any, name: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, f"expected non-empty text, got {_show(value)}")
        return value.strip()


@dataclass(frozen=True)
class ExprText(Field):
    """An expression: text read with tutor.parse later, or a TOML number."""

    def check(self, value: Any, name: str) -> str | int | float:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(name, f"expected an expression (text or a number), got {_show(value)}")
        if isinstance(value, str) and not value.strip():
            raise self.fail(name, "the expression is empty")
        return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class Names(Field):
    """Variable names: ``"x"``, ``"x, y"`` or ``["x", "y"]`` -> a tuple of names."""

    def check(self, value: Any, name: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
        if not isinstance(value, list) or not value:
            raise self.fail(name, f"expected a name or a list of names, got {_show(value)}")
        names = []
        for v in value:
            if not isinstance(v, str) or not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", v.strip()):
                raise self.fail(name, f"{_show(v)} is not a variable name")
            names.append(v.strip())
        if len(set(names)) != len(names):
            raise self.fail(name, "a variable is listed twice")
        return tuple(names)


@dataclass(frozen=True)
class Point(Field):
    """A point: ``"x=1, y=2"``, a list of coordinates, a table ``{x = 1, y = 2}`` or a number."""

    def check(self, value: Any, name: str) -> Any:
        if isinstance(value, bool):
            raise self.fail(name, "expected a point, not true/false")
        if isinstance(value, (int, float)):
            return value
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, list) and value:
            return tuple(ExprText().check(v, name) for v in value)
        if isinstance(value, Mapping) and value:
            return {str(k): ExprText().check(v, f"{name}.{k}") for k, v in value.items()}
        raise self.fail(name, f"expected a point such as \"x=1, y=2\" or [1, 2], got {_show(value)}")


@dataclass(frozen=True)
class Vector(Field):
    """A list of expressions (a direction, a start point, a data column)."""

    def check(self, value: Any, name: str) -> tuple:
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(name, f"expected a list such as [1, 2], got {_show(value)}")
        return tuple(ExprText().check(v, name) for v in value)


@dataclass(frozen=True)
class MatrixRows(Field):
    """A matrix as a list of rows (each a list of expressions), all the same length."""

    def check(self, value: Any, name: str) -> tuple:
        if not isinstance(value, list) or not value or not all(isinstance(r, list) and r for r in value):
            raise self.fail(name, f"expected a list of rows such as [[1, 2], [1, 3]], got {_show(value)}")
        width = len(value[0])
        if any(len(r) != width for r in value):
            raise self.fail(name, "all rows must have the same length")
        return tuple(tuple(ExprText().check(v, name) for v in r) for r in value)


@dataclass(frozen=True)
class Integer(Field):
    low: int | None = None
    high: int | None = None

    def check(self, value: Any, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(name, f"expected a whole number, got {_show(value)}")
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise self.fail(name, f"must be between {self.low} and {self.high}, got {value}")
        return value


@dataclass(frozen=True)
class Number(Field):
    """A number (TOML int/float) or expression text; ``positive`` requires > 0 for plain numbers."""

    positive: bool = False

    def check(self, value: Any, name: str) -> Any:
        value = ExprText().check(value, name)
        if self.positive and isinstance(value, (int, float)) and value <= 0:
            raise self.fail(name, f"must be positive, got {value}")
        return value


@dataclass(frozen=True)
class Flag(Field):
    def check(self, value: Any, name: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(name, f"expected true or false, got {_show(value)}")
        return value


@dataclass(frozen=True)
class OneOf(Field):
    options: tuple[str, ...] = ()

    def check(self, value: Any, name: str) -> str:
        if not isinstance(value, str) or value not in self.options:
            raise self.fail(name, f"expected one of {', '.join(self.options)}, got {_show(value)}"
                            + did_you_mean(value, self.options))
        return value


@dataclass(frozen=True)
class TextList(Field):
    def check(self, value: Any, name: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(name, f"expected a non-empty list of texts, got {_show(value)}")
        return tuple(v.strip() for v in value)


@dataclass(frozen=True)
class NumberTable(Field):
    """A table of named numbers (optimizer hyper-parameters such as momentum = 0.9)."""

    def check(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(name, f"expected a table such as {{ momentum = 0.9 }}, got {_show(value)}")
        out = {}
        for k, v in value.items():
            if isinstance(v, list):
                out[k] = tuple(Number().check(x, f"{name}.{k}") for x in v)
            else:
                out[k] = Number().check(v, f"{name}.{k}")
        return out


_FUNCTION_KEY = re.compile(r"^\s*\\?[^\W\d_]\w*\s*(\(\s*[A-Za-z]\w*(\s*,\s*[A-Za-z]\w*)*\s*\))?\s*$")


@dataclass(frozen=True)
class FunctionTable(Field):
    """Functions the exercise defines: ``{ "σ(z)" = "1/(1 + exp(-z))" }`` (read with tutor.parse).

    Learners may then write ``σ(z)`` or ``sigma(2z + 1)``; the grader uses the definition.
    """

    def check(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, Mapping) or not value:
            raise self.fail(name, 'expected a table such as { "σ(z)" = "1/(1 + exp(-z))" }, got ' + _show(value))
        out = {}
        for key, body in value.items():
            if not _FUNCTION_KEY.match(str(key)):
                raise self.fail(f"{name}.{key}", "write the function as a name and its parameters, such as σ(z) "
                                                 "or f(x, y)")
            out[str(key).strip()] = ExprText().check(body, f"{name}.{key}")
            _read_definition(str(key), out[str(key).strip()], f"{name}.{key}")
        return out


def _read_definition(key: str, body: Any, field: str) -> None:
    """The definition must be readable (tutor.parse, as for every expression in the bank)."""
    from tutor import ParseError, parse

    params = key[key.index("(") + 1:key.rindex(")")].split(",") if "(" in key else None
    try:
        parse(str(body), [p.strip() for p in params] if params else None, expect="expression")
    except ParseError as exc:
        raise BankError(f"cannot read the definition: {getattr(exc, 'message', exc)}", field=field) from None


def check_fields(raw: Mapping[str, Any], fields: Mapping[str, Field]) -> dict[str, Any]:
    """Check the fields ``fields`` declares; missing required ones raise; defaults fill in."""
    out: dict[str, Any] = {}
    for name, spec in fields.items():
        value = raw.get(name, _MISSING)
        if value is _MISSING:
            if spec.required:
                raise BankError(f"is required{': ' + spec.help if spec.help else ''}", field=name)
            if spec.default is not None:
                out[name] = spec.default
            continue
        out[name] = spec.check(value, name)
    return out


def did_you_mean(word: Any, options: Iterable[str]) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
