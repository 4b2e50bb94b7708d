"""The document model every result renders through.

A sentence is a :class:`Line` of parts: plain words (``str``) and
mathematics (:class:`Math`). Steps nest, so a derivation tree keeps its shape.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union


@dataclass(frozen=True)
class Math:
    """A mathematical object inside a sentence; ``display`` puts it on its own line."""

    obj: Any
    display: bool = False


Part = Union[str, Math]


@dataclass(frozen=True)
class Line:
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Step:
    """One worked step: a headline and the steps beneath it."""

    head: Line
    children: tuple["Node", ...] = ()


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[Part, ...], ...]


Node = Union[Line, Step, Table]


@dataclass(frozen=True)
class Doc:
    title: Line | None = None
    nodes: tuple[Node, ...] = field(default_factory=tuple)


def line(*parts: Any) -> Line:
    """Words stay words; anything else is mathematics."""
    out: list[Part] = []
    for p in parts:
        if isinstance(p, (str, Math)):
            out.append(p)
        elif p is None:
            continue
        else:
            out.append(Math(p))
    return Line(tuple(out))


def display(obj: Any) -> Line:
    """A line holding one displayed formula."""
    return Line((Math(obj, display=True),))
