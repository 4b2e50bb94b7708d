"""Counting words, said once: "1 point", "2 points", "both points", "x and y, which are not variables".

Every sentence that puts a number or a list of names before a noun or a verb
goes through here, so no message says "1 points", "1 hint(s)" or "sigma and x,
which is not a variable". English only; the irregular plurals the tutor needs
are in :data:`IRREGULAR` (stdlib has no inflection, and two dozen nouns do
not justify a package).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

IRREGULAR = {"is": "are", "was": "were", "has": "have", "does": "do", "this": "these", "it": "they",
             "its": "their", "matrix": "matrices", "vertex": "vertices", "axis": "axes", "minimum": "minima",
             "maximum": "maxima", "one": "ones"}


def is_one(n: Any) -> bool:
    """Singular only for exactly one: 1 point, 0 points, 1.5 points, 0.5 points."""
    try:
        return float(n) == 1.0
    except (TypeError, ValueError):
        return False


def plural(word: str, n: Any = 2, many: str | None = None) -> str:
    """``word`` agreeing with ``n``: plural("point", 2) -> "points", plural("is", 1) -> "is"."""
    if is_one(n):
        return word
    if many is not None:
        return many
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def count(n: Any, word: str, many: str | None = None, shown: str | None = None) -> str:
    """The number and its noun: count(1, "hint") -> "1 hint"; ``shown`` is the number as printed."""
    return f"{n if shown is None else shown} {plural(word, n, many)}"


def every(n: int, word: str, many: str | None = None) -> str:
    """All of a known number: "the point", "both points", "all 3 points"."""
    if n == 1:
        return f"the {word}"
    if n == 2:
        return f"both {plural(word, 2, many)}"
    return f"all {count(n, word, many)}"


def names(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def are_not(items: Sequence[str], noun: str = "variable", where: str = "", which: bool = False) -> str:
    """ "z is not a variable of f", "z and w are not variables of f"; ``which``: "sigma, which is not …"."""
    n = len(items)
    article = ("an " if noun[:1] in "aeiou" else "a ") if n == 1 else ""
    tail = f" {where}" if where else ""
    joint = ", which " if which else " "
    return f"{names(items)}{joint}{plural('is', n)} not {article}{plural(noun, n)}{tail}"


def which_are_not(items: Sequence[str], noun: str = "variable", where: str = "") -> str:
    """ "sigma, which is not a variable", "sigma and x, which are not variables" (+ ``where``)."""
    return are_not(items, noun, where, which=True)
