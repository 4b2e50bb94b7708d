"""The REPL and batch grading agree on a score for the same attempts (issue 13).

A sequence of answers goes through the REPL's session (``practice --assignment … --submit``); the
submission file it writes is then read and scored by the gradebook. The credit the REPL showed and
stored for the answer that counts must be the gradebook's cell, whatever the sequence: wrong tries,
unreadable answers (which use no attempt), undecided ones, hints, and a maximum of attempts.
"""
from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import repl_fakes as fakes
from grader.batch import gradebook
from grader.batch.assignment import Assignment
from grader.batch.model import Outcome
from grader.batch.submissions import read_submissions
from tutor.repl.assignment import AssignmentWork
from tutor.repl.session import Session
from tutor.repl.store import ProgressStore
from tutor.repl.terminal import Output, PlainReader

EXERCISE = "rules-2"
MOVES = ["6x", "6x", "x +", "slow", ":hint", "6x - 4"]  # wrong, wrong, invalid, undecided, a hint, right
RULES = st.fixed_dictionaries({}, optional={
    "penalty": st.sampled_from([0.0, 0.1, 0.25, 0.5]),
    "attempt_credit": st.sampled_from([(1.0, 0.7, 0.4), (1.0, 0.5)]),
    "max_attempts": st.integers(1, 4),
    "hint_cost": st.sampled_from([0.0, 0.5, 1.0]),
})


def _assignment(options: dict) -> Assignment:
    return Assignment(title="Quiz", exercises=(EXERCISE,), points={EXERCISE: 4.0}, options=options)


def _practise(folder, moves: list[str], options: dict) -> tuple[AssignmentWork, ProgressStore]:
    work = AssignmentWork(_assignment(options), fakes.small_bank(), folder / "answers.csv", "ana", "quiz.toml")
    out = Output(io.StringIO(), width=78)
    store = ProgressStore(folder / "progress.sqlite3")
    session = Session(user="ana", out=out, store=store, bank=work.bank, work=work, grade=fakes.grade)
    session.reader = PlainReader(io.StringIO("".join(m + "\n" for m in ["", *moves])), out)
    session.run()
    return work, store


def _gradebook_cell(work: AssignmentWork) -> gradebook.Cell:
    subs = read_submissions(work.path)
    answer = subs.answers[("ana", EXERCISE)]
    bank = work.bank
    variant = bank[EXERCISE].variant_for("ana")
    verdict = fakes.grade(variant, answer.text)
    outcome = Outcome("ana", EXERCISE, answer.digest, verdict.status, verdict.score)
    book = gradebook.build(work.assignment, bank, ("ana",), subs.answers, {("ana", EXERCISE): outcome})
    return book.cells[("ana", EXERCISE)]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(moves=st.lists(st.sampled_from(MOVES), min_size=1, max_size=7), options=RULES)
def test_the_repl_and_the_gradebook_give_the_same_credit(tmp_path_factory, moves, options):
    folder = tmp_path_factory.mktemp("agree")
    work, store = _practise(folder, moves, options)
    within, used = [], 0  # answers given while attempts were left (invalid ones are never kept)
    for a in store.attempts("ana", EXERCISE):
        if a.status != "invalid" and used < options.get("max_attempts", 99):
            within.append(a)
        used += a.status in ("correct", "partial", "incorrect")
    store.close()
    if not within:
        assert not work.path.exists()
        return
    kept = within[-1]  # the latest answer within the attempts is the one the file holds
    cell = _gradebook_cell(work)
    assert cell.status == kept.status
    if kept.status == "undecided":
        assert cell.points is None
    else:
        assert cell.points == kept.credit
        assert cell.attempts == kept.attempt


def test_a_worked_example_wrong_invalid_undecided_hint_right(tmp_path):
    """Two wrong tries, then an unreadable and an undecided answer (no attempt used), a hint, and
    the right answer: the third attempt, worth 0.8 of 4 points, less the 1-point hint."""
    work, store = _practise(tmp_path, ["6x", "6x", "x +", "slow", ":hint", "6x - 4"], {"hint_cost": 1.0})
    attempts = [(a.status, a.attempt, a.credit) for a in store.attempts("ana", EXERCISE)]
    store.close()
    assert attempts == [("incorrect", 1, 0), ("incorrect", 2, 0), ("invalid", 0, 0), ("undecided", 0, 0),
                        ("correct", 3, 2.2)]
    cell = _gradebook_cell(work)
    assert (cell.status, cell.points, cell.attempts, cell.available) == ("correct", 2.2, 3, 3.2)
