"""Grading in workers: shared variants, the hard time limit, dead workers, the journal."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

import exercises
from grader.batch.journal import Journal, JournalError
from grader.batch.model import Answer, Job, Outcome
from grader.batch.scheduler import LocalScheduler
from grader.batch.work import Spec, Variants, grade_chunk, variant_key

from teacher_checks import CRASH, HANG, hang_or_crash


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def job(student: str, exercise: str, text: str) -> Job:
    return Job(student, exercise, text, Answer(student, exercise, text).digest)


@pytest.mark.parametrize("ex_id", ["tangent-line-course", "gd-one-step-quartic", "level-curve-plane-equation"])
def test_students_with_the_same_key_get_the_same_variant(bank, ex_id):
    ex = bank[ex_id]
    variants = Variants(bank)
    students = [f"s{i}" for i in range(40)]
    by_key: dict[str, list[str]] = {}
    for s in students:
        by_key.setdefault(variant_key(ex, s), []).append(s)
    assert len(by_key) < len(students)  # students share variants
    for key, group in list(by_key.items())[:3]:
        for s in group[:3]:
            shared, k = variants.get(ex_id, s)
            own = ex.variant_for(s)
            assert k == key and shared.seed == own.seed
            assert (shared.prompt, shared.answer_text, [m.key for m in shared.mistakes]) == \
                   (own.prompt, own.answer_text, [m.key for m in own.mistakes])


def test_a_chunk_grades_right_wrong_and_unreadable_answers(bank):
    ex = bank["log-times-x"]
    v = ex.variant_for("ana")
    from tutor import to_text

    wrong = to_text(v.mistakes[0].expr)
    out = grade_chunk(Spec(), [job("ana", ex.id, v.answer_text), job("ana", ex.id, wrong), job("ana", ex.id, "2x +")])
    assert [o.status for o in out] == ["correct", "incorrect", "invalid"]
    assert out[1].mistake == v.mistakes[0].key and out[1].read_as
    assert out[2].error and not out[2].read_as
    assert out[0].variant == variant_key(ex, "ana")


def test_an_exercise_missing_from_the_bank_is_undecided_not_wrong():
    [o] = grade_chunk(Spec(), [job("ana", "no-such-exercise", "1")])
    assert o.status == "undecided" and "could not be set up" in o.note


def test_a_hanging_answer_is_stopped_and_the_rest_of_its_chunk_graded(bank):
    ex = bank["slope-of-course-quadratic"]
    students = [f"h{i}" for i in range(6)]
    jobs = [job(s, ex.id, ex.variant_for(s).answer_text) for s in students]
    jobs[2] = job("h2", ex.id, CRASH)  # the chunk's worker dies: each answer is graded again alone
    jobs[4] = job("h4", ex.id, HANG)  # ... and this one, alone, runs out of time
    with LocalScheduler(Spec(check=hang_or_crash), workers=1, time_limit=1.0) as scheduler:
        outcomes = {o.student: o for chunk in scheduler.run([jobs]) for o in chunk}
    assert set(outcomes) == set(students)
    assert outcomes["h4"].status == "undecided" and "did not finish within the time limit" in outcomes["h4"].note
    assert outcomes["h2"].status == "undecided" and "exit code 7" in outcomes["h2"].note
    assert "not counted as wrong" in outcomes["h4"].feedback
    assert all(outcomes[s].status == "correct" for s in ("h0", "h1", "h3", "h5"))


def test_work_spreads_over_workers_and_every_answer_comes_back_once(bank):
    groups = []
    for ex_id in ("forward-difference", "lr-too-small", "ratio-of-intervals-course"):
        ex = bank[ex_id]
        groups.append([job(f"w{i}", ex_id, ex.variant_for(f"w{i}").answer_text) for i in range(11)])
    with LocalScheduler(Spec(), workers=2, time_limit=20) as scheduler:
        seen = [o for chunk in scheduler.run(groups) for o in chunk]
    assert sorted(o.key for o in seen) == sorted((j.student, j.exercise) for g in groups for j in g)
    assert {o.status for o in seen} == {"correct"}


# -------------------------------------------------------------------- journal


def outcome(student: str, status: str = "correct", score: float = 1.0) -> Outcome:
    return Outcome(student, "ex", "d1", status, score, "Fine.", "2*x", "2 x", "", "",
                   (("x", "correct", "ok"),), "", "k1")


def test_the_journal_keeps_outcomes_exactly(tmp_path):
    meta = {"assignment": "a", "bank": "b", "options": "{}", "version": "1"}
    with Journal(tmp_path / "j.sqlite", batch=2) as j:
        j.start(meta, resume=False, regrade=False)
        j.record([outcome("ana", score=1 / 3), outcome("ben", "invalid", 0.0)])
        j.record([outcome("ana", "partial", 0.5)])  # replaces ana's
    with Journal(tmp_path / "j.sqlite") as j:
        got = j.outcomes()
    assert got[("ana", "ex")] == outcome("ana", "partial", 0.5)
    assert got[("ben", "ex")].details == (("x", "correct", "ok"),)


def test_small_batches_are_committed_while_the_run_goes_on(tmp_path):
    j = Journal(tmp_path / "j.sqlite", batch=3, seconds=3600)
    j.start({"assignment": "a"}, resume=False, regrade=False)
    j.record([outcome(f"s{i}") for i in range(2)])
    other = sqlite3.connect(str(tmp_path / "j.sqlite"))
    assert other.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0] == 0  # not yet committed
    j.record([outcome("s9")])
    assert other.execute("SELECT COUNT(*) FROM outcomes").fetchone()[0] == 3
    j.close()


def test_a_journal_is_reused_when_nothing_changed_and_refused_saying_what_changed(tmp_path):
    meta = {"options": "{}", "version": "1", "exercise:ex": "d1", "exercise:other": "d2"}
    with Journal(tmp_path / "j.sqlite") as j:
        j.start(meta, resume=False, regrade=False)
        j.record([outcome("ana"), replace(outcome("ben"), exercise="other")])
    with Journal(tmp_path / "j.sqlite") as j:
        again = j.start(meta, resume=False, regrade=False)  # nothing changed: the run simply continues
        assert again.kept == 2 and "are unchanged" in again.note and "--regrade" in again.note
        assert j.start(meta, resume=True, regrade=False).note == ""  # asked for: nothing to say
        with pytest.raises(JournalError, match="different grading settings and calctutor version"):
            j.start({**meta, "options": "{1}", "version": "2"}, resume=True, regrade=False)
        with pytest.raises(JournalError, match="earlier version of exercise ex .*--regrade to grade the answers "
                                               "to the changed exercises again"):
            j.start({**meta, "exercise:ex": "d3"}, resume=False, regrade=False)
        # a new exercise in the assignment is not a change: its answers are simply graded
        assert j.start({**meta, "exercise:new": "d9"}, resume=False, regrade=False).kept == 2
        fixed = j.start({**meta, "exercise:ex": "d3"}, resume=False, regrade=True)  # only ex is graded again
        assert fixed.regraded == ("ex",) and not fixed.everything and set(j.outcomes()) == {("ben", "other")}
        everything = j.start({**meta, "exercise:ex": "d3", "version": "3"}, resume=False, regrade=True)
        assert everything.everything and j.count() == 0 and j.meta()["version"] == "3"


def test_a_file_that_is_not_a_journal_is_refused(tmp_path):
    (tmp_path / "j.sqlite").write_text("just text, not a database " * 50)
    with pytest.raises(JournalError, match="cannot use this file as a journal"):
        Journal(tmp_path / "j.sqlite")
