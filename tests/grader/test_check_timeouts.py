"""A check that runs out of time while reading, or hits a bug in the reader, is *undecided* (issue 18.8).

Before, the alarm fired inside ``tutor.parse``, whose catch-all turned it into
"could not read this (TimedOut…)": an *invalid* verdict for a readable answer.
Student-facing words never name a Python exception.
"""
from __future__ import annotations

import time

import pytest

import grader
from grader import reading as grader_reading
from tutor.reading.errors import InternalReadingError, ParseError
from tutor.reading.parser import parse_uncached
from tutor.reading import sizes  # called by the transformer for every sum

EXCEPTION_NAMES = ("OverflowError", "TimedOut", "ZeroDivisionError", "Error", "Exception", "Traceback")


@pytest.fixture(autouse=True)
def _fresh_cache():
    grader_reading.clear_cache()
    yield
    grader_reading.clear_cache()


def _spin(*_args):
    """A reading that never ends by itself: only the check's alarm can stop it."""
    end = time.monotonic() + 30
    while time.monotonic() < end:
        pass
    raise AssertionError("the check's time limit never fired")


def _overflow(*_args):
    raise OverflowError("int too large to convert to float")


def test_a_reading_that_times_out_is_undecided_not_invalid(monkeypatch):
    monkeypatch.setattr(sizes, "sum_digits", _spin)
    verdict = grader.check("2x", "x + x + 1", timeout=0.5)
    assert verdict.status == "undecided" and verdict.score == 0
    assert "could not read" not in verdict.feedback
    assert "0.5 s" in verdict.feedback
    assert not any(name in verdict.to_text() for name in EXCEPTION_NAMES)


def test_a_timed_out_reading_is_not_remembered_as_unreadable(monkeypatch):
    monkeypatch.setattr(sizes, "sum_digits", _spin)
    assert grader.check("2x", "x + x", timeout=0.3).status == "undecided"
    monkeypatch.undo()
    assert grader.check("2x", "x + x").status == "correct"


@pytest.mark.parametrize("answer", ["x + x", "2*x + 0", "(x + x)/1"])
def test_an_internal_failure_while_reading_is_undecided_and_unnamed(monkeypatch, answer):
    monkeypatch.setattr(sizes, "sum_digits", _overflow)
    verdict = grader.check("2x", answer)
    assert verdict.status == "undecided" and verdict.score == 0
    for rendered in (verdict.to_text(), verdict.to_html(), str(verdict.to_dict())):
        assert not any(name in rendered for name in EXCEPTION_NAMES)


def test_parse_still_raises_only_parse_error_for_an_internal_failure(monkeypatch):
    monkeypatch.setattr(sizes, "sum_digits", _overflow)
    with pytest.raises(ParseError) as err:
        parse_uncached("x + 1")
    assert isinstance(err.value, InternalReadingError) and err.value.internal
    assert err.value.cause == "OverflowError"
    assert "OverflowError" not in str(err.value) and "could not read this" not in str(err.value)


def test_an_ordinary_unreadable_answer_is_still_invalid():
    verdict = grader.check("2x", "2x +")
    assert verdict.status == "invalid"
    with pytest.raises(ParseError) as err:
        parse_uncached("2x +")
    assert not err.value.internal
