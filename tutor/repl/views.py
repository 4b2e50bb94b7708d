"""What the tutor shows: topic tables, an exercise, a topic's exercises, progress.

Functions from data to (text, style) lines; the session decides when to show them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from exercises.answer_tips import plain_tip
from tutor.repl.markup import render_markdown
from tutor.repl.progress import ExerciseState, TopicSummary, fmt_points
from tutor.render.words import count, plural

Lines = list[tuple[str, str | None]]

def kind_tip(ex: Any, variant: Any) -> str | None:
    """How to type this answer, on one line (the bank's tip table, shared with the teacher's sheets)."""
    kind = getattr(variant, "kind", None) or getattr(ex, "kind", "expression")
    classify = bool((getattr(variant, "grading", None) or {}).get("classify"))
    points = True
    if kind == "point_set":
        answer = getattr(variant, "answer", None)
        elements = list(getattr(answer, "args", ()) or ()) if answer is not None else []
        points = any(getattr(e, "is_Tuple", False) or isinstance(e, tuple) for e in elements) \
            or (not elements and "(" in str(getattr(variant, "answer_text", "(")))
    return plain_tip(str(kind), classify, points)


STATUS_MARKS = {  # unicode, ascii
    "solved": ("✓", "+"), "partial": ("½", "~"), "wrong": ("✗", "x"), "undecided": ("?", "?"),
    "seen": ("○", "o"), "skipped": ("»", ">"), "new": ("·", "."),
}


def topic_title(topic: str) -> str:
    """The course's name for a topic id (the bank's table), else the id itself."""
    try:
        from exercises.topics import TOPICS
    except Exception:  # a bank without a topic table: ids are names enough
        return topic
    return TOPICS.get(topic, topic)


def find_topic(name: str, topics: Sequence[str]) -> str | None:
    """A topic from its id, number, or (part of) its title; None for 'all'; a UsageError otherwise."""
    import difflib

    from tutor.repl.calculator import UsageError

    text = name.strip().lower()
    if text in ("", "all", "any", "none", "*"):
        return None
    if text.isdigit() and 1 <= int(text) <= len(topics):
        return topics[int(text) - 1]
    for t in topics:
        if text in (t.lower(), topic_title(t).lower()):
            return t
    found = [t for t in topics if text in t.lower() or text in topic_title(t).lower()]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"'{name}' matches several topics: {', '.join(found)}")
    close = difflib.get_close_matches(text, list(topics), n=1)
    hint = f" Did you mean {close[0]}?" if close else " Type :topics to see them."
    raise UsageError(f"There is no topic '{name}'.{hint}")


def topic_table(summaries: Sequence[TopicSummary], current: str | None = None) -> Lines:
    if not summaries:
        return [("The exercise bank is empty.", "dim")]
    width = max(len(topic_title(s.topic)) for s in summaries)
    out: Lines = []
    for n, s in enumerate(summaries, 1):
        mark = "▸" if s.topic == current else " "
        solved = f"{s.solved}/{s.total}".rjust(5) + " solved"
        pts = f"{fmt_points(s.earned)} of {fmt_points(s.possible)}".rjust(10) + f" {plural('point', s.possible):<6}"
        style = "dim" if s.attempted == 0 else ("correct" if s.solved == s.total and s.total else None)
        out.append((f" {mark}{n:>2}. {topic_title(s.topic):<{width}} {solved}  {pts}".rstrip(), style))
    return out


def totals_line(summaries: Sequence[TopicSummary]) -> str:
    total = sum(s.total for s in summaries)
    solved = sum(s.solved for s in summaries)
    earned = sum(s.earned for s in summaries)
    possible = sum(s.possible for s in summaries)
    return (f"In all: {solved} of {count(total, 'exercise')} solved, "
            f"{fmt_points(earned)} of {count(possible, 'point', shown=fmt_points(possible))}.")


def exercise_header(ex: Any, width: int, ascii_only: bool, points: float | None = None) -> Lines:
    pts = float(getattr(ex, "points", 1) or 0) if points is None else points
    dot = "|" if ascii_only else "·"
    label = f" {ex.id} {dot} {topic_title(ex.topic)} {dot} {count(pts, 'point', shown=fmt_points(pts))} "
    rule = "-" if ascii_only else "─"
    pad = max(4, width - len(label) - 2)
    return [(rule * 2 + label + rule * pad, "title"), (str(getattr(ex, "title", "")), "strong")]


def exercise_body(ex: Any, variant: Any, state: ExerciseState | None, width: int, ascii_only: bool,
                  bold: tuple[str, str], hints: Sequence[Any] | None = None,
                  hint_cost: Callable[[int], float] | None = None, solution: bool = True) -> Lines:
    """The prompt, how to type the answer, the commands (``hints``/``hint_cost``/``solution``: an
    assignment's rules, else the bank's) and the exercise's history."""
    prompt = getattr(variant, "prompt", None) or getattr(ex, "prompt", "")
    out: Lines = [(render_markdown(str(prompt), width=width, ascii_only=ascii_only, bold=bold), None)]
    tip = kind_tip(ex, variant)
    if tip:
        out.append((tip, "note"))
    hints = tuple(getattr(ex, "hints", ()) or ()) if hints is None else tuple(hints)
    out.append(commands_line(hints, state.hints_used if state else 0, hint_cost, solution))
    if state is not None and state.status != "new":
        out.append((history_line(state, float(getattr(ex, "points", 1) or 0)), "note"))
    return out


