"""The one reader of parameter values, shared by ``calctutor`` options and the REPL's words.

A point is read the same way wherever it is typed: ``1, 2``, ``(1, 2)``, ``[1, 2]``,
``<1, 2>``, ``⟨1, 2⟩`` and ``x=1, y=2`` are one spelling each of the same point.
Values stay text where the engine reads them exactly; nothing here evaluates
anything or imports SymPy, so a bad value is refused before any mathematics runs.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from tutor.operations.errors import OperationError
from tutor.operations.params import Operation, Param
from tutor.reading.split import split_top_level

BRACKETS = {"(": ")", "[": "]", "<": ">", "⟨": "⟩", "{": "}"}
POINT_HELP = "a point such as 1, 2 or (1, 2) or x=1, y=2"


def read_values(op: Operation, raw: dict[str, Any], front: str) -> dict[str, Any]:
    """Every parameter of ``op`` read from its raw text (or its default); OperationError if unusable."""
    values: dict[str, Any] = {}
    for p in op.params:
        given = raw.get(p.name)
        if given is None or given is False:
            if p.required_for(front) and p.kind != "flag":
                raise OperationError(f"{p.label(front)} is needed: {p.help}")
            values[p.name] = p.default_for(front) if p.kind != "flag" else bool(p.default_for(front))
            continue
        values[p.name] = read(p, given, p.label(front))
    return values


def read(p: Param, text: Any, label: str) -> Any:
    """One value of the parameter's kind."""
    if p.kind == "flag":
        return bool(text) if not isinstance(text, str) else _flag(text, label)
    text = str(text).strip()
    reader = _READERS[p.kind]
    return reader(p, text, label)


def _flag(text: str, label: str) -> bool:
    if text.strip().lower() in ("", "on", "yes", "true"):
        return True
    if text.strip().lower() in ("off", "no", "false"):
        return False
    raise OperationError(f"{label} takes no value (or on/off), not {text!r}")


def _nonempty(p: Param, text: str, label: str) -> str:
    if not text:
        raise OperationError(f"{label} is empty: give {p.example or p.help}")
    return text


def unwrap(text: str) -> str:
    """``(1, 2)`` -> ``1, 2`` when one pair of brackets encloses the whole text."""
    text = text.strip()
    if len(text) >= 2 and text[0] in BRACKETS and text[-1] == BRACKETS[text[0]]:
        depth = 0
        for i, ch in enumerate(text):
            depth += ch == text[0]
            depth -= ch == BRACKETS[text[0]]
            if depth == 0 and i < len(text) - 1:
                return text  # (1, 2) + (3, 4): the first bracket closes early
        return text[1:-1].strip()
    return text


def read_point(text: str, label: str = "the point") -> list[str] | dict[str, str]:
    """Coordinates in the variables' order (``["1", "2"]``) or by name (``{"x": "1", "y": "2"}``)."""
    if not text.strip():
        raise OperationError(f"{label} is empty: give {POINT_HELP}")
    parts = split_top_level(unwrap(text), ",")
    if any(not part for part in parts):
        raise OperationError(f"{label} {text.strip()!r} has an empty coordinate; give {POINT_HELP}")
    named = ["=" in part for part in parts]
    if not any(named):
        return parts
    if not all(named):
        raise OperationError(f"{label} {text.strip()!r} names some coordinates and not others; "
                             "give them all by name (x=1, y=2) or all in order (1, 2)")
    point: dict[str, str] = {}
    for part in parts:
        name, _, value = (s.strip() for s in part.partition("="))
        if not name.isidentifier() or not value:
            raise OperationError(f"{label}: {part!r} should read name=value, e.g. x=1")
        if name in point:
            raise OperationError(f"{label} gives {name} twice")
        point[name] = value
    return point


def read_points(text: str, label: str = "the start") -> Any:
    """One point, or several: ``1, 2; 3, 4`` or ``(1, 2), (3, 4)`` -> a list of coordinate lists."""
    pieces = [p for p in split_top_level(text, ";") if p]
    if len(pieces) == 1:
        parts = split_top_level(pieces[0], ",")
        if len(parts) > 1 and all(part[:1] in BRACKETS and unwrap(part) != part for part in parts):
            pieces = parts  # (1, 2), (3, 4)
    if len(pieces) <= 1:
        return read_point(text, label)
    rows = [read_point(piece, label) for piece in pieces]
    if any(isinstance(r, dict) for r in rows):
        raise OperationError(f"give several points as plain coordinates in the variables' order, "
                             f"e.g. {label} 1, 2; 3, 4")
    if len({len(r) for r in rows}) != 1:
        raise OperationError(f"every point of {label} needs the same number of coordinates")
    return rows


