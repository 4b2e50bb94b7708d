"""The task protocol, the registry, and the context that reads a variant's inputs.

``Task.solve(ctx)`` computes the answer with the engine and returns a
:class:`Solved`: the answer (a SymPy object), how it is graded, a worked
solution and candidate mistakes. ``Context`` turns raw TOML inputs into SymPy
objects with the variant's parameters substituted, via ``tutor.parse`` only.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from importlib.util import find_spec
from typing import Any, ClassVar

from exercises.errors import BankError
from exercises.schema import Field

from tutor.reading.split import split_top_level
from tutor.render.words import count

TASKS: dict[str, type["Task"]] = {}


def register(cls: type["Task"]) -> type["Task"]:
    """Class decorator: make a task available under ``cls.name``."""
    if cls.name in TASKS and TASKS[cls.name] is not cls:
        raise RuntimeError(f"two tasks are called {cls.name!r}")
    TASKS[cls.name] = cls
    return cls


@dataclass(frozen=True)
class Solved:
    """What a task computed for one variant."""

    answer: Any  # SymPy object (or bool / label for questions)
    kind: str  # grader kind
    # render nodes (tutor.render Line / Step / Table), or a function that makes them: run only when shown
    solution: tuple | Callable[[], tuple] = ()
    answer_text: str | None = None  # typed form; default tutor.to_text(answer)
    # tutor.engine.mistakes.Mistake candidates, or a function that makes them: run only for a wrong answer
    mistakes: tuple | Callable[[], Iterable[Any]] = ()
    options: Mapping[str, Any] = field(default_factory=dict)  # extra grader options
    result: Any = None  # the engine's result object, for figures and JSON
    figure: tuple | None = None  # (plot kind, data) for Variant.figure
    appendix: str = ""  # prompt text the task adds (the choices of a multiple-choice question)


class Task:
    """One kind of question. Subclasses set ``name``, ``kind``, ``fields`` and implement ``solve``."""

    name: ClassVar[str] = ""
    kind: ClassVar[str] = "expression"
    kinds: ClassVar[tuple[str, ...]] = ()  # other kinds an author may choose
    fields: ClassVar[dict[str, Field]] = {}
    engine: ClassVar[tuple[str, ...]] = ()  # modules the task needs
    summary: ClassVar[str] = ""

    @classmethod
    def kind_for(cls, inputs: Mapping[str, Any]) -> str:
        """The grading kind for these raw inputs (some tasks switch, e.g. a derivative at a point)."""
        return cls.kind

    @classmethod
    def check_inputs(cls, inputs: Mapping[str, Any]) -> None:
        """Cross-field checks at load time; raise BankError naming the field."""

    @classmethod
    def available(cls) -> bool:
        """Whether the engine modules this task needs are installed."""
        return all(_module_exists(m) for m in cls.engine)

    @classmethod
    def missing(cls) -> tuple[str, ...]:
        return tuple(m for m in cls.engine if not _module_exists(m))

    @classmethod
    def option_truths(cls, variant: Any) -> dict[str, bool | None]:
        """For a multiple-choice variant: each choice's letter -> whether the engine finds it true
        (None: it cannot tell). Empty when the task computes no choice; ``bank validate`` flags
        questions with more than one true choice, or a marked answer that is false."""
        return {}

    def solve(self, ctx: "Context") -> Solved:  # pragma: no cover - each task implements it
        raise NotImplementedError


def _module_exists(name: str) -> bool:
    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


class Context:
    """A variant's inputs, read on demand with the parameters substituted.

    Every value read is also recorded in ``facts`` under its field name, so a
    prompt can show it (``{function}``, ``{lr}``, ``{point}``).
    """

    def __init__(self, inputs: Mapping[str, Any], params: Mapping[str, Any]):
        import sympy as sp

        self.inputs = inputs
        self.params = dict(params)  # name -> SymPy value
        self.symbols = {sp.Symbol(n): v for n, v in self.params.items()}
        self.facts: dict[str, Any] = {}

    # ---- raw access
    def has(self, name: str) -> bool:
        return name in self.inputs

    def raw(self, name: str, default: Any = None) -> Any:
        return self.inputs.get(name, default)

    # ---- conversions
    def expr(self, name: str, variables: Any = None, value: Any = None):
        """The field ``name`` (or ``value``) as a SymPy object, parameters substituted."""
        raw = self.inputs.get(name) if value is None else value
        if raw is None:
            raise BankError("is required", field=name)
        out = self.read(raw, name, variables)
        if value is None:
            self.facts[name] = out
        return out

    def read(self, raw: Any, name: str, variables: Any = None):
        import sympy as sp

        if isinstance(raw, bool):
            raise BankError("expected an expression, not true/false", field=name)
        if isinstance(raw, int):
            return sp.Integer(raw)
        if isinstance(raw, float):
            return sp.Rational(repr(raw))
        if not isinstance(raw, str):
            raise BankError(f"expected an expression, got {raw!r}", field=name)
        from tutor import ParseError, parse

        names = [str(v) for v in (variables or ())] + list(self.params)
        try:
            parsed = parse(raw, variables=list(dict.fromkeys(names)) or None)
        except ParseError as exc:
            raise BankError(f"cannot read {raw!r}: {getattr(exc, 'message', str(exc))}", field=name) from None
        return self.substitute(parsed)

    def substitute(self, obj: Any):
        if not self.symbols or not hasattr(obj, "subs"):
            return obj
        return obj.subs(self.symbols)

    def number(self, name: str, default: Any = None):
        """A field that must be a number once parameters are substituted."""
        if name not in self.inputs and default is not None:
            value = self.read(default, name)
        else:
            value = self.expr(name)
        if getattr(value, "free_symbols", None):
            raise BankError(f"must be a number, but {value} has free names", field=name)
        self.facts[name] = value
        return value

    def integer(self, name: str, default: int | None = None) -> int:
        value = self.inputs.get(name, default)
        if value is None:
            raise BankError("is required", field=name)
        self.facts[name] = value
        return int(value)

    def names(self, name: str) -> tuple | None:
        """Declared variable names as Symbols, or None when the field is absent."""
        import sympy as sp

        raw = self.inputs.get(name)
        if raw is None:
            return None
        if isinstance(raw, str):
            raw = (raw,)
        return tuple(sp.Symbol(n) for n in raw)

    def variables(self, f: Any, name: str = "variables") -> tuple:
        """The declared variables, else the function's free names in the documented order."""
        from tutor.engine.inputs import ordered_variables

        declared = self.names(name)
        out = ordered_variables(f, declared)
        self.facts.setdefault(name, out)
        return out

    def vector(self, name: str, variables: Any = None) -> tuple:
        import sympy as sp

        raw = self.inputs.get(name)
        if raw is None:
            raise BankError("is required", field=name)
        if isinstance(raw, (str, int, float)):
            value = self.read(raw, name, variables)
            items = tuple(value) if isinstance(value, (sp.Tuple, tuple)) else (value,)
        else:
            items = tuple(self.read(v, name, variables) for v in raw)
        self.facts[name] = sp.Tuple(*items) if len(items) > 1 else items[0]
        return items

    def point(self, name: str, variables: tuple) -> dict:
        """A point as {Symbol: value}, matched to ``variables`` when given as coordinates."""
        import sympy as sp

        raw = self.inputs.get(name)
        if raw is None:
            raise BankError("is required", field=name)
        if isinstance(raw, Mapping):
            point = {sp.Symbol(k): self.read(v, name) for k, v in raw.items()}
        elif isinstance(raw, str) and "=" in raw:
            point = {}
            for part in filter(None, split_top_level(raw)):
                key, _, value = part.partition("=")
                point[sp.Symbol(key.strip())] = self.read(value.strip(), name)
        else:
            coords = self.vector(name)
            if len(coords) != len(variables):
                raise BankError(f"the point has {count(len(coords), 'coordinate')} but the function has "
                                f"{count(len(variables), 'variable')}: {', '.join(map(str, variables))}", field=name)
            point = dict(zip(variables, coords))
        missing = [str(v) for v in variables if v not in point]
        if missing:
            raise BankError(f"the point gives no value for {', '.join(missing)}", field=name)
        self.facts[name] = point_tuple(point, variables)
        return point

    def matrix(self, name: str):
        import sympy as sp

        raw = self.inputs.get(name)
        if raw is None:
            raise BankError("is required", field=name)
        rows = [[self.read(v, name) for v in row] for row in raw]
        value = sp.Matrix(rows)
        self.facts[name] = value
        return value


def point_tuple(point: Mapping, variables: tuple):
    """The point as a SymPy Tuple in the variables' order (a bare value for one variable)."""
    import sympy as sp

    values = [point[v] for v in variables]
    return values[0] if len(values) == 1 else sp.Tuple(*values)