def commands_line(hints: Sequence[Any], used: int, hint_cost: Callable[[int], float] | None, solution: bool,
                  more: Sequence[str] = ()) -> tuple[str, str | None]:
    """``Commands: :hint (1 left, the next costs 0.5 points)  :solution  :skip  :plot  :help``;
    ``more``: commands of the moment (a multi-part exercise's :part and :back)."""
    parts = []
    if hints and used < len(hints):
        cost = hint_cost(used) if hint_cost is not None else float(getattr(hints[used], "cost", 0) or 0)
        price = f"costs {count(cost, 'point', shown=fmt_points(cost))}" if cost else "free"
        parts.append(f":hint ({len(hints) - used} left, the next {price})")
    parts += [":solution"] if solution else []
    parts += [*more, ":skip", ":plot", ":help"]
    return ("Commands: " + "  ".join(parts), "dim")


def history_line(state: ExerciseState, points: float) -> str:
    bits = []
    if state.attempts:
        bits.append(f"{count(state.attempts, 'answer')}")
    if state.hints_used:
        bits.append(f"{count(state.hints_used, 'hint')}")
    if state.solution_seen:
        bits.append("solution seen")
    if state.skips:
        bits.append("skipped before")
    status = {"solved": "solved", "partial": "partly right so far", "wrong": "not solved yet",
              "undecided": "waiting for a teacher's decision", "seen": "not solved yet",
              "skipped": "not solved yet"}.get(state.status, state.status)
    return (f"Earlier: {', '.join(bits)}; {status}; best {fmt_points(state.earned)} of "
            f"{count(points, 'point', shown=fmt_points(points))}.")


def topic_listing(topic: str, exercises: Sequence[Any], states: dict[str, ExerciseState],
                  ascii_only: bool) -> Lines:
    solved = sum(1 for ex in exercises if states.get(ex.id) and states[ex.id].solved)
    out: Lines = [(f"{topic_title(topic)} — {solved} of {len(exercises)} solved", "title")]
    id_width = max((len(ex.id) for ex in exercises), default=0)
    for ex in exercises:
        st = states.get(ex.id)
        status = st.status if st else "new"
        mark = STATUS_MARKS.get(status, ("?", "?"))[1 if ascii_only else 0]
        pts = float(getattr(ex, "points", 1) or 0)
        earned = st.earned if st else 0.0
        out.append((f"  {mark} {ex.id:<{id_width}}  {ex.title}  ({fmt_points(earned)}/{fmt_points(pts)})",
                    "dim" if status == "new" else ("correct" if status == "solved" else None)))
    legend = "  ".join(f"{m[1 if ascii_only else 0]} {name}" for name, m in STATUS_MARKS.items())
    out.append((f"  ({legend})", "dim"))
    return out
