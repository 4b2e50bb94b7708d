"""The other way to read ``a/bc``: students who type ``1/2x^(-1/2)`` often mean (1/2)·x^(-1/2).

calctutor reads juxtaposition before division (``1/2x`` is 1/(2x)), which is
right for some and a surprise for others. This finds the alternative reading,
where '/' divides by the first factor only, so the echo can mention it and the
grader can ask for brackets instead of marking a well-meant answer wrong.
``reading_notes`` gathers the echo's notes (split letter runs, this one); it sits above
the parser, which it uses.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lark import Token

from tutor.reading.errors import ParseError
from tutor.reading.lexer import _TOKEN_RE, OPENERS, tokenize
from tutor.reading.limits import current
from tutor.reading.names import WHOLE_WORDS, declared_table, normalize, split_run
from tutor.reading.parser import _variable_names, parse
from tutor.reading.printer import to_unicode

_ATOMS = {"NUMBER", "NAME", "CONST"}
_STARTS_FACTOR = {"NUMBER", "NAME", "CONST", "FUNC", "ROOT", "_TSQRT", "_FRAC", "_LPAR", "_LBRACK", "_BAROPEN"}


@dataclass(frozen=True)
class Alternative:
    """``text`` rewritten with an explicit '*' so it reads the other way, and that reading."""

    text: str
    value: Any


def slash_alternative(text: str, variables: Iterable[Any] | None = None) -> Alternative | None:
    """The reading with '/' dividing by the first factor only, or None when there is no such ambiguity."""
    names = _variable_names(variables)
    try:
        tokens = tokenize(text, names, current()).tokens
    except ParseError:
        return None
    closers = _matching(tokens)
    inserts = []
    for i, tok in enumerate(tokens):
        if tok.type != "_DIV":
            continue
        end = _factor_end(tokens, i + 1, closers)
        if end is not None and end < len(tokens) and tokens[end].type in _STARTS_FACTOR:
            inserts.append((tokens[end - 1].end_pos, tokens[end].start_pos))
    if not inserts:
        return None
    rewritten = text
    for stop, start in sorted(inserts, reverse=True):  # '*' replaces the gap between the factors
        rewritten = rewritten[:stop] + "*" + rewritten[start:]
    try:
        return Alternative(rewritten, parse(rewritten, names or None))
    except ParseError:
        return None


def _matching(tokens: list[Token]) -> dict[int, int]:
    """Index of each opener -> index of its closer (the lexer already checked balance)."""
    out, stack = {}, []
    for i, tok in enumerate(tokens):
        if tok.type in OPENERS:
            stack.append(i)
        elif stack and tok.type == OPENERS[tokens[stack[-1]].type]:
            out[stack.pop()] = i
    return out


def _atom_end(tokens: list[Token], j: int, closers: dict[int, int], allow_call: bool) -> int | None:
    if j >= len(tokens):
        return None
    kind = tokens[j].type
    if kind in _ATOMS:
        return j + 1
    if kind in OPENERS and j in closers:
        return closers[j] + 1
    if allow_call and kind == "FUNC" and j + 1 < len(tokens) and (j + 1) in closers:
        return closers[j + 1] + 1
    return None


def _factor_end(tokens: list[Token], j: int, closers: dict[int, int], exponent: bool = False) -> int | None:
    """Where the power/factorial starting at ``j`` ends, or None if it is not a simple factor."""
    while exponent and j < len(tokens) and tokens[j].type in ("_MINUS", "_PLUS"):
        j += 1
    k = _atom_end(tokens, j, closers, allow_call=exponent)
    while k is not None and k < len(tokens):
        kind = tokens[k].type
        if kind in ("BANG", "SUP"):
            k += 1
        elif kind == "POW":
            k = _factor_end(tokens, k + 1, closers, exponent=True)
        else:
            break
    return k


def slash_note(text: str, variables: Iterable[Any] | None = None) -> str | None:
    """A sentence for the echo when '/' is followed by a product written without '*'."""
    alt = slash_alternative(text, variables)
    if alt is None:
        return None
    return (f"'/' divides by the whole product written after it; if you meant {to_unicode(alt.value)}, "
            f"type {alt.text}")


def reading_notes(text: str, variables: tuple[str, ...] = ()) -> list[str]:
    """Sentences saying how runs of letters were split (``xy`` is read as x · y), for the echo."""
    declared, _ = declared_table(variables)
    notes: list[str] = []
    for m in _TOKEN_RE.finditer(text):
        letters = m.group("word")
        if not letters or m.group("suffix") or letters.lower() in WHOLE_WORDS or normalize(letters) in declared:
            continue
        pieces = split_run(letters, variables)
        if len(pieces) > 1:
            names = [{"E": "e"}.get(p.value, p.value) for p in pieces]
            note = f"'{letters}' is read as " + " · ".join(names)
            if all(p.kind == "NAME" for p in pieces):
                note += f" (a product; declare '{letters}' as a variable to keep it one name)"
            if note not in notes:
                notes.append(note)
    slash = slash_note(text, variables)
    if slash:
        notes.append(slash)
    return notes
