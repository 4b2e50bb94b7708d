"""Variants cost what is used: mistakes and solutions are worked out on first read, and only as far as read."""
from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

import exercises
from tutor.engine.later import Later
from grader.checking import check_variant


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


@given(st.lists(st.integers()))
def test_a_later_is_the_tuple_its_function_yields(values):
    later = Later(lambda: iter(values))
    assert tuple(later) == tuple(values)
    assert len(later) == len(values) and later.done
    assert list(later[1:]) == values[1:]
    assert bool(later) == bool(values)


@given(st.lists(st.integers(), min_size=1), st.integers(min_value=0, max_value=20))
def test_a_later_works_out_only_as_far_as_it_is_read(values, stop):
    calls: list[int] = []

    def gen():
        calls.append(1)
        for v in values:
            calls.append(v)
            yield v

    later = Later(gen)
    assert later.pulled == 0 and calls == []
    for i, v in enumerate(later):
        if i >= stop:
            break
    assert later.pulled == min(stop + 1, len(values))
    assert tuple(later) == tuple(values)  # the rest comes on demand, the start is not worked out again
    assert calls[0] == 1 and calls.count(1) == 1 + values.count(1)


def test_a_later_calls_its_function_once_across_threads():
    calls = []

    def fn():
        calls.append(1)
        return range(1000)

    later = Later(fn)
    threads = [threading.Thread(target=lambda: tuple(later)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [1] and tuple(later) == tuple(range(1000))


def test_a_later_in_a_hashable_record_is_not_forced():
    from grader.options import options_from

    later = Later(lambda: (_ for _ in ()).throw(AssertionError("forced")))
    opts = options_from({"mistakes": later})
    assert opts.mistakes is later
    hash(opts)
    assert later.pulled == 0


@pytest.mark.parametrize("ex_id", ["quotient-rule-rational", "chain-rule-linear-inside", "partial-x-course"])
def test_a_right_answer_builds_no_mistake_and_no_solution(bank, ex_id):
    v = bank[ex_id].variant("lazy-1")
    assert check_variant(v, v.answer_text).status == "correct"
    assert v.mistakes.pulled == 0
    assert not v.shown.done  # prompt, hints and worked solution not built


@pytest.mark.parametrize("ex_id", ["quotient-rule-rational", "chain-rule-linear-inside", "log-times-x"])
def test_a_wrong_answer_reads_mistakes_up_to_the_one_it_matches(bank, ex_id):
    from tutor import to_text

    fresh = bank[ex_id].variant("lazy-2")
    everything = tuple(fresh.mistakes)
    assert everything, "the exercise has generated mistakes"
    first = everything[0]
    v = exercises.load()[ex_id].variant("lazy-2")  # a new bank: nothing worked out yet
    verdict = check_variant(v, to_text(first.expr))
    assert verdict.mistake == first.key
    assert v.mistakes.pulled == 1
    assert tuple(v.mistakes) == everything  # same mistakes, same order, whether read at once or bit by bit


def test_the_prompt_and_solution_are_those_of_a_full_build(bank):
    v = bank["product-rule-power-sine"].variant(3)
    assert "$" in v.prompt and v.prompt_text and v.prompt_line is not None
    assert v.solution.to_text().startswith("Worked solution")
    assert v.to_dict()["solution"] == v.solution.to_text()
