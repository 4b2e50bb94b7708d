"""Multi-part exercises in the REPL (issue 14): part by part, going back, per-part hints, solutions,
attempts and the store; with a small test bank and the real checker (``grader.check_parts``)."""
from __future__ import annotations

import csv
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parts_bank
from grader.batch.assignment import Assignment
from grader.parts import split_answers
from tutor.repl.assignment import AssignmentWork, _earlier_answers
from tutor.repl.parts import one_cell, part_id
from tutor.repl.progress import exercise_states
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader
from repl_fakes import Clock

EX = "fit-chain"
R, W, C = parts_bank.RIGHT, parts_bank.WRONG_GRAD, parts_bank.CARRIED


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    return parts_bank.load(tmp_path_factory.mktemp("bank"))


def drive(tmp_path, bank, lines, user="ana", work=None):
    stdout = io.StringIO()
    out = Output(stdout, width=90)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    if work is not None:
        work.recall(store.attempts(user))
    session = Session(user=user, out=out, store=store, bank=bank, clock=Clock(), work=work)
    session.reader = PlainReader(io.StringIO("".join(line + "\n" for line in lines)), out)
    assert session.run() == 0
    store.close()
    return stdout.getvalue()


def after(text: str, typed: str, prompt: str = EX) -> str:
    """What the tutor said after the LAST time ``typed`` was entered, up to the next prompt."""
    return text.split(f"{prompt}> {typed}\n")[-1].split(f"\n{prompt}> ")[0]


def attempts(tmp_path, exercise, user="ana"):
    return ProgressStore(tmp_path / "progress.sqlite3").attempts(user, exercise)


