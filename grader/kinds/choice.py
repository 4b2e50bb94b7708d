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

from grader.budget import supplied
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
        exact = _exact_choice(text, table)
        if exact is not None:
            return frozenset({exact})
        _check_layout(text)
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
        for mk in supplied(ctx.options.mistakes):
            expr = getattr(mk, "expr", None)
            if isinstance(expr, str) and frozenset({_norm(expr)}) == answer:
                return incorrect(mk.description, seen, mk.key)
        if len(expected) > 1:
            right = len(answer & expected)
            wrong = len(answer - expected)
            score = max(0.0, (right - wrong) / len(expected))
            text = (f"You picked {right} of the {len(expected)} right choices"
                    + (f" and {wrong} wrong one{'s' * (wrong != 1)}." if wrong else "."))
            if score > 0:
                return partial(score, text, seen)
            return incorrect(text, seen)
        if len(answer) > 1:
            return incorrect("Only one choice is right here.", seen, "several-choices")
        return incorrect("That is not the right choice.", seen)


def _exact_choice(text: str, table: dict[str, str]) -> str | None:
    """The choice whose text is exactly ``text`` (a choice may itself hold brackets or commas)."""
    t = " ".join(text.lower().split())
    for key, full in table.items():
        if " ".join(full.lower().split()) == t:
            return key
    return None


_OPEN, _CLOSE = "([{", ")]}"
_LABEL_END = re.compile(r"(?:^|[\s,;])(?:[A-Za-z]|\d+)\)$")
_EMPTY_ITEM = re.compile(r"(?:^|[(\[{,;])\s*([,;])|([,;])\s*(?:$|[)\]}])")


def _check_layout(text: str) -> None:
    """Raise ``Unreadable`` (the parser's message and caret) for brackets that do not pair up
    or a comma with nothing on one side: "(1, 2" or "(1,, 2)" is unreadable, not a wrong choice."""
    from tutor.reading.errors import ParseError

    stack: list[str] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(ch)
        elif ch in _CLOSE and not stack and _LABEL_END.search(text, 0, i + 1):
            continue  # "b)": a label as lists print it
        elif ch in _CLOSE and (not stack or _OPEN.index(stack.pop()) != _CLOSE.index(ch)):
            stack.append("?")
            break
    if stack:
        _raise_parser_error(text, text, 0)
        raise Unreadable(str(ParseError("the brackets do not pair up", text, len(text) + 1,
                                        "close each bracket you open")))
    m = _EMPTY_ITEM.search(text)
    if m:
        column = (m.start(1) if m.group(1) else m.start(2)) + 1
        sep = text[column - 1]
        if not text[:column - 1].strip():
            raise Unreadable(str(ParseError(f"'{sep}' needs an item before it", text, column,
                                            "remove it or add the missing choice")), column)
        # as one bracketed list the parser names the missing item; columns shift by the "("
        _raise_parser_error(f"({text})", text, 1, column)
        raise Unreadable(str(ParseError(f"'{sep}' needs an item on each side", text, column,
                                        "remove it or add the missing choice")), column)


def _raise_parser_error(source: str, text: str, shift: int, column: int | None = None) -> None:
    """Raise the parser's own complaint about ``source`` (shown on ``text``), if it has one
    and (when ``column`` is given) it is about that column."""
    from grader.reading import read
    from tutor.reading.errors import ParseError

    try:
        read(source)
    except Unreadable as exc:
        where = (exc.column or 1) - shift
        if column is None or where == column:
            message, _, rest = exc.error.partition("\n")
            hint = next((ln[len("hint: "):] for ln in rest.splitlines() if ln.startswith("hint: ")), None)
            raise Unreadable(str(ParseError(message, text, where, hint)), where) from None


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
        _check_layout(str(answer).strip())
        value = _truth(str(answer))
        if value is None:
            raise Unreadable(f"Answer “true” or “false” (you wrote “{str(answer).strip()}”).")
        return value

    def grade(self, expected, answer, ctx):
        seen = Interpretation(answer)
        if answer == expected:
            return correct("Correct.", seen)
        for mk in supplied(ctx.options.mistakes):
            if isinstance(getattr(mk, "expr", None), bool) and mk.expr == answer:
                return incorrect(mk.description, seen, mk.key)
        return incorrect(f"The statement is {'true' if expected else 'false'}.", seen)


def _truth(text: str) -> bool | None:
    t = _norm(text)
    if t in _TRUE:
        return True
    if t in _FALSE:
        return False
    return None
