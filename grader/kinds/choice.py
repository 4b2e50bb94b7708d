"""Multiple choice (one or several right choices) and true/false.

Choices are keyed by letter (``choices=["a", "b", "c"]``, or a list of texts
lettered a, b, c, …, or a mapping key → text). A learner may answer with the
letter (``b``, ``(b)``, ``B.``), the number (``2``) or the text of the choice.
Supplied mistakes whose ``expr`` is a choice key name the misconception behind it.
"""
from __future__ import annotations

import re
import string
from collections.abc import Mapping

from grader.kinds.base import Kind, register
from grader.reading import Unreadable
from grader.verdict import Interpretation, correct, incorrect, partial

_STRIP = re.compile(r"^[\s(\[]*|[\s)\].:]*$")


def _norm(text: str) -> str:
    return " ".join(_STRIP.sub("", str(text)).lower().split())


def _choice_table(choices) -> dict[str, str]:
    """key -> text (for bare letters the text is the letter)."""
    if choices is None:
        return {}
    if isinstance(choices, tuple) and len(choices) == 2 and choices[0] == "mapping":
        choices = dict(choices[1])
    if isinstance(choices, Mapping):
        return {_norm(k): str(v) for k, v in choices.items()}
    items = [str(c) for c in choices]
    if all(len(_norm(c)) == 1 and _norm(c) in string.ascii_lowercase for c in items):
        return {_norm(c): _norm(c) for c in items}
    return {string.ascii_lowercase[i]: text for i, text in enumerate(items)}


@register
class MultipleChoice(Kind):
    name = "multiple_choice"
    aliases = ("choice", "mc")
    noun = "the letter of a choice"
    infer_order = 1

    @classmethod
    def claims(cls, expected, options):
        return options.choices is not None

    def prepare(self, expected, options):
        table = _choice_table(options.choices)
        items = expected if isinstance(expected, (set, frozenset, list, tuple)) else [expected]
        keys = []
        for item in items:
            if isinstance(item, int) and not isinstance(item, bool) and table:
                keys.append(list(table)[item])
                continue
            key = _resolve(str(item), table)
            if key is None:
                raise ValueError(f"the expected choice {item!r} is not one of the choices {list(table) or '(none)'}")
            keys.append(key)
        return frozenset(keys)

    def variables(self, expected, options):
        return ()

    def read(self, answer, ctx):
        table = _choice_table(ctx.options.choices)
        if not isinstance(answer, str):
            answer = str(answer)
        text = answer.strip()
        if not text:
            raise Unreadable("Your answer is empty: give the letter of a choice.")
        whole = _resolve(text, table)
        if whole is not None:
            return frozenset({whole})
        picked = set()
        for piece in re.split(r"\s*(?:,|;|\band\b|&|\s)\s*", text):
            if not piece:
                continue
            key = _resolve(piece, table)
            if key is None:
                options = ", ".join(table) if table else "a, b, c, …"
                raise Unreadable(f"There is no choice “{piece}”: answer with one of {options}.")
            picked.add(key)
        return frozenset(picked)

    def grade(self, expected, answer, ctx):
        seen = Interpretation(", ".join(sorted(answer)))
        if answer == expected:
            return correct("Correct.", seen)
        for mk in ctx.options.mistakes:
            expr = getattr(mk, "expr", None)
            if isinstance(expr, str) and frozenset({_norm(expr)}) == answer:
                return incorrect(f"Not quite. {mk.description}", seen, mk.key)
        if len(expected) > 1:
            right = len(answer & expected)
            wrong = len(answer - expected)
            score = max(0.0, (right - wrong) / len(expected))
            text = (f"You picked {right} of the {len(expected)} right choices"
                    + (f" and {wrong} wrong one{'s' * (wrong != 1)}." if wrong else "."))
            if score > 0:
                return partial(score, text, seen)
            return incorrect("Not quite. " + text, seen)
        if len(answer) > 1:
            return incorrect("Not quite: only one choice is right here.", seen, "several-choices")
        return incorrect("Not quite: that is not the right choice.", seen)


def _resolve(text: str, table: dict[str, str]) -> str | None:
    t = _norm(text)
    if not table:
        return t if len(t) == 1 and t in string.ascii_lowercase else None
    if t in table:
        return t
    if t.isdigit() and 1 <= int(t) <= len(table):
        return list(table)[int(t) - 1]
    for key, full in table.items():
        if _norm(full) == t:
            return key
    return None


_TRUE = {"true", "t", "yes", "y", "1", "correct", "right", "vrai", "✓", "✔"}
_FALSE = {"false", "f", "no", "n", "0", "incorrect", "wrong", "faux", "✗", "✘"}


@register
class TrueFalse(Kind):
    name = "true_false"
    aliases = ("boolean", "tf")
    noun = "true or false"
    infer_order = 2

    @classmethod
    def claims(cls, expected, options):
        import sympy as sp

        return isinstance(expected, bool) or expected is sp.true or expected is sp.false

    def prepare(self, expected, options):
        if isinstance(expected, str):
            value = _truth(expected)
            if value is None:
                raise ValueError("the expected answer of a true/false exercise must be true or false, "
                                 f"got {expected!r}")
            return value
        return bool(expected)

    def variables(self, expected, options):
        return ()

    def read(self, answer, ctx):
        if isinstance(answer, bool):
            return answer
        value = _truth(str(answer))
        if value is None:
            raise Unreadable(f"Answer “true” or “false” (you wrote “{str(answer).strip()}”).")
        return value

    def grade(self, expected, answer, ctx):
        seen = Interpretation(answer)
        if answer == expected:
            return correct("Correct.", seen)
        for mk in ctx.options.mistakes:
            if isinstance(getattr(mk, "expr", None), bool) and mk.expr == answer:
                return incorrect(f"Not quite. {mk.description}", seen, mk.key)
        return incorrect(f"Not quite: the statement is {'true' if expected else 'false'}.", seen)


def _truth(text: str) -> bool | None:
    t = _norm(text)
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    return None
