"""The scoring policy (grader/scoring.py): credit, hint costs and attempt penalties in one place."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.scoring import Attempts, Policy, attempt_problems, attempts_from, policy_for, used_attempts

shares = st.floats(min_value=0, max_value=1, allow_nan=False)
attempt_numbers = st.integers(min_value=1, max_value=30)
rules = st.one_of(
    st.builds(Attempts, penalty=shares, max_attempts=st.none() | st.integers(1, 10)),
    st.lists(shares, min_size=1, max_size=6).map(lambda xs: Attempts(credit=tuple(sorted(xs, reverse=True)))),
)


def test_stack_default_each_attempt_after_the_first_takes_a_tenth():
    p = Policy(points=2)
    assert [p.available(n) for n in (1, 2, 3)] == [2, 1.8, 1.6]
    assert p.credit(1.0, attempt=2).earned == 1.8
    assert p.credit(0.5, attempt=3).earned == 0.8   # a partial answer earns its share of what is left
    assert Policy(points=1).credit(1.0, attempt=15).earned == 0   # never below zero


def test_a_declining_list_like_prairielearn_and_its_last_value_repeats():
    p = Policy(points=10, attempts=Attempts(credit=(1, 0.7, 0.4)))
    assert [p.credit(1.0, attempt=n).earned for n in (1, 2, 3, 4, 9)] == [10, 7, 4, 4, 4]


def test_after_the_last_attempt_allowed_nothing_is_earned():
    p = Policy(points=1, attempts=Attempts(penalty=0, max_attempts=2))
    assert p.credit(1.0, attempt=2).earned == 1 and p.credit(1.0, attempt=2).left == 0
    late = p.credit(1.0, attempt=3)
    assert late.earned == 0 and late.out_of_attempts


def test_hints_cost_only_when_the_answer_earns_something_and_the_solution_ends_credit():
    p = Policy(points=2, hint_costs=(0.5, 0.25))
    assert p.credit(1.0, hints=2).earned == 1.25
    assert p.credit(0.0, hints=2).earned == 0 and p.credit(0.0, hints=2).hint_cost == 0.75
    assert p.credit(1.0, solution_seen=True).earned == 0
    flat = Policy(points=2, hint_costs=(0.5, 0.25), hint_each=0.1)
    assert flat.hint_cost(2) == pytest.approx(0.2) and flat.next_hint_cost(0) == pytest.approx(0.1)
    assert Policy(points=2, hint_costs=(0.5,), hints_allowed=False).hint_cost(1) == 0
    # the REPL records each hint's price as it is taken (free once solved): a known charge wins
    assert Policy(points=2, hint_costs=(0.5,)).credit(1.0, hints=1, hint_cost=0.0).earned == 2


@given(rules, attempt_numbers)
def test_what_is_available_never_grows_with_another_attempt(rule, n):
    assert 0 <= rule.available(n + 1) <= rule.available(n) <= 1


@given(rules, shares, shares, attempt_numbers, st.integers(0, 3))
def test_credit_stays_within_the_points_and_grows_with_the_score(rule, a, b, n, hints):
    p = Policy(points=3, hint_costs=(0.5, 0.5, 0.5), attempts=rule)
    low, high = sorted((a, b))
    c_low, c_high = p.credit(low, n, hints), p.credit(high, n, hints)
    assert 0 <= c_low.earned <= c_high.earned <= p.available(n) <= 3


@given(shares, st.integers(0, 2))
def test_the_first_attempt_earns_what_it_did_before_penalties(score, hints):
    p = Policy(points=2, hint_costs=(0.5, 0.25))
    before = round(min(max(score * 2 - (p.hint_cost(hints) if score * 2 > 0 else 0), 0), 2), 2)
    assert p.credit(score, attempt=1, hints=hints).earned == before


def test_the_assignment_overrides_the_bank_and_the_bank_overrides_the_default():
    ex = SimpleNamespace(points=4, hints=(SimpleNamespace(cost=1),), attempts={"penalty": 0.25, "max_attempts": 3})
    assert policy_for(ex).attempts == Attempts(0.25, (), 3)
    assigned = policy_for(ex, {"penalty": 0.5, "hint_cost": 0.2}, points=2)
    assert assigned.attempts == Attempts(0.5, (), 3) and assigned.points == 2 and assigned.hint_cost(1) == 0.2
    assert attempts_from(None, {"attempt_credit": [1, 0.5]}).credit == (1.0, 0.5)
    assert policy_for(SimpleNamespace(points=1)).attempts == Attempts()


def test_only_graded_verdicts_use_an_attempt():
    assert used_attempts(["invalid", "undecided", "incorrect", "partial", "invalid", "correct"]) == 3


@pytest.mark.parametrize("key, value", [
    ("penalty", 1.5), ("penalty", True), ("penalty", "0.1"), ("attempt_credit", [0.5, 0.8]),
    ("attempt_credit", []), ("attempt_credit", "1"), ("max_attempts", 0), ("max_attempts", 2.5),
])
def test_bad_attempt_rules_are_explained(key, value):
    assert attempt_problems(key, value)


@pytest.mark.parametrize("key, value", [("penalty", 0), ("penalty", 0.1), ("attempt_credit", [1, 0.7, 0.4]),
                                        ("max_attempts", 3)])
def test_good_attempt_rules_pass(key, value):
    assert attempt_problems(key, value) is None
