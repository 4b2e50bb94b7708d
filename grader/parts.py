"""Grading a multi-part exercise, with an earlier error carried forward.

Each part is graded against the right answer first. When it is not right and an earlier
part it builds on was answered readably but wrongly (incorrect, partly correct or itself
carried forward), it is graded again against the part built with the student's own earlier
values (``Exercise.part_variant``); if it is right for them, its status is ``carried``: it
earns the follow-through share of its points (default all of them) and its feedback says
it followed an earlier error, without the right answer. A carried-forward answer is never
``correct``. An invalid, undecided or missing earlier part blocks nothing: the later part is
graded against the right chain. Invalid costs nothing.

The one-cell form holds every part's answer in one text: ``grad: (2, 4); step: (0.8, -0.4)``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from grader.checking import check_variant
from grader.feedback import plain
from grader.verdict import ComponentVerdict, Verdict, title
from tutor.render import Doc, Rendered, Table, line

WRONG = ("incorrect", "partial", "carried")  # an earlier part answered readably but not right


class AnswerFormatError(ValueError):
    """The one-cell form could not be split into parts; the message says where and what to type."""


@dataclass(frozen=True)
class PartVerdict:
    """One part: its ``verdict`` (None: no answer), whether it was carried forward, and its credit
    (a fraction of the part's ``points``)."""

    name: str
    points: float
    verdict: Verdict | None
    carried: bool = False
    credit: float = 0.0
    follows: tuple[str, ...] = ()  # for a carried part: the wrong earlier parts it was right for

    @property
    def status(self) -> str:
        return "missing" if self.verdict is None else self.verdict.status

    @property
    def earned(self) -> float:
        return round(self.points * self.credit, 6)


@dataclass(frozen=True)
class PartsVerdict(Rendered):
    """Every part's verdict; ``score`` is points-weighted in [0, 1]; ``status`` is correct (every part
    correct), incorrect (graded parts, none earning credit), partial (some credit), or undecided /
    invalid when no part was graded right or wrong (invalid: none was answered readably)."""

    parts: tuple[PartVerdict, ...]
    score: float
    status: str

    def part(self, name: str) -> PartVerdict:
        for p in self.parts:
            if p.name == name:
                return p
        raise KeyError(f"no part {name!r}; parts: {', '.join(p.name for p in self.parts)}")

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def at_level(self, level: str | None) -> "PartsVerdict":
        """Every part's feedback at ``level`` (``grader.feedback.LEVELS``)."""
        from dataclasses import replace

        return replace(self, parts=tuple(replace(p, verdict=None if p.verdict is None else p.verdict.at_level(level))
                                         for p in self.parts))

    def as_verdict(self) -> Verdict:
        """The whole answer as one Verdict (the parts as its details), for front-ends that grade one cell."""
        details = tuple(ComponentVerdict(p.name, p.status, p.verdict.feedback if p.verdict else "No answer to this part.")
                        for p in self.parts)
        words = summary(self)
        return Verdict(self.status, self.score, words, None, details)

    def doc(self) -> Doc:
        rows = tuple((p.name, f"{p.earned:g} / {p.points:g}", title(p.status), _said(p.verdict))
                     for p in self.parts)
        earned, total = sum(p.earned for p in self.parts), sum(p.points for p in self.parts)
        return Doc(line(title(self.status)), (Table(("part", "points", "verdict", "feedback"), rows),
                                             line(f"Score: {earned:g} of {total:g} points ({self.score:g})")))

    def to_dict(self) -> dict[str, Any]:
        return {"type": "PartsVerdict", "status": self.status, "score": self.score,
                "parts": [{"name": p.name, "points": p.points, "status": p.status, "carried": p.carried,
                           "credit": p.credit, "earned": p.earned, "follows": list(p.follows),
                           "verdict": None if p.verdict is None else p.verdict.to_dict()} for p in self.parts]}


def check_parts(variant: Any, answers: Mapping[str, str | None], *, follow_through: float | None = None,
                **overrides: Any) -> PartsVerdict:
    """Grade ``answers`` (part name -> text, None or blank: no answer) to a multi-part ``variant``.

    ``follow_through``: the share of a part's points a carried-forward answer earns (None: the
    exercise's ``follow_through``, else 1). ``overrides`` go to every part's check (an assignment's).
    """
    exercise = variant.exercise
    names = [p.name for p in exercise.parts]
    if not names:
        raise ValueError(f"{exercise.id} has no parts: grade it with grader.check_variant")
    unknown = [n for n in answers if n not in names]
    if unknown:
        from exercises.schema import did_you_mean

        raise ValueError(f"{exercise.id} has no part {unknown[0]!r}{did_you_mean(unknown[0], names)}; "
                         f"its parts are {', '.join(names)}")
    share = _share(follow_through, getattr(exercise, "follow_through", None))
    done: dict[str, tuple[Verdict | None, Any]] = {}  # name -> (verdict, the value read)
    out = []
    for part in exercise.parts:
        text = answers.get(part.name)
        if text is None or not str(text).strip():
            done[part.name] = (None, None)
            out.append(PartVerdict(part.name, float(part.points), None))
            continue
        verdict = check_variant(variant.part(part.name), text, **overrides)
        result = PartVerdict(part.name, float(part.points), verdict, False, _credit(verdict))
        if verdict.status in ("incorrect", "partial"):
            result = _carried(variant, part, text, done, share, overrides) or result
        done[part.name] = (result.verdict, _value(verdict))
        out.append(result)
    return _overall(tuple(out))


def _carried(variant: Any, part: Any, text: str, done: Mapping[str, tuple[Verdict | None, Any]],
             share: float, overrides: Mapping[str, Any]) -> PartVerdict | None:
    """The part graded against the student's own wrong earlier values: carried, or None."""
    from exercises.errors import BankError

    wrong = [r for r in part.refs if done[r][1] is not None and getattr(done[r][0], "status", None) in WRONG]
    if not wrong:
        return None
    try:
        alt = variant.exercise.part_variant(variant.seed, part.name, {r: done[r][1] for r in wrong})
    except BankError:
        return None  # the task cannot work with the student's values: the verdict stands
    again = check_variant(alt, text, **{**overrides, "mistakes": ()})
    if again.status != "correct":
        return None
    called = {p.name: p.called for p in variant.exercise.parts}
    words = _carried_words(part.called, [called[w] for w in wrong])
    verdict = Verdict("carried", share, words, again.interpreted, notes=(plain(words),))
    return PartVerdict(part.name, float(part.points), verdict, True, share, tuple(wrong))


def _carried_words(called: str, wrong: Sequence[str]) -> str:
    """``Your step is right for the gradient you found, but that gradient was wrong.`` (no right answer)."""
    earlier = " and ".join(wrong)
    that = f"that {earlier} was" if len(wrong) == 1 else "those answers were"
    return f"Your {called} is right for the {earlier} you found, but {that} wrong."


def _credit(verdict: Verdict) -> float:
    return float(verdict.score) if verdict.status in ("correct", "partial") else 0.0


def _share(given: float | None, exercise: float | None) -> float:
    share = given if given is not None else exercise if exercise is not None else 1.0
    share = float(share)
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"follow_through is a share of the points from 0 to 1, got {share:g}")
    return share


