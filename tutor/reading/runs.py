"""Runs of letters the reader split into several names (``asdfgh``) or read with digits (``x6``).

A grader compares these names with an exercise's variables: ``nolimit`` read as
n·o·l·i·m·i·t is garbage, not a wrong answer. Kept apart from the tokenizer,
which only needs to split; this module reports how it split.
"""
from __future__ import annotations

from dataclasses import dataclass

from tutor.reading.lexer import _TOKEN_RE
from tutor.reading.names import WHOLE_WORDS, declared_table, function_key, normalize, split_run


_WORD_GROUPS = ("word", "suffix")  # the last group a word token closes (its suffix, if it has one)


@dataclass(frozen=True)
class Run:
    """A run of letters that did not read as one known name: ``asdfgh`` (a·s·d·f·g·h) or ``x6``."""

    text: str
    start: int  # 0-based offset in the text
    names: tuple[str, ...]  # the variable names it was read as


def letter_runs(text: str, variables: tuple[str, ...] = (), functions: tuple[str, ...] = ()) -> tuple[Run, ...]:
    """The runs of letters that were split into several names, or that carry digits (``x6``).

    A grader compares these names with the exercise's variables: ``no limit`` read
    as n·o·l·i·m·i·t is garbage, not a wrong answer. Declared names, functions and
    constants standing alone are not listed, nor is one name with a written subscript (``A_4``).
    """
    declared, _ = declared_table(variables)
    defined = {function_key(f) for f in functions}
    runs: list[Run] = []
    for m in _TOKEN_RE.finditer(text):
        if m.lastgroup not in _WORD_GROUPS:  # a number, an operator, a space: no letters to split
            continue
        letters, suffix = m.group("word", "suffix")
        suffix = suffix or ""
        if not letters or (not suffix and letters.lower() in WHOLE_WORDS):
            continue
        whole = normalize(letters + suffix)
        if whole in declared or whole in defined:
            continue
        pieces = split_run(letters, variables, functions)
        names = [p.value for p in pieces if p.kind == "NAME"]
        if suffix and pieces[-1].kind == "NAME":
            names[-1] = names[-1] + suffix.replace("{", "").replace("}", "")
        if len(pieces) == 1 and suffix.startswith("_"):
            continue  # one name with a written subscript (epsilon_0, A_4) is spelt alone, like k
        if names and (len(pieces) > 1 or suffix):
            runs.append(Run(m.group(), m.start(), tuple(names)))
    return tuple(runs)
