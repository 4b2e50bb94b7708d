"""The diagnosis corpus (tests/data/diagnosis): classic slips per task type, named right ≥ 95 %;
a wrong name is counted apart from a missed one, and almost never allowed."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import exercises
from grader import slips

CORPUS = Path(__file__).parent.parent / "data" / "diagnosis" / "slips.toml"


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


@pytest.fixture(scope="module")
def named(bank):
    return [slips.name(s, bank) for s in slips.load(CORPUS)]


def _listing(rows) -> str:
    return "\n".join(f"  {n.slip.task}: {n.slip.answer!r} expected {n.slip.mistake!r}, got {n.got!r}" for n in rows)


def test_the_corpus_covers_every_task_type_with_slips(bank):
    rows = slips.load(CORPUS)
    tasks = Counter(bank[s.exercise].task for s in rows if s.exercise)
    assert len(rows) >= 80
    for task in ("derivative", "partial", "gradient", "directional", "tangent", "taylor", "level_curve",
                 "difference_quotient", "limit", "gd_step", "gd_run", "optimizer_step", "sgd_estimate"):
        assert tasks[task] >= 1, task
    assert all(s.why for s in rows)


def test_slips_are_named_right(named):
    figures = slips.figures(named)
    misses = [n for n in named if not n.right]
    assert figures.share >= 0.95, f"{figures.share:.1%} named right:\n{_listing(misses)}"


def test_a_wrong_name_is_rarer_than_a_missed_one(named):
    wrong = [n for n in named if n.wrong_name]
    assert len(wrong) <= len(named) // 50, f"{len(wrong)} wrong names:\n{_listing(wrong)}"


def test_the_figures_add_up(named):
    f = slips.figures(named)
    assert f.right + f.wrong_names + f.missed == f.rows == len(named)