def _value(verdict: Verdict) -> Any:
    """The value the student's answer was read as (None when it was not read)."""
    if verdict.status in ("invalid",) or verdict.interpreted is None:
        return None
    obj = verdict.interpreted.obj
    return None if isinstance(obj, (str, bool)) else obj


def _overall(parts: tuple[PartVerdict, ...]) -> PartsVerdict:
    total = sum(p.points for p in parts)
    score = round(sum(p.points * p.credit for p in parts) / total, 4) if total > 0 else 0.0
    statuses = [p.status for p in parts]
    if all(s == "correct" for s in statuses):
        status = "correct"
    elif score > 0:
        status = "partial"
    elif any(s in ("incorrect", "partial", "carried") for s in statuses):
        status = "incorrect"
    elif "undecided" in statuses:
        status = "undecided"
    else:
        status = "invalid"  # nothing was read: no part answered, or none readable
    return PartsVerdict(parts, min(max(score, 0.0), 1.0), status)


def summary(verdict: PartsVerdict) -> str:
    """One sentence on the whole answer: how many parts were right, carried forward, wrong."""
    counts: dict[str, int] = {}
    for p in verdict.parts:
        counts[p.status] = counts.get(p.status, 0) + 1
    order = ("correct", "carried", "partial", "incorrect", "invalid", "undecided", "missing")
    said = [f"{counts[s]} {title(s).split(':')[0].lower()}" for s in order if counts.get(s)]
    return f"Parts: {', '.join(said)}."


