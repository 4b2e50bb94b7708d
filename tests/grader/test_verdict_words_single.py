"""The verdict words live in one registry (``grader.verdict.WORDS``); a second list is a bug waiting
to drift (issue 17: the REPL, the reports and the CLI once spelled them three different ways).

The test reads the source with ``ast`` and fails on any string that *is* a verdict word or a verdict
title, and on any literal collection holding two or more strings that start with one, outside the
registry. Sentences that merely begin with a word ("Correct. Well done.") are feedback, not a list.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader.verdict import STATUSES, WORDS, title, word

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tutor", "grader", "exercises")
REGISTRY = ROOT / "grader" / "verdict.py"


def _sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py") if p != REGISTRY)


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _spelled(words: set[str], tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every verdict word spelled out: alone, or two or more in one literal collection."""
    found = [(n.lineno, n.value) for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.strip() in words]
    for n in ast.walk(tree):
        if isinstance(n, (ast.Dict, ast.List, ast.Tuple, ast.Set)):
            items = n.values if isinstance(n, ast.Dict) else n.elts
            starting = [s for item in items for s in _strings(item)[:1]
                        if any(s.startswith(w + ":") or s == w for w in words)]
            if len(starting) >= 2:
                found.append((n.lineno, " / ".join(starting)))
    return found


def _all_words() -> set[str]:
    return {w.word for w in WORDS.values()} | {w.title for w in WORDS.values()}


def test_the_registry_has_one_entry_per_status_and_a_word_for_a_missing_answer():
    assert set(STATUSES) <= set(WORDS)
    assert word("partial") == "Partly correct" and word("missing") == "No answer"
    assert title("invalid").startswith("Invalid") and title("undecided").startswith("Undecided")


def test_no_second_list_of_verdict_words_in_the_code():
    words = _all_words()
    offenders = []
    for path in _sources():
        for lineno, text in _spelled(words, ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{lineno}: {text!r}")
    assert offenders == [], "verdict words spelled outside grader/verdict.py:\n" + "\n".join(offenders)


@pytest.mark.parametrize("source", [
    'WORDS = {"correct": "Correct", "partial": "Partly correct"}',
    'TITLES = ("Invalid: could not be read", "Undecided: ask")',
    'label = "Undecided"',
])
def test_the_detector_catches_a_second_list(source):
    assert _spelled(_all_words(), ast.parse(source))


@pytest.mark.parametrize("source", [
    'feedback = "Correct. Well done."',
    'STYLES = {"correct": "1;32", "partial": "1;33"}',
    'line = "Undecided: the limit could not be decided (see the last step)."',
])
def test_the_detector_leaves_feedback_sentences_and_status_keys_alone(source):
    assert _spelled(_all_words(), ast.parse(source)) == []
