"""The REPL shows feedback at its level: guided by default, :why for the full detail in practice,
the assignment's level in homework (issue 13). Driven with the real bank and checker."""
from __future__ import annotations

import io

import pytest

import exercises
from grader.batch.assignment import Assignment
from tutor import to_text
from tutor.repl.assignment import AssignmentWork
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader

EX = "log-times-x"


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def drive(tmp_path, bank, lines, work=None, user="ana"):
    stdout = io.StringIO()
    out = Output(stdout, width=100)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    session = Session(user=user, out=out, store=store, bank=bank, work=work)
    session.reader = PlainReader(io.StringIO("".join(line + "\n" for line in lines)), out)
    assert session.run() == 0
    store.close()
    return stdout.getvalue()


def doubled(bank, user="ana") -> str:
    return to_text(2 * bank[EX].variant_for(user).answer)


def test_practice_is_guided_and_why_gives_the_detail(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", doubled(bank), ":why"])
    answered, _, explained = text.partition(":why")
    assert "constant multiple of the right one" in answered and "2 times the right one" not in answered
    assert "2 times the right one" in explained


def test_why_before_an_answer_says_what_to_do(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", ":why"])
    assert "Answer the exercise first" in text


def homework(bank, tmp_path, **options) -> AssignmentWork:
    a = Assignment(title="Quiz", exercises=(EX,), points={EX: 2.0}, options=options)
    return AssignmentWork(a, bank, tmp_path / "answers.csv", "ana", "quiz.toml")


def test_homework_why_follows_the_assignments_level(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", doubled(bank), ":why"], work=homework(bank, tmp_path))
    assert "2 times the right one" not in text
    assert "In this assignment feedback is guided" in text


def test_an_exam_shows_the_verdict_only(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", doubled(bank)], work=homework(bank, tmp_path, feedback="verdict"))
    assert "Incorrect." in text
    assert "constant" not in text and "times the right one" not in text


def test_a_full_assignment_shows_everything(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", doubled(bank)], work=homework(bank, tmp_path, feedback="full"))
    assert "2 times the right one" in text
