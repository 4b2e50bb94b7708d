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


def _points(pairs: list) -> dict:
    from tutor.reading.parser import parse

    return {tuple(parse(p)): k for p, k in pairs}


def _group(g: dict, where: str) -> list[Case]:
    from tutor.engine.mistakes import Mistake
    from tutor.reading.parser import parse

    name = g.get("name", "?")
    kind = g.get("kind")
    options = dict(g.get("options", {}))
    if "points" in g:
        expected = _points(g["points"])
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


# -- Outside corpora (tests/data/outside/*.toml) ------------------------------------------
# Rows taken from other graders' public test suites, each with its source and the verdict the
# source states. The verdict we hold the checker to is that verdict, translated to a status,
# unless the row records a convention (an outside system's own rule) and our expectation.

VERDICT_LABELS = {"equivalent": ("correct",), "not equivalent": ("incorrect", "partial"), "invalid": ("invalid",)}


@dataclass(frozen=True)
class OutsideCase:
    id: str
    source: dict
    test: str
    reference: Any
    answer: str
    expected: str  # the source's verdict: equivalent, not equivalent or invalid
    accept: tuple[str, ...]  # statuses that grade this row right
    kind: str | None = None
    options: dict = field(default_factory=dict)
    convention: str | None = None
    note: str | None = None

    def check(self, **extra: Any):
        import grader

        return grader.check(self.reference, self.answer, kind=self.kind, **{**self.options, **extra})


def load_outside(*paths: str | Path) -> list[OutsideCase]:
    """Rows of outside corpora: ``[[source]]`` tables and ``[[group]]`` tables of rows."""
    cases: list[OutsideCase] = []
    for path in paths:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
        sources = {s["key"]: s for s in data.get("source", [])}
        for g in data.get("group", []):
            cases.extend(_outside_group(g, sources, str(path)))
    return cases


def _outside_group(g: dict, sources: dict, where: str) -> list[OutsideCase]:
    gid = g["id"]
    if g.get("source") not in sources:
        raise ValueError(f"{where}: group {gid!r} names an unknown source {g.get('source')!r}")
    source = sources[g["source"]]
    out = []
    for n, row in enumerate(g.get("rows", []), 1):
        reference, answer, expected, *rest = row
        extra = rest[0] if rest else {}
        if isinstance(reference, dict):  # {points = [[point, kind], ...]}: a classified point set
            reference = _points(reference["points"])
        if expected not in VERDICT_LABELS:
            raise ValueError(f"{where}: {gid}-{n}: verdict {expected!r} is not one of {sorted(VERDICT_LABELS)}")
        ours = extra.get("our_expectation")
        if extra.get("convention") and not ours:
            raise ValueError(f"{where}: {gid}-{n}: a convention needs our_expectation")
        accept = tuple(extra.get("accept", ())) or (VERDICT_LABELS[ours] if ours else VERDICT_LABELS[expected])
        out.append(OutsideCase(
            id=f"{gid}-{n}", source=source, test=g.get("test", ""), reference=reference, answer=answer,
            expected=expected, accept=accept, kind=extra.get("kind", g.get("kind")),
            options={**g.get("options", {}), **extra.get("options", {})},
            convention=extra.get("convention"), note=extra.get("note") or g.get("note")))
    return out
