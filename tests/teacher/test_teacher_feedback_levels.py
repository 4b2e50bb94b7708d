"""Batch grading writes each student's feedback at the level the teacher chose (issue 13)."""
from __future__ import annotations

import pytest

import exercises
from grader.batch.assignment import AssignmentError, load_assignment
from grader.batch.model import Answer, Job
from grader.batch.work import Spec, grade_chunk


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def job(student: str, exercise: str, text: str) -> Job:
    return Job(student, exercise, text, Answer(student, exercise, text).digest)


def _doubled(bank, student: str) -> str:
    from tutor import to_text

    return to_text(2 * bank["log-times-x"].variant_for(student).answer)


def test_the_teachers_level_decides_what_the_outcome_says(bank):
    wrong = _doubled(bank, "ana")
    said = {level: grade_chunk(Spec(feedback=level), [job("ana", "log-times-x", wrong)])[0]
            for level in ("full", "guided", "verdict")}
    assert all(o.status == "incorrect" and o.mistake == "constant-factor" for o in said.values())
    assert "2 times the right one" in said["full"].feedback
    assert "2 times" not in said["guided"].feedback and "constant" in said["guided"].feedback
    assert said["verdict"].feedback == ""


def test_without_a_teacher_level_the_default_is_guided(bank):
    [o] = grade_chunk(Spec(), [job("ana", "log-times-x", _doubled(bank, "ana"))])
    assert "2 times" not in o.feedback and o.feedback


def test_the_assignment_option_is_read_and_checked(tmp_path):
    good = tmp_path / "exam.toml"
    good.write_text('title = "Exam"\nexercises = ["log-times-x"]\n[options]\nfeedback = "verdict"\n')
    a, _ = load_assignment(good)
    assert a.feedback_level == "verdict"
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "Exam"\nexercises = ["log-times-x"]\n[options]\nfeedback = "chatty"\n')
    with pytest.raises(AssignmentError, match="options.feedback: one of guided, full, verdict"):
        load_assignment(bad)


_EXAM_BANK = '''topic = "exam"
[[exercise]]
id = "exam-square"
title = "A square"
task = "derivative"
prompt = "Differentiate $f(x) = {function}$."
function = "x^3"
feedback_level = "verdict"
'''


def test_an_exercises_own_level_applies_unless_the_teacher_sets_one(tmp_path):
    path = tmp_path / "exam.toml"
    path.write_text(_EXAM_BANK)
    assert exercises.load(str(path))["exam-square"].feedback_level == "verdict"
    [own] = grade_chunk(Spec(bank_path=str(path)), [job("ana", "exam-square", "6x^2")])
    [told] = grade_chunk(Spec(bank_path=str(path), feedback="full"), [job("ana", "exam-square", "6x^2")])
    assert own.status == told.status == "incorrect"
    assert own.feedback == "" and "2 times the right one" in told.feedback


def test_a_bank_level_that_is_not_a_level_is_refused(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(_EXAM_BANK.replace('"verdict"', '"chatty"'))
    with pytest.raises(Exception, match="feedback_level.*guided, full, verdict"):
        exercises.load(str(path))
