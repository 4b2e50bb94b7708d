"""Practising an assignment (--assignment/--submit) with the stand-in bank: order, rules, the submission file."""
from __future__ import annotations

import csv
import io
import json

import pytest

import repl_fakes as fakes
from grader.batch.assignment import Assignment
from grader.batch.submissions import read_submissions
from tutor.repl.assignment import AssignmentSetupError, AssignmentWork, open_work
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader
from repl_fakes import Clock


def quiz(**options) -> Assignment:
    return Assignment(title="Quiz 1", exercises=("rules-2", "rules-1"), points={"rules-2": 4.0, "rules-1": 3.0},
                      options=options)


def drive(tmp_path, lines, work, user="ana"):
    stdout = io.StringIO()
    out = Output(stdout, width=78)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    work.recall(store.attempts(user))
    session = Session(user=user, out=out, store=store, bank=work.bank, clock=Clock(), work=work, grade=fakes.grade)
    session.reader = PlainReader(io.StringIO("".join(line + "\n" for line in lines)), out)
    assert session.run() == 0
    store.close()
    return stdout.getvalue()


def new_work(tmp_path, name="answers.csv", **options) -> AssignmentWork:
    return AssignmentWork(quiz(**options), fakes.small_bank(), tmp_path / name, "ana", "quiz.toml")


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_only_the_assignments_exercises_in_its_order(tmp_path):
    text = drive(tmp_path, ["", "6x - 4", "", ":open grad-plot", ":topics"], new_work(tmp_path))
    assert "Assignment: Quiz 1 — 2 exercises, 7 points." in text
    assert "Suggested next: rules-2" in text.split("rules-2>")[0]           # the assignment's first, not the bank's
    assert "── rules-2 · Derivative rules and tangent lines · 4 points" in text   # the assignment's points
    assert "Suggested next: rules-1" in text and "── rules-1 ·" in text
    assert "grad-plot is not in the assignment Quiz 1; its exercises: rules-2, rules-1." in text
    assert "Gradients" not in text.split(":topics")[-1]                      # other topics are not listed


def test_every_graded_answer_rewrites_the_file_with_the_latest_per_exercise(tmp_path):
    work = new_work(tmp_path)
    text = drive(tmp_path, [":open rules-1", "6x", "6x -", ":open rules-2", "6x - 4", ":open rules-2", "6x"], work)
    assert "Invalid" in text and "Saved in" in text
    got = {r["exercise"]: r["answer"] for r in rows(work.path)}
    assert got == {"rules-2": "6x", "rules-1": "6x"}          # the latest counts, even when worse; invalid never
    assert [r["exercise"] for r in rows(work.path)] == ["rules-2", "rules-1"]   # assignment order
    assert list(tmp_path.glob(".answers*")) == []              # the temporary file was moved into place
    assert f"Your submission (2 of 2 exercises answered) is in {work.path}." in text
    assert "calctutor grade " + str(work.path) + " --assignment quiz.toml" in text
    subs = read_submissions(work.path)                         # what calctutor grade reads
    assert subs.problems == [] and subs.answers[("ana", "rules-1")].text == "6x"


def test_the_assignments_hint_cost_is_shown_charged_and_submitted(tmp_path):
    work = new_work(tmp_path, hint_cost=1.0)
    text = drive(tmp_path, ["", "6x", ":hint", "6x - 4"], work)
    assert ":hint (2 left, the next costs 1 point)" in text
    assert "Try again, or type :hint (costs 1 point)." in text
    assert "Hint 1 of 2 (costs 1 point):" in text
    # what the gradebook will give: the second attempt can earn 0.9 of 4 points, less the hint
    assert "Score: 2.6 of 4 points (attempt 2 can earn up to 3.6; 3.6 − 1 for hints)." in text
    assert rows(work.path) == [{"student": "ana", "exercise": "rules-2", "answer": "6x - 4", "hints": "1",
                                "attempts": "2"}]


def test_hints_can_be_switched_off_and_solutions_are_not_shown(tmp_path):
    text = drive(tmp_path, ["", ":hint", ":solution", "6x"], new_work(tmp_path, hints=False))
    assert "No hints in this assignment." in text and "Hint 1" not in text
    assert "Worked solutions are not shown while you work on an assignment" in text
    assert "Worked solution (" not in text
    head = text.split("rules-2>")[0]
    assert ":hint" not in head.split("Commands:")[1] and ":solution" not in head.split("Commands:")[1]
    assert "Try again: your latest answer is the one that counts." in text


