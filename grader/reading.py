"""Reading a learner's answer: only through ``tutor.parse``, cached per text.

Many learners type the same answer, and a re-grade reads the same texts again,
so a parse (or its error) is computed once per (text, variables). Nothing here
evaluates text: ``tutor.parse`` builds SymPy objects node by node.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

import sympy as sp

_DECIMAL = re.compile(r"\d\.\d|(?<![\w.])\.\d|\d\.(?![\d.])")
MAX_CACHE = 20_000


class Unreadable(Exception):
    """The answer could not be read: ``error`` is the parser's message with its caret."""

    def __init__(self, error: str, column: int | None = None):
        super().__init__(error)
        self.error = error
        self.column = column

    def __reduce__(self):
        return (type(self), (self.error, self.column))


class _Cache:
    """A small LRU of parse outcomes (SymPy objects are immutable, so sharing is safe)."""

    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict = OrderedDict()

    def get(self, key):
        hit = self.data.get(key)
        if hit is not None:
            self.data.move_to_end(key)
        return hit

    def put(self, key, value) -> None:
        self.data[key] = value
        if len(self.data) > self.size:
            self.data.popitem(last=False)

    def clear(self) -> None:
        self.data.clear()


_cache = _Cache(MAX_CACHE)


def clear_cache() -> None:
    """Forget cached parses (benchmarks use this to time cold reading)."""
    _cache.clear()
    try:
        from tutor.reading import parser

        parser.clear_cache()
    except (ImportError, AttributeError):
        pass


def read(text: str, variables: tuple[str, ...] | None = None) -> Any:
    """``tutor.parse(text)`` or :class:`Unreadable` with the parser's message and caret."""
    key = (text, variables)
    hit = _cache.get(key)
    if hit is None:
        hit = _parse(text, variables)
        _cache.put(key, hit)
    ok, value = hit
    if ok:
        return value
    raise value


def _parse(text: str, variables: tuple[str, ...] | None) -> tuple[bool, Any]:
    from tutor.reading.errors import ParseError
    from tutor.reading.parser import parse

    try:
        return True, parse(text, variables=list(variables) if variables else None)
    except ParseError as exc:
        if exc.internal:
            raise  # the reader's failure, not the learner's: the check says undecided
        return False, Unreadable(str(exc), exc.column)
    except RecursionError:
        return False, Unreadable("Your answer is nested too deeply to read.")


_LITERAL = re.compile(r"(?<![\w.])(\d*\.\d+|\d+\.)(?![\d.])")


def decimal_literals(text: Any) -> frozenset | None:
    """The decimals typed in ``text`` (absolute values, exact), or None when it is not text."""
    if not isinstance(text, str):
        return None
    from fractions import Fraction

    out = set()
    for m in _LITERAL.finditer(text):
        lit = m.group(1)
        try:
            out.add(Fraction(lit if not lit.endswith(".") else lit[:-1]))
        except ValueError:
            continue
    return frozenset(out)


def has_decimals(text: Any, obj: Any = None) -> bool:
    """Was the answer typed with decimals (so a tolerance applies)?"""
    if isinstance(text, str):
        return bool(_DECIMAL.search(text))  # the reader makes no floats: decimals come from the text
    if isinstance(obj, sp.Basic):
        return bool(obj.atoms(sp.Float))
    return False
