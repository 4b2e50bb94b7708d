"""Suggestion order and the meaning of a history: new first, then missed ones, spaced."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from grader.scoring import Attempts, Policy
from tutor.repl.progress import exercise_states, fmt_points
from tutor.repl.store import Attempt, Event
from tutor.repl.suggest import RETRY_AFTER, REVIEW_AFTER, next_exercise, suggestions

ORDER = [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B"), ("b2", "B")]
NOW = 1_000_000.0


def att(ex, status, at, score=None, credit_=0.0):
    score = {"correct": 1.0, "partial": 0.5}.get(status, 0.0) if score is None else score
    return Attempt(0, "ana", ex, "", "", "x", status, score, 2.0, credit_, None, "", at, "")


def ev(ex, kind, at, cost=0.0):
    return Event(0, "ana", ex, kind, "", cost, at, "")


def ids(found):
    return [s.exercise_id for s in found]


def test_everything_new_follows_course_order():
    assert ids(suggestions(ORDER, {}, NOW)) == ["a1", "a2", "a3", "b1", "b2"]
    assert next_exercise(ORDER, {}, NOW).reason == "new"


def test_new_before_missed_before_solved():
    states = exercise_states([att("a1", "correct", NOW - 60), att("a2", "incorrect", NOW - 2 * RETRY_AFTER)], [])
    found = suggestions(ORDER, states, NOW)
    assert ids(found) == ["a3", "b1", "b2", "a2"]
    assert found[-1].reason == "retry"


def test_missed_ones_come_back_oldest_first_once_due():
    states = exercise_states([
        att("a1", "incorrect", NOW - 3 * RETRY_AFTER),
        att("a2", "incorrect", NOW - 5 * RETRY_AFTER),
        att("a3", "incorrect", NOW - 60),          # just missed: not due yet
        att("b1", "partial", NOW - 2 * RETRY_AFTER),
        att("b2", "incorrect", NOW - 120),
    ], [])
    found = suggestions(ORDER, states, NOW)
    assert ids(found) == ["a2", "a1", "b1", "b2", "a3"]
    assert [s.reason for s in found] == ["retry", "retry", "retry", "retry-early", "retry-early"]


def test_a_later_correct_answer_removes_an_exercise_from_the_retry_queue():
    states = exercise_states([att("a1", "incorrect", NOW - 4000), att("a1", "correct", NOW - 3000)], [])
    assert "a1" not in ids(suggestions(ORDER, states, NOW))
    # ... until it is due for review
    assert suggestions(ORDER, states, NOW + REVIEW_AFTER)[-1].exercise_id == "a1"
    assert suggestions(ORDER, states, NOW + REVIEW_AFTER)[-1].reason == "review"


def test_skipped_and_looked_up_exercises_are_treated_as_missed():
    states = exercise_states([], [ev("a1", "skip", NOW - 10), ev("a2", "solution", NOW - 2 * RETRY_AFTER)])
    assert states["a1"].status == "skipped" and states["a2"].status == "seen"
    assert ids(suggestions(ORDER, states, NOW)) == ["a3", "b1", "b2", "a2", "a1"]


def test_hints_alone_do_not_make_an_exercise_old():
    states = exercise_states([], [ev("a1", "hint", NOW - 10, cost=1)])
    assert states["a1"].is_new and states["a1"].hint_cost == 1
    assert ids(suggestions(ORDER, states, NOW))[0] == "a1"


def test_topic_filter_and_exclusion():
    assert ids(suggestions(ORDER, {}, NOW, topic="B")) == ["b1", "b2"]
    assert ids(suggestions(ORDER, {}, NOW, exclude=["a1"]))[0] == "a2"
    assert next_exercise(ORDER, exercise_states([att("b1", "correct", NOW), att("b2", "correct", NOW)], []),
                         NOW, topic="B") is None


def test_invalid_answers_count_for_nothing():
    states = exercise_states([att("a1", "invalid", NOW)], [])
    assert "a1" not in states or states["a1"].is_new


def test_state_keeps_the_best_credit_and_the_counts():
    states = exercise_states([att("a1", "incorrect", 1), att("a1", "partial", 2, credit_=1.0),
                              att("a1", "correct", 3, credit_=1.5), att("a1", "incorrect", 4)],
                             [ev("a1", "hint", 0, 0.5)])
    s = states["a1"]
    assert (s.attempts, s.wrong, s.solved, s.earned, s.hints_used, s.last_activity) == (4, 3, True, 1.5, 1, 4)
    assert s.status == "solved"


def test_credit_rules():
    four, two = Policy(points=4, hint_each=1), Policy(points=2, hint_each=5)
    assert four.credit(1.0).earned == 4
    assert four.credit(0.5, hints=1).earned == 1
    assert two.credit(1.0, hints=1).earned == 0          # never negative
    assert four.credit(1.0, solution_seen=True).earned == 0   # after the solution, practice only
    assert Policy(points=4, attempts=Attempts(penalty=0.25)).credit(1.0, attempt=3).earned == 2
    assert fmt_points(2.0) == "2" and fmt_points(2.5) == "2.5" and fmt_points(1 / 3) == "0.33"


@given(st.lists(st.tuples(st.sampled_from([e for e, _ in ORDER]),
                          st.sampled_from(["correct", "incorrect", "partial", "invalid"]),
                          st.floats(0, NOW)), max_size=30),
       st.floats(0, 2 * NOW))
def test_suggestions_are_a_permutation_of_unsolved_and_new_ones_lead(history, now):
    states = exercise_states([att(e, s, t) for e, s, t in history], [])
    found = suggestions(ORDER, states, now)
    got = ids(found)
    assert len(got) == len(set(got))
    unsolved = [e for e, _ in ORDER if not (e in states and states[e].solved)]
    assert set(unsolved) <= set(got)
    reasons = [s.reason for s in found]
    rank = {"new": 0, "retry": 1, "retry-early": 2, "review": 3}
    assert [rank[r] for r in reasons] == sorted(rank[r] for r in reasons)
