"""The REPL's word grammar of an operation, derived from its declaration.

``descend x^2 from 10 lr 0.1 steps 20``: the head is the expression, and each
parameter's keywords (``from``, ``lr``, ``steps``) start its value, which runs to
the next keyword. ``--start 10`` works too, as on the command line. Keywords count
only as whole words outside brackets. Values are read by the shared reader.
"""
from __future__ import annotations

import re
from typing import Any

from tutor.operations.errors import OperationError
from tutor.operations.params import SAME, Operation, Param
from tutor.reading.split import split_top_level

IDENTIFIER = re.compile(r"[A-Za-z_α-ωΑ-Ω][A-Za-z0-9_]*")


def usage(op: Operation) -> str:
    """``limit EXPR at POINT``: the head, then the words of the required (or REPL-default) parameters."""
    parts = [op.name]
    head = op.head
    if head is not None:
        parts.append(head.metavar or "EXPR")
    for p in op.params:
        if p.option is None or p.name == "time_limit":
            continue
        word = _word(p)
        value = p.name if word == "=" else _value(p, short=True)
        if p.required_for("repl"):
            parts.append(f"{word} {value}")
        elif p.repl_default is not SAME and not isinstance(p.repl_default, bool) and p.repl_default != p.default:
            parts.append(f"[{word} {p.repl_default}]")
        elif p.trailing:
            parts.append("[VAR]")
    return " ".join(parts)


def _value(p: Param, short: bool = False) -> str:
    """A choice's words (in a usage line only when there are few), else the metavar."""
    if p.choices and not (short and len(p.choices) > 3):
        return "|".join(p.choices)
    return p.metavar or p.name.upper()


def _word(p: Param) -> str:
    words = p.keywords
    return words[0] if words else (p.option or "")


def words_help(op: Operation) -> list[str]:
    """One line per parameter: its words and what it means (for ``:help NAME``)."""
    lines = []
    for p in op.params:
        if p.option is None:
            continue
        spelled = " / ".join([*p.keywords, p.option]) + ("" if p.kind == "flag" else f" {_value(p)}")
        lines.append(f"{spelled}: {p.help}")
    return lines


def split_words(op: Operation, text: str) -> dict[str, Any]:
    """Raw text per parameter from a REPL line (without the command's name); OperationError if unclear."""
    text = text.strip()
    if not text:
        raise OperationError(f"{op.summary[:1].upper() + op.summary[1:]}: {usage(op)}   e.g. {op.example}")
    by_word = {}
    for p in op.params:
        for w in (*[k for k in p.keywords if k != "="], p.option):
            if w:
                by_word[w.lower()] = p
    head, found = split_keywords(text, tuple(by_word))
    raw: dict[str, Any] = {}
    for word, value in found.items():
        p = by_word[word]
        if p.name in raw:
            raise OperationError(f"'{word}' gives {p.name} a second time")
        if p.kind == "flag":
            if value:
                raise OperationError(f"'{word}' takes no value; put the rest before it")
            raw[p.name] = True
        elif not value:
            raise OperationError(f"'{word}' needs a value after it, e.g. {op.example}")
        else:
            raw[p.name] = value
    head = _split_head(op, head, raw)
    if op.head is not None:
        raw[op.head.name] = head
    _check_required(op, raw)
    return raw


def _split_head(op: Operation, head: str, raw: dict[str, Any]) -> str:
    """``EXPR = c`` (a parameter whose word is '=') and ``EXPR VAR`` (a trailing variable)."""
    for p in op.params:
        if "=" in p.keywords and p.name not in raw:
            parts = split_top_level(head, "=")
            if len(parts) == 2 and parts[0] and parts[1]:
                head, raw[p.name] = parts
        if p.trailing and p.name not in raw:
            head, var = trailing_variable(head)
            if var is not None:
                raw[p.name] = var
    return head


def _check_required(op: Operation, raw: dict[str, Any]) -> None:
    for p in op.params:
        if p.option is None and not raw.get(p.name):
            raise OperationError(f"Give the {p.metavar or 'EXPR'} first: {usage(op)}   e.g. {op.example}")
        if p.required_for("repl") and p.name not in raw:
            said = p.missing or f"Give {_word(p)}"
            raise OperationError(f"{said}: {usage(op)}   e.g. {op.example}")


def split_keywords(text: str, keywords: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """``"x^2 from 10 lr 0.1"`` -> ``("x^2", {"from": "10", "lr": "0.1"})``.

    Keywords are whole words (any case) outside brackets; ``--opt=value`` is split at '='.
    """
    if not keywords:
        return text.strip(), {}
    alternatives = "|".join(sorted((_pattern(k) for k in keywords), key=len, reverse=True))
    pattern = re.compile(r"(?<!\S)(" + alternatives + r")(?:(?=\s|$)|(?<=[a-z])=)", re.I)
    marks = [m for m in pattern.finditer(text) if _depth(text, m.start()) == 0]
    head = text[:marks[0].start()] if marks else text
    found: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        key = re.sub(r"\s+", " ", m.group(1).lower())
        if key in found:
            raise OperationError(f"'{key}' is given twice")
        found[key] = text[m.end():end].strip()
    return head.strip(), found


def _pattern(keyword: str) -> str:
    return r"\s+".join(re.escape(w) for w in keyword.split())


def _depth(text: str, index: int) -> int:
    depth = 0
    for ch in text[:index]:
        depth += 1 if ch in "([{" else -1 if ch in ")]}" else 0
    return depth


def trailing_variable(text: str) -> tuple[str, str | None]:
    """``"x^2*y y"`` -> ``("x^2*y", "y")`` when the last word is a name the rest contains.

    Also accepts ``EXPR wrt VAR`` and ``EXPR, VAR``. Otherwise the whole text is the expression.
    """
    m = re.match(r"^(.*\S)\s+(?:wrt|with respect to)\s+(\S+)\s*$", text, re.I)
    if m:
        return m.group(1), m.group(2)
    m = re.match(r"^(.*\S)\s*,\s*(" + IDENTIFIER.pattern + r")\s*$", text)
    if m and _depth(m.group(1), len(m.group(1))) == 0:
        return m.group(1), m.group(2)
    m = re.match(r"^(.*\S)\s+(" + IDENTIFIER.pattern + r")\s*$", text)
    if m and not re.search(r"[-+*/^(,=]$", m.group(1)):
        rest, var = m.group(1), m.group(2)
        try:
            from tutor import parse

            if any(str(s) == var for s in parse(rest).free_symbols):
                return rest, var
        except Exception:  # noqa: BLE001 - the rest does not read on its own: the word belongs to the expression
            pass
    return text, None
