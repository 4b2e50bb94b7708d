"""Attempts in batch grading (issue 13): a submission's ``attempts`` column, the assignment's rules,
the gradebook cell and the feedback page. The REPL writes the column; see tests/repl/test_repl_scoring_agree.py."""
from __future__ import annotations

import pytest

import exercises
from grader.batch import gradebook
from grader.batch.assignment import Assignment, AssignmentError, load_assignment
from grader.batch.model import Answer, Outcome
from grader.batch.submissions import read_submissions, write_submission
from grader.reports.feedback import ReportData, student_markdown, student_summary

EX = "log-times-x"


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def _book(bank, options, attempts, status="correct", score=1.0):
    a = Assignment("Quiz", (EX,), {EX: 4.0}, options)
    answers = {("ana", EX): Answer("ana", EX, "ln(x) + 1", attempts=attempts)}
    outcomes = {("ana", EX): Outcome("ana", EX, "d", status, score)}
    return gradebook.build(a, bank, ("ana",), answers, outcomes), answers, outcomes


@pytest.mark.parametrize("options, attempts, points", [
    ({}, 1, 4), ({}, 2, 3.6), ({}, 4, 2.8),                          # STACK's default, 0.1 per attempt
    ({"penalty": 0.25}, 3, 2),
    ({"attempt_credit": (1.0, 0.5, 0.2)}, 2, 2), ({"attempt_credit": (1.0, 0.5, 0.2)}, 7, 0.8),
    ({"max_attempts": 2}, 3, 0), ({"penalty": 0.0}, 9, 4),
])
def test_the_cell_is_the_policys_credit_at_the_answers_attempt(bank, options, attempts, points):
    book, _, _ = _book(bank, options, attempts)
    cell = book.cells[("ana", EX)]
    assert (cell.points, cell.attempts) == (points, attempts)


def test_the_feedback_page_and_summary_say_which_attempt_counted(bank):
    book, answers, outcomes = _book(bank, {}, 3, "partial", 0.5)
    data = ReportData(book, answers, outcomes, {EX: "x ln x"}, {}, {})
    assert "This was your attempt 3: it could earn up to 3.2 of 4 points." in student_markdown(data, "ana")
    assert student_summary(data, "ana")["exercises"][0] == {"exercise": EX, "status": "partial",
                                                           "points": 1.6, "attempts": 3}
    first, a1, o1 = _book(bank, {}, 1)
    assert "This was your attempt" not in student_markdown(ReportData(first, a1, o1, {}, {}, {}), "ana")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_the_attempts_column_round_trips_and_a_bad_value_is_a_problem(tmp_path, suffix):
    path = write_submission(tmp_path / f"s{suffix}", "ana", {EX: "ln(x) + 1", "other": "1"},
                            hints={EX: 1}, attempts={EX: 3})
    subs = read_submissions(path)
    assert (subs.answers[("ana", EX)].attempts, subs.answers[("ana", "other")].attempts) == (3, 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("student,exercise,answer,attempts\nana,e1,2x,0\nben,e1,2x,two\n", encoding="utf-8")
    read = read_submissions(bad)
    assert [a.attempts for a in read.answers.values()] == [1, 1]
    assert [p.line for p in read.problems] == [2, 3] and "attempts must be a whole number >= 1" in str(read.problems[0])


def test_the_assignments_attempt_options_are_checked_with_every_problem_listed(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(f'exercises = ["{EX}"]\n[options]\npenalty = 0.2\nattempt_credit = [1, 0.6]\n'
                    'max_attempts = 2\ncalculator = false\n', encoding="utf-8")
    a, bank = load_assignment(good)
    assert a.policy(bank[EX]).attempts.credit == (1.0, 0.6) and not a.calculator_allowed
    bad = tmp_path / "bad.toml"
    bad.write_text(f'exercises = ["{EX}"]\n[options]\npenalty = 2\nattempt_credit = [0.5, 1]\n'
                   'max_attempts = 0\ncalculator = "no"\n', encoding="utf-8")
    with pytest.raises(AssignmentError) as err:
        load_assignment(bad)
    for key in ("options.penalty", "options.attempt_credit", "options.max_attempts", "options.calculator"):
        assert key in str(err.value)
