"""Random parameters declared as data, and the seeded choice of one variant.

A parameter is an integer (or rational) range, a list of choices, or a fixed
value. Conditions (``a != b``) filter the combinations. The choice for a seed
comes from SHA-256 of (exercise id, seed), so a student's variant is the same on
every run, machine and Python version (``hash()`` is salted; ``random`` may change).
"""
from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Union

from exercises.conditions import Condition, ConditionError, parse_condition
from exercises.errors import BankError
from tutor.render.words import plural

Value = Union[Fraction, str]  # a number, or expression text read later with tutor.parse

MAX_VALUES = 10_000  # per parameter
ENUMERATE_LIMIT = 50_000  # combinations enumerated exactly; beyond, rejection sampling
REJECTION_TRIES = 500
SAMPLE_CHECKS = 2_000  # combinations sampled at loading when there are too many to enumerate
MIN_SHARE = 0.05  # of them at least this share must meet the conditions (a variant then fails 1 in 10^11)

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)(\s*/\s*\d+)?\s*$")
# names the expression reader gives a meaning, so a parameter may not take them
RESERVED = frozenset({
    "e", "E", "pi", "i", "I", "oo", "inf", "DNE", "dne", "exp", "log", "ln", "sqrt", "sin", "cos",
    "tan", "sec", "csc", "cot", "abs", "sign", "and", "or", "not",
})


@dataclass(frozen=True)
class Parameter:
    name: str
    values: tuple[Value, ...]

    @property
    def numeric(self) -> bool:
        return all(isinstance(v, Fraction) for v in self.values)


@dataclass(frozen=True)
class ParameterSpace:
    """The declared parameters with their conditions; picks a combination per seed."""

    parameters: tuple[Parameter, ...] = ()
    conditions: tuple[Condition, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parameters)

    @property
    def size(self) -> int:
        """Combinations before conditions."""
        n = 1
        for p in self.parameters:
            n *= len(p.values)
        return n

    @cached_property
    def valid(self) -> tuple[tuple[Value, ...], ...] | None:
        """Every combination that meets the conditions, in a fixed order (None if too many)."""
        if self.size > ENUMERATE_LIMIT:
            return None
        combos = itertools.product(*(p.values for p in self.parameters))
        return tuple(c for c in combos if self._ok(c))

    def count(self) -> int | None:
        valid = self.valid
        return None if valid is None else len(valid)

    def choose(self, exercise_id: str, seed: Any) -> dict[str, Value]:
        """The parameter values of the variant ``seed`` of ``exercise_id``."""
        if not self.parameters:
            return {}
        valid = self.valid
        if valid is not None:
            if not valid:
                raise BankError("no choice of parameters meets the conditions", field="conditions")
            combo = valid[stable_int(exercise_id, seed) % len(valid)]
            return dict(zip(self.names, combo))
        for attempt in range(REJECTION_TRIES):
            combo = tuple(p.values[stable_int(exercise_id, seed, attempt, p.name) % len(p.values)]
                          for p in self.parameters)
            if self._ok(combo):
                return dict(zip(self.names, combo))
        raise BankError(f"no choice of parameters met the conditions in {REJECTION_TRIES} tries",
                        field="conditions")

    def _ok(self, combo: Sequence[Value]) -> bool:
        values = {n: v for n, v in zip(self.names, combo) if isinstance(v, Fraction)}
        return all(c.holds(values) for c in self.conditions)


def sympy_values(chosen: Mapping[str, Value]) -> dict[str, Any]:
    """Chosen parameter values as SymPy objects: fractions exact, other choices read with tutor.parse."""
    import sympy as sp

    from tutor import ParseError, parse

    out: dict[str, Any] = {}
    for name, value in chosen.items():
        if isinstance(value, Fraction):
            out[name] = sp.Rational(value.numerator, value.denominator)
            continue
        try:
            out[name] = parse(value)
        except ParseError as exc:
            raise BankError(f"cannot read the choice {value!r}: {getattr(exc, 'message', exc)}",
                            field=f"parameters.{name}") from None
    return out


def stable_int(*parts: Any) -> int:
    """A 256-bit integer from SHA-256 of the parts' text: identical everywhere."""
    text = "\x1f".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")


def seed_for(exercise_id: str, student: Any) -> str:
    """The seed of a student's variant: a short hex digest of (exercise id, student id)."""
    text = f"{exercise_id}\x1f{student}"
    return "s" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- declarations


