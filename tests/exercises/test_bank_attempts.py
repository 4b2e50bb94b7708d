"""A bank exercise may set its own attempt rules (issue 13): penalty, attempt_credit, max_attempts."""
from __future__ import annotations

import textwrap

import pytest

import exercises
from exercises.errors import BankLoadError
from grader.scoring import Attempts, policy_for

EXERCISE = '''
topic = "surfaces"

[[exercise]]
id = "tf-one"
title = "A statement"
task = "true_false"
prompt = "True or false: $x^2 \\\\ge 0$ for every real $x$."
answer = true
points = 2
{rules}
'''


def load(tmp_path, rules: str):
    path = tmp_path / "bank.toml"
    path.write_text(textwrap.dedent(EXERCISE.format(rules=rules)), encoding="utf-8")
    return exercises.load(path)


def test_the_exercises_rules_reach_the_policy_and_an_assignment_overrides_them(tmp_path):
    ex = load(tmp_path, "penalty = 0.25\nmax_attempts = 2")["tf-one"]
    assert ex.attempts == {"penalty": 0.25, "max_attempts": 2}
    assert policy_for(ex).attempts == Attempts(0.25, (), 2)
    assert policy_for(ex).credit(1.0, attempt=2).earned == 1.5
    assert policy_for(ex, {"max_attempts": 5}).attempts == Attempts(0.25, (), 5)
    listed = load(tmp_path, "attempt_credit = [1, 0.5]")["tf-one"]
    assert policy_for(listed).credit(1.0, attempt=3).earned == 1


def test_an_exercise_without_rules_gets_the_default(tmp_path):
    ex = load(tmp_path, "")["tf-one"]
    assert ex.attempts == {} and policy_for(ex).attempts == Attempts()


@pytest.mark.parametrize("rules, field", [("penalty = 1.5", "penalty"), ("attempt_credit = [0.4, 1]", "attempt_credit"),
                                          ("max_attempts = 0", "max_attempts"), ('penalty = "a lot"', "penalty")])
def test_a_bad_rule_is_reported_on_its_field(tmp_path, rules, field):
    with pytest.raises(BankLoadError) as info:
        load(tmp_path, rules)
    assert f"tf-one" in str(info.value) and field in str(info.value)