def split_answers(text: str, names: Sequence[str]) -> dict[str, str]:
    """The one-cell form ``grad: (2, 4); step: (0.8, -0.4)`` -> ``{"grad": "(2, 4)", "step": "(0.8, -0.4)"}``.

    Segments are separated by ``;`` or new lines (outside brackets); each is ``name: answer``.
    Raises :class:`AnswerFormatError` (a ValueError) naming the segment and what to type.
    """
    from exercises.schema import did_you_mean

    example = "; ".join(f"{n}: …" for n in names[:2])
    out: dict[str, str] = {}
    lower = {n.lower(): n for n in names}
    for segment in _segments(text.replace("\r\n", "\n").replace("\r", "\n"), names):
        if not segment:
            continue
        name, colon, answer = segment.partition(":")
        name = name.strip()
        name = name if name in names else lower.get(name.lower(), name)  # Grad: … is grad
        if not colon or not name.replace("_", "").isalnum():
            raise AnswerFormatError(f"{_clip(segment)!r} does not say which part it answers; write each part as "
                                    f"name: answer, separated by ';' (for example {example})")
        if name not in names:
            raise AnswerFormatError(f"there is no part {name!r}{did_you_mean(name, names)}; the parts are "
                                    f"{', '.join(names)}")
        if name in out:
            raise AnswerFormatError(f"part {name!r} is answered twice; give each part once")
        out[name] = answer.strip()
    return out


def _segments(text: str, names: Sequence[str]) -> list[str]:
    """Split at ';' and new lines outside brackets, and at any that a part's ``name:`` follows
    (so an unclosed bracket in one part does not swallow the next)."""
    import re

    starts = re.compile(r"\s*(" + "|".join(re.escape(n) for n in names) + r")\s*:", re.IGNORECASE)
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        elif ch in ";\n" and (depth == 0 or starts.match(text, i + 1)):
            out.append(text[start:i].strip())
            start, depth = i + 1, 0
    out.append(text[start:].strip())
    return out


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def check_one_cell(variant: Any, text: str, *, follow_through: float | None = None, **overrides: Any) -> Verdict:
    """A whole multi-part answer in the one-cell form, as one Verdict (invalid when it cannot be split)."""
    from grader.verdict import invalid

    names = [p.name for p in variant.exercise.parts]
    if not text.strip():
        return invalid(f"the answer is empty: write each part as name: answer, e.g. {names[0]}: …",
                       "Your answer is empty, so nothing was counted.")
    try:
        answers = split_answers(text, names)
    except AnswerFormatError as exc:
        return invalid(str(exc), "I could not tell the parts of your answer apart, so nothing was counted.")
    return check_parts(variant, answers, follow_through=follow_through, **overrides).as_verdict()


def _said(verdict: Verdict | None) -> str:
    """One table cell for a part: an unreadable part says why (the reader's message and its hint), not only
    that it could not be read; the caret picture needs its own lines and stays with ``:why`` and ``check``."""
    if verdict is None:
        return ""
    if verdict.status != "invalid" or not verdict.error:
        return verdict.feedback
    lines = verdict.error.splitlines()
    hint = next((ln for ln in lines[1:] if ln.startswith("hint:")), "")
    return lines[0] + (f" ({hint})" if hint else "")
