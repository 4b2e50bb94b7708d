"""The grading corpus (tests/data/grading*.toml) is graded 100 % right, with the expected diagnosis."""
from __future__ import annotations

from pathlib import Path

import pytest

from grader.corpus import load

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted(DATA.glob("grading*.toml"))
CASES = load(*FILES)


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 300
    labels = {c.label for c in CASES}
    assert {"correct", "incorrect", "partial", "invalid"} <= labels
    assert len({c.group for c in CASES}) >= 40
    assert sum(1 for c in CASES if c.mistake) >= 80


@pytest.mark.parametrize("case", CASES, ids=[f"{c.group}:{c.answer}" for c in CASES])
def test_corpus_case(case):
    v = case.check()
    where = f"{case.expected!r} vs {case.answer!r}: {v.status}/{v.mistake}: {v.feedback} {v.error or ''}"
    assert v.status == case.label, where
    if case.mistake is not None:
        assert v.mistake == case.mistake, where
    if case.feedback is not None:
        assert case.feedback in v.feedback, where
    if case.error is not None:
        assert case.error in (v.error or ""), where
    if v.status == "invalid":
        assert v.error and v.score == 0