def test_part_by_part_carried_forward_then_going_back_regrades_the_later_parts(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", W, C["step"], ":part 1", R["grad"]])
    opened = text.split(f"{EX}> ")[0]
    assert "L(w, b) = (w + b − 3)²" in opened                               # the stem, then the first part
    assert "Part 1 of 3 · grad · 2 points" in opened and "Find ∇L" in opened
    assert ":part N  :back" in opened
    wrong = after(text, W)
    assert "Part 1 (grad):" in wrong and "\nIncorrect" in wrong
    assert "Part 2 of 3 · step · 2 points" in wrong                         # on to the next part
    step = after(text, C["step"])
    assert "Carried forward: right for your earlier answer.\n" in step
    assert "Your step is right for the grad you found, but that grad was wrong." in step
    assert "Score: 2 of 2 points." in step                                  # follow-through: full credit
    assert "Part 3 of 3 · loss" in step
    fixed = after(text, R["grad"])
    assert "\nCorrect" in fixed
    assert "Score: 1.8 of 2 points (attempt 2 can earn up to 1.8)." in fixed
    assert re.search(r"Part 2 \(step\) is graded again with your new answer to part 1 \(grad\): now Incorrect, "
                     r"it was Carried forward", fixed)                      # said, never silent
    assert "Part 2 of 3 · step" in fixed                                    # the first later part not right yet
    whole = attempts(tmp_path, EX)
    assert [a.status for a in whole] == ["incorrect", "partial", "partial"]
    assert whole[-1].answer == f"grad: {R['grad']}; step: {C['step']}"     # the one-cell form of the answers
    assert whole[-1].credit == 1.8 and whole[-1].points == 5
    assert [(a.status, a.attempt) for a in attempts(tmp_path, part_id(EX, "grad"))] == [
        ("incorrect", 1), ("correct", 2)]
    assert [(a.status, a.credit) for a in attempts(tmp_path, part_id(EX, "step"))] == [("carried", 2.0)]


def test_an_invalid_part_costs_nothing_keeps_the_earlier_answer_and_does_not_block(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", W, ":back", "(1, ", ":part step", R["step"], ":part 1", R["grad"]])
    bad = after(text, "(1, ")
    assert bad.startswith("Part 1 (grad):\nInvalid:")
    assert "Nothing was counted: fix it and type it again." in bad
    assert f"Your earlier answer to part 1 (grad) stays: {W}. Fix it, or go on with :part N." in bad
    assert "Part 2 of 3 · step" in after(text, ":part step")                 # going on past it
    fixed = after(text, R["grad"])
    assert "Score: 1.8 of 2 points (attempt 2 can earn up to 1.8)." in fixed  # the invalid line used no attempt
    rows = attempts(tmp_path, part_id(EX, "grad"))
    assert [(a.status, a.attempt) for a in rows] == [("incorrect", 1), ("invalid", 0), ("correct", 2)]


def test_every_part_right_ends_with_the_table_and_the_next_exercise(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", R["grad"], R["step"], R["loss"]])
    end = after(text, R["loss"])
    assert re.search(r" 1\. grad +Correct +2 of 2\n +2\. step +Correct +2 of 2\n +3\. loss +Correct +1 of 1", end)
    assert "Total so far: 5 of 5 points." in end
    assert f"Every part of {EX} is correct. Well done!" in end and "Suggested next: power-one" in end
    states = exercise_states(attempts(tmp_path, EX), [])
    assert states[EX].solved and states[EX].earned == 5
    assert text.rstrip().endswith("3 answers this session, 1 exercise solved, 5 points earned. Your progress is saved.")


def test_hints_solutions_and_why_are_per_part(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", ":why", ":hint", ":hint", W, ":solution", C["step"], ":part 1",
                                  ":why"])
    assert "Answer this part first: :why explains your latest answer to it." in text.split(f"{EX}> :hint")[0]
    assert "Hint 1 of 1 for part 1 (grad) (costs 0.5 points):\nOne partial derivative per variable" in text
    assert "You have seen the hint." in text
    assert "Score: 0 of 2 points." in after(text, W)                     # hints cost nothing on a wrong answer
    solution = after(text, ":solution")
    assert solution.startswith("Part 2 (step):\nWorked solution: Loss, gradient, one step (step)\nAnswer: (1.4, 0.4)")
    assert "Answers to part 2 (step) are now practice" in solution
    assert "practice after the worked solution, so 0 of 2 points" in after(text, C["step"])
    why = after(text, ":why")                                              # part 1's full explanation
    assert why.startswith("I read your answer as: (4, 4)\nIncorrect.") and "∂f/∂w" in why
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert [(e.exercise, e.kind) for e in store.events("ana")] == [
        (part_id(EX, "grad"), "hint"), (part_id(EX, "step"), "solution")]


def test_commands_and_typos(tmp_path, bank):
    text = drive(tmp_path, bank, [f":open {EX}", ":back", ":part stpe", ":part 7", ":prat 2", ":part", ":open power-one",
                                  ":part 2"])
    assert "This is the first part already" in text
    assert "There is no part 'stpe' in fit-chain: its parts are 1 to 3 (grad, step, loss). Did you mean step?" in text
    assert "There is no part '7'" in text
    assert "There is no command :prat. Did you mean :part?" in text
    assert re.search(r"▸ 1\. grad +not answered", after(text, ":part"))
    assert "power-one has one part only" in after(text, ":part 2", "power-one")
    assert ":part [N|NAME]" in drive(tmp_path, bank, [":help"], user="bo")


def test_quitting_and_coming_back_continues_at_the_right_part(tmp_path, bank):
    drive(tmp_path, bank, [f":open {EX}", W, C["step"]])
    text = drive(tmp_path, bank, [f":open {EX}", C["loss"]])
    opened = text.split(f"{EX}> ")[0]
    assert re.search(r"1\. grad +Incorrect +0 of 2\n +2\. step +Carried forward \(right for your earlier answer\) "
                     r"+2 of 2\n +▸ 3\. loss +not answered +0 of 1\nTotal so far: 2 of 5 points\.", opened)
    assert "Part 3 of 3 · loss" in opened and "Your answer so far" not in opened
    assert "Carried forward" in after(text, C["loss"])                   # graded with the answers kept before


def test_an_assignment_counts_attempts_per_part_and_submits_one_row_per_part(tmp_path, bank):
    quiz = Assignment(title="Quiz", exercises=(EX,), points={EX: 10.0}, options={"hint_cost": 1})
    work = AssignmentWork(quiz, bank, tmp_path / "ana.csv", "ana", "quiz.toml")
    text = drive(tmp_path, bank, ["", W, C["step"], ":part 1", ":hint", R["grad"]], work=work)
    assert "Part 1 of 3 · grad · 4 points" in text                           # its share of the assignment's 10
    assert "Score: 4 of 4 points." in after(text, C["step"])
    assert "Score: 2.6 of 4 points (attempt 2 can earn up to 3.6; 3.6 − 1 for hints)." in after(text, R["grad"])
    with open(tmp_path / "ana.csv", newline="", encoding="utf-8") as fh:
        rows = [(r["exercise"], r["answer"], r["hints"], r.get("attempts", "")) for r in csv.DictReader(fh)]
    assert rows == [(part_id(EX, "grad"), R["grad"], "1", "2"), (part_id(EX, "step"), C["step"], "0", "1")]
    again = AssignmentWork(quiz, bank, tmp_path / "ana.csv", "ana", "quiz.toml",
                           _earlier_answers(tmp_path / "ana.csv", "ana", quiz))  # a new session reads the file
    assert again.answered(EX) and not again.solved(EX)
    assert work.entries[part_id(EX, "step")].status == "incorrect"         # regraded once part 1 was fixed
    assert work.entries[part_id(EX, "grad")].status == "correct"
    assert f"Your submission (1 of 1 exercise answered)" in text


TERM = st.text("0123456789xyw.+-*/^ ", min_size=1, max_size=8)
ANSWER_TEXT = st.one_of(TERM, st.lists(TERM, min_size=2, max_size=3).map(lambda t: "(" + ", ".join(t) + ")"))
ANSWER_TEXT = ANSWER_TEXT.map(str.strip).filter(bool)  # an answer as typed: brackets balanced, no ';'


@given(st.dictionaries(st.sampled_from(["grad", "step", "loss"]), ANSWER_TEXT, min_size=1))
@settings(max_examples=60)
def test_the_stored_one_cell_answer_reads_back_as_the_answers(answers):
    names = ("grad", "step", "loss")
    assert split_answers(one_cell(answers, names), names) == answers


def test_progress_counts_the_whole_exercise_once_per_answer_and_lists_its_one_cell_answer(tmp_path, bank, capsys,
                                                                                          monkeypatch):
    from tutor.cli import main

    drive(tmp_path, bank, [f":open {EX}", W, C["step"]])
    monkeypatch.setenv("CALCTUTOR_HOME", str(tmp_path))
    assert main(["progress", "--user", "ana", "--bank", str(parts_bank.write(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert re.search(r"Gradient descent\s+0/2 solved\s+2 of 6 points", out)       # the whole exercise's credit
    assert "2 graded answers (0 correct), 0 hints, 0 solutions viewed." in out     # part rows are not counted twice
    assert f"fit-chain                    partial   2/5  grad: {W}; step: {C['step']}" in out
    assert "fit-chain.grad" not in out


def test_plot_draws_the_current_parts_figure(tmp_path, bank, monkeypatch):
    monkeypatch.setenv("CALCTUTOR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CALCTUTOR_NO_VIEWER", "1")
    text = drive(tmp_path, bank, [f":open {EX}", ":plot", ":part loss", ":plot"])
    saved = re.search(r"Figure saved: (\S+)", text).group(1)
    assert saved.endswith("fit-chain.grad-ana.png") and open(saved, "rb").read().startswith(b"\x89PNG")
    assert "This exercise has no figure." in after(text, ":plot")            # the loss part (a number) has none


def test_an_assignment_without_hints_says_so_for_a_part_with_hints_and_refuses_solutions(tmp_path, bank):
    quiz = Assignment(title="Quiz", exercises=(EX,), points={EX: 5.0}, options={"hints": False})
    work = AssignmentWork(quiz, bank, tmp_path / "ana.csv", "ana", "quiz.toml")
    text = drive(tmp_path, bank, ["", ":hint", ":part loss", ":hint", ":solution"], work=work)
    assert "No hints in this assignment." in text.split(f"{EX}> :part loss")[0]   # part 1 has hints, switched off
    assert "Part 3 (loss) has no hints." in after(text, ":hint")
    assert "Worked solutions are not shown while you work on an assignment" in after(text, ":solution")
    assert ":hint" not in text.split(f"{EX}> ")[0].split("Commands:")[1].split("\n")[0]


def test_in_an_assignment_an_answer_past_the_last_attempt_does_not_count_now_or_after_a_restart(tmp_path, bank):
    quiz = Assignment(title="Quiz", exercises=(EX,), points={EX: 5.0}, options={"max_attempts": 1})
    work = AssignmentWork(quiz, bank, tmp_path / "ana.csv", "ana", "quiz.toml")
    text = drive(tmp_path, bank, ["", W, ":part 1", R["grad"]], work=work)
    assert "you have used all 1 attempt, so this answer is practice" in after(text, R["grad"])
    assert "Not saved in" in after(text, R["grad"]) and "stays the one you gave within your attempts" in text
    again = AssignmentWork(quiz, bank, tmp_path / "ana.csv", "ana", "quiz.toml",
                           _earlier_answers(tmp_path / "ana.csv", "ana", quiz))
    assert again.entries[part_id(EX, "grad")].answer == W
    later = drive(tmp_path, bank, ["", ":part 1"], work=again)
    assert f"Your answer so far: {W} — Incorrect." in after(later, ":part 1")
