"""The diagnosis corpus: typed answers with the slip the grader should name, and how often it does.

A row is right when the grader names the expected slip (or, where none fits, names none). A
*wrong name* (another slip, or a slip where none fits) is counted apart from a *missed* one:
telling a student the wrong reason is worse than saying "not one of the slips I know".
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.checking import check_variant


@dataclass(frozen=True)
class Slip:
    exercise: str | None  # a bank exercise (graded against variant ``seed``), or None for a grader.check row
    answer: str
    mistake: str  # the expected key; "" when no known slip fits
    why: str
    seed: int = 0
    expected: str | None = None  # grader.check rows
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def task(self) -> str:
        return "generic" if self.exercise is None else self.exercise


@dataclass(frozen=True)
class Named:
    slip: Slip
    got: str  # the key the grader named ("" for none)
    status: str

    @property
    def right(self) -> bool:
        return self.got == self.slip.mistake and self.status in ("incorrect", "partial")

    @property
    def wrong_name(self) -> bool:
        return bool(self.got) and self.got != self.slip.mistake


@dataclass(frozen=True)
class Figures:
    rows: int
    right: int
    wrong_names: int
    missed: int

    @property
    def share(self) -> float:
        return self.right / self.rows if self.rows else 0.0


def load(path: str | Path) -> list[Slip]:
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    rows = [Slip(r["exercise"], r["answer"], r["mistake"], r["why"], int(r.get("seed", 0)))
            for r in data.get("row", [])]
    rows += [Slip(None, r["answer"], r["mistake"], r["why"], expected=r["expected"],
                  options=tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in r.items()
                                       if k in ("kind", "variables"))))
             for r in data.get("check", [])]
    return rows


def name(slip: Slip, bank: Any = None) -> Named:
    """Grade one row and report the slip the grader named."""
    if slip.exercise is None:
        import grader

        opts = dict(slip.options)
        verdict = grader.check(slip.expected, slip.answer, kind=opts.pop("kind", None), **opts)
    else:
        verdict = check_variant(bank[slip.exercise].variant(slip.seed), slip.answer)
    return Named(slip, verdict.mistake or "", verdict.status)


def figures(named: Iterable[Named]) -> Figures:
    named = list(named)
    right = sum(n.right for n in named)
    wrong = sum(n.wrong_name for n in named)
    return Figures(len(named), right, wrong, len(named) - right - wrong)