def _point(p: Param, text: str, label: str) -> Any:
    return read_point(text, label)


def _points(p: Param, text: str, label: str) -> Any:
    return read_points(text, label)


def _items(p: Param, text: str, label: str) -> list[str]:
    items = [item for item in split_top_level(unwrap(text), ",") if item]
    if not items:
        raise OperationError(f"{label} needs at least one {p.what}, e.g. {label} {p.example}")
    if p.high is not None and len(items) > p.high:
        raise OperationError(f"{label} takes at most {p.high:g} {p.what}s (a cap), not {len(items)}")
    return items


def number(text: str, label: str) -> float:
    """``0.1``, ``1/10``, ``1e-3``, ``-2`` -> a finite float (no expression is evaluated)."""
    try:
        return float(Fraction(text.strip().replace(" ", "")))
    except (ValueError, ZeroDivisionError):
        raise OperationError(f"{label} should be a number such as 0.1 or 1/10, not {text!r}") from None


def _number(p: Param, text: str, label: str) -> float:
    value = number(text, label)
    if p.positive and not value > 0:
        raise OperationError(f"{label} must be positive, not {value:g}")
    _bounds(p, value, label)
    return value


def _numbers(p: Param, text: str, label: str) -> tuple[float, ...]:
    parts = split_top_level(unwrap(text), ",")
    try:
        values = tuple(number(part, label) for part in parts)
    except OperationError:
        values = ()
    if not values or (p.count is not None and len(values) != p.count):
        raise OperationError(f"{label} takes {_count(p.count)} numbers such as {p.example}, not {text!r}")
    return values


def _count(n: int | None) -> str:
    return {2: "two", 3: "three"}.get(n or 0, str(n or "some"))


def _integer(p: Param, text: str, label: str) -> int:
    digits = text.replace("_", "").replace(",", "")
    if len(digits) > 30 and digits.lstrip("+-").isdigit():  # refused before Python converts it
        raise OperationError(f"{label} must be at most {_fmt(p.high)} (a cap on the size of the work), "
                             f"not a {len(digits)}-digit number")
    try:
        value = Fraction(digits)
    except (ValueError, ZeroDivisionError):
        value = None
    if value is None or value.denominator != 1:
        raise OperationError(f"{label} must be a whole number, not {text!r}")
    _bounds(p, int(value), label)
    return int(value)


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e30 else f"{value:g}"


def _bounds(p: Param, value: float, label: str) -> None:
    if p.low is not None and value < p.low:
        raise OperationError(f"{label} must be at least {_fmt(p.low)}, not {_fmt(value)}")
    if p.high is not None and value > p.high:
        raise OperationError(f"{label} must be at most {_fmt(p.high)} (a cap on the size of the work), "
                             f"not {_fmt(value)}")


def _variable(p: Param, text: str, label: str) -> str:
    if not text.isidentifier():
        raise OperationError(f"{label} takes a variable name such as x, not {text!r}")
    return text


def read_variables(text: str, label: str = "--vars") -> list[str]:
    """``x,y`` · ``x, y`` · ``x y`` · ``(x, y)`` -> ``["x", "y"]``."""
    names = [n for n in unwrap(text).replace(",", " ").split() if n]
    bad = [n for n in names if not n.isidentifier()]
    if not names or bad:
        raise OperationError(f"{label} takes variable names such as x,y, not {text!r}")
    if len(set(names)) != len(names):
        raise OperationError(f"{label} names a variable twice")
    return names


def _variables(p: Param, text: str, label: str) -> list[str]:
    return read_variables(text, label)


def _choice(p: Param, text: str, label: str) -> str:
    if text not in p.choices:
        raise OperationError(f"{label} must be one of {', '.join(p.choices)}, not {text!r}")
    return text


_READERS = {
    "expr": _nonempty, "text": _nonempty, "exact": _nonempty, "point": _point, "points": _points,
    "list": _items, "number": _number, "numbers": _numbers, "integer": _integer,
    "variable": _variable, "variables": _variables, "choice": _choice,
}
