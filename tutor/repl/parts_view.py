"""What the tutor shows of a multi-part exercise: the stem, one part, the parts so far.

Functions from data to (text, style) lines, like :mod:`tutor.repl.views`; the flow in
:mod:`tutor.repl.parts` decides when to show them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from grader.verdict import WORDS, word
from tutor.repl.markup import render_markdown
from tutor.repl.progress import fmt_points
from tutor.repl.views import Lines, commands_line, kind_tip
from tutor.render.words import count

PART_COMMANDS = (":part N", ":back")  # offered on every part (see docs/repl.md)


@dataclass(frozen=True)
class PartLine:
    """One row of the parts table: where the part stands now."""

    number: int
    name: str
    status: str | None   # None: not answered yet
    earned: float
    points: float
    answer: str = ""


def part_heading(number: int, total: int, name: str, points: float, ascii_only: bool) -> str:
    dot = "|" if ascii_only else "·"
    return f"Part {number} of {total} {dot} {name} {dot} {count(points, 'point', shown=fmt_points(points))}"


def part_body(part_exercise: Any, part_variant: Any, width: int, ascii_only: bool, bold: tuple[str, str],
              hints: Sequence[Any], used: int, hint_cost: Callable[[int], float], solution: bool) -> Lines:
    """The part's own prompt, how to type its answer and the commands (parts' commands included)."""
    prompt = getattr(part_variant, "prompt", None) or getattr(part_exercise, "prompt", "")
    out: Lines = [(render_markdown(str(prompt), width=width, ascii_only=ascii_only, bold=bold), None)]
    tip = kind_tip(part_exercise, part_variant)
    if tip:
        out.append((tip, "note"))
    out.append(commands_line(hints, used, hint_cost, solution, PART_COMMANDS))
    return out


def status_words(status: str | None) -> str:
    """``Carried forward (right for your earlier answer)``; ``not answered`` for a part not tried."""
    if status is None:
        return "not answered"
    found = WORDS.get(status)
    if found is not None and found.note and status not in ("invalid", "undecided"):
        return f"{found.word} ({found.note})"
    return word(status)


def parts_table(rows: Sequence[PartLine], current: int | None, ascii_only: bool) -> Lines:
    """The parts with their verdicts and credit, the current one marked; then the total."""
    width = max((len(r.name) for r in rows), default=0)
    said = [status_words(r.status) for r in rows]
    swidth = max((len(s) for s in said), default=0)
    mark = ">" if ascii_only else "▸"
    out: Lines = []
    for r, text in zip(rows, said):
        pointer = mark if r.number == current else " "
        score = f"{fmt_points(r.earned)} of {fmt_points(r.points)}"
        style = "dim" if r.status is None else (r.status if r.status in ("correct", "incorrect", "partial") else None)
        out.append((f" {pointer}{r.number:>2}. {r.name:<{width}}  {text:<{swidth}}  {score}".rstrip(), style))
    earned = round(sum(r.earned for r in rows), 2)
    possible = sum(r.points for r in rows)
    out.append((f"Total so far: {fmt_points(earned)} of {count(possible, 'point', shown=fmt_points(possible))}.",
                "strong"))
    return out


def changed_line(label: str, before: str | None, after: str | None, earlier: str) -> str:
    """Say that a later part's verdict changed because an earlier answer did (never silently)."""
    return (f"{label} is graded again with your new answer to {earlier}: now {status_words(after)}, "
            f"it was {status_words(before)}.")