def test_the_assignments_grading_options_reach_the_checker(tmp_path):
    fakes.CHECKED.clear()
    drive(tmp_path, ["", "6x - 4"], new_work(tmp_path, tolerance=0.01, timeout=5.0, hint_cost=0.0))
    assert fakes.CHECKED == [("rules-2", "6x - 4", {"tolerance": 0.01, "timeout": 5.0})]


def test_a_named_answer_is_submitted_as_typed(tmp_path):
    work = new_work(tmp_path)
    drive(tmp_path, ["", "y = 6x - 4"], work)
    assert rows(work.path)[0]["answer"] == "y = 6x - 4"        # calctutor grade reads "y = …" as the REPL did


@pytest.mark.parametrize("name", ["answers.jsonl", "answers.txt"])
def test_jsonl_and_answer_sheet_files(tmp_path, name):
    work = new_work(tmp_path, name)
    drive(tmp_path, ["", "6x - 4", "", "6x"], work)
    subs = read_submissions(work.path)
    assert {e: a.text for (_, e), a in subs.answers.items()} == {"rules-2": "6x - 4", "rules-1": "6x"}
    if name.endswith(".jsonl"):
        assert json.loads(work.path.read_text().splitlines()[0])["student"] == "ana"


def test_a_new_session_keeps_the_answers_already_submitted(tmp_path, monkeypatch):
    first = new_work(tmp_path)
    drive(tmp_path, ["", "6x - 4"], first)
    from tutor.repl import assignment as module

    monkeypatch.setattr("grader.batch.assignment.load_assignment", lambda path: (quiz(), fakes.small_bank()))
    again = module.open_work("quiz.toml", first.path, "ana")
    assert again.entries["rules-2"].answer == "6x - 4"
    text = drive(tmp_path, ["", "6x"], again)
    assert "1 answered so far." in text
    assert "Suggested next: rules-1" in text                   # rules-2 is known to be right (the progress store)
    assert {r["exercise"]: r["answer"] for r in rows(first.path)} == {"rules-2": "6x - 4", "rules-1": "6x"}


def test_someone_elses_or_a_foreign_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("grader.batch.assignment.load_assignment", lambda path: (quiz(), fakes.small_bank()))
    theirs = tmp_path / "ben.csv"
    theirs.write_text("student,exercise,answer\nben,rules-1,6x\n")
    with pytest.raises(AssignmentSetupError, match="holds answers of ben, not only ana's"):
        open_work("quiz.toml", theirs, "ana")
    other = tmp_path / "other.csv"
    other.write_text("student,exercise,answer\nana,grad-plot,\"(1, 2)\"\n")
    with pytest.raises(AssignmentSetupError, match="answers to grad-plot, which are not in Quiz 1"):
        open_work("quiz.toml", other, "ana")


@pytest.mark.parametrize("submit, message", [
    ("answers.pdf", "must end in .csv, .jsonl or .txt"),
    ("missing-folder/answers.csv", "does not exist"),
])
def test_a_bad_submission_path_is_refused(tmp_path, submit, message):
    with pytest.raises(AssignmentSetupError, match=message):
        open_work(tmp_path / "quiz.toml", tmp_path / submit, "ana")


def test_a_bad_assignment_is_refused_with_its_problems(tmp_path):
    with pytest.raises(AssignmentSetupError, match="no such assignment file"):
        open_work(tmp_path / "nope.toml", tmp_path / "a.csv", "ana")
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "Quiz"\nexercises = ["log-times-y"]\n')
    with pytest.raises(AssignmentSetupError, match="no exercise 'log-times-y' in the bank"):
        open_work(bad, tmp_path / "a.csv", "ana")


def test_hints_come_from_the_students_variant_with_its_numbers(tmp_path, monkeypatch):
    filled = (fakes.Hint("At $a = -1$ the slope is $f'(-1)$.", 0.5), fakes.Hint("Second.", 0.5))
    monkeypatch.setattr(fakes.Variant, "hints", lambda self: filled, raising=False)
    text = drive(tmp_path, ["", ":hint"], new_work(tmp_path))
    assert "Hint 1 of 2 (costs 0.5 points):\nAt a = −1 the slope is f'(−1)." in text   # not the bank's template
