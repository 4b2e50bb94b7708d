"""Calculator commands that work at any time and print worked steps.

``diff EXPR [VAR]``, ``grad EXPR``, ``limit EXPR at x=0,y=0``, ``descend EXPR
from 10 lr 0.1 steps 20``… Each is one small class in a registry: its words
are split here (no SymPy), and the engine does the mathematics when it runs.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tutor.reading.split import split_top_level

CALCULATOR: dict[str, "Calc"] = {}

IDENTIFIER = re.compile(r"[A-Za-z_α-ωΑ-Ω][A-Za-z0-9_]*")


class UsageError(ValueError):
    """The command's words could not be understood; the message shows the usage."""


def calc(cls: type["Calc"]) -> type["Calc"]:
    CALCULATOR[cls.name] = cls()
    return cls


class Calc:
    name = ""
    usage = ""
    summary = ""
    example = ""

    def run(self, arg: str) -> list[Any]:
        """Results to print: objects with ``render(fmt)`` or plain strings."""
        raise NotImplementedError

    def need(self, arg: str) -> str:
        arg = arg.strip()
        if not arg:
            raise UsageError(f"{self.summary[:1].upper() + self.summary[1:]}: {self.usage}   e.g. {self.example}")
        return arg


def split_keywords(text: str, keywords: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """``"x^2 from 10 lr 0.1"`` -> ``("x^2", {"from": "10", "lr": "0.1"})``; keywords are whole words."""
    pattern = re.compile(r"\s+(" + "|".join(keywords) + r")\s+", re.I)
    parts = pattern.split(" " + text.strip() + " ")
    head = parts[0].strip()
    found: dict[str, str] = {}
    for key, value in zip(parts[1::2], parts[2::2]):
        key = key.lower()
        if key in found:
            raise UsageError(f"'{key}' is given twice")
        found[key] = value.strip()
    return head, found


def trailing_variable(text: str) -> tuple[str, str | None]:
    """``"x^2*y y"`` -> ``("x^2*y", "y")`` when the last word is a name the rest contains.

    Also accepts ``EXPR wrt VAR`` and ``EXPR, VAR``. Otherwise the whole text is the expression.
    """
    m = re.match(r"^(.*\S)\s+(?:wrt|with respect to)\s+(\S+)\s*$", text, re.I)
    if m:
        return m.group(1), m.group(2)
    m = re.match(r"^(.*\S)\s*,\s*(" + IDENTIFIER.pattern + r")\s*$", text)
    if m and _depth_zero(m.group(1)):
        return m.group(1), m.group(2)
    m = re.match(r"^(.*\S)\s+(" + IDENTIFIER.pattern + r")\s*$", text)
    if m and not re.search(r"[-+*/^(,=]$", m.group(1)):
        rest, var = m.group(1), m.group(2)
        try:
            from tutor import parse

            if any(str(s) == var for s in parse(rest).free_symbols):
                return rest, var
        except Exception:  # the rest does not read on its own: the word belongs to the expression
            pass
    return text, None


def _depth_zero(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += 1 if ch in "([{" else -1 if ch in ")]}" else 0
    return depth == 0


def _expr(text: str):
    from tutor.engine.inputs import as_expr

    return as_expr(text)


def _one_variable(f, what: str, example: str):
    from tutor.engine.inputs import ordered_variables

    names = ordered_variables(f)
    if len(names) > 1:
        listed = ", ".join(str(v) for v in names)
        raise UsageError(f"{what} has several variables ({listed}): say which one, e.g. {example}")
    return names[0] if names else "x"


@calc
class Diff(Calc):
    name, usage, summary = "diff", "diff EXPR [VAR]", "differentiate, step by step"
    example = "diff x^2*sin(x)   or   diff x^2*y y"

    def run(self, arg: str) -> list[Any]:
        text, var = trailing_variable(self.need(arg))
        f = _expr(text)
        if var is None:
            var = _one_variable(f, "That function", f"diff {text} {sorted(map(str, f.free_symbols))[0] if f.free_symbols else 'x'}")
        import tutor

        return [tutor.derivative(f, var)]


@calc
class Grad(Calc):
    name, usage, summary = "grad", "grad EXPR", "the gradient, each partial derivative worked"
    example = "grad x^4 + y^2"

    def run(self, arg: str) -> list[Any]:
        f = _expr(self.need(arg))
        import tutor

        return [tutor.gradient(f)]


@calc
class Hessian(Calc):
    name, usage, summary = "hessian", "hessian EXPR", "the Hessian matrix of second partials"
    example = "hessian x^3 - 3x*y + y^3"

    def run(self, arg: str) -> list[Any]:
        f = _expr(self.need(arg))
        import tutor

        return [tutor.hessian(f)]


@calc
class Critical(Calc):
    name, usage, summary = "critical", "critical EXPR", "critical points and their classification"
    example = "critical x^2 - y^2"

    def run(self, arg: str) -> list[Any]:
        f = _expr(self.need(arg))
        import tutor

        return [tutor.critical_points(f)]  # the whole result: points, families, completeness, remarks


@calc
class Limit(Calc):
    name, usage, summary = "limit", "limit EXPR at x=0,y=0", "a limit, decided along paths"
    example = "limit x*y/(x^2+y^2) at x=0,y=0"

    def run(self, arg: str) -> list[Any]:
        text, words = split_keywords(self.need(arg), ("at",))
        if "at" not in words or not text:
            raise UsageError(f"Say where: {self.usage}   e.g. {self.example}")
        from tutor.engine.inputs import as_point, ordered_variables

        f = _expr(text)
        at = as_point(words["at"], ordered_variables(f)) if "=" not in words["at"] else as_point(words["at"])
        import tutor

        return [tutor.limit(f, at)]


@calc
class Level(Calc):
    name, usage, summary = "level", "level EXPR = c", "the level curve f = c (several c: = 1, 4, 9)"
    example = "level x^2 + y^2 = 4"

    def run(self, arg: str) -> list[Any]:
        parts = split_top_level(self.need(arg), "=")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise UsageError(f"Give the level after '=': {self.usage}   e.g. {self.example}")
        f = _expr(parts[0])
        import tutor

        return [tutor.level_curve(f, _expr(c)) for c in split_top_level(parts[1], ",") if c]


@calc
class Descend(Calc):
    name, usage = "descend", "descend EXPR from START lr 0.1 steps 20"
    summary = "gradient descent, step by step (add: method adam)"
    example = "descend x^2 from 10 lr 0.1 steps 20"
    MAX_STEPS = 100_000

    def run(self, arg: str) -> list[Any]:
        text, words = split_keywords(self.need(arg), ("from", "lr", "steps", "method"))
        if "from" not in words or not text:
            raise UsageError(f"Say where to start: {self.usage}   e.g. {self.example}")
        lr = _number(words.get("lr", "0.1"), "the learning rate (lr)")
        steps_value = _number(words.get("steps", "20"), "the number of steps")
        if steps_value != int(steps_value) or not 1 <= steps_value <= self.MAX_STEPS:
            raise UsageError(f"steps must be a whole number from 1 to {self.MAX_STEPS}")
        f = _expr(text)
        start = _start(words["from"])
        import tutor

        kwargs = {"method": words["method"]} if "method" in words else {}
        return [tutor.descend(f, start, lr, int(steps_value), **kwargs)]


@calc
class Parse(Calc):
    name, usage, summary = "parse", "parse EXPR", "show how calctutor reads what you type"
    example = "parse 3xe^(2x)"

    def run(self, arg: str) -> list[Any]:
        text = self.need(arg)
        from tutor import parse, to_text, to_unicode

        obj = parse(text)
        return [_Reading(to_unicode(obj), to_text(obj))]


class _Reading:
    def __init__(self, unicode: str, text: str):
        self.unicode, self.text = unicode, text

    def render(self, fmt: str) -> str:
        return f"I read it as: {self.text if fmt == 'text' else self.unicode}   (typed: {self.text})"


def _number(text: str, what: str) -> float:
    try:
        value = _expr(text)
        return float(value)
    except (TypeError, ValueError, AttributeError) as exc:
        if type(exc).__name__ == "ParseError":
            raise
        raise UsageError(f"{what} should be a number, not {text!r}") from None


def _start(text: str):
    """A start point: ``10``, ``(1, 2)`` or ``1, 2`` -> a float or a list of floats."""
    value = _expr(text if "," not in text or text.strip()[0] in "([<" else f"({text})")
    try:
        if hasattr(value, "__iter__") and not hasattr(value, "free_symbols") or getattr(value, "is_Tuple", False):
            return [float(v) for v in value]
        return float(value)
    except (TypeError, ValueError):
        raise UsageError(f"the start should be a number or a point such as (1, 2), not {text!r}") from None


def command_words() -> list[str]:
    return sorted(CALCULATOR)


def find(word: str) -> Callable[[str], list[Any]] | None:
    cmd = CALCULATOR.get(word)
    return cmd.run if cmd else None
