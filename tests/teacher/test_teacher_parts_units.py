"""Multi-part exercises in the batch modules: reading parts, gathering them, credits, decisions, journal, analysis.

The outcomes here are built by hand (no grading), so each test states the verdicts it
starts from and the credits the scoring policy must give them.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import exercises
from grader.batch import decisions as dec
from grader.batch import gradebook, review
from grader.batch.analysis import analyse
from grader.batch.assignment import load_assignment
from grader.batch.journal import Journal
from grader.batch.model import Answer, Decision, Outcome, PartAnswer, PartOutcome
from grader.batch.parts import combine, gather
from grader.batch.submissions import read_submissions

CHAIN = "line-fit-chain"  # loss 1 point, grad 2, step 2 (step refers to grad)
NAMES = ("loss", "grad", "step")


@pytest.fixture(scope="module")
def bank():
    return exercises.load()


def assignment(tmp_path: Path, extra: str = "") -> tuple:
    p = tmp_path / "a.toml"
    p.write_text(f'title = "T"\nexercises = ["{CHAIN}", "log-times-x"]\n{extra}', encoding="utf-8")
    return load_assignment(p)


# ------------------------------------------------------------------ reading


def test_a_part_column_and_a_dotted_exercise_name_the_same_part(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("student,exercise,part,answer,hints\n"
                 f"ana,{CHAIN},grad,\"(1, 2)\",1\n"
                 f"ana,{CHAIN}.step,,\"(3, 4)\",0\n"
                 f"ana,{CHAIN}.step,loss,5,0\n", encoding="utf-8")
    subs = read_submissions(f)
    assert [(k, a.text, a.hints) for k, a in subs.answers.items()] == [
        (("ana", f"{CHAIN}.grad"), "(1, 2)", 1), (("ana", f"{CHAIN}.step"), "(3, 4)", 0)]
    [p] = subs.problems
    assert p.line == 4 and "the part is named twice" in p.message


def test_jsonl_rows_take_a_part_field(tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps({"student": "ana", "exercise": CHAIN, "part": "loss", "answer": "4"}) + "\n")
    assert list(read_submissions(f).answers) == [("ana", f"{CHAIN}.loss")]


def _answers(*rows: tuple[str, str, str, int]) -> dict:
    return {(s, e): Answer(s, e, t, hints, "f.csv", n) for n, (s, e, t, hints) in enumerate(rows, start=2)}


def test_gather_makes_one_answer_per_exercise_in_part_order_and_later_answers_replace(bank):
    got = gather(_answers(("ana", f"{CHAIN}.step", "(1, 1)", 1), ("ana", CHAIN, "grad: (2, 2); loss: 4", 0),
                          ("ana", f"{CHAIN}.grad", "(3, 3)", 2), ("ana", "log-times-x", "ln(x)", 0)),
                 bank, (CHAIN, "log-times-x"))
    whole = got.answers[("ana", CHAIN)]
    assert [(p.name, p.text, p.hints) for p in whole.parts] == [("loss", "4", 0), ("grad", "(3, 3)", 2),
                                                                 ("step", "(1, 1)", 1)]
    assert whole.text == "loss: 4; grad: (3, 3); step: (1, 1)" and got.replaced == 1
    assert got.answers[("ana", "log-times-x")].text == "ln(x)" and not got.problems


def test_a_changed_part_changes_the_answers_digest_and_nothing_else_does(bank):
    def digest(step: str, hints: int = 0) -> str:
        return Answer("ana", CHAIN, "", 0, parts=(PartAnswer("grad", "(1, 2)"), PartAnswer("step", step, hints))).digest

    assert digest("(1, 1)") != digest("(1, 2)")
    assert digest("(1, 1)") == digest("(1, 1)", hints=2)  # hints change the credit, not the verdict


@pytest.mark.parametrize("exercise, text, hints, expected", [
    (f"{CHAIN}.gard", "(1, 2)", 0, "has no part 'gard' (did you mean 'grad'?); its parts are loss, grad, step"),
    ("log-times-x.a", "1", 0, "exercise 'log-times-x' has no parts"),
    (CHAIN, "grad: (1, 2); grad: (1, 3)", 0, "part 'grad' is answered twice"),
    (CHAIN, "(1, 2)", 0, "does not say which part it answers"),
    (CHAIN, "loss: 4; stepp: (1, 1)", 0, "there is no part 'stepp' (did you mean 'step'?)"),
])
def test_bad_part_rows_are_problems_with_their_line(bank, exercise, text, hints, expected):
    got = gather(_answers(("ana", exercise, text, hints)), bank, (CHAIN, "log-times-x"))
    [p] = got.problems
    assert expected in p.message and p.line == 2 and p.student == "ana"
    assert not got.answers


def test_hints_on_a_one_cell_row_are_reported_and_not_charged(bank):
    got = gather(_answers(("ana", CHAIN, "loss: 4; grad: (1, 2)", 2)), bank, (CHAIN,))
    [p] = got.problems
    assert "which part used them is not known" in p.message
    assert all(part.hints == 0 for part in got.answers[("ana", CHAIN)].parts)


# ------------------------------------------------------------------ credits


def outcome(student: str, *parts: tuple[str, str, float]) -> Outcome:
    po = tuple(PartOutcome(n, s, c, carried=s == "carried") for n, s, c in parts)
    return Outcome(student, CHAIN, "d", combine([p.status for p in po]), 0.0, parts=po)


def chain_answer(student: str, hints: dict | None = None, attempts: dict | None = None) -> Answer:
    hints, attempts = hints or {}, attempts or {}
    return Answer(student, CHAIN, "", parts=tuple(PartAnswer(n, "x", hints.get(n, 0), attempts.get(n, 1))
                                                  for n in NAMES))


def test_parts_share_the_assignments_points_as_the_bank_shares_them(tmp_path):
    a, bank = assignment(tmp_path, f'[points]\n{CHAIN} = 10\n')
    assert gradebook.part_points(a, bank[CHAIN]) == (("loss", 2.0), ("grad", 4.0), ("step", 4.0))
    book = gradebook.build(a, bank, ("ana",), {}, {})
    text = gradebook.render(book)
    assert text.splitlines()[:2] == [f"student,{CHAIN}.loss,{CHAIN}.grad,{CHAIN}.step,{CHAIN},log-times-x,total,percent",
                                     "points possible,2,4,4,10,2,12,100"]


def test_each_part_is_scored_with_its_own_attempt_and_hints(tmp_path):
    a, bank = assignment(tmp_path, "[options]\npenalty = 0.5\nhint_cost = 0.25\n")
    o = outcome("ana", ("loss", "correct", 1.0), ("grad", "correct", 1.0), ("step", "carried", 1.0))
    ans = chain_answer("ana", hints={"loss": 1}, attempts={"grad": 2})
    cell = gradebook.build(a, bank, ("ana",), {("ana", CHAIN): ans}, {("ana", CHAIN): o}).cells[("ana", CHAIN)]
    assert [(n, c.points) for n, c in cell.parts] == [("loss", 0.75), ("grad", 1.0), ("step", 2.0)]
    assert cell.points == 3.75 and cell.status == "partial"


def test_an_undecided_part_leaves_the_exercise_total_empty_until_the_teacher_decides(tmp_path):
    a, bank = assignment(tmp_path)
    o = outcome("ana", ("loss", "correct", 1.0), ("grad", "undecided", 0.0), ("step", "correct", 1.0))
    answers = {("ana", CHAIN): chain_answer("ana")}
    book = gradebook.build(a, bank, ("ana",), answers, {("ana", CHAIN): o})
    assert book.cells[("ana", CHAIN)].points is None and book.cell("ana", CHAIN, "grad").points is None
    assert gradebook.render(book).splitlines()[2] == "ana,1,,2,,0,3,42.9"  # the total counts what is decided
    rows = review.review_rows(("ana",), (CHAIN,), answers, {("ana", CHAIN): o}, ())
    assert [(r[0], r[1], r[2]) for r in rows] == [("ana", f"{CHAIN}.grad", "undecided")]
    decided = Decision("ana", f"{CHAIN}.grad", answers[("ana", CHAIN)].part("grad").digest, 1.5, "partial")
    active, fresh, stale = dec.settle([decided], {}, answers, ("ana",))
    assert fresh == [decided] and not stale
    book = dec.apply_book(book, active)
    assert (book.cell("ana", CHAIN, "grad").points, book.cells[("ana", CHAIN)].points) == (1.5, 4.5)
    assert book.cells[("ana", CHAIN)].status == "partial"
    assert review.waiting({("ana", CHAIN): o}, active) == 0


def test_a_part_decision_on_a_changed_part_is_stale(tmp_path):
    answers = {("ana", CHAIN): chain_answer("ana")}
    old = Decision("ana", f"{CHAIN}.grad", "not-this-answer", 2.0, "correct")
    active, _, stale = dec.settle([old], {}, answers, ("ana",))
    assert not active and [p.kind for p in stale] == ["stale decision"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["correct", "carried", "partial", "incorrect", "invalid", "missing"]),
                min_size=3, max_size=3),
       st.lists(st.floats(0, 1), min_size=3, max_size=3))
def test_the_exercise_cell_is_the_sum_of_its_part_cells(tmp_path_factory, statuses, credits):
    a, bank = assignment(tmp_path_factory.mktemp("a"))
    parts = [(n, s, c if s in ("correct", "carried", "partial") else 0.0) for n, s, c in zip(NAMES, statuses, credits)]
    o = outcome("ana", *parts)
    cell = gradebook.build(a, bank, ("ana",), {("ana", CHAIN): chain_answer("ana")}, {("ana", CHAIN): o}
                           ).cells[("ana", CHAIN)]
    assert cell.points == pytest.approx(round(sum(c.points or 0 for _, c in cell.parts), 2))
    assert 0 <= cell.points <= 5
    assert (cell.status == "correct") == all(s == "correct" for s in statuses)  # a carried part is never correct


def test_follow_through_from_the_assignment_reaches_the_grader(tmp_path, bank):
    from grader.batch.model import Job
    from grader.batch.work import Spec, grade_chunk
    from tutor import parse, to_text
    import sympy

    a, _ = assignment(tmp_path, "[options]\nfollow_through = 0.5\n")
    v = bank[CHAIN].variant_for("ben")
    wrong = sympy.Tuple(*(c + 1 for c in parse(v.part("grad").answer_text)))
    step = to_text(sympy.Tuple(1 - wrong[0] / 10, -wrong[1] / 10))
    parts = (("grad", to_text(wrong)), ("step", step))
    job = Job("ben", CHAIN, "", Answer("ben", CHAIN, "", parts=tuple(PartAnswer(*p) for p in parts)).digest, parts)
    [o] = grade_chunk(Spec(options=tuple(sorted(a.batch_options().items()))), [job])
    assert [(p.name, p.status, p.credit) for p in o.parts] == [("loss", "missing", 0.0), ("grad", "incorrect", 0.0),
                                                              ("step", "carried", 0.5)]
    assert o.status == "partial"
    [full] = grade_chunk(Spec(), [job])
    assert full.part("step").credit == 1.0  # the exercise's own follow_through


# ------------------------------------------------------------------ journal and analysis


def test_the_journal_keeps_the_parts_and_opens_a_journal_written_before_parts(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)  # the outcomes table as it was before multi-part exercises
    db.executescript("""CREATE TABLE outcomes (student TEXT NOT NULL, exercise TEXT NOT NULL, digest TEXT NOT NULL,
        status TEXT NOT NULL, score REAL NOT NULL, feedback TEXT NOT NULL, read_as TEXT NOT NULL,
        read_as_latex TEXT NOT NULL, mistake TEXT NOT NULL, error TEXT NOT NULL, details TEXT NOT NULL,
        note TEXT NOT NULL, variant TEXT NOT NULL, PRIMARY KEY (student, exercise));
        INSERT INTO outcomes VALUES ('ben', 'log-times-x', 'd', 'correct', 1.0, '', '', '', '', '', '[]', '', 'k');""")
    db.commit()
    db.close()
    o = replace(outcome("ana", ("loss", "correct", 1.0), ("grad", "incorrect", 0.0), ("step", "carried", 0.5)),
                score=0.4)
    with Journal(path) as j:
        j.record([o])
        j.commit()
    with Journal(path) as j:
        got = j.outcomes()
    assert got[("ana", CHAIN)] == o and got[("ben", "log-times-x")].parts == ()


def test_the_analysis_counts_each_parts_verdicts_and_carried_answers(tmp_path):
    a, bank = assignment(tmp_path)
    outcomes = {("ana", CHAIN): outcome("ana", ("loss", "correct", 1), ("grad", "correct", 1), ("step", "correct", 1)),
                ("ben", CHAIN): outcome("ben", ("loss", "correct", 1), ("grad", "incorrect", 0), ("step", "carried", 1)),
                ("cy", CHAIN): outcome("cy", ("loss", "invalid", 0), ("grad", "incorrect", 0), ("step", "carried", 1)),
                ("dee", CHAIN): outcome("dee", ("loss", "missing", 0), ("grad", "missing", 0), ("step", "incorrect", 0))}
    students = ("ana", "ben", "cy", "dee", "eli")
    answers = {k: chain_answer(k[0]) for k in outcomes}
    book = gradebook.build(a, bank, students, answers, outcomes)
    items = {i.exercise: i for i in analyse(book, answers, outcomes, {}).items}
    assert list(items) == [CHAIN, f"{CHAIN}.loss", f"{CHAIN}.grad", f"{CHAIN}.step", "log-times-x"]
    step = items[f"{CHAIN}.step"]
    assert (step.answered, step.correct, step.carried, step.incorrect, step.missing) == (4, 1, 2, 1, 1)
    assert step.success_rate == 0.25 and step.carried_rate == 0.5
    assert (items[f"{CHAIN}.loss"].answered, items[f"{CHAIN}.loss"].invalid) == (3, 1)
    assert items[f"{CHAIN}.step"].mean_points == round((2 + 2 + 2) / 5, 2)
    assert (items[CHAIN].correct, items[CHAIN].partial, items[CHAIN].incorrect) == (1, 2, 1)


def test_the_feedback_level_applies_to_every_part(bank):
    from grader.batch.model import Job
    from grader.batch.work import Spec, grade_chunk
    from tutor import parse, to_text
    import sympy

    v = bank[CHAIN].variant_for("ben")
    wrong = sympy.Tuple(*(c + 1 for c in parse(v.part("grad").answer_text)))
    parts = (("loss", "3x"), ("grad", to_text(wrong)), ("step", to_text(sympy.Tuple(1 - wrong[0] / 10, -wrong[1] / 10))))
    job = Job("ben", CHAIN, "", "d", parts)
    [exam] = grade_chunk(Spec(feedback="verdict"), [job])
    [guided] = grade_chunk(Spec(feedback="guided"), [job])
    assert [p.status for p in exam.parts] == [p.status for p in guided.parts] == ["incorrect", "incorrect", "carried"]
    assert [p.feedback for p in exam.parts] == ["", "", ""]  # the verdict word only, part by part
    assert all(p.feedback for p in guided.parts)
    assert re.match(r"Your step is right for the [a-z ]+ you found, but that [a-z ]+ was wrong", guided.part("step").feedback)


def test_a_multi_part_answer_stopped_at_the_hard_limit_waits_part_by_part(tmp_path):
    from grader.batch.model import Job
    from grader.batch.work import undecided_outcome

    job = Job("ana", CHAIN, "", "d", (("grad", "(1, 2)"), ("step", "(3, 4)")))
    o = undecided_outcome(job, "grading this answer did not finish within the time limit")
    assert [(p.name, p.status) for p in o.parts] == [("grad", "undecided"), ("step", "undecided")]
    a, bank = assignment(tmp_path)
    answers = {("ana", CHAIN): Answer("ana", CHAIN, "", parts=(PartAnswer("grad", "(1, 2)"), PartAnswer("step", "(3, 4)")))}
    rows = review.review_rows(("ana",), (CHAIN,), answers, {("ana", CHAIN): o}, ())
    assert [r[1] for r in rows] == [f"{CHAIN}.grad", f"{CHAIN}.step"]
    assert gradebook.build(a, bank, ("ana",), answers, {("ana", CHAIN): o}).cells[("ana", CHAIN)].points is None
    assert job.weight == 2 and Job("ana", "log-times-x", "1", "d").weight == 1


def test_a_regrade_lists_the_parts_whose_points_changed_under_their_exercise(tmp_path):
    from grader.batch import changes

    a, bank = assignment(tmp_path)
    answers = {("ana", CHAIN): chain_answer("ana"), ("ben", CHAIN): chain_answer("ben")}
    before = {("ana", CHAIN): outcome("ana", ("loss", "correct", 1.0), ("grad", "incorrect", 0.0), ("step", "incorrect", 0.0)),
              ("ben", CHAIN): outcome("ben", ("loss", "correct", 1.0), ("grad", "correct", 1.0), ("step", "correct", 1.0))}
    after = {**before, ("ana", CHAIN): outcome("ana", ("loss", "correct", 1.0), ("grad", "correct", 1.0),
                                               ("step", "carried", 1.0))}
    old, new = (gradebook.build(a, bank, ("ana", "ben"), answers, o) for o in (before, after))
    found = changes.compare(old, new, set(before), (CHAIN,), False)
    assert [(c.student, c.exercise, c.before, c.after, c.now) for c in found] == [
        ("ana", CHAIN, 1.0, 5.0, "partial"), ("ana", f"{CHAIN}.grad", 0.0, 2.0, "correct"),
        ("ana", f"{CHAIN}.step", 0.0, 2.0, "carried")]
    assert changes.summary(found).startswith("Regrade: 1 score changed (1 up")