def parse_space(declared: Any, conditions: Any) -> ParameterSpace:
    """Read ``[parameters]`` and ``conditions`` from a bank entry (raises BankError)."""
    if declared is None:
        declared = {}
    if not isinstance(declared, Mapping):
        raise BankError("must be a table of name = declaration", field="parameters")
    params = []
    for name, spec in declared.items():
        field = f"parameters.{name}"
        if not _NAME.match(name):
            raise BankError("a parameter name is a letter followed by letters, digits or _", field=field)
        if name in RESERVED:
            raise BankError(f"{name!r} already means something in mathematics; choose another name",
                            field=field)
        params.append(Parameter(name, _values(spec, field)))
    conds = []
    if conditions is None:
        conditions = []
    if isinstance(conditions, str):
        conditions = [conditions]
    if not isinstance(conditions, list) or not all(isinstance(c, str) for c in conditions):
        raise BankError("must be a list of conditions such as \"a != b\"", field="conditions")
    numeric = {p.name for p in params if p.numeric}
    for i, text in enumerate(conditions):
        field = f"conditions[{i}]"
        try:
            cond = parse_condition(text)
        except ConditionError as exc:
            raise BankError(str(exc), field=field) from None
        unknown = sorted(cond.names - numeric)
        if unknown:
            what = "is not a numeric parameter" if len(unknown) == 1 else "are not numeric parameters"
            raise BankError(f"{', '.join(map(repr, unknown))} {what}", field=field)
        conds.append(cond)
    space = ParameterSpace(tuple(params), tuple(conds))
    try:
        if space.count() == 0:
            raise BankError("no choice of parameters meets the conditions", field="conditions")
        if space.count() is None:
            _check_sampling(space)
    except ConditionError as exc:
        raise BankError(str(exc), field="conditions") from None
    return space


def _check_sampling(space: ParameterSpace) -> None:
    """Too many combinations to list: make sure seeded sampling will find valid ones.

    A rare condition over a huge space (one in a million) would make every variant fail
    after REJECTION_TRIES attempts, so it is refused when the bank is loaded.
    """
    met = sum(space._ok(tuple(p.values[stable_int("sample", k, p.name) % len(p.values)]
                              for p in space.parameters)) for k in range(SAMPLE_CHECKS))
    if met < MIN_SHARE * SAMPLE_CHECKS:
        raise BankError(f"the conditions hold for only {met} of {SAMPLE_CHECKS:,} sampled choices among "
                        f"{space.size:,} combinations, too few to pick variants reliably; narrow the "
                        f"ranges (at most {ENUMERATE_LIMIT:,} combinations are listed exactly) or loosen "
                        "the conditions", field="conditions")


def _values(spec: Any, field: str) -> tuple[Value, ...]:
    if isinstance(spec, list):
        spec = {"choices": spec}
    if not isinstance(spec, Mapping):
        return (_value(spec, field),)
    keys = set(spec)
    unknown = keys - {"range", "step", "exclude", "choices", "value"}
    if unknown:
        raise BankError(f"unknown {plural('key', len(unknown))} {', '.join(sorted(unknown))}; use range (with step, exclude), "
                        "choices or value", field=field)
    if len(keys & {"range", "choices", "value"}) != 1:
        raise BankError("give exactly one of range = [low, high], choices = [...] or value = ...", field=field)
    if "value" in spec:
        return (_value(spec["value"], f"{field}.value"),)
    if "choices" in spec:
        choices = spec["choices"]
        if not isinstance(choices, list) or not choices:
            raise BankError("choices must be a non-empty list", field=f"{field}.choices")
        values = tuple(_value(v, f"{field}.choices") for v in choices)
    else:
        values = _range(spec, field)
    exclude = spec.get("exclude", [])
    if not isinstance(exclude, list):
        exclude = [exclude]
    dropped = {_value(v, f"{field}.exclude") for v in exclude}
    values = tuple(v for v in values if v not in dropped)
    if not values:
        raise BankError("no values are left", field=field)
    if len(set(values)) != len(values):
        raise BankError("the same value is listed twice", field=field)
    return values


def _range(spec: Mapping, field: str) -> tuple[Value, ...]:
    bounds = spec["range"]
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise BankError("range must be [low, high] (both included)", field=f"{field}.range")
    low, high = (_number(b, f"{field}.range") for b in bounds)
    step = _number(spec.get("step", 1), f"{field}.step")
    if step <= 0:
        raise BankError("step must be positive", field=f"{field}.step")
    if high < low:
        raise BankError("range is [low, high] with low <= high", field=f"{field}.range")
    count = int((high - low) / step) + 1
    if count > MAX_VALUES:
        raise BankError(f"range has {count} values; at most {MAX_VALUES}", field=f"{field}.range")
    return tuple(low + k * step for k in range(count))


def _number(v: Any, field: str) -> Fraction:
    value = _value(v, field)
    if not isinstance(value, Fraction):
        raise BankError(f"expected a number, got {v!r}", field=field)
    return value


def _value(v: Any, field: str) -> Value:
    """Numbers become exact fractions (0.1 is 1/10); other text is kept for tutor.parse."""
    if isinstance(v, bool):
        raise BankError("expected a number or an expression, not true/false", field=field)
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise BankError("expected a finite number", field=field)
        return Fraction(repr(v))
    if isinstance(v, str) and v.strip():
        if _NUMBER.match(v):
            try:
                return Fraction(v.replace(" ", ""))
            except (ValueError, ZeroDivisionError):
                raise BankError(f"cannot read {v!r} as a number", field=field) from None
        return v.strip()
    raise BankError(f"expected a number or an expression, got {v!r}", field=field)
