"""Read a grading corpus: TOML groups of (expected, typed answer, label[, mistake or feedback]).

The corpus in ``tests/data/grading*.toml`` is the checker's acceptance test and
its benchmark; teachers can keep their own in the same format to test options.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Case:
    group: str
    expected: Any
    answer: str
    label: str
    kind: str | None = None
    options: dict = field(default_factory=dict)
    mistake: str | None = None
    feedback: str | None = None
    error: str | None = None

    def check(self, **extra: Any):
        import grader

        return grader.check(self.expected, self.answer, kind=self.kind, **{**self.options, **extra})


def load(*paths: str | Path) -> list[Case]:
    cases: list[Case] = []
    for path in paths:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        for group in data.get("group", []):
            cases.extend(_group(group, str(path)))
    return cases


def _group(g: dict, where: str) -> list[Case]:
    from tutor.engine.mistakes import Mistake
    from tutor.reading.parser import parse

    name = g.get("name", "?")
    kind = g.get("kind")
    options = dict(g.get("options", {}))
    if "points" in g:
        expected = {tuple(parse(p)): k for p, k in g["points"]}
    elif "expected" in g:
        expected = g["expected"]
    else:
        raise ValueError(f"{where}: group {name!r} has no expected answer")
    mistakes = []
    for m in g.get("mistakes", []):
        expr = m["expr"] if kind == "multiple_choice" else parse(m["expr"])
        mistakes.append(Mistake(m["key"], m["description"], expr))
    if mistakes:
        options["mistakes"] = mistakes
    out = []
    for item in g.get("cases", []):
        answer, label, *rest = item
        extra = rest[0] if rest else None
        mistake = feedback = error = None
        if isinstance(extra, str):
            mistake = extra
        elif isinstance(extra, dict):
            mistake, feedback, error = extra.get("mistake"), extra.get("feedback"), extra.get("error")
        out.append(Case(name, expected, answer, label, kind, options, mistake, feedback, error))
    return out
