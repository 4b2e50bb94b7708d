"""How to type an answer of each kind: one table for the tutor's screen and the teacher's sheets.

Kept in the bank layer and free of SymPy, so the REPL (front-end) and the
report pages (grading) show the same words. Phrases are Markdown: examples
are `code`; :func:`plain_tip` turns one into a sentence for a terminal.
"""
from __future__ import annotations

import re

from tutor.answer_kinds import ANSWER_KINDS

TIPS: dict[str, str] = {k.name: k.tip for k in ANSWER_KINDS}  # declared with the kinds
_CODE = re.compile(r"`([^`]+)`")


def answer_tip(kind: str, classify: bool = False, points: bool = True) -> str | None:
    """How to type an answer of ``kind`` (Markdown phrase), None for a kind not in the table.

    Point sets: with each point's kind when the exercise asks to classify, and
    numbers rather than pairs when the points lie on a line (``points=False``).
    """
    if kind == "point_set" and classify:
        sample = "(0, 0) saddle; (1, 1) minimum" if points else "-1 maximum; 2 minimum"
        return f"each point with its kind (minimum, maximum or saddle), separated by `;`, e.g. `{sample}`"
    if kind == "point_set" and not points:
        return "the set of points on one line, e.g. `{-1, 2}`"
    return TIPS.get(kind)


def plain_tip(kind: str, classify: bool = False, points: bool = True) -> str | None:
    """The tip as one sentence without Markdown: ``Type a vector on one line, e.g. (2, -3).``"""
    phrase = answer_tip(kind, classify, points)
    if phrase is None:
        return None
    text = _CODE.sub(lambda m: f"'{m.group(1)}'" if len(m.group(1)) == 1 and not m.group(1).isalnum()
                     else m.group(1), phrase)
    return f"Type {text}."
