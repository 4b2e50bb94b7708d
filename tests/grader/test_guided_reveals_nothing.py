"""Property over the whole bank (issue 13): for each exercise and a set of wrong answers (its
generated mistakes and simple perturbations of the answer), the guided feedback contains no
rendering of the right answer (plain, Unicode, decimal as the feedback prints numbers) nor of
the ratio of the answer to it. An exhaustive loop with fixed seeds (variant 0 of every exercise).

Renderings of one character are not searched for: a single digit also appears in sample points
and ordinals ("the 1st component") without giving anything away. Nor are renderings that the
student's own answer contains: repeating what they typed gives nothing away.
"""
from __future__ import annotations

import re

import pytest
import sympy as sp

import exercises
from grader import words
from grader.diagnose import _factor
from tutor import to_text
from tutor.reading.printer import to_unicode
from grader.checking import check_variant

MISTAKES_PER_EXERCISE = 4


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def _scalars(value) -> list:
    if isinstance(value, (sp.Tuple, tuple, list)):
        return [c for c in value if isinstance(c, sp.Expr)]
    if isinstance(value, sp.MatrixBase):
        return list(value)
    return [value] if isinstance(value, sp.Expr) and type(value).__name__ != "DoesNotExist" else []


def renderings(value) -> set[str]:
    """How feedback could print ``value`` (or a part of it)."""
    out: set[str] = set()
    for v in [value, *_scalars(value)]:
        for printer in (to_text, to_unicode):
            try:
                out.add(printer(v))
            except Exception:  # noqa: BLE001 - a printer gap: nothing to search for
                pass
        if isinstance(v, sp.Expr) and v.is_number and v.is_real:
            out.add(words.number(float(v)))
    if type(value).__name__ == "DoesNotExist":
        out |= {"does not exist", "DNE"}
    return {r for r in out if len(r) > 1}


def ratios(answer, wrong) -> set[str]:
    """The ratio wrong/answer per numeric component, as the diagnosis would print it."""
    out: set[str] = set()
    pairs = zip(_scalars(answer), _scalars(wrong)) if _scalars(answer) and _scalars(wrong) else []
    for a, w in pairs:
        if a.is_number and w.is_number and a != 0 and w != 0:
            try:
                c = float(w) / float(a)
            except (TypeError, ValueError):
                continue
            if abs(c - 1) > 1e-9 and abs(c) > 1e-12:
                out |= {_factor(c), words.number(c)}
    return {r for r in out if len(r) > 1}


def _found(text: str, needle: str) -> bool:
    """``needle`` as a whole token (so 1/6 is not found in 11/60)."""
    return re.search(r"(?<![\w./])" + re.escape(needle) + r"(?![\w/]|\.\d)", text) is not None


def wrong_answers(variant) -> list[str]:
    """Generated mistakes first, then perturbations: doubled, plus one, negated."""
    out = [m.expr if isinstance(m.expr, str) else to_text(m.expr) for m in variant.mistakes][:MISTAKES_PER_EXERCISE]
    answer = variant.answer
    if isinstance(answer, sp.MatrixBase):
        out += [to_text(2 * answer), to_text(answer.T)]
    elif isinstance(answer, sp.Expr) and not isinstance(answer, sp.Tuple) and type(answer).__name__ != "DoesNotExist":
        out += [to_text(2 * answer), to_text(answer + 1), to_text(-answer)]
    elif isinstance(answer, sp.Tuple) and all(isinstance(c, sp.Expr) for c in answer):
        out += [to_text(sp.Tuple(*(2 * c for c in answer))), to_text(sp.Tuple(answer[0] + 1, *answer[1:]))]
    return out


def _variants(bank):
    """Variant 0 of every exercise; of a multi-part exercise, every part's (the right chain)."""
    for ex_id in bank:
        whole = bank[ex_id].variant(0)
        yield from ((f"{ex_id}.{name}", v) for name, v in whole.parts) if whole.parts else ((ex_id, whole),)


def test_guided_feedback_never_renders_the_answer_or_a_ratio_to_it(bank):
    leaks = []
    tried = 0
    for ex_id, variant in _variants(bank):
        right = renderings(variant.answer)
        for typed in wrong_answers(variant):
            verdict = check_variant(variant, typed)
            if verdict.status not in ("incorrect", "partial"):
                continue
            tried += 1
            guided = verdict.at_level("guided")
            text = " ".join([guided.feedback, *(d.feedback for d in guided.details)])
            own = typed + " " + (verdict.interpreted.unicode if verdict.interpreted is not None else "")
            try:
                wrong_value = verdict.interpreted.obj if verdict.interpreted is not None else None
            except AttributeError:
                wrong_value = None
            own_values = renderings(wrong_value) if wrong_value is not None else set()
            needles = {r for r in right | ratios(variant.answer, wrong_value)
                       if not _found(own, r) and r not in own_values}
            hits = sorted(r for r in needles if _found(text, r))
            if hits:
                leaks.append(f"{ex_id}: {typed!r} -> {hits} in {text!r}")
    assert tried >= 300  # the loop really graded the bank's wrong answers
    assert not leaks, "\n".join(leaks)


def test_the_full_level_still_gives_the_detail(bank):
    v = bank["lr-stable-bound-quadratic"].variant(0)
    r = check_variant(v, to_text(v.answer / 2))
    assert "1/2 times the right one" in r.at_level("full").feedback
    assert not _found(r.at_level("guided").feedback, "1/2")
